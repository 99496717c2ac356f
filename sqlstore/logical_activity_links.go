package sqlstore

import (
	"context"
	"fmt"
)

// The links from activities to units keep copies of the activity's start
// date (0045) and level (0056). An archive made before those migrations
// has no such columns, and its links load with the columns' empty
// defaults; a load therefore copies them again from the activities (an
// archive that has them gets the same values back).
func init() { derivedRebuilders = append(derivedRebuilders, rebuildActivityLinkCopies) }

func rebuildActivityLinkCopies(ctx context.Context, tx *Tx) error {
	if _, err := tx.ExecContext(ctx, `UPDATE activity_units SET
		start_date = (SELECT a.start_date FROM activities a WHERE a.id = activity_units.activity_id),
		classification = (SELECT a.classification FROM activities a WHERE a.id = activity_units.activity_id)
		WHERE EXISTS (SELECT 1 FROM activities a WHERE a.id = activity_units.activity_id
			AND (a.start_date <> activity_units.start_date OR a.classification <> activity_units.classification))`); err != nil {
		return fmt.Errorf("sqlstore: copy activity dates and levels to their units: %w", err)
	}
	return nil
}
