package ttdn

import (
	"context"
	"time"
)

// IdempotencyTTL is how long an Idempotency-Key is remembered: a client
// retrying later than this is making a new request.
const IdempotencyTTL = 24 * time.Hour

// StoredResponse is the answer to a request made with an Idempotency-Key,
// replayed to every retry.
type StoredResponse struct {
	Status int
	Body   []byte
}

// IdempotencyService remembers the API's creating requests by the key the
// client sends, per user, so a retried request never creates twice.
type IdempotencyService interface {
	// BeginIdempotent claims key for the acting user and the request whose
	// hash is requestHash. It returns the stored response of a finished
	// request with the same key; nil when the caller should run the request
	// (and then Finish or Abandon it); ECONFLICT while another request with
	// the key runs; EINVALID when the key was used for another request.
	BeginIdempotent(ctx context.Context, key, requestHash string) (*StoredResponse, error)
	// FinishIdempotent stores the response of a claimed key.
	FinishIdempotent(ctx context.Context, key string, resp StoredResponse) error
	// AbandonIdempotent frees a claimed key whose request failed, so a
	// retry runs it again.
	AbandonIdempotent(ctx context.Context, key string) error
}
