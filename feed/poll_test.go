package feed

import (
	"errors"
	"testing"
	"time"
)

func TestNextInterval(t *testing.T) {
	p := PollPolicy{Min: 10 * time.Minute, Max: 4 * time.Hour, Busy: 10}
	for _, tc := range []struct {
		prev time.Duration
		n    int
		want time.Duration
	}{
		{0, 0, 15 * time.Minute},
		{time.Hour, 0, 90 * time.Minute},
		{time.Hour, 3, time.Hour},
		{time.Hour, 12, 30 * time.Minute},
		{12 * time.Minute, 50, 10 * time.Minute}, // floor
		{3 * time.Hour, 0, 4 * time.Hour},        // ceiling
	} {
		if got := p.NextInterval(tc.prev, tc.n); got != tc.want {
			t.Errorf("NextInterval(%v, %d) = %v, want %v", tc.prev, tc.n, got, tc.want)
		}
	}
}

func TestBackoffAndDisable(t *testing.T) {
	p := PollPolicy{Min: 10 * time.Minute, MaxFailures: 4, MaxBackoff: 2 * time.Hour}
	now := time.Date(2025, 11, 1, 8, 0, 0, 0, time.UTC)
	fail := Result{Reason: ReasonTimeout, Err: errors.New("timeout")}
	s := SourceState{Interval: 30 * time.Minute}
	var waits []time.Duration
	for range 4 {
		s = p.After(s, now, fail, 0)
		waits = append(waits, s.NextAt.Sub(now))
	}
	want := []time.Duration{30 * time.Minute, time.Hour, 2 * time.Hour, -now.Sub(time.Time{})}
	for i := range 3 {
		if waits[i] != want[i] {
			t.Errorf("wait after %d failures = %v, want %v", i+1, waits[i], want[i])
		}
	}
	if !s.Disabled || s.Failures != 4 || s.LastReason != ReasonTimeout {
		t.Errorf("after 4 failures: %+v", s)
	}
	ok := p.After(SourceState{Interval: time.Hour, Failures: 3, LastReason: ReasonNetwork}, now, Result{}, 20)
	if ok.Failures != 0 || ok.LastReason != "" || ok.Interval != 30*time.Minute || !ok.NextAt.Equal(now.Add(30*time.Minute)) {
		t.Errorf("success after failures: %+v", ok)
	}
}
