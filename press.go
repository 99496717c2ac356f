package ttdn

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"time"
)

// Press monitoring (issue 7): the province's monitors follow domestic and
// foreign press opinion ("dư luận báo chí trong và ngoài nước") about it.
// Sources are the feeds they read; Articles are the items those feeds
// bring; Stories group the same event across outlets; WatchTerms pick the
// articles about the province; Reviews are the queue in which people judge
// those hits; the Digest sums it all up for a day or a week.

// The resource kinds of press monitoring. Monitors, coordinators and
// leaders read them; monitors and coordinators manage sources, watch terms
// and reviews; only the system (ingestion) writes articles.
const (
	ResourcePressSource ResourceKind = "press_source"
	ResourceArticle     ResourceKind = "article"
	ResourceWatchTerm   ResourceKind = "watch_term"
	ResourcePressReview ResourceKind = "press_review"
)

// NotifyPressHit is the in-app and e-mail alert for a high-priority hit.
const NotifyPressHit NotificationKind = "press_hit"

func pressKind(k ResourceKind) bool {
	return k == ResourcePressSource || k == ResourceArticle || k == ResourceWatchTerm || k == ResourcePressReview
}

func pressReader(u *User) bool {
	return u.Role == RoleMonitor || u.Role == RoleCoordinator || u.Role == RoleLeader
}

// pressScope is ReadScope for press kinds: all of it for the roles that
// follow the press, nothing for anyone else. Max below Public admits no
// level, so Can and a query built from the scope agree.
func pressScope(u *User) Scope {
	if pressReader(u) {
		return Scope{Max: Secret, MaxInScope: Secret}
	}
	return Scope{Max: Public - 1, MaxInScope: Public - 1, None: true}
}

// canWritePress: monitors and coordinators manage sources, watch terms and
// reviews; articles come only from ingestion (the system user).
func canWritePress(u *User, r Resource) bool {
	if r.Kind == ResourceArticle {
		return false
	}
	return u.Role == RoleMonitor || u.Role == RoleCoordinator
}

// PressResource is the policy's view of any press record: internal, tied
// to no unit.
func PressResource(k ResourceKind) Resource { return Resource{Kind: k, Classification: Internal} }

// Source is a feed the province follows (nguồn tin): an outlet's RSS, Atom,
// RDF or JSON feed, with what the monitors know about the outlet and the
// state the fetcher keeps. A Source without FeedURL holds items ingested
// offline under an outlet's name.
type Source struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Outlet      string `json:"outlet"`
	Country     string `json:"country"`  // ISO 3166 alpha-2, "VN" for domestic press
	Language    string `json:"language"` // the feed's main language; items are detected one by one
	Foreign     bool   `json:"foreign"`  // foreign press (báo chí nước ngoài)
	FeedURL     string `json:"feed_url,omitempty"`
	UnitID      int64  `json:"unit_id,omitempty"` // the unit that owns the outlet (Báo Tây Ninh…), if any
	PollMinutes int    `json:"poll_minutes"`      // 0: adaptive within the policy's bounds
	Enabled     bool   `json:"enabled"`

	// Fetch state, kept by the fetcher and shown in the UI.
	ETag           string        `json:"-"`
	LastModified   string        `json:"-"`
	NextFetchAt    time.Time     `json:"next_fetch_at,omitzero"`
	Interval       time.Duration `json:"interval"`
	Failures       int           `json:"failures"`
	DisabledReason string        `json:"disabled_reason,omitempty"`
	LastError      string        `json:"last_error,omitempty"`
	LastFetchAt    time.Time     `json:"last_fetch_at,omitzero"`
	LastSuccessAt  time.Time     `json:"last_success_at,omitzero"`
	Items          int           `json:"items"`

	Version   int       `json:"version"`
	CreatedAt time.Time `json:"created_at,omitzero"`
}

var countryRE = regexp.MustCompile(`^[A-Z]{2}$`)
var langRE = regexp.MustCompile(`^[a-z]{2,3}$`)

// Validate checks a source's fields.
func (s *Source) Validate() error {
	if strings.TrimSpace(s.Name) == "" {
		return Errorf(EINVALID, "Nguồn tin phải có tên.", "A source needs a name.")
	} else if !countryRE.MatchString(s.Country) {
		return Errorf(EINVALID, "Mã quốc gia %q không hợp lệ (hai chữ in hoa, ví dụ VN).", "Invalid country code %q (two capital letters, e.g. VN).", s.Country)
	} else if !langRE.MatchString(s.Language) {
		return Errorf(EINVALID, "Mã ngôn ngữ %q không hợp lệ (ví dụ vi, en, km).", "Invalid language code %q (e.g. vi, en, km).", s.Language)
	} else if s.PollMinutes < 0 || s.PollMinutes > 7*24*60 {
		return Errorf(EINVALID, "Chu kỳ lấy tin phải từ 0 đến 10080 phút.", "The polling interval must be 0 to 10080 minutes.")
	}
	if s.FeedURL != "" {
		u, err := url.Parse(s.FeedURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return Errorf(EINVALID, "Địa chỉ nguồn tin %q không hợp lệ (cần http:// hoặc https://).", "Invalid feed URL %q (http:// or https:// needed).", s.FeedURL)
		} else if u.User != nil {
			// Credentials would be stored, shown and exported in clear.
			return Errorf(EINVALID, "Địa chỉ nguồn tin không được chứa tên đăng nhập hay mật khẩu (phần trước dấu @).",
				"A feed URL may not contain a user name or password (the part before @).")
		}
	}
	return nil
}

// SourceFilter selects sources.
type SourceFilter struct {
	Enabled *bool
	Foreign *bool
	Failing bool // only sources whose last fetch failed or that were disabled
	Offset  int
	Limit   int
}

// SourceUpdate changes a source; nil fields stay. Enabling a source clears
// its failures and disabled reason, so an operator re-enables a source that
// the fetcher gave up on.
type SourceUpdate struct {
	Name        *string
	Outlet      *string
	Country     *string
	Language    *string
	Foreign     *bool
	FeedURL     *string
	UnitID      *int64
	PollMinutes *int
	Enabled     *bool
	Version     int
}

// SourceService manages the source registry.
type SourceService interface {
	FindSourceByID(ctx context.Context, id int64) (*Source, error)
	FindSources(ctx context.Context, f SourceFilter) ([]*Source, int, error)
	CreateSource(ctx context.Context, s *Source) error
	UpdateSource(ctx context.Context, id int64, upd SourceUpdate) (*Source, error)
	DeleteSource(ctx context.Context, id int64) error
}

// FetchOutcome is what one fetch of a source did to its state; the
// fetcher computes it (feed.PollPolicy) and storage records it.
type FetchOutcome struct {
	ETag, LastModified string
	NextFetchAt        time.Time
	Interval           time.Duration
	Failures           int
	Disabled           bool
	DisabledReason     string
	Error              string // "" on success
	NewItems           int
}

// FeedScheduleService is the storage the feed runner drives: it hands out
// due sources under a lease, so two instances never fetch one feed at once,
// and records each outcome.
type FeedScheduleService interface {
	ClaimDueSources(ctx context.Context, limit int, lease time.Duration) ([]*Source, error)
	CountDueSources(ctx context.Context) (int, error)
	RecordFetch(ctx context.Context, id int64, o FetchOutcome) error
}
