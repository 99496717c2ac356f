package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"ttdn"
)

// progressRow is one progress update counted by the pre-fill.
type progressRow struct {
	id, taskID int64
	ref, text  string
	date       ttdn.Date
	done       bool
}

// prefill computes the values of the plan's indicators for unit in rp's
// window, and a draft of the results section from the unit's progress
// updates.
func prefill(ctx context.Context, tx *Tx, rp *ttdn.ReportPeriod, unitID int64) ([]*ttdn.ReportValue, string, error) {
	indicators, err := findPlanIndicators(ctx, tx, rp.PlanID)
	if err != nil {
		return nil, "", err
	}
	env, err := loadPrefillEnv(ctx, tx)
	if err != nil {
		return nil, "", err
	}
	acts, err := findActivities(ctx, tx, `a.id IN (SELECT activity_id FROM activity_units WHERE unit_id = ? AND position = 0)
		AND a.start_date >= ? AND a.start_date <= ? ORDER BY a.start_date, a.id`, unitID, rp.CutOffFrom.ISO(), rp.CutOffTo.ISO())
	if err != nil {
		return nil, "", err
	}
	progress, err := findUnitProgress(ctx, tx, unitID, rp)
	if err != nil {
		return nil, "", err
	}
	if err := loadUnitFigures(ctx, tx, env, rp, unitID, indicators); err != nil {
		return nil, "", err
	}
	var values []*ttdn.ReportValue
	for _, ind := range indicators {
		values = append(values, computeIndicator(env, rp, ind, acts, progress)...)
	}
	return values, progressDraft(progress), nil
}

func loadPrefillEnv(ctx context.Context, tx *Tx) (*prefillEnv, error) {
	env := &prefillEnv{channels: map[int64]*ttdn.Channel{}, themes: map[string]string{}}
	channels, err := findChannels(ctx, tx, `1 = 1 ORDER BY id`)
	if err != nil {
		return nil, err
	}
	for _, c := range channels {
		env.channels[c.ID] = c
	}
	rows, err := tx.QueryContext(ctx, `SELECT code, name FROM themes`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var code, name string
		if err := rows.Scan(&code, &name); err != nil {
			return nil, err
		}
		env.themes[code] = name
	}
	return env, rows.Err()
}

// loadUnitFigures loads the budget and press figures of the report's
// units when one of the plan's indicators needs them.
func loadUnitFigures(ctx context.Context, tx *Tx, env *prefillEnv, rp *ttdn.ReportPeriod, unitID int64, indicators []*ttdn.Indicator) error {
	budget, press, cases := needsBudget(indicators), needsPress(indicators), needsCases(indicators)
	if !budget && !press && !cases {
		return nil
	}
	units, err := reportingUnits(ctx, tx, rp, unitID)
	if err != nil {
		return err
	}
	env.units = units
	if budget {
		inUse, err := budgetInUse(ctx, tx, units)
		if err != nil {
			return err
		} else if inUse {
			if env.budget, err = budgetFiguresTx(ctx, tx, "1 = 1", nil, units, rp.CutOffFrom, rp.CutOffTo); err != nil {
				return err
			}
		}
	}
	if press {
		if env.press, err = loadPressFigures(ctx, tx, rp, units); err != nil {
			return err
		}
	}
	if cases {
		env.cases, err = loadCaseFigures(ctx, tx, rp, units)
	}
	return err
}

// findUnitProgress returns the unit's progress updates dated in the window.
func findUnitProgress(ctx context.Context, tx *Tx, unitID int64, rp *ttdn.ReportPeriod) ([]progressRow, error) {
	rows, err := tx.QueryContext(ctx, `SELECT pu.id, pu.task_id, t.ref, pu.text, pu.date, pu.percent, pu.status
		FROM progress_updates pu JOIN tasks t ON t.id = pu.task_id
		WHERE pu.unit_id = ? AND pu.date >= ? AND pu.date <= ? ORDER BY pu.date, pu.id`,
		unitID, rp.CutOffFrom.ISO(), rp.CutOffTo.ISO())
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []progressRow
	for rows.Next() {
		var p progressRow
		var percent sql.NullInt64
		var status sql.NullString
		if err := rows.Scan(&p.id, &p.taskID, &p.ref, &p.text, dateScan{&p.date}, &percent, &status); err != nil {
			return nil, err
		}
		p.done = percent.Int64 == 100 || status.String == string(ttdn.TaskDone)
		out = append(out, p)
	}
	return out, rows.Err()
}

// computeIndicator returns the total row and breakdown rows of one
// indicator; an indicator with no rule gets an empty total for the unit to
// fill.
func computeIndicator(env *prefillEnv, rp *ttdn.ReportPeriod, ind *ttdn.Indicator, acts []*ttdn.Activity, progress []progressRow) []*ttdn.ReportValue {
	total := &ttdn.ReportValue{IndicatorID: ind.ID, Code: ind.Code}
	var t tally
	what := ""
	source := ind.Source
	if source == ttdn.SourceArticlesPress {
		source = ttdn.SourceArticles
	}
	if rule, ok := activityRules[source]; ok {
		for _, a := range acts {
			rule.apply(env, a, &t)
		}
		what = fmt.Sprintf("%d %s %s", len(t.ids), rule.what, window(rp))
		if ind.Source == ttdn.SourceArticlesPress && env.press != nil && env.press.owns {
			what += "; " + pressOwnedText(addOwnedPress(env.press, acts, &t)) + unitsText(env.units)
		}
	} else if ind.Source == ttdn.SourceTasksCompleted || ind.Source == ttdn.SourceProgressUpdates {
		what = tallyProgress(ind.Source, progress, &t) + " " + window(rp)
	} else if rule, ok := budgetRules[ind.Source]; ok && env.budget != nil {
		what = computeBudget(rule, env.budget, &t) + " " + window(rp) + unitsText(env.units)
	} else if ind.Source == ttdn.SourcePressFlagged && env.press != nil && (env.press.reviewing || env.cases != nil && env.cases.inUse) {
		t.total = int64(env.press.flagged)
		what = pressFlaggedText(env.press.flagged)
		if env.cases != nil && env.cases.inUse {
			for _, id := range env.cases.detected {
				t.add(id, 1)
			}
			what = casesOpenedText(len(env.cases.detected)) + "; " + what
		}
		what += " " + window(rp) + unitsText(env.units)
	} else if rule, ok := caseRules[ind.Source]; ok {
		var counted bool
		if what, counted = computeCases(rule, ind.Source, env.cases, &t); !counted {
			return []*ttdn.ReportValue{total}
		}
		what += " " + window(rp) + unitsText(env.units)
	} else {
		return []*ttdn.ReportValue{total}
	}
	total.Computed, total.Source, total.SourceIDs = ptr64(t.total), what, t.ids
	out := []*ttdn.ReportValue{total}
	for _, b := range ind.Breakdowns {
		for _, it := range t.items[b] {
			src := fmt.Sprintf("%d bản ghi", len(it.ids))
			if it.uncited > 0 && len(it.ids) == 0 {
				src = fmt.Sprintf("%d tin, bài theo dõi báo chí", it.uncited)
			} else if it.uncited > 0 {
				src += fmt.Sprintf(", %d tin, bài theo dõi báo chí", it.uncited)
			}
			out = append(out, &ttdn.ReportValue{IndicatorID: ind.ID, Code: ind.Code, Breakdown: b, Item: it.item,
				Computed: ptr64(it.value), SourceIDs: it.ids, Source: src})
		}
	}
	return out
}

// tallyProgress counts tasks completed (distinct tasks with an update
// marking them done) or progress updates.
func tallyProgress(source string, progress []progressRow, t *tally) string {
	if source == ttdn.SourceProgressUpdates {
		for _, p := range progress {
			t.add(p.id, 1)
		}
		return fmt.Sprintf("%d cập nhật tiến độ nhiệm vụ", len(t.ids))
	}
	seen := map[int64]bool{}
	for _, p := range progress {
		if p.done && !seen[p.taskID] {
			seen[p.taskID] = true
			t.add(p.id, 1)
		}
	}
	return fmt.Sprintf("%d nhiệm vụ báo cáo hoàn thành (theo cập nhật tiến độ)", len(t.ids))
}

// progressDraft turns the unit's progress updates into a first draft of
// the results section, one line per update, for the unit to rewrite.
func progressDraft(progress []progressRow) string {
	var b strings.Builder
	for _, p := range progress {
		if strings.TrimSpace(p.text) == "" {
			continue
		}
		fmt.Fprintf(&b, "- Nhiệm vụ %s (%s): %s\n", p.ref, p.date, strings.TrimSpace(p.text))
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func ptr64(n int64) *int64 { return &n }
