package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Reason classifies a failed fetch for the source's error record (shown
// in the UI) and for the back-off policy.
type Reason string

// The reasons Fetch reports; the empty reason means success.
const (
	ReasonNone      Reason = ""
	ReasonBadURL    Reason = "bad-url"
	ReasonNetwork   Reason = "network"
	ReasonTimeout   Reason = "timeout"
	ReasonTooLarge  Reason = "too-large"
	ReasonRedirects Reason = "too-many-redirects"
	ReasonStatus    Reason = "http-status"
	ReasonNotFeed   Reason = "not-a-feed"
	ReasonBlocked   Reason = "blocked" // an internal address the Guard refuses
	ReasonStore     Reason = "store"   // fetched, but the items could not be stored (set by the runner)
)

// Options configure a Fetcher; zero fields take the defaults.
type Options struct {
	Timeout      time.Duration // whole request, body included; default 30 s
	MaxBytes     int64         // largest body accepted; default 10 MB
	MaxRedirects int           // default 5
	HostGap      time.Duration // least time between two requests to one host; default 5 s, negative for none
	UserAgent    string
	// Guard decides which addresses may be connected to; nil is the
	// default guard, which refuses every internal address.
	Guard *Guard
	// Proxy chooses an HTTP proxy per request; default
	// http.ProxyFromEnvironment. A proxy connects for us, so the target is
	// checked before the request is handed to it, and the proxy itself
	// must be on the allow-list if it is on the internal network.
	Proxy func(*http.Request) (*url.URL, error)
}

// Request is one conditional fetch of a feed.
type Request struct {
	URL          string
	ETag         string // from the previous Result, for If-None-Match
	LastModified string // from the previous Result, for If-Modified-Since
}

// Result is what a fetch gave. Err is nil and Reason empty on success; a
// 304 is a success with NotModified set and no Feed.
type Result struct {
	URL          string // after redirects
	Status       int
	NotModified  bool
	ETag         string
	LastModified string
	Feed         *Feed
	Bytes        int
	Duration     time.Duration
	Reason       Reason
	Err          error
}

// Errors wrapped in Result.Err.
var (
	ErrTooLarge     = errors.New("feed: response too large")
	ErrTooManyHops  = errors.New("feed: too many redirects")
	ErrHTTPStatus   = errors.New("feed: unexpected HTTP status")
	errHostWaitDone = errors.New("feed: cancelled while waiting for host")
)

// Fetcher fetches feeds politely: conditional GETs, bounded time, size
// and redirects, and a minimum gap between requests to one host. It is
// safe for concurrent use; fetches to different hosts run in parallel.
type Fetcher struct {
	opt    Options
	client *http.Client
	mu     sync.Mutex
	slots  map[string]time.Time // host → earliest start of its next request
}

// NewFetcher returns a Fetcher with the given options.
func NewFetcher(opt Options) *Fetcher {
	if opt.Timeout <= 0 {
		opt.Timeout = 30 * time.Second
	}
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = 10 << 20
	}
	if opt.MaxRedirects <= 0 {
		opt.MaxRedirects = 5
	}
	if opt.HostGap < 0 {
		opt.HostGap = 0
	} else if opt.HostGap == 0 {
		opt.HostGap = 5 * time.Second
	}
	if opt.UserAgent == "" {
		opt.UserAgent = "ttdn-press-monitor/1 (+feed fetcher)"
	}
	if opt.Guard == nil {
		opt.Guard = MustGuard()
	}
	if opt.Proxy == nil {
		opt.Proxy = http.ProxyFromEnvironment
	}
	f := &Fetcher{opt: opt, slots: make(map[string]time.Time)}
	f.client = &http.Client{
		Transport: newGuardedTransport(opt.Guard, opt.Proxy),
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > opt.MaxRedirects {
				return ErrTooManyHops
			}
			return nil
		},
	}
	return f
}

// Fetch fetches and parses one feed. It never panics on bad input: every
// failure is a Result with a Reason and an Err.
func (f *Fetcher) Fetch(ctx context.Context, req Request) Result {
	start := time.Now()
	res := f.fetch(ctx, req)
	res.Duration = time.Since(start)
	return res
}

func (f *Fetcher) fetch(ctx context.Context, req Request) Result {
	u, err := url.Parse(strings.TrimSpace(req.URL))
	if err != nil {
		return Result{URL: req.URL, Reason: ReasonBadURL, Err: fmt.Errorf("feed: bad URL %q", req.URL)}
	} else if err := checkSyntax(u); err != nil {
		return Result{URL: req.URL, Reason: classify(err), Err: err}
	}
	if err := f.waitHost(ctx, strings.ToLower(u.Host)); err != nil {
		return Result{URL: req.URL, Reason: ReasonTimeout, Err: err}
	}
	ctx, cancel := context.WithTimeout(ctx, f.opt.Timeout)
	defer cancel()
	hreq, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return Result{URL: req.URL, Reason: ReasonBadURL, Err: err}
	}
	f.setHeaders(hreq, req)
	resp, err := f.client.Do(hreq)
	if err != nil {
		return Result{URL: req.URL, Reason: classify(err), Err: err}
	}
	defer resp.Body.Close()
	return f.read(resp)
}

func (f *Fetcher) setHeaders(hreq *http.Request, req Request) {
	hreq.Header.Set("User-Agent", f.opt.UserAgent)
	hreq.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	if req.ETag != "" {
		hreq.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hreq.Header.Set("If-Modified-Since", req.LastModified)
	}
}

// read turns a response into a Result, reading at most MaxBytes.
func (f *Fetcher) read(resp *http.Response) Result {
	res := Result{
		URL: resp.Request.URL.String(), Status: resp.StatusCode,
		ETag: resp.Header.Get("ETag"), LastModified: resp.Header.Get("Last-Modified"),
	}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		res.NotModified = true
		return res
	case resp.StatusCode < 200 || resp.StatusCode > 299:
		res.Reason, res.Err = ReasonStatus, fmt.Errorf("%w %s", ErrHTTPStatus, resp.Status)
		return res
	case resp.ContentLength > f.opt.MaxBytes:
		res.Reason, res.Err = ReasonTooLarge, fmt.Errorf("%w: %d bytes announced, limit %d", ErrTooLarge, resp.ContentLength, f.opt.MaxBytes)
		return res
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, f.opt.MaxBytes+1))
	res.Bytes = len(body)
	if err != nil {
		res.Reason, res.Err = classify(err), err
		return res
	}
	if int64(len(body)) > f.opt.MaxBytes {
		res.Reason, res.Err = ReasonTooLarge, fmt.Errorf("%w: over %d bytes", ErrTooLarge, f.opt.MaxBytes)
		return res
	}
	res.Feed, err = Parse(body)
	if err != nil {
		res.Reason, res.Err = ReasonNotFeed, err
	}
	return res
}

// waitHost reserves the next slot for host and sleeps until it comes.
func (f *Fetcher) waitHost(ctx context.Context, host string) error {
	f.mu.Lock()
	now := time.Now()
	slot := f.slots[host]
	if slot.Before(now) {
		slot = now
	}
	f.slots[host] = slot.Add(f.opt.HostGap)
	f.mu.Unlock()
	wait := time.Until(slot)
	if wait <= 0 {
		return nil
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("%w: %w", errHostWaitDone, ctx.Err())
	}
}

// classify maps a transport error to a Reason.
func classify(err error) Reason {
	var ne net.Error
	switch {
	case errors.Is(err, ErrBlocked):
		return ReasonBlocked
	case errors.Is(err, errBadURL), errors.Is(err, errUserInfo):
		return ReasonBadURL
	case errors.Is(err, ErrTooManyHops):
		return ReasonRedirects
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return ReasonTimeout
	}
	return ReasonNetwork
}
