package main

import (
	"crypto/tls"
	"crypto/x509"
	"flag"
	"log/slog"
	"os"
	"strings"
	"unicode"

	"ttdn"
	"ttdn/feed"
	ttdnhttp "ttdn/http"
	"ttdn/jobs"
	"ttdn/sqlstore"
	"ttdn/webhook"
)

// webhookFlags are the server's rules for webhook endpoints: which
// internal hosts they may be on (the e-office is usually on the
// province's network), whether plain http is allowed there, and the
// certificate authority of such hosts. Like the feed allow-list, these are
// server settings, not something an administrator edits in the app.
type webhookFlags struct {
	allow     []string
	allowHTTP *bool
	caFile    *string
}

func (f *webhookFlags) register(fs *flag.FlagSet) {
	fs.Func("webhook-allow-host", "máy nội bộ được nhận webhook (lặp lại được; như --feed-allow-host); mặc định biến TTDN_WEBHOOK_ALLOW_HOST "+
		"/ intranet host webhooks may be sent to (repeatable; as --feed-allow-host); default TTDN_WEBHOOK_ALLOW_HOST",
		func(v string) error { f.allow = append(f.allow, v); return nil })
	f.allowHTTP = fs.Bool("webhook-allow-http", false, "cho phép webhook http:// tới địa chỉ mạng riêng (mặc định chỉ https) "+
		"/ allow http:// webhooks to private-network addresses (default https only)")
	f.caFile = fs.String("webhook-ca-file", "", "tệp PEM chứng chỉ gốc của máy nhận nội bộ (thêm vào chứng chỉ hệ thống) "+
		"/ PEM file of the internal receivers' root CA (added to the system's)")
}

func (f *webhookFlags) list() []string {
	if len(f.allow) > 0 {
		return f.allow
	}
	return strings.FieldsFunc(os.Getenv("TTDN_WEBHOOK_ALLOW_HOST"), func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
}

// setup builds the URL rules (for the admin's form) and the delivery job.
func (f *webhookFlags) setup(db *sqlstore.DB, log *slog.Logger, met *serverMetrics) (*webhook.Rules, *jobs.WebhookRunner, error) {
	g, err := feed.NewGuard(f.list())
	if err != nil {
		return nil, nil, ttdn.Errorf(ttdn.EINVALID, "Danh sách máy nhận webhook được phép không hợp lệ: %v.", "Invalid webhook allow-list: %v.", err)
	}
	var tlsConfig *tls.Config
	if *f.caFile != "" {
		pem, err := os.ReadFile(*f.caFile)
		if err != nil {
			return nil, nil, err
		}
		pool, err := x509.SystemCertPool()
		if err != nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return nil, nil, ttdn.Errorf(ttdn.EINVALID, "Tệp %s không chứa chứng chỉ PEM nào.", "%s holds no PEM certificate.", *f.caFile)
		}
		tlsConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	}
	rules := &webhook.Rules{Guard: g, AllowHTTP: *f.allowHTTP}
	runner := &jobs.WebhookRunner{Store: sqlstore.NewWebhookService(db), Sender: &webhook.Sender{Client: webhook.NewClient(g, tlsConfig)}, Log: log}
	if met != nil {
		c := met.reg.Counter("ttdn_webhook_deliveries_total", "Webhook delivery attempts, by event and result (success, failure).", "event", "result")
		runner.OnAttempt = func(event string, ok bool) {
			result := "success"
			if !ok {
				result = "failure"
			}
			c.Inc(event, result)
		}
	}
	return rules, runner, nil
}

// wireWebhooks gives the web server the service and the rules.
func wireWebhooks(c *ttdnhttp.Config, rules *webhook.Rules) { c.WebhookRules = rules }
