package sqlstore

import (
	"context"

	"ttdn"
)

// FindUnitGroups returns every unit group with its members, ordered by name.
// Groups carry no classification: they name collectives, not work.
func (s *UnitService) FindUnitGroups(ctx context.Context) ([]*ttdn.UnitGroup, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return findUnitGroups(ctx, tx)
}

func findUnitGroups(ctx context.Context, tx *Tx) ([]*ttdn.UnitGroup, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, code, name, aliases FROM unit_groups ORDER BY name, id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var groups []*ttdn.UnitGroup
	byID := map[int64]*ttdn.UnitGroup{}
	for rows.Next() {
		g := &ttdn.UnitGroup{MemberIDs: []int64{}}
		if err := rows.Scan(&g.ID, &g.Code, &g.Name, jsonScan{&g.Aliases}); err != nil {
			return nil, err
		}
		groups, byID[g.ID] = append(groups, g), g
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return groups, loadGroupMembers(ctx, tx, byID)
}

// loadGroupMembers fills MemberIDs of every group in one query.
func loadGroupMembers(ctx context.Context, tx *Tx, byID map[int64]*ttdn.UnitGroup) error {
	rows, err := tx.QueryContext(ctx, `SELECT group_id, unit_id FROM unit_group_members ORDER BY group_id, unit_id`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var gid, uid int64
		if err := rows.Scan(&gid, &uid); err != nil {
			return err
		}
		if g := byID[gid]; g != nil {
			g.MemberIDs = append(g.MemberIDs, uid)
		}
	}
	return rows.Err()
}

// insertGroup stores a group and its members and sets its ID.
func insertGroup(ctx context.Context, tx *Tx, g *ttdn.UnitGroup) error {
	id, err := tx.insertID(ctx, `INSERT INTO unit_groups (code, name, aliases, search_key) VALUES (?, ?, ?, ?)`,
		g.Code, g.Name, jsonArg(g.Aliases), searchKey(append([]string{g.Name, g.Code}, g.Aliases...)...))
	if err != nil {
		return err
	}
	g.ID = id
	for _, uid := range g.MemberIDs {
		if err := addGroupMember(ctx, tx, id, uid); err != nil {
			return err
		}
	}
	return nil
}

func addGroupMember(ctx context.Context, tx *Tx, groupID, unitID int64) error {
	_, err := tx.exec(ctx, `INSERT INTO unit_group_members (group_id, unit_id) VALUES (?, ?)
		ON CONFLICT (group_id, unit_id) DO NOTHING`, groupID, unitID)
	return err
}

// CreateUnitGroup stores a new group with its members and sets its ID. Like
// units, groups are managed by administrators and coordinators.
func (s *UnitService) CreateUnitGroup(ctx context.Context, g *ttdn.UnitGroup) error {
	if err := authorize(ctx, ttdn.ActionCreate, ttdn.Resource{Kind: ttdn.ResourceUnit}, nil); err != nil {
		return err
	} else if g.Code == "" || g.Name == "" {
		return ttdn.Errorf(ttdn.EINVALID, "Nhóm đơn vị cần có mã và tên.", "A unit group needs a code and a name.")
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := insertGroup(ctx, tx, g); err != nil {
		return err
	} else if err := tx.audit(ctx, "create", ttdn.ResourceUnit, g.ID, nil, g); err != nil {
		return err
	}
	return tx.Commit()
}
