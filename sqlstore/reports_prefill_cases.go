package sqlstore

import (
	"context"
	"fmt"
	"time"

	"ttdn"
)

// Rebuttal cases feed indicator 10 of a unit's report (issue 14). A case
// counts for the unit responsible for it — its lead unit, or before
// assignment the unit that detected it — when that is the report's unit or
// a unit below it that does not report itself (reportingUnits), so each
// case counts in one report and the consolidated sums add up:
//
//   - false_info_cases (SourceCases): the cases detected in the window, by
//     verdict and by topic (a case of two topics counts under each);
//   - false_info_clarified (SourceCasesClarified): assessed in the window
//     with a verdict other than "chưa xác minh";
//   - false_info_countered (SourceCasesCountered): first response
//     published in the window;
//   - false_info_response_minutes (SourceCaseResponseMinutes): the mean
//     time from detection to that response, over the same cases;
//   - false_info_detected (SourcePressFlagged) adds the cases the unit's
//     own people opened to the press items they flagged that no case
//     covers, so an item flagged and then made a case counts once.
//
// The values cite the cases' IDs: a unit's people read the cases of their
// unit, and the report links to them.

// caseFigures are the cases counted for one report.
type caseFigures struct {
	responsible []*ttdn.Case // the units' cases with any step in the window
	detected    []int64      // cases the units' people opened, detected in the window
	inUse       bool         // the units have a case, ever
	from, to    time.Time
}

// needsCases reports whether any indicator is computed from cases.
func needsCases(indicators []*ttdn.Indicator) bool {
	for _, ind := range indicators {
		if _, ok := caseRules[ind.Source]; ok || ind.Source == ttdn.SourcePressFlagged {
			return true
		}
	}
	return false
}

// loadCaseFigures reads the cases of units touching rp's window.
func loadCaseFigures(ctx context.Context, tx *Tx, rp *ttdn.ReportPeriod, units []int64) (*caseFigures, error) {
	f := &caseFigures{from: rp.CutOffFrom.Time(vietnamZone).UTC(), to: rp.CutOffTo.Time(vietnamZone).AddDate(0, 0, 1).UTC()}
	in := placeholders(len(units))
	ids := int64Args(units)
	var err error
	f.responsible, err = findCases(ctx, tx, `COALESCE(c.lead_unit_id, c.unit_id) IN (`+in+`) AND (
		(c.detected_at >= ? AND c.detected_at < ?) OR (c.assessed_at >= ? AND c.assessed_at < ?)
		OR (c.published_at >= ? AND c.published_at < ?)) ORDER BY c.id`,
		append(ids, f.from, f.to, f.from, f.to, f.from, f.to)...)
	if err != nil {
		return nil, err
	}
	if f.detected, err = queryIDs(ctx, tx, `SELECT id FROM cases WHERE unit_id IN (`+in+`) AND detected_at >= ? AND detected_at < ?
		ORDER BY id`, append(ids, f.from, f.to)...); err != nil {
		return nil, err
	}
	var any int
	err = tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM cases WHERE unit_id IN (`+in+`) OR lead_unit_id IN (`+in+`)
		LIMIT 1) x`, append(ids, ids...)...).Scan(&any)
	f.inUse = any > 0
	return f, err
}

func (f *caseFigures) within(t time.Time) bool {
	return !t.IsZero() && !t.Before(f.from) && t.Before(f.to)
}

// caseRule counts one indicator from the cases; it returns the source text.
type caseRule func(f *caseFigures, t *tally) string

var caseRules = map[string]caseRule{
	ttdn.SourceCases: func(f *caseFigures, t *tally) string {
		for _, c := range f.responsible {
			if !f.within(c.DetectedAt) {
				continue
			}
			t.add(c.ID, 1)
			t.addItem(ttdn.ByVerdict, c.Verdict.Label(), c.ID, 1)
			for _, tp := range c.Topics {
				t.addItem(ttdn.ByTopic, tp.Label(), c.ID, 1)
			}
		}
		return fmt.Sprintf("%d vụ việc cần phản bác được phát hiện", len(t.ids))
	},
	ttdn.SourceCasesClarified: func(f *caseFigures, t *tally) string {
		for _, c := range f.responsible {
			if c.Verdict.Clarified() && f.within(c.AssessedAt) {
				t.add(c.ID, 1)
			}
		}
		return fmt.Sprintf("%d vụ việc đã đánh giá, làm rõ (kết luận khác “chưa xác minh”)", len(t.ids))
	},
	ttdn.SourceCasesCountered: func(f *caseFigures, t *tally) string {
		for _, c := range f.responsible {
			if f.within(c.PublishedAt) {
				t.add(c.ID, 1)
			}
		}
		return fmt.Sprintf("%d vụ việc đã đăng, phát phản hồi", len(t.ids))
	},
	ttdn.SourceCaseResponseMinutes: func(f *caseFigures, t *tally) string {
		var sum int64
		for _, c := range f.responsible {
			if m, ok := c.ResponseMinutes(); ok && f.within(c.PublishedAt) {
				t.add(c.ID, 0)
				sum += m
			}
		}
		if n := int64(len(t.ids)); n > 0 {
			t.total = (sum + n/2) / n
		}
		return fmt.Sprintf("trung bình từ khi phát hiện đến khi đăng phản hồi, %d vụ việc", len(t.ids))
	},
}

// computeCases applies a case rule, or reports false when the unit has
// nothing to count from (no case ever, or no response to time).
func computeCases(rule caseRule, source string, f *caseFigures, t *tally) (string, bool) {
	if f == nil || !f.inUse {
		return "", false
	}
	what := rule(f, t)
	if source == ttdn.SourceCaseResponseMinutes && len(t.ids) == 0 {
		return "", false // no response published in the window: no mean to give
	}
	return what, true
}

// casesOpenedText is the part of indicator 10's source text the cases
// gave.
func casesOpenedText(n int) string {
	return fmt.Sprintf("%d vụ việc cần phản bác do cán bộ của đơn vị phát hiện, mở hồ sơ", n)
}
