package oidc

import (
	"context"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"
)

// Claims are the verified identity.
type Claims struct {
	Subject           string `json:"sub"`
	PreferredUsername string `json:"preferred_username"`
	Email             string `json:"email"`
	EmailVerified     bool   `json:"email_verified"`
	Name              string `json:"name"`
}

// Why a token is refused; each wraps ErrToken.
var (
	ErrToken     = errors.New("oidc: ID token refused")
	ErrSignature = fmt.Errorf("%w: bad signature", ErrToken)
	ErrIssuer    = fmt.Errorf("%w: wrong issuer", ErrToken)
	ErrAudience  = fmt.Errorf("%w: wrong audience", ErrToken)
	ErrExpired   = fmt.Errorf("%w: expired", ErrToken)
	ErrNonce     = fmt.Errorf("%w: wrong nonce", ErrToken)
)

// skew is the clock difference tolerated between ttdn and the provider.
const skew = 2 * time.Minute

type idToken struct {
	Issuer   string          `json:"iss"`
	Audience json.RawMessage `json:"aud"` // a string or a list
	AZP      string          `json:"azp"`
	Expiry   float64         `json:"exp"`
	IssuedAt float64         `json:"iat"`
	Nonce    string          `json:"nonce"`
	Claims
}

// Verify checks raw (a compact JWS) and returns its claims: the RS256
// signature with one of the provider's keys, then the issuer, the audience
// (this client; azp too when there are several), expiry and issue time,
// and the nonce this log-in sent.
func (c *Client) Verify(ctx context.Context, raw, nonce string) (*Claims, error) {
	parts := strings.Split(raw, ".")
	if len(parts) != 3 {
		return nil, fmt.Errorf("%w: not a compact JWS", ErrToken)
	}
	var header struct {
		Alg, Kid, Typ string
	}
	if err := decodePart(parts[0], &header); err != nil {
		return nil, err
	}
	// Only RS256: "none" and HMAC with the public key as secret are the
	// classic forgeries.
	if header.Alg != "RS256" {
		return nil, fmt.Errorf("%w: algorithm %q", ErrSignature, header.Alg)
	}
	key, err := c.key(ctx, header.Kid)
	if err != nil {
		return nil, err
	}
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return nil, ErrSignature
	}
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if err := rsa.VerifyPKCS1v15(key, crypto.SHA256, sum[:], sig); err != nil {
		return nil, ErrSignature
	}
	var t idToken
	if err := decodePart(parts[1], &t); err != nil {
		return nil, err
	}
	now := c.cfg.Now()
	switch {
	case strings.TrimSuffix(t.Issuer, "/") != c.cfg.Issuer:
		return nil, ErrIssuer
	case !t.hasAudience(c.cfg.ClientID):
		return nil, ErrAudience
	case t.Expiry == 0 || now.After(time.Unix(int64(t.Expiry), 0).Add(skew)):
		return nil, ErrExpired
	case t.IssuedAt != 0 && time.Unix(int64(t.IssuedAt), 0).After(now.Add(skew)):
		return nil, fmt.Errorf("%w: issued in the future", ErrToken)
	case nonce == "" || t.Nonce != nonce:
		return nil, ErrNonce
	case t.Subject == "":
		return nil, fmt.Errorf("%w: no subject", ErrToken)
	}
	return &t.Claims, nil
}

func (t *idToken) hasAudience(client string) bool {
	var one string
	if json.Unmarshal(t.Audience, &one) == nil {
		return one == client
	}
	var many []string
	if json.Unmarshal(t.Audience, &many) != nil {
		return false
	}
	found := false
	for _, a := range many {
		found = found || a == client
	}
	return found && (len(many) == 1 || t.AZP == client)
}

func decodePart(s string, v any) error {
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return fmt.Errorf("%w: bad encoding", ErrToken)
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("%w: bad JSON", ErrToken)
	}
	return nil
}

// key returns the provider's key kid, fetching the key set when kid is
// unknown (the provider rotated its keys) — at most once a minute, so a
// stream of made-up key ids cannot make ttdn hammer the provider.
func (c *Client) key(ctx context.Context, kid string) (*rsa.PublicKey, error) {
	d, err := c.provider(ctx)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if k := c.pick(kid); k != nil {
		return k, nil
	}
	if now := c.cfg.Now(); c.keys == nil || now.Sub(c.keysAt) > time.Minute {
		var set struct {
			Keys []struct {
				Kty, Kid, Use, Alg, N, E string
			} `json:"keys"`
		}
		if err := c.getJSON(ctx, d.JWKSURI, &set); err != nil {
			return nil, err
		}
		c.keys, c.keysAt = map[string]any{}, now
		for _, k := range set.Keys {
			if k.Kty != "RSA" || (k.Use != "" && k.Use != "sig") {
				continue
			}
			n, err1 := base64.RawURLEncoding.DecodeString(k.N)
			e, err2 := base64.RawURLEncoding.DecodeString(k.E)
			if err1 != nil || err2 != nil || len(e) > 4 {
				continue
			}
			c.keys[k.Kid] = &rsa.PublicKey{N: new(big.Int).SetBytes(n), E: int(new(big.Int).SetBytes(e).Int64())}
		}
	}
	if k := c.pick(kid); k != nil {
		return k, nil
	}
	return nil, fmt.Errorf("%w: unknown key %q", ErrSignature, kid)
}

// pick returns the key kid, or the only key when the token names none.
func (c *Client) pick(kid string) *rsa.PublicKey {
	if k, ok := c.keys[kid].(*rsa.PublicKey); ok {
		return k
	}
	if kid == "" && len(c.keys) == 1 {
		for _, k := range c.keys {
			return k.(*rsa.PublicKey)
		}
	}
	return nil
}
