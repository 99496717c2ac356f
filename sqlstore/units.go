package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"ttdn"
)

// UnitService manages the unit directory.
type UnitService struct{ db *DB }

// NewUnitService returns the unit service on db.
func NewUnitService(db *DB) *UnitService { return &UnitService{db: db} }

var _ ttdn.UnitService = (*UnitService)(nil)

func errUnitNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy đơn vị.", "Unit not found.")
}

func unitResource(u *ttdn.Unit) ttdn.Resource {
	return ttdn.Resource{Kind: ttdn.ResourceUnit, Classification: u.Classification, UnitIDs: []int64{u.ID}}
}

// FindUnitByID returns the unit, or ENOTFOUND.
func (s *UnitService) FindUnitByID(ctx context.Context, id int64) (*ttdn.Unit, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	u, err := findUnitByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := canRead(ctx, unitResource(u), errUnitNotFound()); err != nil {
		return nil, err
	}
	if auditsReads(ctx, u.Classification) {
		return u, tx.endAndAuditReads(ctx, []readRecord{{ttdn.ResourceUnit, u.ID}})
	}
	return u, nil
}

// FindUnits returns the units the filter selects, ordered by name, and their
// total.
func (s *UnitService) FindUnits(ctx context.Context, f ttdn.UnitFilter) ([]*ttdn.Unit, int, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	if pageOnly(f) { // the whole directory, kept in memory (unitdir.go)
		all, err := s.db.allUnits(ctx, tx)
		if err != nil {
			return nil, 0, err
		}
		units, total := directoryPage(ctx, all, f)
		return units, total, nil
	}
	where, args := unitWhere(ctx, f)
	units, err := findUnits(ctx, tx, where+` ORDER BY name, id`+limitClause(f.Limit, f.Offset), args...)
	if err != nil {
		return nil, 0, err
	}
	total, err := listTotal(ctx, tx, f.Limit, f.Offset, len(units), `SELECT COUNT(*) FROM units WHERE `+where, args...)
	return units, total, err
}

func unitWhere(ctx context.Context, f ttdn.UnitFilter) (string, []any) {
	scope, args := scopeWhere(ttdn.ReadScope(ttdn.UserFromContext(ctx), ttdn.ResourceUnit), "classification",
		func(ids []int64) (string, []any) { return "id IN (" + placeholders(len(ids)) + ")", int64Args(ids) })
	where := []string{scope}
	if f.ID != nil {
		where, args = append(where, "id = ?"), append(args, *f.ID)
	}
	if f.Code != nil {
		where, args = append(where, "code = ?"), append(args, *f.Code)
	}
	if f.Kind != nil {
		where, args = append(where, "kind = ?"), append(args, string(*f.Kind))
	}
	if f.Query != nil && fold(*f.Query) != "" {
		where, args = append(where, `search_key LIKE ? ESCAPE '\'`), append(args, likeContains(fold(*f.Query)))
	}
	if f.SuccessorID != nil {
		where, args = append(where, "successor_id = ?"), append(args, *f.SuccessorID)
	}
	if f.ActiveOn != nil {
		d := f.ActiveOn.ISO()
		where = append(where, "(valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR valid_to > ?)")
		args = append(args, d, d)
	}
	return strings.Join(where, " AND "), args
}

const unitColumns = `id, code, name, short_name, aliases, kind, parent_id, valid_from, valid_to,
	successor_id, note, classification, version`

func scanUnit(row rowScanner) (*ttdn.Unit, error) {
	u := &ttdn.Unit{}
	var kind string
	err := row.Scan(&u.ID, &u.Code, &u.Name, &u.ShortName, jsonScan{&u.Aliases}, &kind, idScan{&u.ParentID},
		dateScan{&u.ValidFrom}, dateScan{&u.ValidTo}, idScan{&u.SuccessorID}, &u.Note, classScan{&u.Classification}, &u.Version)
	u.Kind = ttdn.UnitKind(kind)
	return u, err
}

func findUnitByID(ctx context.Context, tx *Tx, id int64) (*ttdn.Unit, error) {
	u, err := scanUnit(tx.QueryRowContext(ctx, `SELECT `+unitColumns+` FROM units WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errUnitNotFound()
	}
	return u, err
}

func findUnits(ctx context.Context, tx *Tx, whereOrder string, args ...any) ([]*ttdn.Unit, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+unitColumns+` FROM units WHERE `+whereOrder, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var units []*ttdn.Unit
	for rows.Next() {
		u, err := scanUnit(rows)
		if err != nil {
			return nil, err
		}
		units = append(units, u)
	}
	return units, rows.Err()
}

// CreateUnit stores a new unit and sets its ID and version.
func (s *UnitService) CreateUnit(ctx context.Context, u *ttdn.Unit) error {
	if err := authorize(ctx, ttdn.ActionCreate, unitResource(u), nil); err != nil {
		return err
	} else if err := u.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := insertUnit(ctx, tx, u); err != nil {
		return err
	} else if err := tx.audit(ctx, "create", ttdn.ResourceUnit, u.ID, nil, u); err != nil {
		return err
	}
	return tx.Commit()
}

func insertUnit(ctx context.Context, tx *Tx, u *ttdn.Unit) error {
	id, err := tx.insertID(ctx, `INSERT INTO units (code, name, short_name, aliases, kind, parent_id, valid_from,
		valid_to, successor_id, note, classification, search_key, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)`,
		u.Code, u.Name, u.ShortName, jsonArg(u.Aliases), string(u.Kind), idArg(u.ParentID), dateArg(u.ValidFrom),
		dateArg(u.ValidTo), idArg(u.SuccessorID), u.Note, u.Classification.String(), unitSearchKey(u))
	if err != nil {
		return err
	}
	u.ID, u.Version = id, 1
	return nil
}

func unitSearchKey(u *ttdn.Unit) string {
	return searchKey(append([]string{u.Name, u.ShortName, u.Code}, u.Aliases...)...)
}

// UpdateUnit applies upd if upd.Version is the unit's current version.
func (s *UnitService) UpdateUnit(ctx context.Context, id int64, upd ttdn.UnitUpdate) (*ttdn.Unit, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	before, err := findUnitByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	if err := authorize(ctx, ttdn.ActionUpdate, unitResource(before), errUnitNotFound()); err != nil {
		return nil, err
	} else if upd.Version != before.Version {
		return nil, errConflict()
	}
	u := applyUnitUpdate(*before, upd)
	if err := u.Validate(); err != nil {
		return nil, err
	}
	if err := updateUnit(ctx, tx, &u); err != nil {
		return nil, err
	} else if err := tx.audit(ctx, "update", ttdn.ResourceUnit, id, before, &u); err != nil {
		return nil, err
	}
	return &u, tx.Commit()
}

func applyUnitUpdate(u ttdn.Unit, upd ttdn.UnitUpdate) ttdn.Unit {
	setIf(&u.Name, upd.Name)
	setIf(&u.ShortName, upd.ShortName)
	setIf(&u.Aliases, upd.Aliases)
	setIf(&u.Kind, upd.Kind)
	setIf(&u.ParentID, upd.ParentID)
	setIf(&u.ValidFrom, upd.ValidFrom)
	setIf(&u.ValidTo, upd.ValidTo)
	setIf(&u.SuccessorID, upd.SuccessorID)
	setIf(&u.Note, upd.Note)
	return u
}

// updateUnit writes u over the stored row of the same version and bumps the
// version; a concurrent change makes it ECONFLICT.
func updateUnit(ctx context.Context, tx *Tx, u *ttdn.Unit) error {
	res, err := tx.exec(ctx, `UPDATE units SET name = ?, short_name = ?, aliases = ?, kind = ?, parent_id = ?,
		valid_from = ?, valid_to = ?, successor_id = ?, note = ?, classification = ?, search_key = ?, version = version + 1
		WHERE id = ? AND version = ?`,
		u.Name, u.ShortName, jsonArg(u.Aliases), string(u.Kind), idArg(u.ParentID), dateArg(u.ValidFrom),
		dateArg(u.ValidTo), idArg(u.SuccessorID), u.Note, u.Classification.String(), unitSearchKey(u), u.ID, u.Version)
	if err := checkOneRow(res, err); err != nil {
		return err
	}
	u.Version++
	return nil
}

// checkOneRow turns "no row matched id and version" into ECONFLICT.
func checkOneRow(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		return errConflict()
	}
	return nil
}

// setIf sets *dst to *src when src is not nil (the pointer fields of the
// domain's update structs).
func setIf[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}
