package sqlstore

import (
	"context"
	"strings"

	"ttdn"
)

// loadEditable loads a report for a change of its content: readable,
// editable by the acting user, at the version the user read, and in a
// status the unit may edit (draft or returned).
func loadEditable(ctx context.Context, tx *Tx, id int64, version int) (*ttdn.UnitReport, error) {
	r, err := readReport(ctx, tx, id)
	if err != nil {
		return nil, err
	} else if !ttdn.CanReport(ttdn.UserFromContext(ctx), ttdn.ActEdit, r.UnitID) {
		return nil, errReportForbidden(ttdn.ActEdit)
	} else if version != r.Version {
		return nil, errConflict()
	} else if r.Locked() {
		return nil, ttdn.ErrReportLocked()
	} else if !r.Status.Editable() {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Báo cáo đã gửi và đang chờ xem xét; chỉ sửa được khi được trả lại.",
			"The report has been sent and awaits review; it can be changed only when returned.")
	}
	return r, nil
}

// UpdateUnitReport applies the unit's corrections and narrative. Every
// value is checked before anything is written, and the transaction rolls
// back on any refusal, so a bad value changes nothing.
func (s *UnitReportService) UpdateUnitReport(ctx context.Context, id int64, upd ttdn.UnitReportUpdate) (*ttdn.UnitReport, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	before, err := loadEditable(ctx, tx, id, upd.Version)
	if err != nil {
		return nil, err
	}
	rp, err := findPeriodByID(ctx, tx, before.PeriodID)
	if err != nil {
		return nil, err
	}
	changed, err := applyInputs(ctx, tx, rp.PlanID, before, upd.Values)
	if err != nil {
		return nil, err
	}
	for _, v := range changed {
		if err := upsertValue(ctx, tx, id, v); err != nil {
			return nil, err
		}
	}
	n := before.Narrative
	if upd.Narrative != nil {
		n = *upd.Narrative
	}
	res, err := tx.exec(ctx, `UPDATE unit_reports SET results = ?, shortcomings = ?, next_tasks = ?, recommendations = ?,
		version = version + 1, updated_at = ? WHERE id = ? AND version = ?`, strings.TrimSpace(n.Results),
		strings.TrimSpace(n.Shortcomings), strings.TrimSpace(n.NextTasks), strings.TrimSpace(n.Recommendations), tx.now, id, before.Version)
	if err := checkOneRow(res, err); err != nil {
		return nil, err
	}
	after, err := findReportByID(ctx, tx, id)
	if err != nil {
		return nil, err
	} else if err := tx.audit(ctx, "update", ttdn.ResourceUnitReport, id, before, after); err != nil {
		return nil, err
	}
	return after, tx.Commit()
}

// applyInputs checks each input against its indicator and returns the
// value rows to write. A correction of a computed value needs a note.
func applyInputs(ctx context.Context, tx *Tx, planID int64, r *ttdn.UnitReport, inputs []ttdn.ValueInput) ([]*ttdn.ReportValue, error) {
	if len(inputs) == 0 {
		return nil, nil
	}
	indicators, err := findPlanIndicators(ctx, tx, planID)
	if err != nil {
		return nil, err
	}
	byCode := map[string]*ttdn.Indicator{}
	for _, ind := range indicators {
		byCode[ind.Code] = ind
	}
	var out []*ttdn.ReportValue
	for _, in := range inputs {
		v, err := applyInput(r, byCode[in.Code], in)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func applyInput(r *ttdn.UnitReport, ind *ttdn.Indicator, in ttdn.ValueInput) (*ttdn.ReportValue, error) {
	if ind == nil {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Chỉ tiêu %[1]q không thuộc kế hoạch của kỳ báo cáo này.",
			"Indicator %[1]q is not reported under this period's plan.", in.Code)
	}
	in.Item = strings.TrimSpace(in.Item)
	if in.Breakdown != "" && (!ind.Has(in.Breakdown) || in.Item == "") {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Chỉ tiêu “%[1]s” không phân tổ theo %[2]q, hoặc thiếu tên mục phân tổ.",
			"Indicator %[3]q has no breakdown %[2]q, or the breakdown item is missing.", ind.Name, in.Breakdown, ind.Code)
	}
	num, text, err := ind.ParseValue(in)
	if err != nil {
		return nil, err
	}
	v := r.Find(ind.Code, in.Breakdown, in.Item)
	if v == nil {
		v = &ttdn.ReportValue{IndicatorID: ind.ID, Code: ind.Code, Breakdown: in.Breakdown, Item: in.Item}
	} else {
		c := *v
		v = &c
	}
	v.Reported, v.Text, v.Note = num, text, strings.TrimSpace(in.Note)
	if v.Corrected() && v.Computed != nil && v.Note == "" {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Hãy ghi chú lý do điều chỉnh chỉ tiêu “%[1]s” (hệ thống tính được %[2]d, đơn vị báo cáo %[3]d).",
			"Add a note explaining the correction of indicator %[4]q (computed %[2]d, reported %[3]d).", ind.Name, *v.Computed, *v.Reported, ind.Code)
	}
	return v, nil
}

// RefreshPrefill recomputes the computed values from the registry as it is
// now. The unit's corrections, notes and texts stay; rows no longer
// computed lose their computed value and go if nothing else holds them.
func (s *UnitReportService) RefreshPrefill(ctx context.Context, id int64, version int) (*ttdn.UnitReport, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	before, err := loadEditable(ctx, tx, id, version)
	if err != nil {
		return nil, err
	}
	rp, err := findPeriodByID(ctx, tx, before.PeriodID)
	if err != nil {
		return nil, err
	}
	fresh, _, err := prefill(ctx, tx, rp, before.UnitID)
	if err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `UPDATE report_values SET computed = NULL, source = '', source_ids = '[]' WHERE report_id = ?`, id); err != nil {
		return nil, err
	}
	for _, v := range fresh {
		if old := before.Find(v.Code, v.Breakdown, v.Item); old != nil {
			v.Reported, v.Text, v.Note = old.Reported, old.Text, old.Note
		}
		if err := upsertValue(ctx, tx, id, v); err != nil {
			return nil, err
		}
	}
	if _, err := tx.exec(ctx, `DELETE FROM report_values WHERE report_id = ? AND computed IS NULL AND reported IS NULL
		AND text = '' AND breakdown <> ''`, id); err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `UPDATE unit_reports SET version = version + 1, updated_at = ? WHERE id = ?`, tx.now, id); err != nil {
		return nil, err
	}
	after, err := findReportByID(ctx, tx, id)
	if err != nil {
		return nil, err
	} else if err := tx.audit(ctx, "refresh", ttdn.ResourceUnitReport, id, before, after); err != nil {
		return nil, err
	}
	return after, tx.Commit()
}
