package http

import (
	"context"
	"net/http"
	"time"
)

// backgroundWait is how long a request waits for work it started in the
// background: short work answers with its result, long work with a page
// that shows its progress.
const backgroundWait = 2 * time.Second

// runInBackground runs work after the request, as the same user and
// without the request's cancellation (closing the tab does not stop it),
// and waits up to backgroundWait. It reports whether the work was done by
// then; a failure is logged under what.
func (s *Server) runInBackground(r *http.Request, what string, work func(ctx context.Context) error) bool {
	ctx := context.WithoutCancel(r.Context())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := work(ctx); err != nil {
			s.log.Error("http: "+what, "err", err)
		}
	}()
	select {
	case <-done:
		return true
	case <-time.After(backgroundWait):
		return false
	}
}
