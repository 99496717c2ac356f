package pressingest

import (
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

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
	rawSummary := len(it.Summary)
	if rawSummary > 4*maxSummary { // HTML of a huge summary is not worth parsing whole
		it.Summary = capText(it.Summary, 4*maxSummary)
	}
	it.cleanText()
	title := presstext.Clean(presstext.Text(it.Title))
	summary := presstext.Text(it.Summary)
	link := strings.TrimSpace(it.Link)
	if title == "" && link == "" {
		return prepared{skip: true}, buf
	}
	a := &sqlstore.IngestArticle{JoinBatch: -1, Notes: it.Notes}
	a.SourceID, a.Outlet, a.URL, a.GUID = it.SourceID, it.Outlet, link, strings.TrimSpace(it.GUID)
	a.Title, a.Summary, a.Category = title, summary, presstext.Clean(it.Category)
	a.Published, a.Fetched = it.Published, it.Fetched
	if a.Fetched.IsZero() {
		a.Fetched = a.Published
	}
	if a.Fetched.IsZero() {
		a.Fetched = time.Now()
	}
	var odd bool
	if a.Published, odd = saneDates(a.Published, a.Fetched); odd {
		a.Notes = append(a.Notes, ttdn.IngestNote{Kind: ttdn.NoteDateOutOfRange, Value: it.Published.UTC().Format(time.RFC3339)})
	}
	if len(a.Title) > maxTitle {
		a.Title, a.Notes = capText(a.Title, maxTitle), append(a.Notes, ttdn.IngestNote{Kind: ttdn.NoteTitleCut, Value: strconv.Itoa(len(a.Title))})
	}
	if len(a.Summary) > maxSummary || rawSummary > 4*maxSummary {
		a.Summary, a.Notes = capText(a.Summary, min(len(a.Summary), maxSummary)), append(a.Notes, ttdn.IngestNote{Kind: ttdn.NoteSummaryCut, Value: strconv.Itoa(rawSummary)})
	}
	a.URLHash = hashKey(urlKey(it))
	legacy := hashKey(legacyKey(it))
	if legacy == a.URLHash {
		legacy = 0
	}
	a.Language = string(presstext.Detect(a.Title + "\n" + a.Summary))
	// The words of the search index are those tone.Guess splits the
	// text into (punctuation between title and summary splits words
	// alike): split once.
	words := sqlstore.SearchWords(a.Title, a.Summary)
	a.Index = strings.Join(words, " ")
	buf = matchTerms(a, wl, buf)
	a.ToneGuess = ttdn.Tone(tone.GuessWords(words).Tone)
	a.Tone = a.ToneGuess
	feat := story.Extract(&story.Item{URL: link, Source: it.Outlet, Title: a.Title, Summary: a.Summary, Time: a.Published}, minShingles)
	return prepared{art: a, legacy: legacy, feat: feat}, buf
}

// Field caps: a title or summary longer than these is cut (and the
// article's notes say so). PostgreSQL refuses a search vector over 1 MB,
// and no feed's summary needs more than a few kilobytes.
const (
	maxTitle   = 2 << 10
	maxSummary = 64 << 10
)

// capText cuts s to at most n bytes at a rune boundary.
func capText(s string, n int) string {
	if n >= len(s) {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
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
