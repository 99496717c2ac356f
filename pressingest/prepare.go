package pressingest

import (
	"runtime"
	"strings"
	"sync"

	"ttdn"
	"ttdn/presstext"
	"ttdn/sqlstore"
	"ttdn/story"
	"ttdn/tone"
	"ttdn/watch"
)

// prepared is an item after the work that needs no shared state: it runs
// in parallel on every core.
type prepared struct {
	art    *sqlstore.IngestArticle
	legacy int64 // URL hash of the older key, if it differs
	feat   story.Features
	skip   bool // nothing to store (no title and no link)
}

// prepareAll prepares items in parallel, keeping their order.
func prepareAll(items []Item, wl *sqlstore.Watchlist) []prepared {
	out := make([]prepared, len(items))
	workers := min(runtime.GOMAXPROCS(0), max(1, len(items)/64))
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []watch.Hit
			for i := w; i < len(items); i += workers {
				out[i], buf = prepare(&items[i], wl, buf)
			}
		}()
	}
	wg.Wait()
	return out
}

// prepare cleans, detects, matches and scores one item.
func prepare(it *Item, wl *sqlstore.Watchlist, buf []watch.Hit) (prepared, []watch.Hit) {
	it.cleanText()
	title := presstext.Clean(presstext.Text(it.Title))
	summary := presstext.Text(it.Summary)
	link := strings.TrimSpace(it.Link)
	if title == "" && link == "" {
		return prepared{skip: true}, buf
	}
	a := &sqlstore.IngestArticle{JoinBatch: -1}
	a.SourceID, a.Outlet, a.URL, a.GUID = it.SourceID, it.Outlet, link, strings.TrimSpace(it.GUID)
	a.Title, a.Summary, a.Category = title, summary, presstext.Clean(it.Category)
	a.Published, a.Fetched = it.Published, it.Fetched
	if a.Fetched.IsZero() {
		a.Fetched = a.Published
	}
	if a.Published.IsZero() {
		a.Published = a.Fetched
	}
	a.URLHash = hashKey(urlKey(it))
	legacy := hashKey(legacyKey(it))
	if legacy == a.URLHash {
		legacy = 0
	}
	a.Language = string(presstext.Detect(title + "\n" + summary))
	a.Index = sqlstore.SearchText(title, summary)
	buf = matchTerms(a, wl, buf)
	a.ToneGuess = ttdn.Tone(tone.Guess(title + ".\n" + summary).Tone)
	a.Tone = a.ToneGuess
	feat := story.Extract(&story.Item{URL: link, Source: it.Outlet, Title: title, Summary: summary, Time: a.Published}, minShingles)
	return prepared{art: a, legacy: legacy, feat: feat}, buf
}

// matchTerms fills the article's hits, priority and themes.
func matchTerms(a *sqlstore.IngestArticle, wl *sqlstore.Watchlist, buf []watch.Hit) []watch.Hit {
	if wl == nil || len(wl.Terms) == 0 {
		return buf
	}
	buf = wl.Matcher.AppendMatches(buf[:0], a.Title)
	buf = wl.Matcher.AppendMatches(buf, a.Summary)
	if len(buf) == 0 {
		return buf
	}
	for _, h := range buf {
		t := wl.Terms[h.Term]
		found := false
		for i := range a.Hits {
			if a.Hits[i].TermID == t.ID {
				a.Hits[i].Occurrences++
				found = true
				break
			}
		}
		if found {
			continue
		}
		a.Hits = append(a.Hits, ttdn.Hit{TermID: t.ID, TermCode: t.Code, Occurrences: 1})
		a.Priority = max(a.Priority, t.Priority)
		for _, th := range t.Themes {
			if !contains(a.Themes, th) {
				a.Themes = append(a.Themes, th)
			}
		}
	}
	return buf
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
