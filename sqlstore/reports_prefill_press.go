package sqlstore

import (
	"context"
	"fmt"

	"ttdn"
	"ttdn/presstext"
)

// The press monitor feeds two indicators of a unit's report, counting only
// what belongs to the unit (and the units below it that do not report
// themselves), with the window of PressService.PressCounts (pressWindow:
// items published in the cut-off window, Vietnam days; hits are reviews
// not dismissed):
//
//   - indicator 2 (SourceArticlesPress): the hits on press sources the
//     unit owns (press_sources.unit_id), i.e. the items about the province
//     its own outlets published, by outlet; an item the unit also logged as
//     an activity (same normalised URL) is counted once;
//   - indicator 10 (SourcePressFlagged): the hits the unit's own people
//     (the reviewer's unit) marked "needs action", but for those whose
//     story became a rebuttal case (the case counts instead, see
//     reports_prefill_cases.go).
//
// Access: press items are readable by monitors, coordinators and leaders
// only, while a unit's report is read by its officers too. The pre-fill is
// the unit's own count, so it is computed whoever opens the report (as
// with activities), but it carries no press record IDs and no titles: the
// source text gives the count and the window, and the only names shown are
// the unit's own outlets (the "by channel" rows). The items themselves are
// reached through the press pages by those allowed to read them.

// pressFigures are the press items counted for one report. reviewing says
// whether the unit's people review press items at all (any review, ever):
// only then is indicator 10 pre-filled, 0 included; a unit that learns of
// false information otherwise types its figure without explaining a 0.
type pressFigures struct {
	owned     []pressItem // hits on the unit's own sources
	owns      bool        // the units own a press source
	flagged   int         // hits its people marked "needs action"
	reviewing bool
}

type pressItem struct {
	id                    int64
	url, outlet, language string
}

// needsPress reports whether any of the indicators is computed from the
// press monitor.
func needsPress(indicators []*ttdn.Indicator) bool {
	for _, ind := range indicators {
		if ind.Source == ttdn.SourceArticlesPress || ind.Source == ttdn.SourcePressFlagged {
			return true
		}
	}
	return false
}

// loadPressFigures counts the press items of units in rp's window.
func loadPressFigures(ctx context.Context, tx *Tx, rp *ttdn.ReportPeriod, units []int64) (*pressFigures, error) {
	w := pressWindow{from: rp.CutOffFrom.Time(vietnamZone).UTC(), to: rp.CutOffTo.Time(vietnamZone).AddDate(0, 0, 1).UTC()}
	f := &pressFigures{}
	for _, id := range units {
		w.unitID = &id
		hf, args := w.hitsFrom()
		rows, err := tx.QueryContext(ctx, `SELECT a.id, a.url, COALESCE(NULLIF(s.outlet, ''), s.name), a.language`+hf+` ORDER BY a.id`, args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var it pressItem
			if err := rows.Scan(&it.id, &it.url, &it.outlet, &it.language); err != nil {
				rows.Close()
				return nil, err
			}
			f.owned = append(f.owned, it)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	w.unitID = nil
	hf, args := w.hitsFrom(`JOIN users ru ON ru.id = r.reviewer_id`)
	args = append(append(args, true), int64Args(units)...)
	// An item whose story became a rebuttal case is counted as the case.
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*)`+hf+` AND r.needs_action = ? AND ru.unit_id IN (`+placeholders(len(units))+`)
		AND NOT EXISTS (SELECT 1 FROM cases cc WHERE cc.story_id = a.story_id)`, args...).Scan(&f.flagged); err != nil {
		return nil, err
	}
	var owns, reviewing int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM press_sources WHERE unit_id IN (`+
		placeholders(len(units))+`) LIMIT 1) x`, int64Args(units)...).Scan(&owns); err != nil {
		return nil, err
	}
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM press_reviews r JOIN users ru ON ru.id = r.reviewer_id
		WHERE ru.unit_id IN (`+placeholders(len(units))+`) LIMIT 1) x`, int64Args(units)...).Scan(&reviewing)
	f.owns, f.reviewing = owns > 0, reviewing > 0
	return f, err
}

// addOwnedPress adds to t the hits on the unit's own outlets not already
// counted as an activity in acts (same normalised URL), by outlet, and
// returns how many it added, by outlet and language. No IDs are kept (see
// above).
func addOwnedPress(f *pressFigures, acts []*ttdn.Activity, t *tally) int {
	logged := map[string]bool{}
	for _, a := range acts {
		url := ""
		if d := media(a, ttdn.FormatArticle); d != nil {
			url = d.URL
		} else if d, ok := a.Details.(*ttdn.PortalPostDetails); ok {
			url = d.URL
		}
		if k := presstext.NormalizeURL(url); k != "" {
			logged[k] = true
		}
	}
	n := 0
	for _, it := range f.owned {
		if logged[presstext.NormalizeURL(it.url)] {
			continue
		}
		n++
		t.total++
		t.addUncited(ttdn.ByChannel, it.outlet, 1)
		t.addUncited(ttdn.ByLanguage, it.language, 1)
	}
	return n
}

// pressOwnedText is the part of indicator 2's source text the press
// monitor gave.
func pressOwnedText(n int) string {
	return fmt.Sprintf("%d tin, bài về tỉnh trên báo, trang tin của đơn vị (theo dõi báo chí)", n)
}

// pressFlaggedText is indicator 10's source text.
func pressFlaggedText(n int) string {
	return fmt.Sprintf("%d tin, bài được cán bộ của đơn vị đánh dấu cần xử lý, phản bác (theo dõi báo chí)", n)
}
