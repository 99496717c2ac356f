package sqlstore

import (
	"context"
	"slices"
	"sync"

	"ttdn"
)

// unitDirectory is every unit, in the directory's order (name, id), as of
// unit_directory_version n (0057). Pages read the whole directory several
// times (name maps, pickers, filters: 9–10 % of the 200-user mix's CPU);
// reading the version — one row — tells whether this copy is still the
// stored directory, on any number of instances, since the triggers raise
// it in the transaction of every change.
type unitDirectory struct {
	mu       sync.Mutex
	n        int64
	units    []*ttdn.Unit      // shared: handed out as copies only
	children map[int64][]int64 // parent id → child ids, built when first asked
}

// allUnits returns every unit in (name, id) order, as tx sees them:
// fresh copies the caller may change.
func (db *DB) allUnits(ctx context.Context, tx *Tx) ([]*ttdn.Unit, error) {
	var n int64
	if err := tx.QueryRowContext(ctx, `SELECT n FROM unit_directory_version WHERE id = 1`).Scan(&n); err != nil {
		return nil, err
	}
	d := &db.unitDir
	d.mu.Lock()
	units := d.units
	current := units != nil && d.n == n
	d.mu.Unlock()
	if !current {
		var err error
		if units, _, err = db.loadDirectory(ctx, tx); err != nil {
			return nil, err
		}
	}
	out := make([]*ttdn.Unit, len(units))
	for i, u := range units {
		c := *u
		c.Aliases = slices.Clone(u.Aliases)
		out[i] = &c
	}
	return out, nil
}

// loadDirectory reads every unit and the directory's version, keeps them
// (unless a newer version is kept already) and returns them.
func (db *DB) loadDirectory(ctx context.Context, tx *Tx) ([]*ttdn.Unit, int64, error) {
	// The version is read in the same statement as the units: on
	// PostgreSQL each statement has its own snapshot.
	rows, err := tx.QueryContext(ctx, `SELECT `+unitColumns+`, (SELECT n FROM unit_directory_version WHERE id = 1)
		FROM units ORDER BY name, id`)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var n int64
	units := []*ttdn.Unit{}
	for rows.Next() {
		u, err := scanUnit(versionedRow{rows, &n})
		if err != nil {
			return nil, 0, err
		}
		units = append(units, u)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	d := &db.unitDir
	d.mu.Lock()
	if d.units == nil || n >= d.n {
		d.units, d.n, d.children = units, n, nil
	}
	d.mu.Unlock()
	return units, n, nil
}

// versionedRow scans a unit row followed by the directory's version.
type versionedRow struct {
	rowScanner
	n *int64
}

func (r versionedRow) Scan(dest ...any) error { return r.rowScanner.Scan(append(dest, r.n)...) }

// readableUnits keeps the units of units the acting user may read — the
// rule scopeWhere writes in SQL for unit lists, applied to the directory.
func readableUnits(ctx context.Context, units []*ttdn.Unit) []*ttdn.Unit {
	s := ttdn.ReadScope(ttdn.UserFromContext(ctx), ttdn.ResourceUnit)
	if s.None {
		return nil
	}
	return slices.DeleteFunc(units, func(u *ttdn.Unit) bool {
		return u.Classification > s.Max && (u.Classification > s.MaxInScope || !slices.Contains(s.UnitIDs, u.ID))
	})
}

// directoryPage is FindUnits of a filter with nothing but a page: the
// readable units of the directory, the page's slice of them and their
// total.
func directoryPage(ctx context.Context, units []*ttdn.Unit, f ttdn.UnitFilter) ([]*ttdn.Unit, int) {
	units = readableUnits(ctx, units)
	total := len(units)
	from := min(max(f.Offset, 0), total)
	to := total
	if f.Limit > 0 {
		to = min(from+f.Limit, total)
	}
	return units[from:to], total
}

// pageOnly reports whether f selects by nothing but a page.
func pageOnly(f ttdn.UnitFilter) bool {
	f.Offset, f.Limit = 0, 0
	return f == ttdn.UnitFilter{}
}

// scopesAt returns, for each root, the root and every unit below it along
// parent_id in ascending id order — what fillScopes' recursive query gives
// — from the kept directory, when it is version n (read by the caller in
// its own statement); ok is false otherwise. A root that is no unit has no
// scope, as in SQL.
func (db *DB) scopesAt(n int64, roots []int64) (map[int64][]int64, bool) {
	d := &db.unitDir
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.units == nil || d.n != n {
		return nil, false
	}
	if d.children == nil {
		d.children = map[int64][]int64{}
		for _, u := range d.units {
			d.children[u.ParentID] = append(d.children[u.ParentID], u.ID)
		}
	}
	known := make(map[int64]bool, len(d.units))
	for _, u := range d.units {
		known[u.ID] = true
	}
	out := map[int64][]int64{}
	for _, root := range roots {
		if !known[root] || out[root] != nil {
			continue
		}
		seen := map[int64]bool{root: true}
		ids := []int64{root}
		for i := 0; i < len(ids); i++ { // a cycle ends where UNION's would
			for _, c := range d.children[ids[i]] {
				if !seen[c] {
					seen[c] = true
					ids = append(ids, c)
				}
			}
		}
		slices.Sort(ids)
		out[root] = ids
	}
	return out, true
}
