package ttdn

import (
	"context"
	"time"
)

// ResourceCalendarFeed is a user's calendar feed (in the audit log).
const ResourceCalendarFeed ResourceKind = "calendar_feed"

// CalendarFeedService keeps each user's secret calendar address: an
// iCalendar feed of the deadlines of their unit's tasks, of report periods
// and of their unit's activities, read by a calendar application that
// cannot log in. Only a hash of the address's token is stored; rotating it
// makes the old address answer nothing, revoking it ends the feed.
type CalendarFeedService interface {
	// CalendarFeedCreated returns when the user's feed address was made,
	// or the zero time when they have none.
	CalendarFeedCreated(ctx context.Context, userID int64) (time.Time, error)
	// RotateCalendarFeed makes a new address (the first, or in place of
	// the old one) and returns its token, shown once.
	RotateCalendarFeed(ctx context.Context, userID int64) (string, error)
	RevokeCalendarFeed(ctx context.Context, userID int64) error
	// FindCalendarUser returns the enabled user a feed token belongs to,
	// or EUNAUTHORIZED.
	FindCalendarUser(ctx context.Context, token string) (*User, error)
}
