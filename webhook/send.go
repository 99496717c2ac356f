package webhook

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"strconv"
	"time"

	"ttdn"
	"ttdn/feed"
)

// Sender posts deliveries.
type Sender struct {
	Client *http.Client
	Now    func() time.Time // the signature's clock; nil means time.Now
}

// NewClient returns the client deliveries are sent with: every connection
// through guard (internal addresses refused unless allowed), no redirect
// followed (a redirect is an answer, recorded as such), 15 s per attempt.
// tlsConfig may carry the province's own certificate authorities.
func NewClient(guard *feed.Guard, tlsConfig *tls.Config) *http.Client {
	d := &net.Dialer{Timeout: 10 * time.Second}
	return &http.Client{
		Timeout: 15 * time.Second,
		Transport: &http.Transport{DialContext: guard.DialContext(d), TLSClientConfig: tlsConfig,
			TLSHandshakeTimeout: 10 * time.Second, MaxIdleConnsPerHost: 2, Proxy: nil},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// Send posts d once and returns the status the endpoint answered (0 when
// none) and the error, in words for the delivery page.
func (s *Sender) Send(ctx context.Context, d *ttdn.DueDelivery) (int, error) {
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	body := []byte(d.Payload)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, d.URL, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	ts := now()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "ttdn-webhook/1")
	req.Header.Set(HeaderEvent, d.Event)
	req.Header.Set(HeaderDelivery, strconv.FormatInt(d.ID, 10))
	req.Header.Set(HeaderTimestamp, strconv.FormatInt(ts.Unix(), 10))
	req.Header.Set(HeaderSignature, Sign(d.Secret, ts, body))
	resp, err := s.Client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return resp.StatusCode, fmt.Errorf("HTTP %s", resp.Status)
	}
	return resp.StatusCode, nil
}

// Rules are the server's rules for an endpoint URL.
type Rules struct {
	Guard *feed.Guard
	// AllowHTTP permits plain http to private addresses only (an e-office
	// on the province's own network); everything else needs https.
	AllowHTTP bool
	// Lookup resolves host names (nil: the system resolver); tests set it.
	Lookup func(ctx context.Context, host string) ([]netip.Addr, error)
}

var errHTTPS = ttdn.Errorf(ttdn.EINVALID, "Địa chỉ nhận phải dùng https:// (http chỉ được phép tới máy trong mạng nội bộ khi máy chủ bật --webhook-allow-http).",
	"The endpoint must use https:// (http is allowed only to a private-network host when the server runs with --webhook-allow-http).").On("url")

// Check refuses a URL the server must not post to: not https (or http
// where not allowed), or an address the guard refuses.
func (r Rules) Check(ctx context.Context, raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") || u.User != nil {
		return ttdn.Errorf(ttdn.EINVALID, "Địa chỉ nhận không hợp lệ: cần dạng https://máy-chủ/đường-dẫn.",
			"Invalid endpoint: use https://host/path.").On("url")
	}
	if u.Scheme == "http" {
		if !r.AllowHTTP || !r.private(ctx, u.Hostname()) {
			return errHTTPS
		}
	}
	if err := r.Guard.CheckURL(ctx, raw); err != nil {
		return ttdn.Errorf(ttdn.EINVALID, "Địa chỉ nhận trỏ vào mạng nội bộ chưa được phép (quản trị máy chủ thêm bằng --webhook-allow-host).",
			"The endpoint points into an internal network that is not allowed (the server's operator adds it with --webhook-allow-host).").On("url")
	}
	return nil
}

// private reports whether host is, or resolves only to, private,
// loopback or link-local addresses.
func (r Rules) private(ctx context.Context, host string) bool {
	var addrs []netip.Addr
	if a, err := netip.ParseAddr(host); err == nil {
		addrs = []netip.Addr{a}
	} else {
		lookup := r.Lookup
		if lookup == nil {
			lookup = func(ctx context.Context, h string) ([]netip.Addr, error) {
				return net.DefaultResolver.LookupNetIP(ctx, "ip", h)
			}
		}
		ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
		defer cancel()
		if addrs, err = lookup(ctx, host); err != nil {
			return false
		}
	}
	for _, a := range addrs {
		a = a.Unmap()
		if !a.IsPrivate() && !a.IsLoopback() && !a.IsLinkLocalUnicast() {
			return false
		}
	}
	return len(addrs) > 0
}
