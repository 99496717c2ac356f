package main

import (
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"ttdn/feed"
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

// TestSignOnThroughGuard: the OpenID client reaches the issuer the
// operator named (here on loopback), but an endpoint its discovery
// document points to on another internal address — a token endpoint on
// another loopback port, or a redirect there — is refused before any
// byte reaches it, unless the feed allow-list names it. Only loopback
// listeners are used.
func TestSignOnThroughGuard(t *testing.T) {
	for _, k := range []string{"TTDN_OIDC_ISSUER", "TTDN_OIDC_CLIENT_ID", "TTDN_OIDC_CLIENT_SECRET_FILE", "TTDN_OIDC_REDIRECT_URL"} {
		t.Setenv(k, "")
	}
	var internalHits atomic.Int64
	internal := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		internalHits.Add(1)
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"access_token":"x","id_token":"y"}`)
	}))
	defer internal.Close()
	var issuer *httptest.Server
	issuer = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/.well-known/openid-configuration":
			w.Header().Set("Content-Type", "application/json")
			_ = json.NewEncoder(w).Encode(map[string]any{"issuer": issuer.URL, "authorization_endpoint": issuer.URL + "/auth",
				"token_endpoint": internal.URL + "/token", "jwks_uri": issuer.URL + "/jwks"})
		case "/hop":
			http.Redirect(w, r, internal.URL+"/x", http.StatusFound)
		default:
			w.WriteHeader(http.StatusOK)
		}
	}))
	defer issuer.Close()

	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	var f signOnFlags
	f.register(fs)
	if err := fs.Parse([]string{"--oidc-issuer", issuer.URL, "--oidc-client-id", "ttdn", "--oidc-redirect-url", "https://ttdn.example/cb"}); err != nil {
		t.Fatal(err)
	}
	c, err := f.client()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.AuthURL(t.Context(), "s", "n", "v"); err != nil {
		t.Fatalf("the issuer the operator named is refused: %v", err)
	}
	if _, err := c.Exchange(t.Context(), "code", "v"); !errors.Is(err, feed.ErrBlocked) || internalHits.Load() != 0 {
		t.Fatalf("a token endpoint on another internal address: %v, %d requests reached it", err, internalHits.Load())
	}
	hc, err := signOnHTTPClient(issuer.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp, err := hc.Get(issuer.URL + "/hop"); err == nil {
		resp.Body.Close()
		t.Fatalf("a redirect to another internal address was followed: %s", resp.Status)
	} else if !errors.Is(err, feed.ErrBlocked) || internalHits.Load() != 0 {
		t.Fatalf("redirect: %v, %d requests reached it", err, internalHits.Load())
	}
	// Named on the allow-list, the other host is reached.
	c, err = f.client(strings.TrimPrefix(internal.URL, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exchange(t.Context(), "code", "v"); internalHits.Load() != 1 {
		t.Fatalf("an allowed host was not reached: %v", err)
	}
}
