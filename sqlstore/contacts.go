package sqlstore

import (
	"context"
	"strings"

	"ttdn"
)

// ContactService keeps each unit's TTĐN officer and spokesperson.
type ContactService struct{ db *DB }

// NewContactService returns the contact service on db.
func NewContactService(db *DB) *ContactService { return &ContactService{db: db} }

var _ ttdn.ContactService = (*ContactService)(nil)

// contactResource: contacts carry phone numbers, so they are internal.
func contactResource(unitID int64) ttdn.Resource {
	return ttdn.Resource{Kind: ttdn.ResourceContact, Classification: ttdn.Internal, UnitIDs: []int64{unitID}}
}

// FindContacts returns the contacts the filter selects, by unit and role.
func (s *ContactService) FindContacts(ctx context.Context, f ttdn.ContactFilter) ([]*ttdn.Contact, error) {
	if err := authorize(ctx, ttdn.ActionRead, contactResource(0), nil); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	where, args := []string{"1 = 1"}, []any{}
	if f.UnitID != nil {
		where, args = append(where, "unit_id = ?"), append(args, *f.UnitID)
	}
	if f.Role != nil {
		where, args = append(where, "role = ?"), append(args, string(*f.Role))
	}
	return findContacts(ctx, tx, strings.Join(where, " AND "), args...)
}

func findContacts(ctx context.Context, tx *Tx, where string, args ...any) ([]*ttdn.Contact, error) {
	rows, err := tx.QueryContext(ctx, `SELECT unit_id, role, name, position, phone, email, updated_at FROM contacts
		WHERE `+where+` ORDER BY unit_id, role`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var contacts []*ttdn.Contact
	for rows.Next() {
		c := &ttdn.Contact{}
		var role string
		if err := rows.Scan(&c.UnitID, &role, &c.Name, &c.Position, &c.Phone, &c.Email, timeScan{&c.UpdatedAt}); err != nil {
			return nil, err
		}
		c.Role = ttdn.ContactRole(role)
		contacts = append(contacts, c)
	}
	return contacts, rows.Err()
}

// UpsertContact sets the unit's contact for the role. A unit officer may set
// the contacts of the units in scope; coordinators any.
func (s *ContactService) UpsertContact(ctx context.Context, c *ttdn.Contact) error {
	if err := authorize(ctx, ttdn.ActionUpdate, contactResource(c.UnitID), nil); err != nil {
		return err
	} else if err := c.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if _, err := findUnitByID(ctx, tx, c.UnitID); err != nil {
		return ttdn.Errorf(ttdn.EINVALID, "Đơn vị mã số %d không tồn tại.", "Unit id %d does not exist.", c.UnitID)
	}
	before, err := findContacts(ctx, tx, "unit_id = ? AND role = ?", c.UnitID, string(c.Role))
	if err != nil {
		return err
	}
	c.UpdatedAt = tx.now
	if _, err := tx.exec(ctx, `INSERT INTO contacts (unit_id, role, name, position, phone, email, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (unit_id, role) DO UPDATE SET name = excluded.name,
		position = excluded.position, phone = excluded.phone, email = excluded.email, updated_at = excluded.updated_at`,
		c.UnitID, string(c.Role), c.Name, c.Position, c.Phone, c.Email, tx.now); err != nil {
		return err
	}
	var old any
	if len(before) == 1 {
		old = before[0]
	}
	if err := tx.audit(ctx, "update", ttdn.ResourceContact, c.UnitID, old, c); err != nil {
		return err
	}
	return tx.Commit()
}

// DeleteContact removes the unit's contact for the role, if any.
func (s *ContactService) DeleteContact(ctx context.Context, unitID int64, role ttdn.ContactRole) error {
	if err := authorize(ctx, ttdn.ActionDelete, contactResource(unitID), nil); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	before, err := findContacts(ctx, tx, "unit_id = ? AND role = ?", unitID, string(role))
	if err != nil || len(before) == 0 {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM contacts WHERE unit_id = ? AND role = ?`, unitID, string(role)); err != nil {
		return err
	} else if err := tx.audit(ctx, "delete", ttdn.ResourceContact, unitID, before[0], nil); err != nil {
		return err
	}
	return tx.Commit()
}
