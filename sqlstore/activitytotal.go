package sqlstore

import (
	"context"
	"strings"

	"ttdn"
)

// activityTotal counts the activities the acting user may read that match
// filter. With no filter, the part of the scope readable by classification
// alone — nearly every activity for every role — is summed from
// activity_month_counts, which every activity write keeps in its own
// transaction (activitycounts.go), instead of counted row by row: on the
// huge province that count was two thirds of the activity list. The part
// readable through the user's units is counted from the links, which keep
// each activity's level beside its units (0056): one index range per unit,
// where testing each linked activity's own row was a quarter of the
// 200-user mix's CPU.
func activityTotal(ctx context.Context, tx *Tx, filter string, args []any) (int, error) {
	if filter != "" {
		return countParts(ctx, tx, "activities a", activityScopeParts(ctx), filter, args)
	}
	parts := scopeParts(ttdn.ReadScope(ttdn.UserFromContext(ctx), ttdn.ResourceActivity), "s.classification", linkUnitsIn)
	var qs []string
	var all []any
	for _, p := range parts {
		if len(p.args) == 0 { // by level alone (or nothing: "1 = 0")
			qs = append(qs, "(SELECT COALESCE(SUM(s.n), 0) FROM activity_month_counts s WHERE "+p.cond+")")
			continue
		}
		// An activity linked to several of the user's units counts once.
		qs = append(qs, "(SELECT COUNT(DISTINCT s.activity_id) FROM activity_units s WHERE "+p.cond+")")
		all = append(all, p.args...)
	}
	var n int
	err := tx.QueryRowContext(ctx, "SELECT "+strings.Join(qs, " + "), all...).Scan(&n)
	return n, err
}

// linkUnitsIn matches the links (alias s) to any of ids.
func linkUnitsIn(ids []int64) (string, []any) {
	return "s.unit_id IN (" + placeholders(len(ids)) + ")", int64Args(ids)
}
