package main

import (
	"flag"
	"os"
	"strings"

	"ttdn"
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
func (f *signOnFlags) client() (*oidc.Client, error) {
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
	c, err := oidc.New(oidc.Config{Issuer: *f.issuer, ClientID: *f.clientID, ClientSecret: secret, RedirectURL: *f.redirect})
	if err != nil {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Cấu hình đăng nhập một cửa không hợp lệ: %v.", "Invalid single sign-on configuration: %v.", err)
	}
	return c, nil
}

// wireSignOn adds single sign-on to the web server when configured.
func wireSignOn(c *ttdnhttp.Config, db *sqlstore.DB, client *oidc.Client) {
	if client != nil {
		c.OIDC, c.SignOn = client, sqlstore.NewAuthService(db)
	}
}
