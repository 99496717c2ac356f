package ttdn

import (
	"context"
	"strings"
)

// UnitKind says what kind of body a unit is.
type UnitKind string

// Unit kinds named in TTĐN plans.
const (
	UnitPartyBody          UnitKind = "party_body"          // Tỉnh ủy, Ban Tuyên giáo Tỉnh ủy
	UnitPeoplesCouncil     UnitKind = "peoples_council"     // HĐND
	UnitPeoplesCommittee   UnitKind = "peoples_committee"   // UBND tỉnh, UBND huyện
	UnitOffice             UnitKind = "office"              // Văn phòng UBND tỉnh
	UnitDepartment         UnitKind = "department"          // sở, ban, ngành
	UnitArmedForce         UnitKind = "armed_force"         // Bộ CHQS tỉnh, BĐBP
	UnitPolice             UnitKind = "police"              // Công an tỉnh
	UnitPressAgency        UnitKind = "press_agency"        // Báo Tây Ninh, Đài PTTH
	UnitDistrict           UnitKind = "district"            // huyện, thị xã, thành phố (until 1/7/2025)
	UnitCommune            UnitKind = "commune"             // xã, phường
	UnitMassOrganisation   UnitKind = "mass_organisation"   // MTTQ, đoàn thể
	UnitMinistry           UnitKind = "ministry"            // Bộ TTTT, Bộ VHTTDL
	UnitSteeringCommittee  UnitKind = "steering_committee"  // BCĐ 94-16
	UnitCentralAgency      UnitKind = "central_agency"      // Chính phủ, Thủ tướng, Ban Tuyên giáo Trung ương
	UnitRadioStation       UnitKind = "radio_station"       // Đài Truyền thanh huyện / xã
	UnitInformationCluster UnitKind = "information_cluster" // Cụm TTĐN tại cửa khẩu
	UnitOther              UnitKind = "other"
)

// UnitKinds lists every kind with its Vietnamese label, in display order.
var UnitKinds = []struct {
	Kind  UnitKind
	Label string
}{
	{UnitPartyBody, "Cơ quan Đảng"},
	{UnitPeoplesCouncil, "Hội đồng nhân dân"},
	{UnitPeoplesCommittee, "Ủy ban nhân dân"},
	{UnitOffice, "Văn phòng"},
	{UnitDepartment, "Sở, ban, ngành"},
	{UnitArmedForce, "Lực lượng vũ trang"},
	{UnitPolice, "Công an"},
	{UnitPressAgency, "Cơ quan báo chí"},
	{UnitDistrict, "Huyện, thị xã, thành phố"},
	{UnitCommune, "Xã, phường, thị trấn"},
	{UnitMassOrganisation, "Mặt trận, đoàn thể"},
	{UnitMinistry, "Bộ, ngành Trung ương"},
	{UnitSteeringCommittee, "Ban Chỉ đạo"},
	{UnitCentralAgency, "Cơ quan Trung ương"},
	{UnitRadioStation, "Đài Truyền thanh"},
	{UnitInformationCluster, "Cụm thông tin đối ngoại"},
	{UnitOther, "Khác"},
}

// Label returns the kind's Vietnamese name.
func (k UnitKind) Label() string {
	for _, e := range UnitKinds {
		if e.Kind == k {
			return e.Label
		}
	}
	return string(k)
}

// Valid reports whether k is one of the known kinds.
func (k UnitKind) Valid() bool {
	for _, e := range UnitKinds {
		if e.Kind == k {
			return true
		}
	}
	return false
}

// Unit is a body that leads, executes or coordinates TTĐN work, or receives its
// reports. Units are dated: they are founded, merged and abolished (Sở TTTT's TTĐN
// duties passed to Sở VHTTDL in 2025; districts were abolished on 1/7/2025), so a
// unit has a validity window and, once ended, a successor.
type Unit struct {
	ID             int64          `json:"id"`
	Code           string         `json:"code"` // stable key, e.g. "so-tttt"
	Name           string         `json:"name"` // full official name
	ShortName      string         `json:"short_name,omitempty"`
	Aliases        []string       `json:"aliases,omitempty"` // other ways plans write the name
	Kind           UnitKind       `json:"kind"`
	ParentID       int64          `json:"parent_id,omitempty"`
	ValidFrom      Date           `json:"valid_from"`
	ValidTo        Date           `json:"valid_to"` // zero while the unit exists
	SuccessorID    int64          `json:"successor_id,omitempty"`
	Note           string         `json:"note,omitempty"` // e.g. why it ended
	Classification Classification `json:"classification"`
	Version        int            `json:"version"`
}

// ActiveOn reports whether the unit existed on d.
func (u *Unit) ActiveOn(d Date) bool {
	if !u.ValidFrom.IsZero() && d.Before(u.ValidFrom) {
		return false
	}
	return u.ValidTo.IsZero() || d.Before(u.ValidTo)
}

// Validate checks the fields a user can get wrong.
func (u *Unit) Validate() error {
	if strings.TrimSpace(u.Name) == "" {
		return Errorf(EINVALID, "Tên đơn vị không được để trống.", "A unit needs a name.")
	} else if strings.TrimSpace(u.Code) == "" {
		return Errorf(EINVALID, "Mã đơn vị không được để trống.", "A unit needs a code.")
	} else if !u.Kind.Valid() {
		return Errorf(EINVALID, "Loại đơn vị %q không hợp lệ.", "Unknown unit kind %q.", u.Kind)
	} else if !u.ValidTo.IsZero() && !u.ValidFrom.IsZero() && u.ValidTo.Before(u.ValidFrom) {
		return Errorf(EINVALID, "Ngày hết hiệu lực phải sau ngày bắt đầu.", "A unit must end after it begins.")
	}
	return nil
}

// UnitGroup is a collective a plan addresses instead of naming units one by
// one: "các sở, ban, ngành", "UBND các huyện, thành phố", "các cơ quan báo chí".
type UnitGroup struct {
	ID        int64    `json:"id"`
	Code      string   `json:"code"`
	Name      string   `json:"name"`
	Aliases   []string `json:"aliases,omitempty"`
	MemberIDs []int64  `json:"member_ids"`
}

// UnitRef is a unit as a plan names it: the text as written and, when it
// resolved against the directory, the unit or group it names. A name that could
// not be resolved keeps its text and has no ID: it is never dropped.
type UnitRef struct {
	Name  string `json:"name"`         // canonical name (the text itself when unresolved)
	Text  string `json:"text"`         // as written in the plan
	ID    int64  `json:"id,omitempty"` // unit or group ID when resolved
	Code  string `json:"code,omitempty"`
	Group bool   `json:"group"` // ID is a UnitGroup
}

// Resolved reports whether the reference names a known unit or group.
func (r UnitRef) Resolved() bool { return r.ID != 0 || r.Code != "" }

// UnitFilter selects units. Nil fields do not filter.
type UnitFilter struct {
	ID       *int64
	Code     *string
	Kind     *UnitKind
	Query    *string // folded substring of name, short name or aliases
	ActiveOn *Date
	// SuccessorID finds the units that ended into this one (its predecessors).
	SuccessorID *int64
	Offset      int
	Limit       int
}

// UnitService manages the unit directory.
type UnitService interface {
	FindUnitByID(ctx context.Context, id int64) (*Unit, error)
	FindUnits(ctx context.Context, filter UnitFilter) ([]*Unit, int, error)
	FindUnitGroups(ctx context.Context) ([]*UnitGroup, error)
	CreateUnit(ctx context.Context, u *Unit) error
	UpdateUnit(ctx context.Context, id int64, upd UnitUpdate) (*Unit, error)
}

// UnitUpdate changes a unit. Version must equal the unit's current version.
type UnitUpdate struct {
	Version     int
	Name        *string
	ShortName   *string
	Aliases     *[]string
	Kind        *UnitKind
	ParentID    *int64
	ValidFrom   *Date
	ValidTo     *Date
	SuccessorID *int64
	Note        *string
}

// ResourceUnitGroup is the audit's kind for a unit group (the policy
// treats groups as units).
const ResourceUnitGroup ResourceKind = "unit_group"

// UnitAlias is a name as a plan wrote it that a user said means a unit or
// a group (in the import preview): kept as another name of it, so the next
// plan resolves it without help.
type UnitAlias struct {
	Text    string
	UnitID  int64 // one of UnitID and GroupID
	GroupID int64
}

// UnitAliasLearner keeps the names users resolved by hand as aliases. It
// returns how many it added.
type UnitAliasLearner interface {
	LearnAliases(ctx context.Context, aliases []UnitAlias) (int, error)
}
