package sqlstore

import (
	"context"
	"database/sql"
	"errors"

	"ttdn"
)

// compute fills the figures of c: totals and breakdowns of every indicator
// of the plan over the accepted reports, compared with the same period of
// the previous year; the units' narratives by section; open difficulties;
// completeness. A fixed number of queries, whatever the number of units.
func (s *ConsolidatedReportService) compute(ctx context.Context, tx *Tx, c *ttdn.ConsolidatedReport, rp *ttdn.ReportPeriod) error {
	c.Period = rp
	indicators, err := findPlanIndicators(ctx, tx, rp.PlanID)
	if err != nil {
		return err
	}
	sums, err := sumValues(ctx, tx, rp.ID)
	if err != nil {
		return err
	}
	prevID, err := previousPeriod(ctx, tx, rp)
	if err != nil {
		return err
	}
	c.PreviousPeriodID = prevID
	var prev map[sumKey]sumRow
	if prevID != 0 {
		if prev, err = sumValues(ctx, tx, prevID); err != nil {
			return err
		}
	}
	texts, err := textValues(ctx, tx, rp.ID)
	if err != nil {
		return err
	}
	c.Totals = buildTotals(indicators, sums, prev, texts)
	if c.UnitNarratives, err = unitNarratives(ctx, tx, rp.ID); err != nil {
		return err
	}
	if c.Completeness, err = periodStats(ctx, tx, rp.ID); err != nil {
		return err
	}
	return nil
}

// addDifficulties lists the open difficulties in the report. It runs after
// the report's own transaction has ended: the source reads in a transaction
// of its own, and one held open around it would hold a reader while waiting
// for another — a few such requests at once took every reader of the pool
// and waited for ever.
func (s *ConsolidatedReportService) addDifficulties(ctx context.Context, c *ttdn.ConsolidatedReport, rp *ttdn.ReportPeriod) error {
	c.Difficulties = []string{}
	if s.Difficulties == nil {
		return nil
	}
	var err error
	c.Difficulties, err = s.Difficulties.OpenDifficulties(ctx, rp.PlanID, rp.CutOffTo)
	return err
}

type sumKey struct {
	indicatorID     int64
	breakdown, item string
}

type sumRow struct {
	value int64
	units int
	order int // first-seen order of breakdown items
}

// sumValues adds up every numeric value of the period's accepted reports
// per indicator, breakdown and item, in one grouped query.
func sumValues(ctx context.Context, tx *Tx, periodID int64) (map[sumKey]sumRow, error) {
	rows, err := tx.QueryContext(ctx, `SELECT v.indicator_id, v.breakdown, v.item, SUM(COALESCE(v.reported, v.computed, 0)),
		COUNT(*) FROM report_values v JOIN unit_reports r ON r.id = v.report_id
		WHERE r.period_id = ? AND r.status = 'accepted' AND (v.reported IS NOT NULL OR v.computed IS NOT NULL)
		GROUP BY v.indicator_id, v.breakdown, v.item ORDER BY v.indicator_id, v.breakdown, 4 DESC, v.item`, periodID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[sumKey]sumRow{}
	for rows.Next() {
		var k sumKey
		var r sumRow
		if err := rows.Scan(&k.indicatorID, &k.breakdown, &k.item, &r.value, &r.units); err != nil {
			return nil, err
		}
		r.order = len(out)
		out[k] = r
	}
	return out, rows.Err()
}

// previousPeriod returns the same period of the previous year (same type
// and number, any plan: each year has its own plan), or 0.
func previousPeriod(ctx context.Context, tx *Tx, rp *ttdn.ReportPeriod) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM report_periods WHERE type = ? AND number = ? AND year = ?
		ORDER BY id DESC LIMIT 1`, string(rp.Type), rp.Number, rp.Year-1).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	return id, err
}

// textValues returns the texts of text indicators per indicator, by unit.
func textValues(ctx context.Context, tx *Tx, periodID int64) (map[int64][]ttdn.UnitText, error) {
	rows, err := tx.QueryContext(ctx, `SELECT v.indicator_id, r.unit_id, u.name, v.text FROM report_values v
		JOIN unit_reports r ON r.id = v.report_id JOIN units u ON u.id = r.unit_id
		WHERE r.period_id = ? AND r.status = 'accepted' AND v.text <> '' ORDER BY v.indicator_id, u.name`, periodID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64][]ttdn.UnitText{}
	for rows.Next() {
		var id int64
		var t ttdn.UnitText
		if err := rows.Scan(&id, &t.UnitID, &t.UnitName, &t.Text); err != nil {
			return nil, err
		}
		out[id] = append(out[id], t)
	}
	return out, rows.Err()
}

// buildTotals arranges the sums by the plan's indicators; breakdown rows
// come largest first.
func buildTotals(indicators []*ttdn.Indicator, sums, prev map[sumKey]sumRow, texts map[int64][]ttdn.UnitText) []*ttdn.IndicatorTotal {
	rowsOf := map[int64][]sumKey{}
	for k := range sums {
		if k.breakdown != "" {
			rowsOf[k.indicatorID] = append(rowsOf[k.indicatorID], k)
		}
	}
	var out []*ttdn.IndicatorTotal
	for _, ind := range indicators {
		total := sums[sumKey{indicatorID: ind.ID}]
		t := &ttdn.IndicatorTotal{Indicator: ind, Value: combine(ind, total), Units: total.units, Texts: texts[ind.ID]}
		if prev != nil {
			p := combine(ind, prev[sumKey{indicatorID: ind.ID}])
			t.Previous = &p
		}
		keys := rowsOf[ind.ID]
		sortByOrder(keys, sums)
		for _, k := range keys {
			b := &ttdn.BreakdownTotal{Breakdown: ttdn.Breakdown(k.breakdown), Item: k.item, Value: sums[k].value}
			if prev != nil {
				p := prev[k].value
				b.Previous = &p
			}
			t.Rows = append(t.Rows, b)
		}
		out = append(out, t)
	}
	return out
}

// combine is an indicator's province-wide value from the units' sum: the
// sum, except for a mean (the response time to false information), which
// is the mean of the units' means — each unit's own figure is already a
// mean over its cases.
func combine(ind *ttdn.Indicator, r sumRow) int64 {
	if ind.Source == ttdn.SourceCaseResponseMinutes && r.units > 0 {
		return (r.value + int64(r.units)/2) / int64(r.units)
	}
	return r.value
}

func sortByOrder(keys []sumKey, sums map[sumKey]sumRow) {
	for i := 1; i < len(keys); i++ {
		for j := i; j > 0 && sums[keys[j]].order < sums[keys[j-1]].order; j-- {
			keys[j], keys[j-1] = keys[j-1], keys[j]
		}
	}
}

// unitNarratives gathers each narrative section of the accepted reports,
// by unit name, leaving out empty texts.
func unitNarratives(ctx context.Context, tx *Tx, periodID int64) ([]*ttdn.UnitNarrative, error) {
	reports, err := findReports(ctx, tx, `r.period_id = ? AND r.status = 'accepted' ORDER BY u.name, r.id`, periodID)
	if err != nil {
		return nil, err
	}
	var out []*ttdn.UnitNarrative
	for _, sec := range ttdn.NarrativeSections {
		n := &ttdn.UnitNarrative{Key: sec.Key, Heading: sec.Heading, Units: []ttdn.UnitText{}}
		for _, r := range reports {
			if text := *sec.Get(&r.Narrative); text != "" {
				n.Units = append(n.Units, ttdn.UnitText{UnitID: r.UnitID, UnitName: r.UnitName, Text: text})
			}
		}
		out = append(out, n)
	}
	return out, nil
}
