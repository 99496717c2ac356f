package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"unicode"

	"ttdn"
)

// ConsolidatedReportService builds the coordinator's report of a period
// from the accepted unit reports, keeps its header and narrative, and
// issues it. Difficulties, when set, supplies the open difficulties (issue
// 5); without it the report lists none.
type ConsolidatedReportService struct {
	db           *DB
	Difficulties ttdn.DifficultySource
}

// NewConsolidatedReportService returns the consolidated report service on db.
func NewConsolidatedReportService(db *DB) *ConsolidatedReportService {
	return &ConsolidatedReportService{db: db, Difficulties: difficultySource{NewDifficultyService(db), NewUnitService(db)}}
}

var _ ttdn.ConsolidatedReportService = (*ConsolidatedReportService)(nil)

func errConsolidatedNotFound() error {
	return ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy báo cáo tổng hợp.", "Consolidated report not found.")
}

const consolidatedColumns = `id, period_id, status, number, issued_on, issuer, issuing_unit, place, summary, results,
	shortcomings, next_tasks, recommendations, signer_title, signer, recipients, version, created_at, updated_at`

func findConsolidated(ctx context.Context, tx *Tx, where string, arg int64) (*ttdn.ConsolidatedReport, error) {
	c := &ttdn.ConsolidatedReport{}
	var status string
	n := &c.Narrative
	err := tx.QueryRowContext(ctx, `SELECT `+consolidatedColumns+` FROM consolidated_reports WHERE `+where, arg).Scan(
		&c.ID, &c.PeriodID, &status, &c.Number, dateScan{&c.IssuedOn}, &c.Issuer, &c.IssuingUnit, &c.Place, &c.Summary,
		&n.Results, &n.Shortcomings, &n.NextTasks, &n.Recommendations, &c.SignerTitle, &c.Signer, jsonScan{&c.Recipients},
		&c.Version, timeScan{&c.CreatedAt}, timeScan{&c.UpdatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errConsolidatedNotFound()
	}
	c.Status = ttdn.ConsolidatedStatus(status)
	return c, err
}

// FindConsolidatedReport returns the period's consolidated report with its
// figures. Until a coordinator first saves or issues it, nothing is stored:
// the report answered is the plan's defaults, with ID and Version 0.
func (s *ConsolidatedReportService) FindConsolidatedReport(ctx context.Context, periodID int64) (*ttdn.ConsolidatedReport, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rp, err := readPeriod(ctx, tx, periodID)
	if err != nil {
		return nil, err
	} else if !ttdn.CanReport(ttdn.UserFromContext(ctx), ttdn.ActRead, 0) {
		return nil, errConsolidatedNotFound()
	}
	c, err := findConsolidated(ctx, tx, `period_id = ?`, periodID)
	if ttdn.ErrorCode(err) == ttdn.ENOTFOUND {
		c, err = planConsolidatedDefaults(ctx, tx, rp)
	}
	if err != nil {
		return nil, err
	}
	if err := s.compute(ctx, tx, c, rp); err != nil {
		return nil, err
	}
	tx.Rollback() // the reader goes back to the pool before the difficulties' own read
	return c, s.addDifficulties(ctx, c, rp)
}

// planConsolidatedDefaults builds the draft a period's report starts from.
func planConsolidatedDefaults(ctx context.Context, tx *Tx, rp *ttdn.ReportPeriod) (*ttdn.ConsolidatedReport, error) {
	p, _, err := planResource(ctx, tx, rp.PlanID)
	if err != nil {
		return nil, err
	} else if err := loadReportSchedule(ctx, tx, p); err != nil {
		return nil, err
	} else if err := loadDistribution(ctx, tx, p); err != nil {
		return nil, err
	}
	return consolidatedDefaults(ctx, tx, p, rp)
}

// storeConsolidatedDraft stores the defaults as the period's draft, at
// version 1, when its first change comes.
func storeConsolidatedDraft(ctx context.Context, tx *Tx, rp *ttdn.ReportPeriod) (*ttdn.ConsolidatedReport, error) {
	c, err := planConsolidatedDefaults(ctx, tx, rp)
	if err != nil {
		return nil, err
	}
	id, err := tx.insertID(ctx, `INSERT INTO consolidated_reports (period_id, status, issuer, issuing_unit, place, summary,
		signer_title, recipients, version, created_at, updated_at) VALUES (?, 'draft', ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
		rp.ID, c.Issuer, c.IssuingUnit, c.Place, c.Summary, c.SignerTitle, jsonArg(c.Recipients), tx.now, tx.now)
	if err != nil {
		return nil, err
	}
	c.ID, c.Version, c.CreatedAt, c.UpdatedAt = id, 1, tx.now, tx.now
	return c, tx.audit(ctx, "create", ttdn.ResourceConsolidated, id, nil, c)
}

// consolidatedDefaults fills the header from the plan: the consolidating
// unit (or its successor on the due date) issues it under the provincial
// People's Committee, to the plan's report recipients (or theirs).
func consolidatedDefaults(ctx context.Context, tx *Tx, p *ttdn.Plan, rp *ttdn.ReportPeriod) (*ttdn.ConsolidatedReport, error) {
	c := &ttdn.ConsolidatedReport{PeriodID: rp.ID, Status: ttdn.ConsolidatedDraft, Place: provinceOf(p.Place, p.Issuer, p.Title),
		Summary:     "Kết quả công tác thông tin đối ngoại " + rp.Name,
		SignerTitle: "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC"}
	if c.Place == "" {
		p, err := servedProvince(ctx, tx)
		if err != nil {
			return nil, err
		}
		c.Place = p.Name
	}
	c.Issuer = issuerOf(c.Place)
	all, err := findUnits(ctx, tx, `1 = 1 ORDER BY id`)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]*ttdn.Unit, len(all))
	for _, u := range all {
		byID[u.ID] = u
	}
	current := func(r ttdn.UnitRef) string {
		if u := activeSuccessor(byID, byID[r.ID], rp.DueDate); u != nil && !r.Group {
			return u.Name
		}
		return r.Name
	}
	if to := p.ReportSchedule.ReportTo; to != nil {
		c.IssuingUnit = strings.ToUpper(current(*to))
	}
	for _, r := range p.ReportSchedule.Recipients {
		c.Recipients = append(c.Recipients, current(r)+" (b/c);")
	}
	if len(c.Recipients) == 0 {
		for _, d := range p.Distribution {
			if d.Unit != nil {
				c.Recipients = append(c.Recipients, current(*d.Unit)+";")
			}
		}
	}
	c.Recipients = append(c.Recipients, "Lưu: VT.")
	return c, nil
}

// provinceOf returns the place of a plan: its own, else the capitalised
// words after "tỉnh" in its issuer or title ("… tỉnh Tây Ninh năm 2019").
func provinceOf(place string, texts ...string) string {
	if place != "" {
		return place
	}
	for _, text := range texts {
		words := strings.Fields(text)
		for i, w := range words {
			if !strings.EqualFold(w, "tỉnh") {
				continue
			}
			var name []string
			for _, n := range words[i+1:] {
				if r := []rune(n); !unicode.IsUpper(r[0]) {
					break
				}
				name = append(name, n)
			}
			if len(name) > 0 {
				return strings.Join(name, " ")
			}
		}
	}
	return ""
}

// loadConsolidatedForWrite loads the period's draft the coordinator may
// change at the version read. Version 0 is the defaults read before
// anything was stored: the draft is stored now, unless someone stored it
// meanwhile (a conflict, as for any stale version).
func loadConsolidatedForWrite(ctx context.Context, tx *Tx, periodID int64, version int) (*ttdn.ConsolidatedReport, *ttdn.ReportPeriod, error) {
	rp, err := findPeriodByID(ctx, tx, periodID)
	if err != nil {
		return nil, nil, err
	} else if !ttdn.CanReport(ttdn.UserFromContext(ctx), ttdn.ActRead, 0) {
		return nil, nil, errConsolidatedNotFound() // as for reading: who may not read it never learns more
	} else if _, err := authorizePlanWrite(ctx, tx, rp.PlanID); err != nil {
		return nil, nil, err
	}
	c, err := findConsolidated(ctx, tx, `period_id = ?`, periodID)
	if ttdn.ErrorCode(err) == ttdn.ENOTFOUND && version == 0 {
		c, err = storeConsolidatedDraft(ctx, tx, rp)
		version = c.Version
	}
	if err != nil {
		return nil, nil, err
	} else if version != c.Version {
		return nil, nil, errConflict()
	} else if c.Status == ttdn.ConsolidatedIssued {
		return nil, nil, ttdn.Errorf(ttdn.EINVALID, "Báo cáo tổng hợp đã ban hành (số %[1]s), không sửa được.",
			"The consolidated report has been issued (number %[1]s) and cannot be changed.", c.Number)
	}
	return c, rp, nil
}

// UpdateConsolidatedReport changes the header, narrative or recipients of
// the draft of period periodID.
func (s *ConsolidatedReportService) UpdateConsolidatedReport(ctx context.Context, periodID int64, upd ttdn.ConsolidatedUpdate) (*ttdn.ConsolidatedReport, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	before, rp, err := loadConsolidatedForWrite(ctx, tx, periodID, upd.Version)
	if err != nil {
		return nil, err
	}
	c := *before
	setIf(&c.Issuer, upd.Issuer)
	setIf(&c.IssuingUnit, upd.IssuingUnit)
	setIf(&c.Place, upd.Place)
	setIf(&c.Summary, upd.Summary)
	setIf(&c.Narrative, upd.Narrative)
	setIf(&c.SignerTitle, upd.SignerTitle)
	setIf(&c.Signer, upd.Signer)
	setIf(&c.Recipients, upd.Recipients)
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if err := saveConsolidated(ctx, tx, &c); err != nil {
		return nil, err
	} else if err := tx.audit(ctx, "update", ttdn.ResourceConsolidated, c.ID, before, &c); err != nil {
		return nil, err
	} else if err := s.compute(ctx, tx, &c, rp); err != nil {
		return nil, err
	} else if err := tx.Commit(); err != nil {
		return nil, err
	}
	return &c, s.addDifficulties(ctx, &c, rp)
}

// IssueConsolidatedReport gives the report of period periodID its number
// and date and freezes it.
func (s *ConsolidatedReportService) IssueConsolidatedReport(ctx context.Context, periodID int64, version int, number string, on ttdn.Date) (*ttdn.ConsolidatedReport, error) {
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	before, rp, err := loadConsolidatedForWrite(ctx, tx, periodID, version)
	if err != nil {
		return nil, err
	}
	c := *before
	c.Status, c.Number, c.IssuedOn = ttdn.ConsolidatedIssued, strings.TrimSpace(number), on
	if err := c.Validate(); err != nil {
		return nil, err
	} else if err := saveConsolidated(ctx, tx, &c); err != nil {
		return nil, err
	} else if err := tx.audit(ctx, "issue", ttdn.ResourceConsolidated, c.ID, before, &c); err != nil {
		return nil, err
	} else if err := s.compute(ctx, tx, &c, rp); err != nil {
		return nil, err
	} else if err := tx.Commit(); err != nil {
		return nil, err
	}
	return &c, s.addDifficulties(ctx, &c, rp)
}

func saveConsolidated(ctx context.Context, tx *Tx, c *ttdn.ConsolidatedReport) error {
	n := c.Narrative
	res, err := tx.exec(ctx, `UPDATE consolidated_reports SET status = ?, number = ?, issued_on = ?, issuer = ?,
		issuing_unit = ?, place = ?, summary = ?, results = ?, shortcomings = ?, next_tasks = ?, recommendations = ?,
		signer_title = ?, signer = ?, recipients = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?`,
		string(c.Status), c.Number, dateArg(c.IssuedOn), c.Issuer, c.IssuingUnit, c.Place, c.Summary, n.Results,
		n.Shortcomings, n.NextTasks, n.Recommendations, c.SignerTitle, c.Signer, jsonArg(c.Recipients), tx.now, c.ID, c.Version)
	if err := checkOneRow(res, err); err != nil {
		return err
	}
	c.Version, c.UpdatedAt = c.Version+1, tx.now
	return nil
}
