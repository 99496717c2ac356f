package bench

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"
)

func TestRunMixCountsAcksAndErrors(t *testing.T) {
	actors := []*Actor{{ID: 0}, {ID: 1}, {ID: 2}}
	steps := []Step{
		{Name: "read", Weight: 2, Do: func(context.Context, *Actor, int) (string, error) { return "", nil }},
		{Name: "write", Weight: 1, Do: func(_ context.Context, a *Actor, n int) (string, error) {
			return fmt.Sprintf("w%d", n), nil
		}},
		{Name: "broken", Weight: 1, Do: func(context.Context, *Actor, int) (string, error) { return "", errors.New("no") }},
	}
	res, err := RunMix(context.Background(), MixConfig{Actors: actors, Steps: steps, Duration: 5 * time.Second, MaxRequests: 400})
	if err != nil {
		t.Fatal(err)
	}
	if res.Requests != 400 || res.Pages[0].Requests != 200 || len(res.Acks) != 100 || res.Total.Errors != 100 || len(res.FirstErrors) != 5 {
		t.Fatalf("requests %d, reads %d, acks %d, errors %d", res.Requests, res.Pages[0].Requests, len(res.Acks), res.Total.Errors)
	}
}

// With think time each actor pauses at least half of it between requests,
// so a run cannot make more requests than the pauses leave room for.
func TestRunMixThinks(t *testing.T) {
	actors := []*Actor{{ID: 0}, {ID: 1}, {ID: 2}, {ID: 3}}
	steps := []Step{{Name: "read", Weight: 1, Do: func(context.Context, *Actor, int) (string, error) { return "", nil }}}
	res, err := RunMix(context.Background(), MixConfig{Actors: actors, Steps: steps, Duration: time.Second, Think: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	// Each actor: one request, then one per pause of ≥ 50 ms in 1 s.
	if limit := len(actors) * (1 + 1000/50); res.Requests == 0 || res.Requests > limit {
		t.Fatalf("%d requests in 1 s with 100 ms think time; want 1..%d", res.Requests, limit)
	}
}
