package http

import (
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"ttdn"
	"ttdn/feed"
	"ttdn/jobs"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
	"ttdn/webhook"
)

// receiver is an HTTPS endpoint inside the test: it checks every
// delivery's signature with the secret it is given, answers 500 to the
// first delivery and 200 after.
type receiver struct {
	mu       sync.Mutex
	secret   string
	now      func() time.Time
	bodies   []string
	verified []bool
	srv      *httptest.Server
}

func newReceiver(t *testing.T, now func() time.Time) *receiver {
	rc := &receiver{now: now}
	rc.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		defer rc.mu.Unlock()
		err := webhook.Verify(rc.secret, r.Header.Get(webhook.HeaderTimestamp), r.Header.Get(webhook.HeaderSignature), body, rc.now(), 5*time.Minute)
		rc.bodies = append(rc.bodies, string(body))
		rc.verified = append(rc.verified, err == nil && r.Header.Get(webhook.HeaderEvent) != "")
		if len(rc.bodies) == 1 {
			http.Error(w, "tạm thời lỗi", http.StatusInternalServerError)
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(rc.srv.Close)
	return rc
}

// TestWebhookDelivered registers an endpoint on the admin page, submits a
// report, and runs the delivery job: the first attempt gets a 500 and is
// retried after its back-off, the second is delivered; both carry a valid
// signature; the payload carries no title of an internal record; the
// admin's page shows each status code and the attempts.
func TestWebhookDelivered(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newReportingFixture(t, db)
		rc := newReceiver(t, f.clock.Now)
		guard := feed.MustGuard("127.0.0.1") // the receiver runs on loopback
		cfg := f.srv.cfg
		cfg.WebhookRules = &webhook.Rules{Guard: guard}
		f.srv = NewServer(cfg)
		f.srv.now = f.clock.Now
		f.h = f.srv.Handler()

		// Refused: plain http, an internal address the guard does not allow.
		for _, bad := range []string{strings.Replace(rc.srv.URL, "https:", "http:", 1), "https://10.1.2.3/hook", "ftp://example.org/"} {
			w := f.do(f.request("POST", "/admin/webhooks", "admin", form("url", bad)))
			if w.Code != http.StatusUnprocessableEntity && w.Code != http.StatusBadRequest || !strings.Contains(w.Body.String(), "Địa chỉ nhận") {
				t.Errorf("%s: %d %s", bad, w.Code, snippet(w.Body.String()))
			}
		}
		if w := f.do(f.request("POST", "/admin/webhooks", "coordinator", form("url", rc.srv.URL))); w.Code != http.StatusForbidden {
			t.Errorf("a coordinator registered an endpoint: %d", w.Code)
		}
		w := f.do(f.request("POST", "/admin/webhooks", "admin", form("url", rc.srv.URL+"/hook", "description", "Hệ thống một cửa",
			"events", ttdn.EventReportSubmitted)))
		m := regexp.MustCompile(`value="(whsec_[A-Za-z0-9_-]+)"`).FindStringSubmatch(w.Body.String())
		if w.Code != http.StatusOK || m == nil {
			t.Fatalf("register: %d %s", w.Code, snippet(w.Body.String()))
		}
		rc.secret = m[1]
		hooks, err := sqlstore.NewWebhookService(db).FindWebhooks(sqltest.UserContext(f.users["admin"]))
		if err != nil || len(hooks) != 1 {
			t.Fatalf("%v %v", hooks, err)
		}
		if strings.Contains(f.do(f.request("GET", "/admin/webhooks", "admin", nil)).Body.String(), rc.secret) {
			t.Error("the secret is shown again")
		}

		rp := f.mustOpenPeriod(t, ttdn.PeriodHalfYear, 2019, 1)
		report := f.mustReport(t, rp, "cong-an", "officer", ttdn.ActSubmit, ttdn.ActReturn) // return: not subscribed

		pool := x509.NewCertPool()
		pool.AddCert(rc.srv.Certificate())
		runner := &jobs.WebhookRunner{Store: sqlstore.NewWebhookService(db),
			Sender: &webhook.Sender{Client: webhook.NewClient(guard, &tls.Config{RootCAs: pool}), Now: f.clock.Now}}
		run := func() (int, int) {
			sent, failed, err := runner.RunOnce(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			return sent, failed
		}
		if sent, failed := run(); sent != 0 || failed != 1 {
			t.Fatalf("first round: %d sent, %d failed; want the 500", sent, failed)
		}
		if sent, failed := run(); sent+failed != 0 {
			t.Fatalf("retried before its back-off: %d, %d", sent, failed)
		}
		f.clock.mu.Lock()
		f.clock.t = f.clock.t.Add(ttdn.WebhookBackoff(1) + time.Second)
		f.clock.mu.Unlock()
		if sent, failed := run(); sent != 1 || failed != 0 {
			t.Fatalf("after the back-off: %d sent, %d failed", sent, failed)
		}
		if len(rc.bodies) != 2 || !rc.verified[0] || !rc.verified[1] || rc.bodies[0] != rc.bodies[1] {
			t.Fatalf("received %d, verified %v", len(rc.bodies), rc.verified)
		}
		var p map[string]any
		if err := json.Unmarshal([]byte(rc.bodies[0]), &p); err != nil {
			t.Fatal(err)
		}
		obj, _ := p["object"].(map[string]any)
		unit, _ := p["unit"].(map[string]any)
		if p["event"] != ttdn.EventReportSubmitted || obj["link"] != "/reports/"+itoa(report.ID) || unit["name"] != f.units["cong-an"].Name {
			t.Errorf("payload %s", rc.bodies[0])
		}
		if _, ok := obj["title"]; ok || strings.Contains(rc.bodies[0], rp.Name) {
			t.Errorf("the title of an internal record left: %s", rc.bodies[0])
		}
		// A forged body does not verify.
		if webhook.Verify(rc.secret, "1", "sha256=00", []byte(rc.bodies[0]), f.clock.Now(), time.Minute) == nil {
			t.Error("a forged signature verified")
		}

		page := f.do(f.request("GET", "/admin/webhooks/"+itoa(hooks[0].ID), "admin", nil)).Body.String()
		for _, want := range []string{"Đã gửi", ">2<", ">200<", "Báo cáo được gửi"} {
			if !strings.Contains(page, want) {
				t.Errorf("delivery page lacks %q", want)
			}
		}
		if w := f.do(f.request("GET", "/admin/webhooks/"+itoa(hooks[0].ID), "coordinator", nil)); w.Code != http.StatusNotFound {
			t.Errorf("a coordinator sees the deliveries: %d", w.Code)
		}
	})
}
