package ttdn

import "time"

// A changed term is re-applied to the stored articles: every one published
// since a date, newest first, in batches of their own transactions so that
// ingestion goes on meanwhile. It runs in the background; the job records
// its progress so that any instance shows it.

// ReapplyState is where a re-apply stands.
type ReapplyState string

// The states of a re-apply.
const (
	ReapplyRunning ReapplyState = "running"
	ReapplyDone    ReapplyState = "done"
	ReapplyFailed  ReapplyState = "failed" // stopped by an internal error
)

// ReapplyStall is how long a running re-apply may go without progress
// before it is shown as interrupted (its instance stopped).
const ReapplyStall = 10 * time.Minute

// ReapplyJob is one re-apply of a term: Done of Total articles handled
// (those the term's words could match, and those it matched before), and
// Matched of them matched now.
type ReapplyJob struct {
	ID        int64        `json:"id"`
	TermID    int64        `json:"term_id"`
	TermName  string       `json:"term_name"`
	Since     time.Time    `json:"since"`
	UserID    int64        `json:"user_id,omitempty"`
	State     ReapplyState `json:"state"`
	Total     int          `json:"total"`
	Done      int          `json:"done"`
	Matched   int          `json:"matched"`
	CreatedAt time.Time    `json:"created_at"`
	UpdatedAt time.Time    `json:"updated_at"`
}

// Stalled reports a running re-apply that has made no progress for a
// while: the instance running it stopped. Starting again finishes it.
func (j *ReapplyJob) Stalled(now time.Time) bool {
	return j.State == ReapplyRunning && now.Sub(j.UpdatedAt) > ReapplyStall
}

// Percent is the share of articles handled.
func (j *ReapplyJob) Percent() int {
	if j.Total == 0 {
		return 100
	}
	return 100 * j.Done / j.Total
}
