package ttdn

import (
	"context"
	"strings"
	"time"
)

// ResourceDifficulty is the policy kind of difficulties and their groups.
const ResourceDifficulty ResourceKind = "difficulty"

// DifficultyStatus is where a difficulty (khó khăn, vướng mắc, kiến nghị)
// stands: a unit raises it, the coordinator groups similar ones with a
// proposal, forwards the group to the People's Committee, records its
// answer, and closes it.
type DifficultyStatus string

// Difficulty statuses.
const (
	DifficultyRaised    DifficultyStatus = "raised"
	DifficultyGrouped   DifficultyStatus = "grouped"
	DifficultyForwarded DifficultyStatus = "forwarded"
	DifficultyAnswered  DifficultyStatus = "answered"
	DifficultyClosed    DifficultyStatus = "closed"
)

// DifficultyStatuses lists every status in order.
var DifficultyStatuses = []DifficultyStatus{DifficultyRaised, DifficultyGrouped, DifficultyForwarded, DifficultyAnswered, DifficultyClosed}

// Label returns the status in Vietnamese.
func (s DifficultyStatus) Label() string {
	switch s {
	case DifficultyRaised:
		return "Mới phản ánh"
	case DifficultyGrouped:
		return "Đã tổng hợp"
	case DifficultyForwarded:
		return "Đã đề xuất UBND tỉnh"
	case DifficultyAnswered:
		return "Đã có ý kiến trả lời"
	case DifficultyClosed:
		return "Đã đóng"
	}
	return string(s)
}

// Open reports whether the difficulty still waits for an answer.
func (s DifficultyStatus) Open() bool {
	return s == DifficultyRaised || s == DifficultyGrouped || s == DifficultyForwarded
}

// Difficulty is a difficulty or recommendation a unit raises in writing
// (the seed's closing paragraph). Group is the coordinator's grouping, with
// the proposal and the answer, when there is one.
type Difficulty struct {
	ID     int64  `json:"id,omitempty"`
	UnitID int64  `json:"unit_id"`
	PlanID int64  `json:"plan_id,omitempty"`
	TaskID int64  `json:"task_id,omitempty"`
	Title  string `json:"title"`
	Text   string `json:"text"`
	// Classification is the highest of OwnClassification (the level the
	// unit chose) and its plan's and task's.
	Classification    Classification   `json:"classification"`
	OwnClassification Classification   `json:"own_classification"`
	Status            DifficultyStatus `json:"status"`
	GroupID           int64            `json:"group_id,omitempty"`
	Group             *DifficultyGroup `json:"group,omitempty"`
	RaisedBy          int64            `json:"raised_by,omitempty"`
	RaisedAt          time.Time        `json:"raised_at,omitzero"`
	ResolvedAt        time.Time        `json:"resolved_at,omitzero"` // answered or closed
	CloseNote         string           `json:"close_note,omitempty"`
	Version           int              `json:"version,omitempty"`
	UpdatedAt         time.Time        `json:"updated_at,omitzero"`
}

// Validate checks what a unit must write.
func (d *Difficulty) Validate() error {
	d.Title, d.Text = strings.TrimSpace(d.Title), strings.TrimSpace(d.Text)
	if d.UnitID == 0 {
		return Errorf(EINVALID, "Khó khăn, vướng mắc phải thuộc một đơn vị.", "A difficulty needs a unit.")
	} else if d.Title == "" || d.Text == "" {
		return Errorf(EINVALID, "Cần ghi tiêu đề và nội dung khó khăn, vướng mắc.", "A difficulty needs a title and a text.").On("title")
	} else if len(d.Text) > 20000 {
		return Errorf(EINVALID, "Nội dung quá dài (tối đa 20.000 ký tự).", "The text is too long (at most 20,000 characters).").On("text")
	}
	return nil
}

// AgeDays is how many days the difficulty has waited (until it was
// answered or closed).
func (d *Difficulty) AgeDays(now time.Time) int {
	end := now
	if !d.ResolvedAt.IsZero() {
		end = d.ResolvedAt
	}
	if end.Before(d.RaisedAt) {
		return 0
	}
	return int(end.Sub(d.RaisedAt) / (24 * time.Hour))
}

// DifficultyGroup gathers similar difficulties under one proposal the
// coordinator sends to the People's Committee (UBND tỉnh), and keeps its
// answer.
type DifficultyGroup struct {
	ID            int64            `json:"id,omitempty"`
	Title         string           `json:"title"`
	Proposal      string           `json:"proposal"`
	Status        DifficultyStatus `json:"status"`
	ForwardedTo   string           `json:"forwarded_to,omitempty"`
	ForwardNumber string           `json:"forward_number,omitempty"` // the proposal's document number
	ForwardedOn   Date             `json:"forwarded_on"`
	Answer        string           `json:"answer,omitempty"`
	AnswerNumber  string           `json:"answer_number,omitempty"`
	AnsweredOn    Date             `json:"answered_on"`
	MemberIDs     []int64          `json:"member_ids"`
	Version       int              `json:"version,omitempty"`
	CreatedAt     time.Time        `json:"created_at,omitzero"`
}

// Validate checks the group before it is stored.
func (g *DifficultyGroup) Validate() error {
	g.Title, g.Proposal = strings.TrimSpace(g.Title), strings.TrimSpace(g.Proposal)
	if g.Title == "" {
		return Errorf(EINVALID, "Nhóm kiến nghị phải có tiêu đề.", "A group needs a title.")
	} else if len(g.MemberIDs) == 0 {
		return Errorf(EINVALID, "Hãy chọn ít nhất một khó khăn, vướng mắc để tổng hợp.", "Choose at least one difficulty to group.")
	}
	return nil
}

// DifficultyForward is the dispatch of a group's proposal.
type DifficultyForward struct {
	Version int
	To      string // the served province's UBND when empty
	Number  string
	Date    Date
}

// DifficultyAnswer is the People's Committee's answer to a group.
type DifficultyAnswer struct {
	Version int
	Text    string
	Number  string
	Date    Date
}

// DifficultySort orders difficulty lists.
type DifficultySort string

// Difficulty list orders; the zero value is newest first.
const (
	DifficultyNewest DifficultySort = ""
	DifficultyOldest DifficultySort = "oldest" // the longest waiting first
	DifficultyByUnit DifficultySort = "unit"
)

// DifficultyFilter selects difficulties; nil fields do not filter.
type DifficultyFilter struct {
	ID       *int64
	UnitID   *int64
	Status   *DifficultyStatus
	OpenOnly bool
	GroupID  *int64
	Query    *string
	Sort     DifficultySort
	Offset   int
	Limit    int
}

// DifficultyUpdate changes a raised difficulty (its unit, before grouping).
type DifficultyUpdate struct {
	Version        int
	Title          *string
	Text           *string
	PlanID         *int64
	TaskID         *int64
	Classification *Classification
}

// DifficultyService keeps difficulties and their grouping and answers.
type DifficultyService interface {
	FindDifficultyByID(ctx context.Context, id int64) (*Difficulty, error)
	FindDifficulties(ctx context.Context, filter DifficultyFilter) ([]*Difficulty, int, error)
	CreateDifficulty(ctx context.Context, d *Difficulty) error
	UpdateDifficulty(ctx context.Context, id int64, upd DifficultyUpdate) (*Difficulty, error)
	// CloseDifficulty ends a difficulty (the coordinator), with a note.
	CloseDifficulty(ctx context.Context, id int64, version int, note string) (*Difficulty, error)

	// GroupDifficulties stores a group of raised difficulties (coordinator).
	GroupDifficulties(ctx context.Context, g *DifficultyGroup) error
	FindDifficultyGroupByID(ctx context.Context, id int64) (*DifficultyGroup, error)
	FindDifficultyGroups(ctx context.Context, offset, limit int) ([]*DifficultyGroup, int, error)
	ForwardDifficultyGroup(ctx context.Context, id int64, f DifficultyForward) (*DifficultyGroup, error)
	AnswerDifficultyGroup(ctx context.Context, id int64, a DifficultyAnswer) (*DifficultyGroup, error)

	// FindOpenDifficulties returns, for the consolidated report, the
	// difficulties still unanswered at the end of the period (to; zero:
	// now), raised on or after from (zero: any time), oldest first.
	FindOpenDifficulties(ctx context.Context, from, to Date) ([]*Difficulty, error)

	AddDifficultyAttachment(ctx context.Context, difficultyID int64, files ...*Attachment) error
	FindDifficultyAttachments(ctx context.Context, difficultyID int64) ([]*Attachment, error)
	FindDifficultyAttachment(ctx context.Context, difficultyID, id int64) (*Attachment, error)
}

// canWriteDifficulty: a unit raises and edits its own; the coordinator
// groups, forwards, answers and closes.
func canWriteDifficulty(u *User, r Resource) bool {
	return u.Role == RoleCoordinator || u.Role == RoleUnitOfficer && anyInScope(u, r.UnitIDs)
}
