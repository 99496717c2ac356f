package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
)

// TestTokenCreateRefusesBadLifetimes: `ttdn token create --ttl -5s` once made
// a token that never expired. Zero, negative, sub-minute and over-a-year
// lifetimes are refused with a message, and no token is made; the bounds
// themselves are accepted.
func TestTokenCreateRefusesBadLifetimes(t *testing.T) {
	data := t.TempDir()
	ctx := context.Background()
	if err := run(ctx, []string{"user", "add", "--data", data, "--username", "chu.ma", "--role", "admin", "--password-stdin"},
		strings.NewReader("mat-khau-rat-dai-2019\n"), io.Discard, io.Discard); err != nil {
		t.Fatalf("user add: %v", err)
	}
	for _, ttl := range []string{"-5s", "0", "0s", "-720h", "30s", "1ns", "8785h", "87600h", "2562047h"} {
		var out bytes.Buffer
		err := run(ctx, []string{"token", "create", "--data", data, "--username", "chu.ma", "--ttl", ttl}, nil, &out, io.Discard)
		if err == nil || ttdn.ErrorCode(err) != ttdn.EINVALID || !strings.Contains(errorText(err), "Thời hạn") {
			t.Errorf("--ttl %s: %v", ttl, err)
		}
		if out.Len() != 0 {
			t.Errorf("--ttl %s printed %q", ttl, out.String())
		}
	}
	for _, ttl := range []string{"1m", "720h", "8784h"} {
		var out bytes.Buffer
		if err := run(ctx, []string{"token", "create", "--data", data, "--username", "chu.ma", "--ttl", ttl}, nil, &out, io.Discard); err != nil ||
			!strings.HasPrefix(out.String(), sqlstore.TokenPrefix) {
			t.Errorf("--ttl %s: %q %v", ttl, out.String(), err)
		}
	}
	db, err := sqlstore.Open(ctx, sqlstore.Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	sys := ttdn.NewSystemContext(ctx)
	users, _, err := sqlstore.NewUserService(db).FindUsers(sys, ttdn.UserFilter{Limit: 10})
	if err != nil || len(users) != 1 {
		t.Fatalf("users: %d, %v", len(users), err)
	}
	toks, err := sqlstore.NewAccountService(db).FindUserTokens(sys, users[0].ID)
	if err != nil || len(toks) != 3 {
		t.Fatalf("%d tokens stored, %v; want the 3 good ones", len(toks), err)
	}
	for _, tok := range toks {
		if tok.ExpiresAt.IsZero() || tok.ExpiresAt.After(time.Now().Add(ttdn.MaxTokenTTL)) {
			t.Errorf("token #%d expires %v", tok.ID, tok.ExpiresAt)
		}
	}
}
