package feed

import (
	"net"
	"net/http"
	"net/url"
	"time"
)

// guardedTransport is the fetcher's only way out: every request, first or
// redirected, has its URL checked, and every connection is dialled through
// the Guard. Direct connections are checked on the address connected to;
// a request handed to a proxy is checked before, on what the target
// resolves to now (the proxy resolves it again: operators who use one
// should also make it refuse internal destinations).
type guardedTransport struct {
	guard *Guard
	proxy func(*http.Request) (*url.URL, error)
	base  *http.Transport
}

func newGuardedTransport(g *Guard, proxy func(*http.Request) (*url.URL, error)) *guardedTransport {
	d := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	return &guardedTransport{guard: g, proxy: proxy, base: &http.Transport{
		Proxy:                 proxy,
		DialContext:           g.DialContext(d),
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          100,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   10 * time.Second,
		ExpectContinueTimeout: time.Second,
	}}
}

func (t *guardedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := checkSyntax(req.URL); err != nil {
		return nil, err
	}
	if p, err := t.proxy(req); err != nil {
		return nil, err
	} else if p != nil {
		if err := t.guard.checkTarget(req.Context(), req.URL); err != nil {
			return nil, err
		}
	}
	return t.base.RoundTrip(req)
}
