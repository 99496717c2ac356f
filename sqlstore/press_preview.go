package sqlstore

import (
	"context"
	"time"

	"ttdn"
	"ttdn/vntext"
	"ttdn/watch"
)

// A rule is previewed and re-applied over stored articles without reading
// them all: the full-text index, which holds folded words, proposes the
// articles containing one of the rule's forms as a phrase, and the matcher
// confirms (diacritics, punctuation, exclusions, context) exactly as
// ingestion would. Folded words find candidates; they never decide a hit.

// maxPreviewCandidates bounds the articles one preview reads: the newest
// the rule's words could match. A re-apply reads them all.
const maxPreviewCandidates = 20000

// candidateSQL returns the subquery of the ids of articles whose indexed
// words hold one of the forms of the terms, and its argument; "" when no
// form has a word.
func candidateSQL(tx *Tx, terms ...*ttdn.WatchTerm) (string, any) {
	var phrases [][]string
	for _, t := range terms {
		wt := MatchTerm(t)
		for _, f := range wt.Forms() {
			if w := vntext.Words(f); len(w) > 0 {
				phrases = append(phrases, w)
			}
		}
	}
	if len(phrases) == 0 {
		return "", nil
	}
	return tx.db.ftsPhrase(phrases)
}

// previewCandidates returns the newest articles published since since that
// one of the terms' forms could match, at most maxPreviewCandidates.
func previewCandidates(ctx context.Context, tx *Tx, since time.Time, terms ...*ttdn.WatchTerm) ([]*ttdn.Article, error) {
	q, arg := candidateSQL(tx, terms...)
	if q == "" {
		return nil, nil
	}
	return findArticles(ctx, tx, `a.id IN (`+q+`) AND a.published_at >= ? ORDER BY a.published_at DESC, a.id DESC`+
		limitClause(maxPreviewCandidates, 0), arg, since.UTC())
}

// previewHits returns, per candidate, what term would show of it: nil for
// no match.
func previewHits(t *ttdn.WatchTerm, arts []*ttdn.Article) []*ttdn.WatchPreview {
	docs := make([]watch.Doc, len(arts))
	for i, a := range arts {
		docs[i] = watch.Doc{Title: a.Title, Text: a.Summary}
	}
	out := make([]*ttdn.WatchPreview, len(arts))
	for _, h := range watch.Preview(MatchTerm(t), docs) {
		out[h.Doc] = &ttdn.WatchPreview{Article: arts[h.Doc], Hits: h.Hits, Snippet: h.Snippet}
	}
	return out
}

// previewDays is the preview's window: days, 30 by default.
func previewDays(days int) int {
	if days <= 0 {
		return 30
	}
	return days
}

// PreviewWatchTerm returns up to limit of the stored articles of the last
// days that t would match, newest first, and how many there are. t need not
// be saved.
func (s *PressService) PreviewWatchTerm(ctx context.Context, t *ttdn.WatchTerm, days, limit int) ([]*ttdn.WatchPreview, int, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.PressResource(ttdn.ResourceArticle), nil); err != nil {
		return nil, 0, err
	} else if err := validateWatchTerm(t); err != nil {
		return nil, 0, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, 0, err
	}
	defer tx.Rollback()
	arts, err := previewCandidates(ctx, tx, tx.now.AddDate(0, 0, -previewDays(days)), t)
	if err != nil {
		return nil, 0, err
	}
	var out []*ttdn.WatchPreview
	total := 0
	for _, p := range previewHits(t, arts) {
		if p == nil {
			continue
		}
		total++
		if limit <= 0 || len(out) < limit {
			out = append(out, p)
		}
	}
	return out, total, nil
}

// CompareWatchTerm returns what t would match in the stored articles of
// the last days against the stored term's current rule (t.ID; a new term
// has none): the articles gained and lost, up to limit examples of each,
// newest first. Nothing is stored.
func (s *PressService) CompareWatchTerm(ctx context.Context, t *ttdn.WatchTerm, days, limit int) (*ttdn.WatchTermDiff, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.PressResource(ttdn.ResourceArticle), nil); err != nil {
		return nil, err
	} else if err := validateWatchTerm(t); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	terms := []*ttdn.WatchTerm{t}
	var current *ttdn.WatchTerm
	if t.ID != 0 {
		if current, err = findWatchTermByID(ctx, tx, t.ID); err != nil {
			return nil, err
		}
		terms = append(terms, current)
	}
	d := &ttdn.WatchTermDiff{Days: previewDays(days)}
	arts, err := previewCandidates(ctx, tx, tx.now.AddDate(0, 0, -d.Days), terms...)
	if err != nil {
		return nil, err
	}
	now, before := previewHits(t, arts), make([]*ttdn.WatchPreview, len(arts))
	if current != nil && current.Enabled {
		before = previewHits(current, arts)
	}
	for i := range arts {
		switch {
		case now[i] != nil && before[i] != nil:
			d.Matched++
			d.Kept++
		case now[i] != nil:
			d.Matched++
			d.GainedTotal++
			if limit <= 0 || len(d.Gained) < limit {
				d.Gained = append(d.Gained, now[i])
			}
		case before[i] != nil:
			d.LostTotal++
			if limit <= 0 || len(d.Lost) < limit {
				d.Lost = append(d.Lost, before[i])
			}
		}
	}
	return d, nil
}
