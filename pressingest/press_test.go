package pressingest_test

import (
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"ttdn"
	"ttdn/searchrank"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// searchCase is one search of the parity test.
type searchCase struct {
	name string
	f    ttdn.ArticleFilter
}

func searchCases() []searchCase {
	vi, neg, theme, domestic := "vi", ttdn.ToneNegative, "bien-dao", false
	from := time.Date(2025, 11, 5, 0, 0, 0, 0, time.UTC)
	return []searchCase{
		{"place", ttdn.ArticleFilter{Query: "Tây Ninh"}},
		{"folded", ttdn.ArticleFilter{Query: "tay ninh"}},
		{"one word", ttdn.ArticleFilter{Query: "Campuchia"}},
		{"đ", ttdn.ArticleFilter{Query: "Đà Nẵng"}},
		{"prefix", ttdn.ArticleFilter{Query: "bão*"}},
		{"prefix two", ttdn.ArticleFilter{Query: "giá vàn*"}},
		// More indexed words than SQLite expands (maxPrefixWords): a prefix query.
		{"prefix wide", ttdn.ArticleFilter{Query: "t*"}},
		{"lang", ttdn.ArticleFilter{Query: "lũ", Language: &vi}},
		{"dates", ttdn.ArticleFilter{Query: "Hà Nội", From: from, To: from.AddDate(0, 0, 3)}},
		{"hits", ttdn.ArticleFilter{HitsOnly: true}},
		{"theme", ttdn.ArticleFilter{Theme: &theme}},
		{"tone", ttdn.ArticleFilter{Query: "tai nạn", Tone: &neg}},
		{"none", ttdn.ArticleFilter{Query: "zzzkhongcotu"}},
		// Issue 11: phrases, diacritics as typed, date order, priority order.
		{"phrase", ttdn.ArticleFilter{Query: `"Đà Nẵng"`}},
		{"phrase folded", ttdn.ArticleFilter{Query: `"da nang"`}},
		// A common phrase (more matches than a search ranks), and one with a prefix.
		{"phrase common", ttdn.ArticleFilter{Query: `"người dân"`}},
		{"phrase and prefix", ttdn.ArticleFilter{Query: `"thủ tướng" chín*`}},
		// More than SearchCountCap articles hold both words: SQLite bounds the phrase.
		{"phrase past the cap", ttdn.ArticleFilter{Query: `"Việt Nam"`}},
		{"phrase past the cap, filtered", ttdn.ArticleFilter{Query: `"của các"`, Foreign: &domestic}},
		{"marked", ttdn.ArticleFilter{Query: "Biển Đông"}},
		{"marked other", ttdn.ArticleFilter{Query: "biến động"}},
		{"by date", ttdn.ArticleFilter{Query: "bão", Sort: ttdn.SortDate}},
		{"no query by date", ttdn.ArticleFilter{Sort: ttdn.SortDate}},
		{"no query by priority", ttdn.ArticleFilter{Sort: ttdn.SortPriority}},
		// A common word with filters: PostgreSQL walks its matches in
		// batches (2,000, then twice as many) and filters each.
		{"common word lang", ttdn.ArticleFilter{Query: "nam", Language: &vi}},
		{"common word hits", ttdn.ArticleFilter{Query: "nguoi", HitsOnly: true}},
		{"common word domestic", ttdn.ArticleFilter{Query: "nam", Foreign: &domestic}},
	}
}

// parity holds each engine's answers, by case, as article URLs.
var parity = struct {
	sync.Mutex
	m map[string]map[string][]string
}{m: map[string]map[string][]string{}}

// checkSearch compares every search with a reference computed in Go over
// the stored texts, and records the answers for the cross-engine check.
func checkSearch(t *testing.T, in *ingested) {
	ctx := sqltest.SystemContext()
	all, _, err := in.store.SearchArticles(ctx, ttdn.ArticleFilter{Limit: 200})
	if err != nil || len(all) == 0 {
		t.Fatal(err)
	}
	ref := referenceArticles(t, in)
	answers := map[string][]string{}
	full := 0 // text searches with more matches than a search ranks
	for _, c := range searchCases() {
		c.f.Limit = 200
		got, total, err := in.store.SearchArticles(ctx, c.f)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		want := ref.search(c.f)
		if total != min(len(want), ttdn.SearchCountCap) {
			t.Errorf("%s: total %d, reference %d", c.name, total, len(want))
		}
		if total == ttdn.SearchRankPool && !searchrank.Parse(c.f.Query).Empty() {
			full++
		}
		var urls []string
		for i, a := range got {
			urls = append(urls, a.URL)
			if i < len(want) && want[i].URL != a.URL {
				t.Errorf("%s: result %d is %s, reference %s", c.name, i, a.URL, want[i].URL)
				break
			}
		}
		if c.name != "none" && c.name != "tone" && len(got) == 0 {
			t.Errorf("%s: nothing found", c.name)
		}
		answers[c.name] = urls
	}
	if full == 0 {
		t.Error("no text search fills the ranking pool: the reference's cut is untested")
	}
	parity.Lock()
	defer parity.Unlock()
	parity.m[in.db.Engine()] = answers
	if len(parity.m) == 2 {
		lite, pg := parity.m[sqlstore.EngineSQLite], parity.m[sqlstore.EnginePostgres]
		for name, urls := range lite {
			if !slices.Equal(urls, pg[name]) {
				t.Errorf("%s: SQLite and PostgreSQL differ (%d vs %d results)", name, len(urls), len(pg[name]))
			}
		}
	}
}

// refArticle is a stored article as the reference search sees it.
type refArticle struct {
	*ttdn.Article
	words map[string]bool
}

type reference []refArticle

// referenceArticles loads every stored article, newest id first.
func referenceArticles(t *testing.T, in *ingested) reference {
	ctx := sqltest.SystemContext()
	var out reference
	for off := 0; ; off += 200 {
		page, _, err := in.store.SearchArticles(ctx, ttdn.ArticleFilter{Offset: off, Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range page {
			w := map[string]bool{}
			for _, x := range strings.Fields(sqlstore.SearchText(a.Title, a.Summary)) {
				w[x] = true
			}
			out = append(out, refArticle{a, w})
		}
		if len(page) < 200 {
			return out
		}
	}
}

func (r reference) search(f ttdn.ArticleFilter) []refArticle {
	var out []refArticle
	for _, a := range r {
		if r.admits(a, f) {
			out = append(out, a)
		}
	}
	if q := searchrank.Parse(f.Query); !q.Empty() {
		// The engines rank, in Go, the newest SearchRankPool of the newest
		// SearchCountCap candidates that match as typed.
		out = out[:min(len(out), ttdn.SearchCountCap)]
		byID := map[int64]refArticle{}
		var docs []searchrank.Doc
		for _, a := range out {
			d := searchrank.Doc{ID: a.ID, Title: a.Title, Summary: a.Summary, Published: a.Published}
			if len(searchrank.Rank(q, []searchrank.Doc{d}, searchrank.ByDate)) == 1 && len(docs) < ttdn.SearchRankPool {
				byID[a.ID] = a
				docs = append(docs, d)
			}
		}
		order := searchrank.ByRelevance
		if f.Sort == ttdn.SortDate {
			order = searchrank.ByDate
		}
		out = out[:0:0]
		for _, h := range searchrank.Rank(q, docs, order) {
			out = append(out, byID[h.ID])
		}
		return out
	}
	switch f.Sort {
	case ttdn.SortDate:
		slices.SortStableFunc(out, func(a, b refArticle) int { return b.Published.Compare(a.Published) })
	case ttdn.SortPriority:
		slices.SortStableFunc(out, func(a, b refArticle) int {
			if a.Priority != b.Priority {
				return b.Priority - a.Priority
			}
			return b.Published.Compare(a.Published)
		})
	}
	return out
}

func (r reference) admits(a refArticle, f ttdn.ArticleFilter) bool {
	for _, q := range strings.Fields(f.Query) {
		prefix := strings.HasSuffix(q, "*")
		for _, w := range strings.Fields(sqlstore.SearchText(q, "")) {
			if !a.words[w] && !(prefix && hasPrefixWord(a.words, w)) {
				return false
			}
		}
	}
	switch {
	case !f.From.IsZero() && a.Published.Before(f.From), !f.To.IsZero() && !a.Published.Before(f.To):
		return false
	case f.Language != nil && a.Language != *f.Language, f.Tone != nil && a.Tone != *f.Tone,
		f.Foreign != nil && a.Foreign != *f.Foreign:
		return false
	case f.HitsOnly && a.Priority == 0, f.Theme != nil && !slices.Contains(a.Themes, *f.Theme):
		return false
	}
	return true
}

func hasPrefixWord(words map[string]bool, p string) bool {
	for w := range words {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}
