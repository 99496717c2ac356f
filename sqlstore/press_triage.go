package sqlstore

import (
	"context"
	"slices"
	"strings"

	"ttdn"
	"ttdn/vntext"
	"ttdn/watch"
)

// Review that respects people's time (issue 11): the queue shows where each
// hit is, many hits are judged at once, and a hit judged not relevant
// offers to teach its term an exclusion.

// reviewTerms compiles the terms the reviews hit (enabled or not: a hit
// stored before a term was disabled is still shown) and maps term id to
// its index in the matcher.
func reviewTerms(ctx context.Context, tx *Tx, list []*ttdn.Review) (*watch.Matcher, []*ttdn.WatchTerm, map[int64]int, error) {
	var ids []any
	seen := map[int64]bool{}
	for _, r := range list {
		for _, h := range r.Hits {
			if !seen[h.TermID] {
				seen[h.TermID] = true
				ids = append(ids, h.TermID)
			}
		}
	}
	if len(ids) == 0 {
		return nil, nil, nil, nil
	}
	terms, err := findWatchTerms(ctx, tx, `id IN (`+placeholders(len(ids))+`) ORDER BY id`, ids...)
	if err != nil {
		return nil, nil, nil, err
	}
	wt := make([]watch.Term, len(terms))
	index := make(map[int64]int, len(terms))
	for i, t := range terms {
		wt[i], index[t.ID] = MatchTerm(t), i
	}
	return watch.Compile(wt), terms, index, nil
}

// markReviews sets the spans of each review's stored hits in its article's
// title and summary, for highlighting.
func markReviews(ctx context.Context, tx *Tx, list []*ttdn.Review) error {
	m, _, index, err := reviewTerms(ctx, tx, list)
	if err != nil || m == nil {
		return err
	}
	for _, r := range list {
		if r.Article == nil {
			continue
		}
		hit := map[int]bool{}
		for _, h := range r.Hits {
			hit[index[h.TermID]] = true
		}
		r.TitleMarks = spans(m.Match(r.Article.Title), hit)
		r.SummaryMarks = spans(m.Match(r.Article.Summary), hit)
	}
	return nil
}

// spans returns the hits of the wanted terms as sorted spans, overlapping
// ones merged ("tỉnh Tây Ninh" and "Tây Ninh" mark once).
func spans(hits []watch.Hit, want map[int]bool) []ttdn.Span {
	var out []ttdn.Span
	for _, h := range hits { // by start, then length
		if !want[h.Term] {
			continue
		}
		if n := len(out); n > 0 && h.Start < out[n-1].End {
			out[n-1].End = max(out[n-1].End, h.End)
			continue
		}
		out = append(out, ttdn.Span{Start: h.Start, End: h.End})
	}
	return out
}

// TriageReviews gives the judgement t to the hits refs in one transaction:
// those at the version the reviewer saw are judged, those changed meanwhile
// are left (Stale), those the judgement cannot apply to are left (Refused).
func (s *PressService) TriageReviews(ctx context.Context, refs []ttdn.ReviewRef, t ttdn.Triage) (*ttdn.TriageResult, error) {
	if err := authorize(ctx, ttdn.ActionUpdate, ttdn.PressResource(ttdn.ResourcePressReview), errReviewNotFound()); err != nil {
		return nil, err
	} else if !t.Valid() {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Cách đánh giá %q không hợp lệ.", "Invalid judgement %q.", t)
	} else if len(refs) == 0 {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Hãy chọn ít nhất một tin bài.", "Select at least one article.")
	} else if len(refs) > ttdn.MaxTriage {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Mỗi lần chỉ đánh giá được tối đa %d tin bài.", "At most %d articles can be judged at once.", ttdn.MaxTriage)
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	res := &ttdn.TriageResult{}
	done := map[int64]bool{}
	for _, ref := range refs {
		if done[ref.ArticleID] {
			continue
		}
		done[ref.ArticleID] = true
		before, err := findReviewByArticle(ctx, tx, ref.ArticleID)
		switch {
		case ttdn.ErrorCode(err) == ttdn.ENOTFOUND:
			res.Stale = append(res.Stale, ref.ArticleID) // left the queue meanwhile
			continue
		case err != nil:
			return nil, err
		case before.Version != ref.Version:
			res.Stale = append(res.Stale, ref.ArticleID)
			continue
		}
		r, err := applyReview(before, t.Update(ref.Version))
		if ttdn.ErrorCode(err) == ttdn.EINVALID {
			res.Refused = append(res.Refused, ref.ArticleID)
			continue
		} else if err != nil {
			return nil, err
		}
		if err := saveReview(ctx, tx, before, r); err != nil {
			return nil, err
		}
		res.Updated = append(res.Updated, ref.ArticleID)
	}
	return res, tx.Commit()
}

// ExclusionSuggestions returns, for each term an article's hits are of,
// phrases around the first match that would exclude it.
func (s *PressService) ExclusionSuggestions(ctx context.Context, articleID int64) ([]*ttdn.ExclusionSuggestion, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.PressResource(ttdn.ResourcePressReview), errReviewNotFound()); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	r, err := findReviewByArticle(ctx, tx, articleID)
	if err != nil {
		return nil, err
	}
	m, terms, index, err := reviewTerms(ctx, tx, []*ttdn.Review{r})
	if err != nil || m == nil {
		return nil, err
	}
	var out []*ttdn.ExclusionSuggestion
	for _, h := range r.Hits {
		t := terms[index[h.TermID]]
		sg := &ttdn.ExclusionSuggestion{TermID: t.ID, TermName: t.Name, TermVersion: t.Version, ArticleID: articleID}
		for _, text := range []string{r.Article.Title, r.Article.Summary} {
			for _, wh := range m.Match(text) {
				if wh.Term != index[h.TermID] {
					continue
				}
				if sg.Match == "" {
					sg.Match = text[wh.Start:wh.End]
				}
				for _, p := range watch.ExclusionPhrases(text, wh) {
					if !slices.Contains(sg.Phrases, p) && !slices.Contains(t.Exclude, p) && !isForm(t, p) {
						sg.Phrases = append(sg.Phrases, p)
					}
				}
			}
		}
		if len(sg.Phrases) > 0 {
			sg.Phrases = sg.Phrases[:min(len(sg.Phrases), 6)]
			out = append(out, sg)
		}
	}
	return out, nil
}

// isForm reports whether p is one of t's forms (case and diacritics
// aside): excluding it would silence the term wherever that form stands.
func isForm(t *ttdn.WatchTerm, p string) bool {
	key, wt := strings.Join(vntext.Words(p), " "), MatchTerm(t)
	for _, f := range wt.Forms() {
		if strings.Join(vntext.Words(f), " ") == key {
			return true
		}
	}
	return false
}
