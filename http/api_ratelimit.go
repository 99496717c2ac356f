package http

import (
	"crypto/sha256"
	"net/http"
	"strconv"
	"sync"
	"time"

	"ttdn"
)

// DefaultAPIRateLimit is the requests one API token may make per minute.
const DefaultAPIRateLimit = 600

// rateLimiter counts each token's requests in fixed one-minute windows, in
// memory: each instance limits on its own, which is enough to keep one
// runaway script from starving the officers.
type rateLimiter struct {
	limit int
	now   func() time.Time
	mu    sync.Mutex
	start time.Time // the current window
	used  map[[32]byte]int
}

func newRateLimiter(limit int, now func() time.Time) *rateLimiter {
	if limit == 0 {
		limit = DefaultAPIRateLimit
	}
	return &rateLimiter{limit: limit, now: now, used: map[[32]byte]int{}}
}

// take counts one request of token and reports what is left, when the
// window ends, and whether the request may go on.
func (l *rateLimiter) take(token string) (remaining int, reset time.Duration, allowed bool) {
	now := l.now()
	key := sha256.Sum256([]byte(token)) // raw tokens are not kept in memory
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.start) >= time.Minute || now.Before(l.start) {
		l.start, l.used = now.Truncate(time.Minute), map[[32]byte]int{} // every old count at once: memory stays bounded
	}
	n := l.used[key] + 1
	l.used[key] = n
	reset = l.start.Add(time.Minute).Sub(now)
	return max(l.limit-n, 0), reset, n <= l.limit
}

// limit sets the RateLimit headers and answers 429 over the limit. It
// runs before the token is looked up, so guessing tokens is limited too.
func (s *Server) limit(w http.ResponseWriter, r *http.Request, token string) bool {
	if s.limiter.limit < 0 {
		return true
	}
	remaining, reset, allowed := s.limiter.take(token)
	secs := strconv.Itoa(int((reset + time.Second - 1) / time.Second))
	h := w.Header()
	h.Set("RateLimit-Policy", strconv.Itoa(s.limiter.limit)+";w=60")
	h.Set("RateLimit-Limit", strconv.Itoa(s.limiter.limit))
	h.Set("RateLimit-Remaining", strconv.Itoa(remaining))
	h.Set("RateLimit-Reset", secs)
	if !allowed {
		h.Set("Retry-After", secs)
		s.apiError(w, r, withStatus(http.StatusTooManyRequests, ttdn.ETOOLARGE, "Quá nhiều yêu cầu; hãy thử lại sau %s giây.", "Too many requests; retry in %s seconds.", secs))
	}
	return allowed
}
