package sqlstore

import (
	"context"

	"ttdn"
)

// findDifficultyGroupsByID loads the groups of ids with their member IDs in
// two queries whatever their number: a difficulty list or the groups page
// used to ask two per group.
func findDifficultyGroupsByID(ctx context.Context, tx *Tx, ids []int64) (map[int64]*ttdn.DifficultyGroup, error) {
	out := make(map[int64]*ttdn.DifficultyGroup, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	in := placeholders(len(ids))
	rows, err := tx.QueryContext(ctx, `SELECT `+difficultyGroupColumns+` FROM difficulty_groups WHERE id IN (`+in+`)`, int64Args(ids)...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		g := &ttdn.DifficultyGroup{}
		var status string
		if err := rows.Scan(&g.ID, &g.Title, &g.Proposal, &status, &g.ForwardedTo, &g.ForwardNumber, dateScan{&g.ForwardedOn}, &g.Answer,
			&g.AnswerNumber, dateScan{&g.AnsweredOn}, &g.Version, timeScan{&g.CreatedAt}); err != nil {
			return nil, err
		}
		g.Status = ttdn.DifficultyStatus(status)
		out[g.ID] = g
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	rows.Close()
	members, err := tx.QueryContext(ctx, `SELECT group_id, id FROM difficulties WHERE group_id IN (`+in+`) ORDER BY group_id, id`, int64Args(ids)...)
	if err != nil {
		return nil, err
	}
	defer members.Close()
	for members.Next() {
		var g, m int64
		if err := members.Scan(&g, &m); err != nil {
			return nil, err
		}
		if out[g] != nil {
			out[g].MemberIDs = append(out[g].MemberIDs, m)
		}
	}
	return out, members.Err()
}
