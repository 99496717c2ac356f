package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"ttdn"
	"ttdn/demo"
	"ttdn/sqlstore"
)

// `ttdn demo` and `serve --demo` on a database that holds real accounts
// refuse with a message and create no account with the published password.
func TestDemoRefusesRealDatabase(t *testing.T) {
	data := t.TempDir()
	if err := run(context.Background(), []string{"user", "add", "--data", data, "--username", "quantri.tinh", "--role", "admin", "--password-stdin"},
		strings.NewReader("mat-khau-cua-tinh-2025\n"), io.Discard, io.Discard); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"demo"}, {"serve", "--demo", "--addr", "127.0.0.1:0"}} {
		var out bytes.Buffer
		err := run(context.Background(), append(args, "--data", data), nil, &out, io.Discard)
		if ttdn.ErrorCode(err) != ttdn.ECONFLICT || !strings.Contains(errorText(err), "không phải cơ sở dữ liệu mẫu") {
			t.Fatalf("%s on a real database: %v", args[0], err)
		}
		if strings.Contains(out.String(), demo.Password) {
			t.Fatalf("%s printed the demo log-ins: %s", args[0], out.String())
		}
	}
	db, err := sqlstore.Open(context.Background(), sqlstore.Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	users, _, err := sqlstore.NewUserService(db).FindUsers(ttdn.NewSystemContext(context.Background()), ttdn.UserFilter{Limit: 100})
	if err != nil || len(users) != 1 || users[0].Username != "quantri.tinh" {
		t.Fatalf("accounts after the refusals: %d %v", len(users), err)
	}
}

// The quick start — `serve --demo` — works twice in a row on the same data
// directory, and `ttdn demo` after it too.
func TestServeDemoTwice(t *testing.T) {
	data := t.TempDir()
	for range 2 {
		ctx, cancel := context.WithCancel(context.Background())
		pr, pw := io.Pipe()
		done := make(chan error, 1)
		go func() {
			done <- run(ctx, []string{"serve", "--demo", "--data", data, "--addr", "127.0.0.1:0"}, nil, pw, io.Discard)
			pw.Close()
		}()
		base := waitListening(t, pr)
		go io.Copy(io.Discard, pr)
		resp, err := http.Get(base + "/readyz")
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("readyz: %v %v", resp, err)
		}
		resp.Body.Close()
		cancel()
		if err := <-done; err != nil {
			t.Fatalf("serve --demo: %v", err)
		}
	}
	if out := mustRun(t, "demo", "--data", data); !strings.Contains(out, demo.Password) {
		t.Fatalf("demo on a demo database: %s", out)
	}
}
