// Package oidc logs people in through the province's central
// authentication service with OpenID Connect: the authorisation code flow
// with PKCE (S256), state and nonce, the provider's discovery document and
// keys (JWKS), and ID tokens verified here, with the standard library:
// RS256 signature, issuer, audience, expiry and nonce. It touches no
// database; the web server maps the verified identity to an account.
package oidc

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Config is what the operator configures (serve flags or environment).
type Config struct {
	Issuer       string // https://sso.tayninh.gov.vn/realms/tinh — as in the discovery document
	ClientID     string
	ClientSecret string // read from a file; never a flag value
	RedirectURL  string // https://ttdn.tayninh.gov.vn/login/oidc/callback
	// HTTPClient talks to the provider (nil: a client with a 10 s timeout).
	HTTPClient *http.Client
	// Now is the clock tokens are checked against (nil: time.Now).
	Now func() time.Time
}

// Client is a configured relying party. It loads the discovery document
// on first use and the keys when it meets a key id it does not know.
type Client struct {
	cfg Config

	mu        sync.Mutex
	discovery *discovery
	keys      map[string]any // kid → *rsa.PublicKey
	keysAt    time.Time
}

type discovery struct {
	Issuer                string   `json:"issuer"`
	AuthorizationEndpoint string   `json:"authorization_endpoint"`
	TokenEndpoint         string   `json:"token_endpoint"`
	JWKSURI               string   `json:"jwks_uri"`
	CodeChallengeMethods  []string `json:"code_challenge_methods_supported"`
}

// New returns a client for cfg after checking it is complete.
func New(cfg Config) (*Client, error) {
	if cfg.Issuer == "" || cfg.ClientID == "" || cfg.RedirectURL == "" {
		return nil, errors.New("oidc: issuer, client id and redirect URL are required")
	}
	if u, err := url.Parse(cfg.RedirectURL); err != nil || u.Host == "" {
		return nil, fmt.Errorf("oidc: bad redirect URL %q", cfg.RedirectURL)
	}
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: 10 * time.Second}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	cfg.Issuer = strings.TrimSuffix(cfg.Issuer, "/")
	return &Client{cfg: cfg}, nil
}

// Issuer returns the configured issuer.
func (c *Client) Issuer() string { return c.cfg.Issuer }

// Random returns a fresh URL-safe random string (state, nonce, verifier).
func Random() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return base64.RawURLEncoding.EncodeToString(b)
}

// Challenge is the S256 code challenge of a PKCE verifier.
func Challenge(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

func (c *Client) getJSON(ctx context.Context, u string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := c.cfg.HTTPClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("oidc: %s answered %s", u, resp.Status)
	}
	return json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(v)
}

// provider returns the discovery document, loading it once.
func (c *Client) provider(ctx context.Context) (*discovery, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.discovery != nil {
		return c.discovery, nil
	}
	var d discovery
	if err := c.getJSON(ctx, c.cfg.Issuer+"/.well-known/openid-configuration", &d); err != nil {
		return nil, err
	}
	// The document must be the issuer's own (OpenID Connect Discovery §4.3).
	if strings.TrimSuffix(d.Issuer, "/") != c.cfg.Issuer {
		return nil, fmt.Errorf("oidc: discovery names issuer %q, not %q", d.Issuer, c.cfg.Issuer)
	}
	if d.AuthorizationEndpoint == "" || d.TokenEndpoint == "" || d.JWKSURI == "" {
		return nil, errors.New("oidc: the discovery document lacks an endpoint")
	}
	c.discovery = &d
	return c.discovery, nil
}

// AuthURL is where the browser goes to log in.
func (c *Client) AuthURL(ctx context.Context, state, nonce, verifier string) (string, error) {
	d, err := c.provider(ctx)
	if err != nil {
		return "", err
	}
	q := url.Values{"response_type": {"code"}, "client_id": {c.cfg.ClientID}, "redirect_uri": {c.cfg.RedirectURL},
		"scope": {"openid profile email"}, "state": {state}, "nonce": {nonce},
		"code_challenge": {Challenge(verifier)}, "code_challenge_method": {"S256"}}
	sep := "?"
	if strings.Contains(d.AuthorizationEndpoint, "?") {
		sep = "&"
	}
	return d.AuthorizationEndpoint + sep + q.Encode(), nil
}

// Exchange trades the code (with the PKCE verifier) for an ID token.
func (c *Client) Exchange(ctx context.Context, code, verifier string) (string, error) {
	d, err := c.provider(ctx)
	if err != nil {
		return "", err
	}
	form := url.Values{"grant_type": {"authorization_code"}, "code": {code}, "redirect_uri": {c.cfg.RedirectURL},
		"code_verifier": {verifier}, "client_id": {c.cfg.ClientID}}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.TokenEndpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	if c.cfg.ClientSecret != "" { // client_secret_basic (RFC 6749 §2.3.1)
		req.SetBasicAuth(url.QueryEscape(c.cfg.ClientID), url.QueryEscape(c.cfg.ClientSecret))
	}
	resp, err := c.cfg.HTTPClient.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var tok struct {
		IDToken string `json:"id_token"`
		Error   string `json:"error"`
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&tok); err != nil {
		return "", fmt.Errorf("oidc: token response: %w", err)
	}
	if resp.StatusCode != http.StatusOK || tok.Error != "" {
		return "", fmt.Errorf("oidc: token endpoint answered %s %s", resp.Status, tok.Error)
	}
	if tok.IDToken == "" {
		return "", errors.New("oidc: no id_token in the token response")
	}
	return tok.IDToken, nil
}
