package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"ttdn"
)

// A UnitRef is stored as four columns — unit_id, group_id, name, text — in
// every table that names units (task_units, responsibility_units,
// plan_report_units, plan_distribution). A resolved ref points at a unit or a
// group; an unresolved one keeps its text with both ids NULL.

// refIndex maps unit and group codes to ids (and back) within one
// transaction, querying each code once.
type refIndex struct {
	tx    *Tx
	byKey map[refKey]refHit
}

type refKey struct {
	group bool
	code  string
	id    int64
}

type refHit struct {
	id    int64
	code  string
	found bool
}

func newRefIndex(tx *Tx) *refIndex { return &refIndex{tx: tx, byKey: map[refKey]refHit{}} }

// resolve completes r in place: a code gets its stored ID, an ID its code.
// A code the database does not know leaves the ref unresolved (text kept);
// an ID it does not know is bad input.
func (ix *refIndex) resolve(ctx context.Context, r *ttdn.UnitRef) error {
	if r.ID == 0 && r.Code == "" {
		return nil
	}
	key := refKey{group: r.Group, id: r.ID}
	if r.ID == 0 {
		key.code = r.Code
	}
	hit, ok := ix.byKey[key]
	if !ok {
		var err error
		if hit, err = ix.lookup(ctx, key); err != nil {
			return err
		}
		ix.byKey[key] = hit
	}
	if !hit.found && r.ID != 0 {
		return ttdn.Errorf(ttdn.EINVALID, "Đơn vị %q (mã số %d) không tồn tại.", "Unit %q (id %d) does not exist.", r.Name, r.ID)
	}
	r.ID, r.Code = hit.id, hit.code
	if !hit.found {
		r.Group = false // an unresolved name is neither unit nor group
	}
	return nil
}

func (ix *refIndex) lookup(ctx context.Context, k refKey) (refHit, error) {
	table := "units"
	if k.group {
		table = "unit_groups"
	}
	var row *sql.Row
	if k.id != 0 {
		row = ix.tx.QueryRowContext(ctx, `SELECT id, code FROM `+table+` WHERE id = ?`, k.id)
	} else {
		row = ix.tx.QueryRowContext(ctx, `SELECT id, code FROM `+table+` WHERE code = ?`, k.code)
	}
	var h refHit
	err := row.Scan(&h.id, &h.code)
	if errors.Is(err, sql.ErrNoRows) {
		return refHit{}, nil
	}
	h.found = err == nil
	return h, err
}

// resolveAll resolves every ref of refs in place.
func (ix *refIndex) resolveAll(ctx context.Context, refs []ttdn.UnitRef) error {
	for i := range refs {
		if err := ix.resolve(ctx, &refs[i]); err != nil {
			return err
		}
	}
	return nil
}

// refArgs returns the unit_id, group_id, name and text column values of r.
func refArgs(r ttdn.UnitRef) []any {
	var unitID, groupID int64
	if r.Group {
		groupID = r.ID
	} else {
		unitID = r.ID
	}
	return []any{idArg(unitID), idArg(groupID), r.Name, r.Text}
}

// refColumns selects a ref from a table aliased x, joined to units u and
// unit_groups g by refJoins.
const (
	refColumns = `x.unit_id, x.group_id, x.name, x.text, COALESCE(u.code, g.code, '')`
	refJoins   = ` LEFT JOIN units u ON u.id = x.unit_id LEFT JOIN unit_groups g ON g.id = x.group_id`
)

// refScan returns the scan targets for refColumns and a function that
// assembles the ref once the row is scanned.
func refScan() ([]any, func() ttdn.UnitRef) {
	var unitID, groupID int64
	var r ttdn.UnitRef
	dest := []any{idScan{&unitID}, idScan{&groupID}, &r.Name, &r.Text, &r.Code}
	return dest, func() ttdn.UnitRef {
		out := r
		out.ID, out.Group = unitID, groupID != 0
		if out.Group {
			out.ID = groupID
		}
		return out
	}
}
