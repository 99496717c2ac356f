package oidc_test

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"ttdn/oidc"
	"ttdn/oidc/oidctest"
)

// login runs the code flow against p and returns the verified claims.
func login(t *testing.T, c *oidc.Client, nonceSent, nonceExpected string) (*oidc.Claims, error) {
	t.Helper()
	ctx := context.Background()
	state, verifier := oidc.Random(), oidc.Random()
	auth, err := c.AuthURL(ctx, state, nonceSent, verifier)
	if err != nil {
		t.Fatal(err)
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(auth)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	back, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || back.Query().Get("state") != state {
		t.Fatalf("provider answered %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	raw, err := c.Exchange(ctx, back.Query().Get("code"), verifier)
	if err != nil {
		t.Fatal(err)
	}
	return c.Verify(ctx, raw, nonceExpected)
}

// TestCodeFlow logs in through a provider started here, then spoils the
// token one way at a time: each is refused for its reason.
func TestCodeFlow(t *testing.T) {
	p := oidctest.Start(t, "ttdn", "bi-mat-khach")
	c, err := oidc.New(oidc.Config{Issuer: p.Issuer(), ClientID: "ttdn", ClientSecret: "bi-mat-khach", RedirectURL: "https://ttdn.example/login/oidc/callback"})
	if err != nil {
		t.Fatal(err)
	}
	p.LogInAs(map[string]any{"sub": "42", "preferred_username": "ngoaivu", "email": "nv@tayninh.gov.vn", "email_verified": true, "name": "Trần Thị Ngoại Vụ"})
	cl, err := login(t, c, "n1", "n1")
	if err != nil {
		t.Fatal(err)
	}
	if cl.Subject != "42" || cl.PreferredUsername != "ngoaivu" || !cl.EmailVerified || cl.Name != "Trần Thị Ngoại Vụ" {
		t.Errorf("claims %+v", cl)
	}
	for _, c2 := range []struct {
		name    string
		spoil   func(map[string]any)
		foreign bool
		nonce   string
		want    error
	}{
		{"wrong nonce", nil, false, "other", oidc.ErrNonce},
		{"wrong audience", func(m map[string]any) { m["aud"] = "another-app" }, false, "n1", oidc.ErrAudience},
		{"several audiences, azp not us", func(m map[string]any) { m["aud"] = []string{"ttdn", "x"}; m["azp"] = "x" }, false, "n1", oidc.ErrAudience},
		{"expired", func(m map[string]any) { m["exp"] = time.Now().Add(-10 * time.Minute).Unix() }, false, "n1", oidc.ErrExpired},
		{"bad signature", nil, true, "n1", oidc.ErrSignature},
		{"wrong issuer", func(m map[string]any) { m["iss"] = "https://evil.example" }, false, "n1", oidc.ErrIssuer},
	} {
		p.SpoilNext(c2.spoil, c2.foreign)
		if _, err := login(t, c, "n1", c2.nonce); !errors.Is(err, c2.want) {
			t.Errorf("%s: %v, want %v", c2.name, err, c2.want)
		}
	}
}

// TestForgedAlgorithms: "none" and a token with a changed payload are
// refused whatever they claim.
func TestForgedAlgorithms(t *testing.T) {
	p := oidctest.Start(t, "ttdn", "s")
	c, _ := oidc.New(oidc.Config{Issuer: p.Issuer(), ClientID: "ttdn", ClientSecret: "s", RedirectURL: "https://ttdn.example/cb"})
	ctx := context.Background()
	none := "eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0."
	if _, err := c.Verify(ctx, none, "n"); !errors.Is(err, oidc.ErrSignature) {
		t.Errorf("alg none: %v", err)
	}
	p.LogInAs(map[string]any{"sub": "1"})
	if _, err := login(t, c, "n", "n"); err != nil {
		t.Fatal(err)
	}
	// A valid token with its payload swapped for another user's.
	good := strings.Split(mustToken(t, c, p), ".")
	forged := good[0] + ".eyJzdWIiOiJhZG1pbiJ9." + good[2]
	if _, err := c.Verify(ctx, forged, "n"); !errors.Is(err, oidc.ErrSignature) {
		t.Errorf("swapped payload: %v", err)
	}
}

func mustToken(t *testing.T, c *oidc.Client, p *oidctest.Provider) string {
	state, verifier := oidc.Random(), oidc.Random()
	auth, _ := c.AuthURL(context.Background(), state, "n", verifier)
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(auth)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	back, _ := url.Parse(resp.Header.Get("Location"))
	raw, err := c.Exchange(context.Background(), back.Query().Get("code"), verifier)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// TestExchangeNeedsVerifier: the provider refuses a code exchanged with
// another verifier (PKCE), and the client says so.
func TestExchangeNeedsVerifier(t *testing.T) {
	p := oidctest.Start(t, "ttdn", "s")
	c, _ := oidc.New(oidc.Config{Issuer: p.Issuer(), ClientID: "ttdn", ClientSecret: "s", RedirectURL: "https://ttdn.example/cb"})
	auth, _ := c.AuthURL(context.Background(), "st", "n", oidc.Random())
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noFollow.Get(auth)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	back, _ := url.Parse(resp.Header.Get("Location"))
	if _, err := c.Exchange(context.Background(), back.Query().Get("code"), oidc.Random()); err == nil {
		t.Error("a code was exchanged with the wrong verifier")
	}
}
