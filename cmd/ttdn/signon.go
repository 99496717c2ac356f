package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"time"

	"ttdn"
	"ttdn/feed"
	ttdnhttp "ttdn/http"
	"ttdn/oidc"
	"ttdn/sqlstore"
)

// signOnFlags configure single sign-on through the province's OpenID
// provider. The client secret is read from a file (mode 0600), never
// given on the command line where ps would show it.
type signOnFlags struct {
	issuer, clientID, secretFile, redirect *string
}

func (f *signOnFlags) register(fs *flag.FlagSet) {
	env := os.Getenv
	f.issuer = fs.String("oidc-issuer", env("TTDN_OIDC_ISSUER"), "địa chỉ nhà cung cấp OpenID (đăng nhập một cửa), mặc định TTDN_OIDC_ISSUER / OpenID provider issuer URL (single sign-on), default TTDN_OIDC_ISSUER")
	f.clientID = fs.String("oidc-client-id", env("TTDN_OIDC_CLIENT_ID"), "mã ứng dụng ttdn tại nhà cung cấp, mặc định TTDN_OIDC_CLIENT_ID / client id, default TTDN_OIDC_CLIENT_ID")
	f.secretFile = fs.String("oidc-client-secret-file", env("TTDN_OIDC_CLIENT_SECRET_FILE"), "tệp chứa khóa bí mật của ứng dụng, mặc định TTDN_OIDC_CLIENT_SECRET_FILE / file holding the client secret, default TTDN_OIDC_CLIENT_SECRET_FILE")
	f.redirect = fs.String("oidc-redirect-url", env("TTDN_OIDC_REDIRECT_URL"), "địa chỉ quay về, https://máy-chủ/login/oidc/callback, mặc định TTDN_OIDC_REDIRECT_URL / redirect URL, default TTDN_OIDC_REDIRECT_URL")
}

// client returns the configured client, nil when single sign-on is off.
// It talks to the provider through the feed guard (signOnHTTPClient).
func (f *signOnFlags) client(allow ...string) (*oidc.Client, error) {
	if *f.issuer == "" && *f.clientID == "" {
		return nil, nil
	}
	if *f.issuer == "" || *f.clientID == "" || *f.redirect == "" {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Đăng nhập một cửa cần đủ --oidc-issuer, --oidc-client-id và --oidc-redirect-url.",
			"Single sign-on needs --oidc-issuer, --oidc-client-id and --oidc-redirect-url.")
	}
	var secret string
	if *f.secretFile != "" {
		b, err := os.ReadFile(*f.secretFile)
		if err != nil {
			return nil, ttdn.Errorf(ttdn.EINVALID, "Không đọc được tệp khóa bí mật OpenID %s: %v.", "Cannot read the OpenID client secret file %s: %v.", *f.secretFile, err)
		}
		secret = strings.TrimSpace(string(b))
	}
	hc, err := signOnHTTPClient(*f.issuer, allow)
	if err != nil {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Cấu hình đăng nhập một cửa không hợp lệ: %v.", "Invalid single sign-on configuration: %v.", err)
	}
	c, err := oidc.New(oidc.Config{Issuer: *f.issuer, ClientID: *f.clientID, ClientSecret: secret, RedirectURL: *f.redirect, HTTPClient: hc})
	if err != nil {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Cấu hình đăng nhập một cửa không hợp lệ: %v.", "Invalid single sign-on configuration: %v.", err)
	}
	return c, nil
}

// signOnHTTPClient is how ttdn talks to the OpenID provider: through the
// same address guard as press feeds and webhooks. The issuer's own host
// and port are allowed (the operator named them, and a province's provider
// is usually on its intranet); every other address the discovery document
// may point to — a token or keys endpoint, a redirect — is refused when it
// is loopback, private or link-local, unless the feed allow-list names it,
// checked on the address actually connected to.
func signOnHTTPClient(issuer string, allow []string) (*http.Client, error) {
	u, err := url.Parse(issuer)
	if err != nil || u.Hostname() == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("bad issuer URL %q", issuer)
	}
	port := u.Port()
	if port == "" {
		port = map[string]string{"https": "443", "http": "80"}[u.Scheme]
	}
	g, err := feed.NewGuard(append(slices.Clone(allow), net.JoinHostPort(u.Hostname(), port)))
	if err != nil {
		return nil, err
	}
	d := &net.Dialer{Timeout: 10 * time.Second}
	return &http.Client{Timeout: 10 * time.Second,
		Transport: &http.Transport{DialContext: g.DialContext(d), TLSHandshakeTimeout: 10 * time.Second, Proxy: nil}}, nil
}

// wireSignOn adds single sign-on to the web server when configured.
func wireSignOn(c *ttdnhttp.Config, db *sqlstore.DB, client *oidc.Client) {
	if client != nil {
		c.OIDC, c.SignOn = client, sqlstore.NewAuthService(db)
	}
}
