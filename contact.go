package ttdn

import (
	"context"
	"strings"
	"time"
)

// ContactRole is the post a contact holds for a unit (seed V.15 "Bố trí cán
// bộ chuyên trách"; Nghị định 09/2017 on spokespersons).
type ContactRole string

const (
	ContactOfficer      ContactRole = "ttdn_officer" // cán bộ chuyên trách TTĐN
	ContactSpokesperson ContactRole = "spokesperson" // người phát ngôn
)

// Label returns the role in Vietnamese.
func (r ContactRole) Label() string {
	switch r {
	case ContactOfficer:
		return "Cán bộ chuyên trách TTĐN"
	case ContactSpokesperson:
		return "Người phát ngôn"
	}
	return string(r)
}

// Contact is the person a unit names for a role: one per unit and role.
type Contact struct {
	UnitID    int64       `json:"unit_id"`
	Role      ContactRole `json:"role"`
	Name      string      `json:"name"`
	Position  string      `json:"position,omitempty"` // chức vụ
	Phone     string      `json:"phone,omitempty"`
	Email     string      `json:"email,omitempty"`
	UpdatedAt time.Time   `json:"updated_at,omitzero"`
}

// Validate checks a contact's fields.
func (c *Contact) Validate() error {
	if c.UnitID == 0 {
		return Errorf(EINVALID, "Người liên hệ phải thuộc một đơn vị.", "A contact must belong to a unit.")
	} else if c.Role != ContactOfficer && c.Role != ContactSpokesperson {
		return Errorf(EINVALID, "Vai trò %q không hợp lệ (cán bộ chuyên trách hoặc người phát ngôn).", "Invalid contact role %q (ttdn_officer or spokesperson).", c.Role)
	} else if strings.TrimSpace(c.Name) == "" {
		return Errorf(EINVALID, "Họ tên người liên hệ không được để trống.", "A contact needs a name.")
	} else if c.Email != "" && !strings.Contains(c.Email, "@") {
		return Errorf(EINVALID, "Địa chỉ thư điện tử %q không hợp lệ.", "Invalid e-mail address %q.", c.Email)
	}
	return nil
}

// ContactFilter selects contacts. Nil fields do not filter.
type ContactFilter struct {
	UnitID *int64
	Role   *ContactRole
}

// ContactService keeps each unit's TTĐN officer and spokesperson.
type ContactService interface {
	FindContacts(ctx context.Context, filter ContactFilter) ([]*Contact, error)
	// UpsertContact sets the unit's contact for the role, replacing any.
	UpsertContact(ctx context.Context, c *Contact) error
	DeleteContact(ctx context.Context, unitID int64, role ContactRole) error
}
