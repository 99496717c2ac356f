package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"ttdn"
	"ttdn/directory"
)

// SeedDirectory stores the shipped unit directory (directory.Entries and
// Groups). It matches by code: a unit or group already stored is left as it
// is (an administrator may have edited it), a new one is inserted, so running
// it twice changes nothing and a later release adding a unit adds it. Parent
// and successor codes are linked where the stored unit has none yet.
func SeedDirectory(ctx context.Context, db *DB) error {
	ctx = ttdn.NewSystemContext(ctx)
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	d, err := storedProvinceDirectory(ctx, tx)
	if err != nil {
		return err
	}
	if _, err := seedEntries(ctx, tx, d.Entries, d.Groups, nil); err != nil {
		return err
	}
	return tx.Commit()
}

// storedProvinceDirectory is the directory of the province in the settings:
// the shipped example (Tây Ninh, with its pre-2025 units) when none is set
// or Tây Ninh is, else the generated one.
func storedProvinceDirectory(ctx context.Context, tx *Tx) (directory.ProvinceDirectory, error) {
	name, err := storedProvince(ctx, tx)
	if err != nil {
		return directory.ProvinceDirectory{}, err
	}
	return provinceDirectory(name), nil
}

func provinceDirectory(name string) directory.ProvinceDirectory {
	p, _, ok := directory.FindProvince(name)
	if !ok || p.Name == directory.ShippedProvince {
		p, _, _ = directory.FindProvince(directory.ShippedProvince)
		return directory.ProvinceDirectory{Province: p, Entries: directory.Entries(), Groups: directory.Groups()}
	}
	return directory.Generate(p)
}

// storedProvince is the province setting, "" when none is stored.
func storedProvince(ctx context.Context, tx *Tx) (string, error) {
	var v string
	err := tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, keyProvince).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	return v, err
}

// seedEntries stores entries and groups missing by code and links them;
// it returns the units it inserted. progress, when set, hears of each entry.
func seedEntries(ctx context.Context, tx *Tx, entries []directory.Entry, groups []directory.Group, progress func(done, total int)) (int, error) {
	ids, err := unitIDsByCode(ctx, tx)
	if err != nil {
		return 0, err
	}
	before := len(ids)
	for i := range entries {
		if err := seedUnit(ctx, tx, &entries[i], ids); err != nil {
			return 0, err
		}
		if progress != nil {
			progress(i+1, len(entries))
		}
	}
	for _, e := range entries {
		if err := linkUnit(ctx, tx, e, ids); err != nil {
			return 0, err
		}
	}
	return len(ids) - before, seedGroups(ctx, tx, groups, ids)
}

func seedUnit(ctx context.Context, tx *Tx, e *directory.Entry, ids map[string]int64) error {
	if _, ok := ids[e.Unit.Code]; ok {
		return nil
	}
	u := e.Unit
	u.ID, u.ParentID, u.SuccessorID = 0, 0, 0
	if err := u.Validate(); err != nil {
		return fmt.Errorf("sqlstore: seed unit %s: %w", u.Code, err)
	}
	if err := insertUnit(ctx, tx, &u); err != nil {
		return fmt.Errorf("sqlstore: seed unit %s: %w", u.Code, err)
	}
	ids[u.Code] = u.ID
	return tx.audit(ctx, "create", ttdn.ResourceUnit, u.ID, nil, &u)
}

// linkUnit sets parent and successor from their codes, only where unset, so
// a link an administrator changed is kept.
func linkUnit(ctx context.Context, tx *Tx, e directory.Entry, ids map[string]int64) error {
	id := ids[e.Unit.Code]
	if pid, ok := ids[e.ParentCode]; ok && e.ParentCode != "" {
		if _, err := tx.exec(ctx, `UPDATE units SET parent_id = ? WHERE id = ? AND parent_id IS NULL`, pid, id); err != nil {
			return err
		}
	}
	if sid, ok := ids[e.SuccessorCode]; ok && e.SuccessorCode != "" {
		if _, err := tx.exec(ctx, `UPDATE units SET successor_id = ? WHERE id = ? AND successor_id IS NULL`, sid, id); err != nil {
			return err
		}
	}
	return nil
}

func seedGroups(ctx context.Context, tx *Tx, groups []directory.Group, unitIDs map[string]int64) error {
	groupIDs, err := groupIDsByCode(ctx, tx)
	if err != nil {
		return err
	}
	for _, sg := range groups {
		var members []int64
		for _, code := range sg.MemberCodes {
			if id, ok := unitIDs[code]; ok {
				members = append(members, id)
			}
		}
		if gid, ok := groupIDs[sg.Code]; ok {
			// Members a release adds join the stored group.
			for _, uid := range members {
				if err := addGroupMember(ctx, tx, gid, uid); err != nil {
					return err
				}
			}
			continue
		}
		g := &ttdn.UnitGroup{Code: sg.Code, Name: sg.Name, Aliases: sg.Aliases, MemberIDs: members}
		if err := insertGroup(ctx, tx, g); err != nil {
			return fmt.Errorf("sqlstore: seed group %s: %w", sg.Code, err)
		}
	}
	return nil
}

func unitIDsByCode(ctx context.Context, tx *Tx) (map[string]int64, error) {
	return idsByCode(ctx, tx, `SELECT code, id FROM units`)
}

func groupIDsByCode(ctx context.Context, tx *Tx) (map[string]int64, error) {
	return idsByCode(ctx, tx, `SELECT code, id FROM unit_groups`)
}

func idsByCode(ctx context.Context, tx *Tx, query string) (map[string]int64, error) {
	rows, err := tx.QueryContext(ctx, query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	ids := map[string]int64{}
	for rows.Next() {
		var code string
		var id int64
		if err := rows.Scan(&code, &id); err != nil {
			return nil, err
		}
		ids[code] = id
	}
	return ids, rows.Err()
}

// LoadResolver builds a directory.Resolver from the units and groups stored
// in db, so plans resolve against the directory as administrators keep it.
func LoadResolver(ctx context.Context, db *DB) (*directory.Resolver, error) {
	tx, err := db.BeginTx(ttdn.NewSystemContext(ctx), false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	units, err := findUnits(ctx, tx, `1 = 1 ORDER BY id`)
	if err != nil {
		return nil, err
	}
	groups, err := findUnitGroups(ctx, tx)
	if err != nil {
		return nil, err
	}
	return directory.NewResolver(units, groups), nil
}
