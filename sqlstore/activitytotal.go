package sqlstore

import (
	"context"
	"strings"
)

// activityTotal counts the activities the acting user may read that match
// filter. With no filter, the part of the scope readable by classification
// alone — nearly every activity for every role — is summed from
// activity_month_counts, which every activity write keeps in its own
// transaction (activitycounts.go), instead of counted row by row: on the
// huge province that count was two thirds of the activity list. The part
// readable through the user's units is counted as before.
func activityTotal(ctx context.Context, tx *Tx, filter string, args []any) (int, error) {
	parts := activityScopeParts(ctx)
	if filter != "" {
		return countParts(ctx, tx, "activities a", parts, filter, args)
	}
	var qs []string
	var all []any
	for _, p := range parts {
		if len(p.args) == 0 && strings.HasPrefix(p.cond, "a.classification IN (") && !strings.Contains(p.cond, " AND ") {
			qs = append(qs, "(SELECT COALESCE(SUM(a.n), 0) FROM activity_month_counts a WHERE "+p.cond+")")
			continue
		}
		qs = append(qs, "(SELECT COUNT(*) FROM activities a WHERE "+p.cond+")")
		all = append(all, p.args...)
	}
	var n int
	err := tx.QueryRowContext(ctx, "SELECT "+strings.Join(qs, " + "), all...).Scan(&n)
	return n, err
}
