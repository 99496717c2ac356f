package ttdn

import (
	"context"
	"strings"
	"time"
)

// WatchTerm is one entry of the province's watchlist: a place, an
// organisation or a subject, with its aliases, its priority (1 low, 2
// normal, 3 high; high hits raise alerts) and its themes (chuyên đề codes).
type WatchTerm struct {
	ID        int64     `json:"id"`
	Code      string    `json:"code"`
	Name      string    `json:"name"`
	Aliases   []string  `json:"aliases,omitempty"`
	Kind      string    `json:"kind"` // "entity" or "topic"
	Priority  int       `json:"priority"`
	Themes    []string  `json:"themes,omitempty"`
	Enabled   bool      `json:"enabled"`
	Version   int       `json:"version"`
	UpdatedAt time.Time `json:"updated_at,omitzero"`
}

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
	return nil
}

// WatchTermUpdate changes a watch term; nil fields stay.
type WatchTermUpdate struct {
	Name     *string
	Aliases  *[]string
	Kind     *string
	Priority *int
	Themes   *[]string
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

// WatchTermService keeps the watchlist. A rule is previewed against the
// last days of stored articles before it is saved, and re-applied to stored
// articles after it changed.
type WatchTermService interface {
	FindWatchTerms(ctx context.Context) ([]*WatchTerm, error)
	FindWatchTermByID(ctx context.Context, id int64) (*WatchTerm, error)
	CreateWatchTerm(ctx context.Context, t *WatchTerm) error
	UpdateWatchTerm(ctx context.Context, id int64, upd WatchTermUpdate) (*WatchTerm, error)
	DeleteWatchTerm(ctx context.Context, id int64) error
	PreviewWatchTerm(ctx context.Context, t *WatchTerm, days, limit int) ([]*WatchPreview, int, error)
	ReapplyWatchTerm(ctx context.Context, id int64, since time.Time) (int, error)
}
