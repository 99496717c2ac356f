// Package oidctest is an OpenID provider for tests: discovery, an
// authorisation endpoint that logs in whoever the test says, a token
// endpoint that checks the PKCE verifier and the client's secret, and
// real RS256-signed ID tokens — which a test may spoil one way at a time.
package oidctest

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Provider is a running test provider.
type Provider struct {
	Server       *httptest.Server
	ClientID     string
	ClientSecret string
	Now          func() time.Time

	mu sync.Mutex
	// Identity holds the claims of whoever logs in next (sub,
	// preferred_username, email, email_verified, name).
	Identity map[string]any
	// Spoil, when set, changes the next token's claims (after the
	// standard ones are set): a wrong nonce, audience, expiry…
	Spoil func(claims map[string]any)
	// ForeignKey signs the next token with a key the provider does not
	// publish (a bad signature).
	ForeignKey bool

	key, foreign *rsa.PrivateKey
	grants       map[string]grant
}

type grant struct {
	challenge, nonce, redirect string
	identity                   map[string]any
}

// Start runs a provider for clientID/secret; it stops with the test.
func Start(t interface{ Cleanup(func()) }, clientID, secret string) *Provider {
	p := &Provider{ClientID: clientID, ClientSecret: secret, Now: time.Now, grants: map[string]grant{},
		Identity: map[string]any{"sub": "u-1"}}
	var err error
	if p.key, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		panic(err)
	}
	if p.foreign, err = rsa.GenerateKey(rand.Reader, 2048); err != nil {
		panic(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", p.discovery)
	mux.HandleFunc("GET /authorize", p.authorize)
	mux.HandleFunc("POST /token", p.token)
	mux.HandleFunc("GET /jwks", p.jwks)
	p.Server = httptest.NewServer(mux)
	t.Cleanup(p.Server.Close)
	return p
}

// Issuer is the provider's issuer URL.
func (p *Provider) Issuer() string { return p.Server.URL }

// LogInAs sets the identity of the next log-in and clears any spoiling.
func (p *Provider) LogInAs(claims map[string]any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.Identity, p.Spoil, p.ForeignKey = claims, nil, false
}

// SpoilNext makes the next token wrong in one way.
func (p *Provider) SpoilNext(spoil func(map[string]any), foreignKey bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.Spoil, p.ForeignKey = spoil, foreignKey
}

func (p *Provider) discovery(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, map[string]any{"issuer": p.Issuer(), "authorization_endpoint": p.Issuer() + "/authorize",
		"token_endpoint": p.Issuer() + "/token", "jwks_uri": p.Issuer() + "/jwks",
		"response_types_supported": []string{"code"}, "id_token_signing_alg_values_supported": []string{"RS256"},
		"code_challenge_methods_supported": []string{"S256"}, "subject_types_supported": []string{"public"}})
}

func (p *Provider) jwks(w http.ResponseWriter, r *http.Request) {
	pub := p.key.PublicKey
	writeJSON(w, map[string]any{"keys": []map[string]string{{"kty": "RSA", "use": "sig", "alg": "RS256", "kid": "k1",
		"n": b64(pub.N.Bytes()), "e": b64(big.NewInt(int64(pub.E)).Bytes())}}})
}

// authorize logs in the Identity at once and sends the browser back.
func (p *Provider) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("response_type") != "code" || q.Get("client_id") != p.ClientID || q.Get("code_challenge_method") != "S256" ||
		q.Get("code_challenge") == "" || q.Get("state") == "" || !strings.Contains(q.Get("scope"), "openid") {
		http.Error(w, "invalid_request", http.StatusBadRequest)
		return
	}
	code := b64(randomBytes())
	p.mu.Lock()
	p.grants[code] = grant{challenge: q.Get("code_challenge"), nonce: q.Get("nonce"), redirect: q.Get("redirect_uri"), identity: p.Identity}
	p.mu.Unlock()
	back := q.Get("redirect_uri") + "?" + url.Values{"code": {code}, "state": {q.Get("state")}}.Encode()
	w.Header().Set("Location", back)
	w.WriteHeader(http.StatusFound)
}

func (p *Provider) token(w http.ResponseWriter, r *http.Request) {
	id, secret, ok := r.BasicAuth()
	if !ok || id != p.ClientID || secret != p.ClientSecret {
		w.WriteHeader(http.StatusUnauthorized)
		writeJSON(w, map[string]string{"error": "invalid_client"})
		return
	}
	p.mu.Lock()
	g, found := p.grants[r.PostFormValue("code")]
	delete(p.grants, r.PostFormValue("code")) // a code is used once
	spoil, foreign := p.Spoil, p.ForeignKey
	p.mu.Unlock()
	sum := sha256.Sum256([]byte(r.PostFormValue("code_verifier")))
	if !found || r.PostFormValue("grant_type") != "authorization_code" || b64(sum[:]) != g.challenge ||
		r.PostFormValue("redirect_uri") != g.redirect {
		w.WriteHeader(http.StatusBadRequest)
		writeJSON(w, map[string]string{"error": "invalid_grant"})
		return
	}
	now := p.Now()
	claims := map[string]any{"iss": p.Issuer(), "aud": p.ClientID, "iat": now.Unix(), "exp": now.Add(5 * time.Minute).Unix(),
		"nonce": g.nonce}
	for k, v := range g.identity {
		claims[k] = v
	}
	if spoil != nil {
		spoil(claims)
	}
	key := p.key
	if foreign {
		key = p.foreign
	}
	writeJSON(w, map[string]any{"access_token": b64(randomBytes()), "token_type": "Bearer", "expires_in": 300,
		"id_token": Sign(key, "k1", claims)})
}

// Sign makes a compact RS256 JWS of claims.
func Sign(key *rsa.PrivateKey, kid string, claims map[string]any) string {
	h, _ := json.Marshal(map[string]string{"alg": "RS256", "typ": "JWT", "kid": kid})
	c, _ := json.Marshal(claims)
	signing := b64(h) + "." + b64(c)
	sum := sha256.Sum256([]byte(signing))
	sig, err := rsa.SignPKCS1v15(rand.Reader, key, crypto.SHA256, sum[:])
	if err != nil {
		panic(err)
	}
	return signing + "." + b64(sig)
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

func randomBytes() []byte {
	b := make([]byte, 24)
	_, _ = rand.Read(b)
	return b
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
