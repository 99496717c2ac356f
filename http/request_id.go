package http

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"net/netip"
)

// Every request gets an id, returned in the X-Request-Id header, written on
// its log line and shown on error pages, so a user can quote it to the help
// desk and the IT centre can find the request (and any internal error) in
// the log.

const requestIDHeader = "X-Request-Id"

// requestInfo is what the request log needs that only inner handlers learn:
// the middleware that authenticates fills in the user.
type requestInfo struct {
	id     string
	userID int64
}

type requestInfoKey struct{}

func infoOf(r *http.Request) *requestInfo {
	if v, ok := r.Context().Value(requestInfoKey{}).(*requestInfo); ok {
		return v
	}
	return &requestInfo{}
}

// requestID is the request's id, "" outside the middleware.
func requestID(r *http.Request) string { return infoOf(r).id }

// setRequestUser records the authenticated user for the request log.
func setRequestUser(r *http.Request, id int64) { infoOf(r).userID = id }

// newRequestID returns 16 hex digits: short enough to read over the phone,
// random enough never to repeat in a log's lifetime.
func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// incomingRequestID keeps the id a trusted reverse proxy sent (nginx's
// $request_id), so one id follows the request through both logs; from any
// other peer, or when it is not a plain token, a new id is made.
func (s *Server) incomingRequestID(r *http.Request) string {
	v := r.Header.Get(requestIDHeader)
	if v == "" || len(v) > 64 || len(s.cfg.TrustedProxies) == 0 {
		return newRequestID()
	}
	for _, c := range v {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return newRequestID()
		}
	}
	ip, err := netip.ParseAddr(peerAddr(r))
	if err != nil || !s.trustedProxy(ip.Unmap()) {
		return newRequestID()
	}
	return v
}

// withRequestInfo gives the request its id and the record the log reads.
func (s *Server) withRequestInfo(r *http.Request) (*http.Request, *requestInfo) {
	info := &requestInfo{id: s.incomingRequestID(r)}
	return r.WithContext(context.WithValue(r.Context(), requestInfoKey{}, info)), info
}
