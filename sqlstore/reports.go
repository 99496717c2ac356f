package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"
	"slices"
	"strings"

	"ttdn"
)

// UnitReportService keeps the units' periodic reports and their review.
type UnitReportService struct{ db *DB }

// NewUnitReportService returns the unit report service on db.
func NewUnitReportService(db *DB) *UnitReportService { return &UnitReportService{db: db} }

var _ ttdn.UnitReportService = (*UnitReportService)(nil)

func errReportNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy báo cáo.", "Report not found.")
}

const reportColumns = `r.id, r.period_id, r.unit_id, u.name, r.status, r.results, r.shortcomings, r.next_tasks,
	r.recommendations, r.comment, r.first_submitted_at, r.submitted_at, r.late, r.accepted_at, r.version,
	r.created_at, r.updated_at`

const reportFrom = ` FROM unit_reports r JOIN units u ON u.id = r.unit_id`

func scanReport(row rowScanner) (*ttdn.UnitReport, error) {
	r := &ttdn.UnitReport{}
	var status string
	n := &r.Narrative
	err := row.Scan(&r.ID, &r.PeriodID, &r.UnitID, &r.UnitName, &status, &n.Results, &n.Shortcomings, &n.NextTasks,
		&n.Recommendations, &r.Comment, timeScan{&r.FirstSubmittedAt}, timeScan{&r.SubmittedAt}, &r.Late,
		timeScan{&r.AcceptedAt}, &r.Version, timeScan{&r.CreatedAt}, timeScan{&r.UpdatedAt})
	r.Status = ttdn.ReportStatus(status)
	return r, err
}

func findReports(ctx context.Context, tx *Tx, whereOrder string, args ...any) ([]*ttdn.UnitReport, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+reportColumns+reportFrom+` WHERE `+whereOrder, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*ttdn.UnitReport
	for rows.Next() {
		r, err := scanReport(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// findReportByID returns the report with its values, or ENOTFOUND.
func findReportByID(ctx context.Context, tx *Tx, id int64) (*ttdn.UnitReport, error) {
	list, err := findReports(ctx, tx, `r.id = ?`, id)
	if err != nil {
		return nil, err
	} else if len(list) == 0 {
		return nil, errReportNotFound()
	}
	return list[0], loadReportValues(ctx, tx, list)
}

// loadReportValues fills Values of reports in one query, in the order of
// the catalogue, totals before their breakdown rows.
func loadReportValues(ctx context.Context, tx *Tx, reports []*ttdn.UnitReport) error {
	if len(reports) == 0 {
		return nil
	}
	byID := make(map[int64]*ttdn.UnitReport, len(reports))
	ids := make([]any, len(reports))
	for i, r := range reports {
		byID[r.ID], ids[i], r.Values = r, r.ID, []*ttdn.ReportValue{}
	}
	rows, err := tx.QueryContext(ctx, `SELECT v.report_id, v.indicator_id, i.code, v.breakdown, v.item, v.computed,
		v.reported, v.text, v.note, v.source, v.source_ids FROM report_values v JOIN indicators i ON i.id = v.indicator_id
		WHERE v.report_id IN (`+placeholders(len(ids))+`) ORDER BY v.report_id, i.position, i.id, v.breakdown, v.item`, ids...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var rid int64
		v, err := scanValue(rows, &rid)
		if err != nil {
			return err
		}
		byID[rid].Values = append(byID[rid].Values, v)
	}
	return rows.Err()
}

func scanValue(row rowScanner, reportID *int64) (*ttdn.ReportValue, error) {
	v := &ttdn.ReportValue{}
	var breakdown, sourceIDs string
	var computed, reported sql.NullInt64
	if err := row.Scan(reportID, &v.IndicatorID, &v.Code, &breakdown, &v.Item, &computed, &reported, &v.Text, &v.Note,
		&v.Source, &sourceIDs); err != nil {
		return nil, err
	}
	v.Breakdown = ttdn.Breakdown(breakdown)
	if computed.Valid {
		v.Computed = &computed.Int64
	}
	if reported.Valid {
		v.Reported = &reported.Int64
	}
	if sourceIDs != "" && sourceIDs != "[]" {
		if err := json.Unmarshal([]byte(sourceIDs), &v.SourceIDs); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// readReport loads a report the acting user may read, or ENOTFOUND.
func readReport(ctx context.Context, tx *Tx, id int64) (*ttdn.UnitReport, error) {
	r, err := findReportByID(ctx, tx, id)
	if err != nil {
		return nil, err
	} else if !ttdn.CanReport(ttdn.UserFromContext(ctx), ttdn.ActRead, r.UnitID) {
		return nil, errReportNotFound()
	}
	return r, nil
}

// FindUnitReportByID returns the report with its values.
func (s *UnitReportService) FindUnitReportByID(ctx context.Context, id int64) (*ttdn.UnitReport, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return readReport(ctx, tx, id)
}

// FindUnitReports returns the reports the user may read, by period and
// unit name, and their total.
func (s *UnitReportService) FindUnitReports(ctx context.Context, f ttdn.UnitReportFilter) ([]*ttdn.UnitReport, int, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	where, args := reportWhere(ctx, f)
	list, err := findReports(ctx, tx, where+` ORDER BY r.period_id DESC, u.name, r.id`+limitClause(f.Limit, f.Offset), args...)
	if err != nil {
		return nil, 0, err
	}
	total, err := listTotal(ctx, tx, f.Limit, f.Offset, len(list), `SELECT COUNT(*)`+reportFrom+` WHERE `+where, args...)
	if err != nil {
		return nil, 0, err
	}
	if f.WithValues {
		err = loadReportValues(ctx, tx, list)
	}
	return list, total, err
}

// reportScope is the read rule of ttdn.CanReport as a condition on the
// unit column col.
func reportScope(ctx context.Context, col string) (string, []any) {
	u := ttdn.UserFromContext(ctx)
	switch {
	case u.IsSystem():
		return "1 = 1", nil
	case u == nil || u.Disabled:
		return "1 = 0", nil
	case u.Role == ttdn.RoleCoordinator || u.Role == ttdn.RoleLeader:
		return "1 = 1", nil
	case u.Role == ttdn.RoleUnitOfficer:
		ids := append([]int64{u.UnitID}, u.ScopeUnitIDs...)
		return col + " IN (" + placeholders(len(ids)) + ")", int64Args(ids)
	}
	return "1 = 0", nil
}

func reportWhere(ctx context.Context, f ttdn.UnitReportFilter) (string, []any) {
	scope, args := reportScope(ctx, "r.unit_id")
	where := []string{scope}
	if f.PeriodID != nil {
		where, args = append(where, "r.period_id = ?"), append(args, *f.PeriodID)
	}
	if f.UnitID != nil {
		where, args = append(where, "r.unit_id = ?"), append(args, *f.UnitID)
	}
	if f.Status != nil {
		where, args = append(where, "r.status = ?"), append(args, string(*f.Status))
	}
	return strings.Join(where, " AND "), args
}

// StartUnitReport returns the unit's report for the period, creating a
// pre-filled draft if there is none. Only a unit expected in the period
// reports.
func (s *UnitReportService) StartUnitReport(ctx context.Context, periodID, unitID int64) (*ttdn.UnitReport, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rp, err := readPeriod(ctx, tx, periodID)
	if err != nil {
		return nil, err
	}
	existing, err := findReports(ctx, tx, `r.period_id = ? AND r.unit_id = ?`, periodID, unitID)
	if err != nil {
		return nil, err
	} else if len(existing) == 1 {
		return readReport(ctx, tx, existing[0].ID)
	}
	if !ttdn.CanReport(ttdn.UserFromContext(ctx), ttdn.ActEdit, unitID) {
		return nil, errReportForbidden(ttdn.ActEdit)
	} else if !slices.Contains(rp.ExpectedUnitIDs, unitID) {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Đơn vị không thuộc danh sách phải báo cáo kỳ %[1]s.",
			"The unit is not expected to report for the period %[1]s.", rp.Name)
	}
	r, err := createReport(ctx, tx, rp, unitID)
	if err != nil {
		return nil, err
	}
	return r, tx.Commit()
}

func createReport(ctx context.Context, tx *Tx, rp *ttdn.ReportPeriod, unitID int64) (*ttdn.UnitReport, error) {
	values, results, err := prefill(ctx, tx, rp, unitID)
	if err != nil {
		return nil, err
	}
	id, err := tx.insertID(ctx, `INSERT INTO unit_reports (period_id, unit_id, status, results, version, created_at,
		updated_at) VALUES (?, ?, 'draft', ?, 1, ?, ?)`, rp.ID, unitID, results, tx.now, tx.now)
	if err != nil {
		return nil, err
	}
	for _, v := range values {
		if err := upsertValue(ctx, tx, id, v); err != nil {
			return nil, err
		}
	}
	r, err := findReportByID(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	return r, tx.audit(ctx, "create", ttdn.ResourceUnitReport, id, nil, r)
}

// upsertValue writes one value row, whole.
func upsertValue(ctx context.Context, tx *Tx, reportID int64, v *ttdn.ReportValue) error {
	ids := "[]"
	if len(v.SourceIDs) > 0 {
		b, _ := json.Marshal(v.SourceIDs)
		ids = string(b)
	}
	_, err := tx.exec(ctx, `INSERT INTO report_values (report_id, indicator_id, breakdown, item, computed, reported, text,
		note, source, source_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (report_id, indicator_id, breakdown, item) DO UPDATE SET computed = excluded.computed,
		reported = excluded.reported, text = excluded.text, note = excluded.note, source = excluded.source,
		source_ids = excluded.source_ids`,
		reportID, v.IndicatorID, string(v.Breakdown), v.Item, int64PtrArg(v.Computed), int64PtrArg(v.Reported), v.Text,
		v.Note, v.Source, ids)
	return err
}

func int64PtrArg(p *int64) any {
	if p == nil {
		return nil
	}
	return *p
}

// errReportForbidden explains who may do act.
func errReportForbidden(act ttdn.ReportAction) error {
	switch act {
	case ttdn.ActReturn, ttdn.ActAccept, ttdn.ActReopen:
		return ttdn.Errorf(ttdn.EFORBIDDEN, "Chỉ cơ quan điều phối được trả lại, tiếp nhận hoặc mở lại báo cáo.",
			"Only the coordinator may return, accept or reopen a report.")
	}
	return ttdn.Errorf(ttdn.EFORBIDDEN, "Chỉ cán bộ của đơn vị (hoặc cơ quan điều phối) được soạn và gửi báo cáo của đơn vị.",
		"Only the unit's officers (or the coordinator) may write and send the unit's report.")
}
