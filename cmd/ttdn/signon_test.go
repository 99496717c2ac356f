package main

import (
	"flag"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestSignOnFlags: off without an issuer; refused when half configured;
// the secret is read from its file.
func TestSignOnFlags(t *testing.T) {
	parse := func(args ...string) (*signOnFlags, error) {
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		var f signOnFlags
		f.register(fs)
		if err := fs.Parse(args); err != nil {
			t.Fatal(err)
		}
		return &f, nil
	}
	for _, k := range []string{"TTDN_OIDC_ISSUER", "TTDN_OIDC_CLIENT_ID", "TTDN_OIDC_CLIENT_SECRET_FILE", "TTDN_OIDC_REDIRECT_URL"} {
		t.Setenv(k, "")
	}
	f, _ := parse()
	if c, err := f.client(); c != nil || err != nil {
		t.Errorf("no flags: %v %v", c, err)
	}
	f, _ = parse("--oidc-issuer", "https://sso.example")
	if _, err := f.client(); err == nil {
		t.Error("half a configuration accepted")
	}
	secret := filepath.Join(t.TempDir(), "secret")
	if err := os.WriteFile(secret, []byte("bi-mat\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	f, _ = parse("--oidc-issuer", "https://sso.example", "--oidc-client-id", "ttdn", "--oidc-redirect-url", "https://ttdn.example/login/oidc/callback",
		"--oidc-client-secret-file", secret)
	if c, err := f.client(); c == nil || err != nil {
		t.Errorf("full configuration: %v", err)
	}
	f, _ = parse("--oidc-issuer", "https://sso.example", "--oidc-client-id", "ttdn", "--oidc-redirect-url", "https://ttdn.example/cb",
		"--oidc-client-secret-file", filepath.Join(t.TempDir(), "missing"))
	if _, err := f.client(); err == nil {
		t.Error("a missing secret file accepted")
	}
}
