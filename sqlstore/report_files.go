package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"ttdn"
)

// A unit report keeps its files — the signed and stamped report (PDF or
// scan) and photos — as attachments. The report has no classification of
// its own: its files take the plan's, through the report's period, and
// are read by whoever may read the report (ttdn.CanReport).

// unitReportOwner is the policy resource of unit report id.
func unitReportOwner(ctx context.Context, tx *Tx, id int64) (ttdn.Resource, error) {
	var unit int64
	var class string
	err := tx.QueryRowContext(ctx, `SELECT r.unit_id, p.classification FROM unit_reports r
		JOIN report_periods rp ON rp.id = r.period_id JOIN plans p ON p.id = rp.plan_id WHERE r.id = ?`, id).Scan(&unit, &class)
	if errors.Is(err, sql.ErrNoRows) {
		return ttdn.Resource{}, errAttachmentNotFound()
	} else if err != nil {
		return ttdn.Resource{}, err
	}
	c, err := ttdn.ParseClassification(class)
	if err != nil {
		return ttdn.Resource{}, err
	}
	return ttdn.Resource{Kind: ttdn.ResourceUnitReport, Classification: c, UnitIDs: []int64{unit}}, nil
}

// ownerFrozen refuses a change to the files of a record that no longer
// changes: an accepted unit report (reopen it first).
func ownerFrozen(ctx context.Context, tx *Tx, kind ttdn.ResourceKind, id int64) error {
	if kind != ttdn.ResourceUnitReport {
		return nil
	}
	var status string
	if err := tx.QueryRowContext(ctx, `SELECT status FROM unit_reports WHERE id = ?`, id).Scan(&status); err != nil {
		return err
	}
	if ttdn.ReportStatus(status) == ttdn.ReportAccepted {
		return ttdn.Errorf(ttdn.ECONFLICT, "Báo cáo đã được chấp nhận: không thêm, bớt tệp được nữa (cần mở lại báo cáo trước).",
			"The report is accepted: its files no longer change (reopen it first).").On("files")
	}
	return nil
}
