package main

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"
)

// A PostgreSQL URL's password never reaches what a command prints: its
// error (on a host nobody answers, loopback port 1), its usage text when
// TTDN_DB holds the URL, and the server's log.
func TestCommandOutputHidesDatabasePassword(t *testing.T) {
	const dsn = "postgres://ttdn:S3cretA@127.0.0.1:1/ttdn?sslmode=disable&password=S3cretB"
	check := func(what string, texts ...string) {
		t.Helper()
		for _, s := range texts {
			if strings.Contains(s, "S3cret") {
				t.Errorf("%s shows the password: %s", what, s)
			}
		}
	}
	for _, args := range [][]string{
		{"migrate", "--db", dsn, "--data", t.TempDir()},
		{"backup", "--db", "postgres://ttdn:S3cretA x@127.0.0.1:1/ttdn", "--out", "x", "--data", t.TempDir()},
	} {
		var out, errOut bytes.Buffer
		err := run(context.Background(), args, nil, &out, &errOut)
		if err == nil {
			t.Fatalf("%s reached a database", args[0])
		}
		check(args[0], errorText(err), out.String(), errOut.String())
	}

	t.Setenv("TTDN_DB", dsn)
	var errOut bytes.Buffer
	if err := run(context.Background(), []string{"migrate", "--no-such-flag"}, nil, &bytes.Buffer{}, &errOut); err == nil {
		t.Fatal("an unknown flag was accepted")
	}
	if !strings.Contains(errOut.String(), "-db") {
		t.Fatalf("no usage printed: %s", errOut.String())
	}
	check("usage", errOut.String())

	var logged bytes.Buffer
	log := newLogger(&logged).With("db", dsn)
	log.Error("open "+dsn, "err", errors.New("connect to "+dsn), "dsn", dsn, slog.Group("g", "dsn", dsn))
	check("log", logged.String())
	if !strings.Contains(logged.String(), "ttdn:xxxxx@127.0.0.1:1") {
		t.Fatalf("log line lost its content: %s", logged.String())
	}
}
