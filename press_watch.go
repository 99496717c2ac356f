package ttdn

import (
	"context"
	"slices"
	"strings"
	"time"
)

// WatchTerm is one entry of the province's watchlist: a place, an
// organisation or a subject, with its aliases, its priority (1 low, 2
// normal, 3 high; high hits raise alerts) and its themes (chuyên đề codes).
// A term matches text written with diacritics only where they agree
// (package watch); Folded also lets it match words written without them.
// Exclude lists phrases a match must not lie inside ("Trần Việt Tân");
// Context, if set, lets a match count only with one of its phrases within
// Within words (0: the default, 10).
type WatchTerm struct {
	ID        int64     `json:"id"`
	Code      string    `json:"code"`
	Name      string    `json:"name"`
	Aliases   []string  `json:"aliases,omitempty"`
	Kind      string    `json:"kind"` // "entity" or "topic"
	Priority  int       `json:"priority"`
	Themes    []string  `json:"themes,omitempty"`
	Folded    bool      `json:"folded"`
	Exclude   []string  `json:"exclude,omitempty"`
	Context   []string  `json:"context,omitempty"`
	Within    int       `json:"within,omitempty"`
	Enabled   bool      `json:"enabled"`
	Version   int       `json:"version"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

// MaxContextWithin is the largest context distance, in words.
const MaxContextWithin = 50

// The priorities of watch terms.
const (
	PriorityLow    = 1
	PriorityNormal = 2
	PriorityHigh   = 3
)

// Validate checks a watch term's fields.
func (t *WatchTerm) Validate() error {
	if !codeRE.MatchString(t.Code) {
		return Errorf(EINVALID, "Mã từ khóa %q không hợp lệ (chữ thường không dấu, số, gạch ngang).", "Invalid term code %q (lowercase letters, digits, '-').", t.Code)
	} else if strings.TrimSpace(t.Name) == "" {
		return Errorf(EINVALID, "Từ khóa theo dõi phải có tên.", "A watch term needs a name.")
	} else if t.Kind != "entity" && t.Kind != "topic" {
		return Errorf(EINVALID, "Loại từ khóa %q không hợp lệ (entity hoặc topic).", "Invalid term kind %q (entity or topic).", t.Kind)
	} else if t.Priority < PriorityLow || t.Priority > PriorityHigh {
		return Errorf(EINVALID, "Mức ưu tiên phải là 1, 2 hoặc 3.", "The priority must be 1, 2 or 3.")
	}
	for _, a := range t.Aliases {
		if strings.TrimSpace(a) == "" {
			return Errorf(EINVALID, "Tên gọi khác không được để trống.", "An alias must not be empty.")
		}
	}
	for _, p := range append(slices.Clone(t.Exclude), t.Context...) {
		if strings.TrimSpace(p) == "" {
			return Errorf(EINVALID, "Cụm từ loại trừ hoặc ngữ cảnh không được để trống.", "An exclusion or context phrase must not be empty.")
		}
	}
	if t.Within < 0 || t.Within > MaxContextWithin {
		return Errorf(EINVALID, "Khoảng cách ngữ cảnh phải từ 0 đến %d từ.", "The context distance must be 0 to %d words.", MaxContextWithin)
	}
	return nil
}

// WatchTermUpdate changes a watch term; nil fields stay.
type WatchTermUpdate struct {
	Name     *string
	Aliases  *[]string
	Kind     *string
	Priority *int
	Themes   *[]string
	Folded   *bool
	Exclude  *[]string
	Context  *[]string
	Within   *int
	Enabled  *bool
	Version  int
}

// WatchPreview is one stored article a rule would have matched, with the
// first match in context.
type WatchPreview struct {
	Article *Article `json:"article"`
	Hits    int      `json:"hits"`
	Snippet string   `json:"snippet"`
}

// WatchTermDiff is what a rule, before it is saved, would match in the
// stored articles of the last days, against the term's current rule: the
// articles gained and lost, each with a few examples, newest first. A new
// term gains everything it matches.
type WatchTermDiff struct {
	Days        int             `json:"days"`
	Matched     int             `json:"matched"` // articles the rule matches
	Kept        int             `json:"kept"`    // matched by both rules
	GainedTotal int             `json:"gained_total"`
	LostTotal   int             `json:"lost_total"`
	Gained      []*WatchPreview `json:"gained"`
	Lost        []*WatchPreview `json:"lost"` // snippets show the current rule's match
}

// WatchTermService keeps the watchlist. A rule is compared with the current
// one on the last days of stored articles before it is saved, and
// re-applied to every stored article after it changed.
type WatchTermService interface {
	FindWatchTerms(ctx context.Context) ([]*WatchTerm, error)
	FindWatchTermByID(ctx context.Context, id int64) (*WatchTerm, error)
	CreateWatchTerm(ctx context.Context, t *WatchTerm) error
	UpdateWatchTerm(ctx context.Context, id int64, upd WatchTermUpdate) (*WatchTerm, error)
	DeleteWatchTerm(ctx context.Context, id int64) error
	PreviewWatchTerm(ctx context.Context, t *WatchTerm, days, limit int) ([]*WatchPreview, int, error)
	CompareWatchTerm(ctx context.Context, t *WatchTerm, days, limit int) (*WatchTermDiff, error)
	// ReapplyWatchTerm re-applies a term at once (StartReapply, then
	// RunReapply) and returns how many articles it matches.
	ReapplyWatchTerm(ctx context.Context, id int64, since time.Time) (int, error)
	StartReapply(ctx context.Context, id int64, since time.Time) (*ReapplyJob, error)
	RunReapply(ctx context.Context, jobID int64, progress func(done, total int)) (*ReapplyJob, error)
	FindReapplyJob(ctx context.Context, id int64) (*ReapplyJob, error)
}
