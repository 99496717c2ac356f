package feed

import "time"

// PollPolicy decides when a source is polled next. Its methods are pure
// functions of the source's state, so the scheduler can derive due work
// from database columns and restarts change nothing.
type PollPolicy struct {
	Min, Max    time.Duration // bounds of the polling interval; defaults 5 min and 6 h
	Busy        int           // new items per poll at which the interval halves; default 10
	MaxFailures int           // consecutive failures that disable a source; default 10
	MaxBackoff  time.Duration // longest wait after failures; default 24 h
}

// DefaultPollPolicy is the policy the scheduler uses unless configured.
var DefaultPollPolicy = PollPolicy{}

func (p PollPolicy) withDefaults() PollPolicy {
	if p.Min <= 0 {
		p.Min = 5 * time.Minute
	}
	if p.Max < p.Min {
		p.Max = max(6*time.Hour, p.Min)
	}
	if p.Busy <= 0 {
		p.Busy = 10
	}
	if p.MaxFailures <= 0 {
		p.MaxFailures = 10
	}
	if p.MaxBackoff <= 0 {
		p.MaxBackoff = 24 * time.Hour
	}
	return p
}

// NextInterval adapts the polling interval to how much a poll brought: a
// busy feed (≥ Busy new items) is polled twice as often, a quiet one (no
// new item) half again as rarely, one in between keeps its pace; the
// result stays within [Min, Max]. A zero prev starts from Min.
func (p PollPolicy) NextInterval(prev time.Duration, newItems int) time.Duration {
	p = p.withDefaults()
	if prev <= 0 {
		prev = p.Min
	}
	next := prev
	switch {
	case newItems >= p.Busy:
		next = prev / 2
	case newItems == 0:
		next = prev + prev/2
	}
	return min(max(next, p.Min), p.Max)
}

// Backoff is the wait after the given number of consecutive failures
// (≥ 1): the interval doubled per failure, capped at MaxBackoff.
func (p PollPolicy) Backoff(interval time.Duration, failures int) time.Duration {
	p = p.withDefaults()
	d := max(interval, p.Min)
	for i := 1; i < failures && d < p.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, p.MaxBackoff)
}

// SourceState is the polling state the scheduler keeps per source.
type SourceState struct {
	Interval   time.Duration
	Failures   int // consecutive
	Disabled   bool
	LastReason Reason
	NextAt     time.Time
}

// After returns the state following a fetch at time now that gave res
// and newItems new items. A success resets the failure count and adapts
// the interval; a failure backs off and, after MaxFailures in a row,
// disables the source (an operator re-enables it).
func (p PollPolicy) After(s SourceState, now time.Time, res Result, newItems int) SourceState {
	p = p.withDefaults()
	if res.Err == nil {
		s.Interval = p.NextInterval(s.Interval, newItems)
		s.Failures, s.LastReason = 0, ReasonNone
		s.NextAt = now.Add(s.Interval)
		return s
	}
	s.Failures++
	s.LastReason = res.Reason
	if s.Failures >= p.MaxFailures {
		s.Disabled = true
		s.NextAt = time.Time{}
		return s
	}
	if s.Interval <= 0 {
		s.Interval = p.Min
	}
	s.NextAt = now.Add(p.Backoff(s.Interval, s.Failures))
	return s
}
