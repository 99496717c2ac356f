package ttdn

import (
	"context"
	"encoding/json"
	"strings"
	"time"
)

// ActivityType is the kind of an activity in the registry. Each kind the
// seed plan names in sections II, III and V has one, with its own details.
type ActivityType string

// Activity types.
const (
	ActivityPressConference ActivityType = "press_conference" // họp báo
	ActivityPressBriefing   ActivityType = "press_briefing"   // cung cấp thông tin cho báo chí
	ActivityTraining        ActivityType = "training"         // tập huấn
	ActivityFair            ActivityType = "fair"             // hội chợ
	ActivityExhibition      ActivityType = "exhibition"       // triển lãm
	ActivityConference      ActivityType = "conference"       // hội nghị, hội thảo quốc tế
	ActivityCultural        ActivityType = "cultural"         // chương trình văn hóa, nghệ thuật
	ActivityPublication     ActivityType = "publication"      // tờ rơi, sách, CD, DVD
	ActivityMedia           ActivityType = "media"            // tin bài, chương trình, chuyên mục
	ActivityDelegation      ActivityType = "press_delegation" // đoàn phóng viên nước ngoài
	ActivityPortalPost      ActivityType = "portal_post"      // bài đăng trên cổng TTĐT
)

// ActivityTypes lists every type with its Vietnamese label, in display order.
var ActivityTypes = []struct {
	Type  ActivityType
	Label string
}{
	{ActivityPressConference, "Họp báo"},
	{ActivityPressBriefing, "Cung cấp thông tin cho báo chí"},
	{ActivityTraining, "Tập huấn"},
	{ActivityFair, "Hội chợ"},
	{ActivityExhibition, "Triển lãm"},
	{ActivityConference, "Hội nghị, hội thảo quốc tế"},
	{ActivityCultural, "Chương trình văn hóa, nghệ thuật"},
	{ActivityPublication, "Ấn phẩm (tờ rơi, sách, CD, DVD)"},
	{ActivityMedia, "Tin, bài, chương trình, chuyên mục"},
	{ActivityDelegation, "Đoàn phóng viên nước ngoài"},
	{ActivityPortalPost, "Bài đăng trên cổng thông tin điện tử"},
}

// Label returns the type's Vietnamese name.
func (t ActivityType) Label() string {
	for _, e := range ActivityTypes {
		if e.Type == t {
			return e.Label
		}
	}
	return string(t)
}

// Valid reports whether t is a known type.
func (t ActivityType) Valid() bool { return t.Label() != string(t) }

// Activity is one entry of the activity registry: something a unit did to
// carry out the plan. Details holds what only its type has (a training's
// attendance, a publication's copies…) and is nil or of the type's struct.
type Activity struct {
	ID        int64        `json:"id,omitempty"`
	Type      ActivityType `json:"type"`
	Title     string       `json:"title"`
	Summary   string       `json:"summary,omitempty"`
	StartDate Date         `json:"start_date"`
	EndDate   Date         `json:"end_date"` // zero for a one-day activity
	Place     string       `json:"place,omitempty"`
	UnitIDs   []int64      `json:"unit_ids"` // organising unit first, then participating units
	TaskIDs   []int64      `json:"task_ids"` // tasks of a plan the activity carries out
	Themes    []string     `json:"themes"`   // theme codes
	// Classification is the level readers are checked against: the
	// activity's own (OwnClassification), raised to the least protected of
	// its tasks' when it carries out tasks only more secret than that.
	Classification    Classification  `json:"classification"`
	OwnClassification Classification  `json:"own_classification"`
	Details           ActivityDetails `json:"details"`
	Version           int             `json:"version,omitempty"`
	CreatedAt         time.Time       `json:"created_at,omitzero"`
	UpdatedAt         time.Time       `json:"updated_at,omitzero"`
}

// Validate checks the common fields, then the details against the type.
// Storage checks that units, tasks and themes exist.
func (a *Activity) Validate() error {
	if !a.Type.Valid() {
		return Errorf(EINVALID, "Loại hoạt động %q không hợp lệ.", "Unknown activity type %q.", a.Type)
	} else if strings.TrimSpace(a.Title) == "" {
		return Errorf(EINVALID, "Hoạt động phải có tên.", "An activity needs a title.").On("title")
	} else if a.StartDate.IsZero() {
		return Errorf(EINVALID, "Hoạt động phải có ngày bắt đầu.", "An activity needs a start date.").On("start")
	} else if !a.EndDate.IsZero() && a.EndDate.Before(a.StartDate) {
		return Errorf(EINVALID, "Ngày kết thúc (%s) phải từ ngày bắt đầu (%s) trở đi.", "The end date (%s) must not be before the start date (%s).", a.EndDate, a.StartDate).On("end")
	} else if len(a.UnitIDs) == 0 {
		return Errorf(EINVALID, "Hoạt động phải có ít nhất một đơn vị tổ chức.", "An activity needs at least one organising unit.")
	}
	if a.Details == nil {
		return nil
	}
	if !a.Details.fits(a.Type) {
		return Errorf(EINVALID, "Thông tin chi tiết không khớp loại hoạt động %s.", "The details do not match the activity type %s.", a.Type.Label())
	}
	return a.Details.Validate()
}

// ChannelID returns the channel the activity was published on, from its
// details (media content and portal posts), or 0.
func (a *Activity) ChannelID() int64 {
	switch d := a.Details.(type) {
	case *MediaDetails:
		return d.ChannelID
	case *PortalPostDetails:
		return d.ChannelID
	}
	return 0
}

// activityJSON is Activity with raw details, for decoding by type.
type activityJSON struct {
	*activityAlias
	Details json.RawMessage `json:"details"`
}

type activityAlias Activity

// UnmarshalJSON decodes the details into the struct of the activity's type.
func (a *Activity) UnmarshalJSON(b []byte) error {
	v := activityJSON{activityAlias: (*activityAlias)(a)}
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	d, err := DecodeActivityDetails(a.Type, v.Details)
	a.Details = d
	return err
}

// ActivitySort orders activity lists.
type ActivitySort string

// Activity list orders; the zero value is newest first.
const (
	SortByDate  ActivitySort = "date"  // start date, newest first
	SortByTitle ActivitySort = "title" // title, A to Z ignoring diacritics
	SortByType  ActivitySort = "type"  // type, then newest first
)

// ActivityFilter selects activities. Nil fields do not filter. UnitID
// matches the unit and every unit below it; From and To bound the start date.
type ActivityFilter struct {
	ID             *int64
	IDs            []int64 // only these activities; nil: any
	Type           *ActivityType
	UnitID         *int64
	TaskID         *int64
	Theme          *string // theme code
	From, To       *Date
	ChannelID      *int64
	Classification *Classification
	Query          *string // folded substring of title, summary and place
	Sort           ActivitySort
	Offset         int
	Limit          int
	// Choices asks for a picker's list: each activity's own fields without
	// its units, tasks and themes, and no total (returned as -1) — a
	// <select> shows neither, and counting a unit's year of activities
	// cost the budget form as much as reading them.
	Choices bool
}

// ActivityUpdate changes an activity. Version must equal its current
// version, or the update is refused with ECONFLICT.
type ActivityUpdate struct {
	Version        int
	Title          *string
	Summary        *string
	StartDate      *Date
	EndDate        *Date
	Place          *string
	UnitIDs        *[]int64
	TaskIDs        *[]int64
	Themes         *[]string
	Classification *Classification
	Details        *ActivityDetails
}

// ActivityService manages the activity registry.
type ActivityService interface {
	FindActivityByID(ctx context.Context, id int64) (*Activity, error)
	FindActivities(ctx context.Context, filter ActivityFilter) ([]*Activity, int, error)
	CreateActivity(ctx context.Context, a *Activity) error
	UpdateActivity(ctx context.Context, id int64, upd ActivityUpdate) (*Activity, error)
	DeleteActivity(ctx context.Context, id int64) error
	// FindTrainingAbsentees returns the units expected at a training that
	// sent nobody (the seed: every unit attends every course).
	FindTrainingAbsentees(ctx context.Context, activityID int64) ([]*Unit, error)
}
