package sqlstore

import (
	"context"
	"sort"
	"time"

	"ttdn"
)

// maxSpreadItems bounds the items a case page lists; the counts cover all.
const maxSpreadItems = 5000

// FindCaseSpread returns a readable case's story items, oldest first, with
// the counts of those that joined after the case opened.
func (s *CaseService) FindCaseSpread(ctx context.Context, caseID int64) (*ttdn.CaseSpread, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, err := findCaseByID(ctx, tx, caseID)
	if err != nil {
		return nil, err
	} else if err := canRead(ctx, c.Resource(), errCaseNotFound()); err != nil {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT article_id, title, url, outlet, language, is_foreign, published, joined_at, at_opening
		FROM case_items WHERE case_id = ? ORDER BY published, id LIMIT ?`, caseID, maxSpreadItems)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	sp := &ttdn.CaseSpread{Items: []*ttdn.CaseItem{}}
	outlets, langs := counter{}, counter{}
	for rows.Next() {
		it := &ttdn.CaseItem{}
		if err := rows.Scan(idScan{&it.ArticleID}, &it.Title, &it.URL, &it.Outlet, &it.Language, &it.Foreign,
			timeScan{&it.Published}, timeScan{&it.JoinedAt}, &it.AtOpening); err != nil {
			return nil, err
		}
		sp.Items = append(sp.Items, it)
		if it.AtOpening {
			continue
		}
		sp.After++
		if it.Foreign {
			sp.Foreign++
		} else {
			sp.Domestic++
		}
		outlets.add(it.Outlet, it.Outlet)
		langs.add(it.Language, it.Language)
	}
	sp.ByOutlet, sp.ByLanguage = outlets.sorted(), langs.sorted()
	return sp, rows.Err()
}

// counter counts by key, keeping a label per key.
type counter map[string]*ttdn.Count

func (c counter) add(key, label string) {
	if c[key] == nil {
		c[key] = &ttdn.Count{Key: key, Label: label}
	}
	c[key].Count++
}

// sorted returns the counts largest first, then by label.
func (c counter) sorted() []ttdn.Count {
	out := make([]ttdn.Count, 0, len(c))
	for _, v := range c {
		out = append(out, *v)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Label < out[j].Label
	})
	return out
}

// FindCaseFigures counts the readable cases: open ones by stage and
// overdue at now, and those detected in [from, to) (zero: unbounded) by
// verdict and topic, with their response times.
func (s *CaseService) FindCaseFigures(ctx context.Context, from, to, now time.Time) (*ttdn.CaseFigures, error) {
	if ttdn.UserFromContext(ctx) == nil {
		return nil, ttdn.Errorf(ttdn.EUNAUTHORIZED, "Bạn cần đăng nhập để thực hiện thao tác này.", "You need to log in to do this.")
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	scope, args := caseScope(ctx)
	f := &ttdn.CaseFigures{}
	byStage := map[string]int{}
	rows, err := tx.QueryContext(ctx, `SELECT c.stage, COUNT(*) FROM cases c WHERE `+scope+` AND c.stage <> 'closed' GROUP BY c.stage`, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var st string
		var n int
		if err := rows.Scan(&st, &n); err != nil {
			rows.Close()
			return nil, err
		}
		byStage[st], f.Open = n, f.Open+n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, st := range ttdn.CaseStages[:len(ttdn.CaseStages)-1] {
		f.ByStage = append(f.ByStage, ttdn.Count{Key: string(st), Label: st.Label(), Count: byStage[string(st)]})
	}
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM cases c WHERE `+scope+` AND c.next_due_at IS NOT NULL AND c.next_due_at < ?`,
		append(args, now.UTC())...).Scan(&f.Overdue); err != nil {
		return nil, err
	}
	where := scope
	wargs := append([]any{}, args...)
	if !from.IsZero() {
		where, wargs = where+` AND c.detected_at >= ?`, append(wargs, from.UTC())
	}
	if !to.IsZero() {
		where, wargs = where+` AND c.detected_at < ?`, append(wargs, to.UTC())
	}
	window, err := loadCaseWindow(ctx, tx, where, wargs)
	if err != nil {
		return nil, err
	}
	window.fill(f)
	return f, nil
}

// caseWindow is the cases of a window with what the figures need.
type caseWindow struct {
	cases  []*windowCase
	topics map[int64][]string
}

type windowCase struct {
	id        int64
	verdict   ttdn.Verdict
	minutes   int64
	responded bool
}

// loadCaseWindow reads the cases matching where (on alias c) and their
// topics.
func loadCaseWindow(ctx context.Context, tx *Tx, where string, args []any) (*caseWindow, error) {
	w := &caseWindow{topics: map[int64][]string{}}
	rows, err := tx.QueryContext(ctx, `SELECT c.id, c.verdict, c.detected_at, c.published_at FROM cases c WHERE `+where+` ORDER BY c.id`, args...)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		wc := &windowCase{}
		var verdict string
		c := &ttdn.Case{}
		if err := rows.Scan(&wc.id, &verdict, timeScan{&c.DetectedAt}, timeScan{&c.PublishedAt}); err != nil {
			rows.Close()
			return nil, err
		}
		wc.verdict = ttdn.Verdict(verdict)
		wc.minutes, wc.responded = c.ResponseMinutes()
		w.cases = append(w.cases, wc)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	trows, err := tx.QueryContext(ctx, `SELECT t.case_id, t.topic FROM case_topics t JOIN cases c ON c.id = t.case_id WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	defer trows.Close()
	for trows.Next() {
		var id int64
		var topic string
		if err := trows.Scan(&id, &topic); err != nil {
			return nil, err
		}
		w.topics[id] = append(w.topics[id], topic)
	}
	return w, trows.Err()
}

// fill adds the window's counts to f: by verdict in the verdicts' order
// (the unassessed last), by topic largest first, response times.
func (w *caseWindow) fill(f *ttdn.CaseFigures) {
	verdicts, topics := map[ttdn.Verdict]int{}, counter{}
	var sum int64
	for _, c := range w.cases {
		f.Detected++
		verdicts[c.verdict]++
		for _, t := range w.topics[c.id] {
			topics.add(t, ttdn.CaseTopic(t).Label())
		}
		if c.responded {
			f.Responded++
			sum += c.minutes
			f.MaxMinutes = max(f.MaxMinutes, c.minutes)
		}
	}
	for _, v := range append(append([]ttdn.Verdict{}, ttdn.Verdicts...), "") {
		if n := verdicts[v]; n > 0 {
			f.ByVerdict = append(f.ByVerdict, ttdn.Count{Key: string(v), Label: v.Label(), Count: n})
		}
	}
	f.ByTopic = topics.sorted()
	if f.Responded > 0 {
		f.AvgMinutes = (sum + int64(f.Responded)/2) / int64(f.Responded)
	}
}
