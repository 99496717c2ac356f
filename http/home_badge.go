package http

import (
	"net/http"
	"sync"
	"time"
)

// The navigation's "Việc của tôi" badge: how many urgent items wait for the
// user. Computing the home costs a few queries, so each instance keeps the
// figure a minute per user; the home page itself always counts afresh.

// workBadgeTTL is how long a user's badge is reused.
const workBadgeTTL = time.Minute

type workBadge struct {
	n  int
	at time.Time
}

// workBadges caches badges by user id.
type workBadges struct{ m sync.Map }

// workCount returns the user's urgent work count, from the cache when it is
// fresh (0 for no user or when counting fails: a badge is a hint).
func (s *Server) workCount(r *http.Request) int {
	u := reqOf(r).user
	if u == nil {
		return 0
	}
	now := s.now()
	if b, ok := s.badges.m.Load(u.ID); ok && now.Sub(b.(workBadge).at) < workBadgeTTL {
		return b.(workBadge).n
	}
	v, err := s.myWork(r)
	if err != nil {
		return 0
	}
	s.setWorkCount(u.ID, v.urgentCount())
	return v.urgentCount()
}

func (s *Server) setWorkCount(userID int64, n int) {
	s.badges.m.Store(userID, workBadge{n: n, at: s.now()})
}
