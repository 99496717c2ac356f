package sqlstore

import (
	"context"

	"ttdn"
)

// The parts of a plan other than tasks and responsibilities: cited
// documents, sections, the report schedule and the distribution list. Each
// is written row by row in the plan's order and read back in one query.

// loadPlanParts fills every part of p, tasks and responsibilities limited to
// those the acting user may read.
func loadPlanParts(ctx context.Context, tx *Tx, p *ttdn.Plan) error {
	scope, args := taskScope(ctx)
	tasks, err := findTasks(ctx, tx, `t.plan_id = ? AND t.kind = 'task' AND `+scope+` ORDER BY t.position, t.id`, append([]any{p.ID}, args...)...)
	if err != nil {
		return err
	}
	p.Tasks = tasks
	for _, load := range []func(context.Context, *Tx, *ttdn.Plan) error{
		loadPlanDocuments, loadPlanSections, loadResponsibilities, loadDutyTaskIDs, loadReportSchedule, loadDistribution,
	} {
		if err := load(ctx, tx, p); err != nil {
			return err
		}
	}
	return nil
}

func insertPlanDocuments(ctx context.Context, tx *Tx, _ *refIndex, p *ttdn.Plan) error {
	for _, list := range []struct {
		legal bool
		docs  []ttdn.Document
	}{{true, p.LegalBases}, {false, p.References}} {
		for i, d := range list.docs {
			if _, err := tx.exec(ctx, `INSERT INTO plan_documents (plan_id, is_legal_basis, position, number, kind, date,
				issuer, title) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
				p.ID, list.legal, i, d.Number, d.Kind, dateArg(d.Date), d.Issuer, d.Title); err != nil {
				return err
			}
		}
	}
	return nil
}

func loadPlanDocuments(ctx context.Context, tx *Tx, p *ttdn.Plan) error {
	rows, err := tx.QueryContext(ctx, `SELECT is_legal_basis, number, kind, date, issuer, title FROM plan_documents
		WHERE plan_id = ? ORDER BY is_legal_basis, position`, p.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var d ttdn.Document
		var legal bool
		if err := rows.Scan(&legal, &d.Number, &d.Kind, dateScan{&d.Date}, &d.Issuer, &d.Title); err != nil {
			return err
		}
		if legal {
			p.LegalBases = append(p.LegalBases, d)
		} else {
			p.References = append(p.References, d)
		}
	}
	return rows.Err()
}

func insertPlanSections(ctx context.Context, tx *Tx, _ *refIndex, p *ttdn.Plan) error {
	for i, s := range p.Sections {
		if _, err := tx.exec(ctx, `INSERT INTO plan_sections (plan_id, position, number, title) VALUES (?, ?, ?, ?)`,
			p.ID, i, s.Number, s.Title); err != nil {
			return err
		}
	}
	return nil
}

func loadPlanSections(ctx context.Context, tx *Tx, p *ttdn.Plan) error {
	rows, err := tx.QueryContext(ctx, `SELECT number, title FROM plan_sections WHERE plan_id = ? ORDER BY position`, p.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var s ttdn.Section
		if err := rows.Scan(&s.Number, &s.Title); err != nil {
			return err
		}
		p.Sections = append(p.Sections, s)
	}
	return rows.Err()
}

// Roles of plan_report_units rows.
const (
	reportTo        = "report_to"
	reportRecipient = "recipient"
)

func insertReportSchedule(ctx context.Context, tx *Tx, ix *refIndex, p *ttdn.Plan) error {
	rs := &p.ReportSchedule
	for i, d := range rs.DueDates {
		if _, err := tx.exec(ctx, `INSERT INTO plan_report_due_dates (plan_id, position, day, month) VALUES (?, ?, ?, ?)`,
			p.ID, i, d.Day, d.Month); err != nil {
			return err
		}
	}
	refs := rs.Recipients
	roles := make([]string, len(refs))
	for i := range roles {
		roles[i] = reportRecipient
	}
	if rs.ReportTo != nil {
		if err := ix.resolve(ctx, rs.ReportTo); err != nil {
			return err
		}
		if err := insertReportUnit(ctx, tx, p.ID, reportTo, 0, *rs.ReportTo); err != nil {
			return err
		}
	}
	if err := ix.resolveAll(ctx, refs); err != nil {
		return err
	}
	for i, r := range refs {
		if err := insertReportUnit(ctx, tx, p.ID, reportRecipient, i, r); err != nil {
			return err
		}
	}
	return nil
}

func insertReportUnit(ctx context.Context, tx *Tx, planID int64, role string, pos int, r ttdn.UnitRef) error {
	_, err := tx.exec(ctx, `INSERT INTO plan_report_units (plan_id, role, position, unit_id, group_id, name, text)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, append([]any{planID, role, pos}, refArgs(r)...)...)
	return err
}

func loadReportSchedule(ctx context.Context, tx *Tx, p *ttdn.Plan) error {
	rows, err := tx.QueryContext(ctx, `SELECT day, month FROM plan_report_due_dates WHERE plan_id = ? ORDER BY position`, p.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var d ttdn.DayMonth
		if err := rows.Scan(&d.Day, &d.Month); err != nil {
			return err
		}
		p.ReportSchedule.DueDates = append(p.ReportSchedule.DueDates, d)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	return loadReportUnits(ctx, tx, p)
}

func loadReportUnits(ctx context.Context, tx *Tx, p *ttdn.Plan) error {
	rows, err := tx.QueryContext(ctx, `SELECT x.role, `+refColumns+` FROM plan_report_units x`+refJoins+`
		WHERE x.plan_id = ? ORDER BY x.role, x.position`, p.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var role string
		dest, ref := refScan()
		if err := rows.Scan(append([]any{&role}, dest...)...); err != nil {
			return err
		}
		if r := ref(); role == reportTo {
			p.ReportSchedule.ReportTo = &r
		} else {
			p.ReportSchedule.Recipients = append(p.ReportSchedule.Recipients, r)
		}
	}
	return rows.Err()
}

func insertDistribution(ctx context.Context, tx *Tx, ix *refIndex, p *ttdn.Plan) error {
	for i, rc := range p.Distribution {
		ref := ttdn.UnitRef{}
		if rc.Unit != nil {
			if err := ix.resolve(ctx, rc.Unit); err != nil {
				return err
			}
			ref = *rc.Unit
		}
		args := append([]any{p.ID, i, rc.Text, rc.Unit != nil}, refArgs(ref)...)
		if _, err := tx.exec(ctx, `INSERT INTO plan_distribution (plan_id, position, text, has_unit, unit_id, group_id,
			name, ref_text) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, args...); err != nil {
			return err
		}
	}
	return nil
}

func loadDistribution(ctx context.Context, tx *Tx, p *ttdn.Plan) error {
	rows, err := tx.QueryContext(ctx, `SELECT x.text, x.has_unit, x.unit_id, x.group_id, x.name, x.ref_text,
		COALESCE(u.code, g.code, '') FROM plan_distribution x`+refJoins+` WHERE x.plan_id = ? ORDER BY x.position`, p.ID)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var rc ttdn.Recipient
		var hasUnit bool
		dest, ref := refScan()
		if err := rows.Scan(append([]any{&rc.Text, &hasUnit}, dest...)...); err != nil {
			return err
		}
		if hasUnit {
			r := ref()
			rc.Unit = &r
		}
		p.Distribution = append(p.Distribution, rc)
	}
	return rows.Err()
}
