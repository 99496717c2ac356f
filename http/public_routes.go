package http

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"ttdn"
)

// The public site (issue 14 §2): pages, feeds and the sitemap of what the
// coordinator published, for readers who never log in. Its handlers read
// only ttdn.PublicSite (publications whose source is public now), never a
// session, CSRF or flash cookie, and set none; they are rate-limited per
// client and their output is cached until what the site shows changes.

// DefaultPublicRateLimit is the requests one client may make per minute.
const DefaultPublicRateLimit = 1200

// publicCacheMax and publicCacheBytes bound the rendered pages kept (a
// forged Host header makes new keys when no --public-url is set); past
// either the cache starts over.
const (
	publicCacheMax   = 4096
	publicCacheBytes = 64 << 20
)

// publicRoutes registers the public site's routes through handle, on the
// main mux under /public/ and again on the public address's own mux.
func (s *Server) publicRoutes(handle func(pattern string, h http.HandlerFunc)) {
	handle("GET /public/{$}", s.handlePublicRoot)
	handle("GET /public/robots.txt", s.public(s.renderRobots))
	handle("GET /public/sitemap.xml", s.public(s.renderSitemap))
	handle("GET /public/site.css", s.publicAsset("site.css", "text/css; charset=utf-8"))
	handle("GET /public/khmer.ttf", s.publicAsset("khmer.ttf", "font/ttf"))
	handle("GET /public/{lang}/{$}", s.public(s.renderPublicHome))
	handle("GET /public/{lang}/{section}", s.public(s.renderPublicList))
	handle("GET /public/{lang}/events", s.public(s.renderPublicEvents))
	handle("GET /public/{lang}/items/{id}", s.public(s.renderPublicItem))
	handle("GET /public/{lang}/feed.atom", s.public(s.renderAtom))
	handle("GET /public/{lang}/feed.json", s.public(s.renderJSONFeed))
	handle("GET /public/{lang}/events.ics", s.public(s.renderICal))
	handle("GET /public/{lang}/items/{id}/files/{file}", s.handlePublicFile)
}

// PublicHandler serves the public site alone, for its own address
// (`ttdn serve --public-addr`): the internal UI, the API and the log-in
// page are not on it. "/" leads to the Vietnamese home; robots.txt and
// sitemap.xml are also at the root, where crawlers look.
func (s *Server) PublicHandler() http.Handler {
	mux := http.NewServeMux()
	if s.cfg.Public != nil {
		s.publicRoutes(func(p string, h http.HandlerFunc) { mux.HandleFunc(p, h) })
		mux.HandleFunc("GET /{$}", s.handlePublicRoot)
		mux.HandleFunc("GET /robots.txt", s.public(s.renderRobots))
		mux.HandleFunc("GET /sitemap.xml", s.public(s.renderSitemap))
	}
	mux.HandleFunc("/", s.public(func(context.Context, *publicReq) (string, []byte, error) {
		return "", nil, errPublicNotFound()
	}))
	var h http.Handler = mux
	h = s.securityHeaders(h)
	h = s.recoverPanics(h)
	h = s.logRequests(h)
	h = s.withClientAddr(h)
	return h
}

func (s *Server) handlePublicRoot(w http.ResponseWriter, r *http.Request) {
	s.redirect(w, r, "/public/vi/")
}

func errPublicNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy trang.", "Page not found.")
}

// publicReq is what a public page is rendered from: nothing of the
// request but its language, its path values and the site's base address.
type publicReq struct {
	Lang  string
	Base  string // "https://host", no trailing slash
	Path  string
	Today ttdn.Date
	Page  int // ?page= of a list, 1 when absent or no number
	vals  map[string]string
}

// PathValue returns a path value of the request.
func (q *publicReq) PathValue(k string) string { return q.vals[k] }

// publicRender renders one public resource: its content type and body.
type publicRender func(ctx context.Context, q *publicReq) (ctype string, body []byte, err error)

// public wraps a renderer with the rate limit, the language check and
// the cache keyed by what the site shows (PublicStamp) and today's date.
func (s *Server) public(render publicRender) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !s.publicLimit(w, r) {
			return
		}
		q := &publicReq{Lang: r.PathValue("lang"), Base: s.publicBase(r), Path: r.URL.Path,
			Today: ttdn.DateOf(s.now().In(vietnam)), vals: map[string]string{}}
		q.Page, _ = pageNumber(r)
		for _, k := range []string{"section", "id"} {
			q.vals[k] = r.PathValue(k)
		}
		if q.Lang == "" {
			q.Lang = ttdn.LangVI
		} else if !slices.Contains(ttdn.PublicLanguages, q.Lang) {
			q.Lang = ttdn.LangVI
			s.writePublicError(w, r, q, errPublicNotFound())
			return
		}
		stamp, err := s.cfg.Public.PublicStamp(r.Context())
		if err != nil {
			s.writePublicError(w, r, q, err)
			return
		}
		stamp += "|" + q.Today.ISO()
		key := q.Base + q.Path + "?" + itoa(int64(q.Page))
		if c, ok := s.pubCache.get(stamp, key); ok {
			c.write(w, r)
			return
		}
		ctype, body, err := render(r.Context(), q)
		if err != nil {
			s.writePublicError(w, r, q, err)
			return
		}
		s.pubCache.put(stamp, key, ctype, body).write(w, r)
	}
}

// writePublicError answers a public request that failed: a page in the
// reader's language, never the internal error page (which reads the session).
func (s *Server) writePublicError(w http.ResponseWriter, r *http.Request, q *publicReq, err error) {
	s.logIfInternal(r, err)
	status, key := http.StatusNotFound, "notfound"
	if errorStatus(err) != http.StatusNotFound {
		status, key = http.StatusInternalServerError, "error"
	}
	body, rerr := s.renderPublicPage(q, "public_error", &publicPage{Title: publicT(q.Lang, "notfound"), Data: key})
	if rerr != nil {
		http.Error(w, "error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// publicLimit counts the request against its client's minute.
func (s *Server) publicLimit(w http.ResponseWriter, r *http.Request) bool {
	if s.pubLimiter.limit < 0 {
		return true
	}
	_, reset, ok := s.pubLimiter.take("public " + clientAddr(r))
	if !ok {
		w.Header().Set("Retry-After", itoa(int64((reset+time.Second-1)/time.Second)))
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.WriteHeader(http.StatusTooManyRequests)
		lang := r.PathValue("lang")
		_, _ = w.Write([]byte(publicT(lang, "toomany") + "\n"))
	}
	return ok
}

// publicBase is the site's absolute address: the configured one, or the
// request's host (part of the cache key, so a forged Host header poisons
// no other reader's page).
func (s *Server) publicBase(r *http.Request) string {
	if s.cfg.PublicBaseURL != "" {
		return strings.TrimSuffix(s.cfg.PublicBaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil || s.cfg.SecureCookies {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// cachedPublic is one rendered resource.
type cachedPublic struct {
	ctype string
	body  []byte
	etag  string
}

func (c *cachedPublic) write(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", c.ctype)
	h.Set("Cache-Control", "public, max-age=60")
	h.Set("ETag", c.etag)
	if r.Header.Get("If-None-Match") == c.etag {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	_, _ = w.Write(c.body)
}

// publicCache keeps rendered public resources for one stamp: a new stamp
// (something published, edited, unpublished or made more classified)
// drops them all at once.
type publicCache struct {
	mu    sync.RWMutex
	stamp string
	pages map[string]*cachedPublic
	bytes int
}

func (c *publicCache) get(stamp, key string) (*cachedPublic, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.stamp != stamp {
		return nil, false
	}
	p, ok := c.pages[key]
	return p, ok
}

func (c *publicCache) put(stamp, key, ctype string, body []byte) *cachedPublic {
	sum := sha256.Sum256(body)
	p := &cachedPublic{ctype: ctype, body: body, etag: `"` + hex.EncodeToString(sum[:12]) + `"`}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stamp != stamp || len(c.pages) >= publicCacheMax || c.bytes+len(body) > publicCacheBytes {
		c.stamp, c.pages, c.bytes = stamp, map[string]*cachedPublic{}, 0
	}
	c.pages[key] = p
	c.bytes += len(body)
	return p
}
