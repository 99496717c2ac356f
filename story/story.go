// Package story groups press items into stories: the same article seen
// twice (same article key: its normalised URL, or its outlet's article
// number when the slug changed) and the same event covered by several
// outlets (near-duplicate titles). Similarity is centred on the title —
// outlets write their own summaries but near-identical headlines — and
// weighted by rarity (IDF over the remembered window); dates, figures and
// stage words in titles keep recurring columns and successive stages of
// one event apart. Memory stays bounded: only a sliding window of recent
// items is remembered.
//
// The package is pure: the store persists the assignments it returns.
package story

import (
	"slices"
	"strings"
	"time"

	"ttdn/presstext"
	"ttdn/vntext"
)

// Item is what grouping needs of a press item.
type Item struct {
	URL     string
	Source  string // the outlet; stories count distinct outlets
	Title   string
	Summary string // plain text
	Time    time.Time
}

// Options tune a Grouper; zero fields take the defaults.
type Options struct {
	// Threshold is the least similarity (IDF-weighted cosine of title and
	// summary tokens, title counted twice) for two items to be scored by
	// the link model (link.go) at all; default 0.20 (story/README.md).
	Threshold float64
	// MaxGap is the longest time between two items of one story link;
	// default 72 h. Items without a time are not limited.
	MaxGap time.Duration
	// Window is how many recent items are searched for near-duplicates
	// and remembered for URL duplicates; default 100,000 (several days of
	// a province's feeds). Memory grows linearly with it.
	Window int
	// Horizon is how long an item stays in the window at most, counted
	// back from the newest item added; default 30 days. Links never reach
	// further back than MaxGap, so older items only weigh words (IDF): a
	// year of a few outlets' news stays at a month of items in memory
	// instead of Window of them.
	Horizon time.Duration
	// MinShingles is the least number of title tokens (words and word
	// pairs) an item needs to be compared at all; default 4.
	MinShingles int
}

func (o Options) withDefaults() Options {
	if o.Threshold <= 0 {
		o.Threshold = linkFloor
	}
	if o.MaxGap <= 0 {
		o.MaxGap = 72 * time.Hour
	}
	if o.Window <= 0 {
		o.Window = 100_000
	}
	if o.Horizon <= 0 {
		o.Horizon = 30 * 24 * time.Hour
	}
	if o.MinShingles <= 0 {
		o.MinShingles = 4
	}
	return o
}

// Assignment is where an item went.
type Assignment struct {
	Seq        int64   // the item's sequence number, from 0 in order of Add
	Story      int64   // the story: the Seq of its first item
	Duplicate  bool    // same article key as an earlier item (not a new article)
	Match      int64   // the item it was linked to, or -1 for a new story
	Similarity float64 // similarity with Match (1 for a duplicate)
	Articles   int     // articles in the story so far (duplicates excluded)
	Outlets    int     // distinct outlets in the story so far
}

// Features is the pre-computed part of grouping for one item; computing
// it is the costly step and needs no shared state, so batches compute it
// in parallel (see Group).
type Features struct {
	urlKey  uint64
	title   []uint32 // sorted token hashes of the title: the candidate index
	toks    []wtok   // title and summary tokens, weighted (template summaries left out)
	ok      bool     // comparable: enough title tokens, not a bulletin
	preview bool     // a preview ("Lịch thi đấu …"), never one story with a result
	column  bool     // a daily column: one story only with the same date
	stages  uint64
	post    string    // the post the title appoints to (appointment)
	names   []nameRun // the title's names (nameRuns)
	event   []eword   // the title's event words (events.go)
	places  []uint16  // the places the title names (places.go)
	figs    figures
	unix    int64
	source  string
}

// Extract computes the features of it.
func Extract(it *Item, minShingles int) Features {
	if minShingles <= 0 {
		minShingles = Options{}.withDefaults().MinShingles
	}
	f := Features{source: Outlet(it.Source)}
	if !it.Time.IsZero() {
		f.unix = it.Time.Unix()
	}
	if k := ArticleKey(it.URL); k != "" {
		f.urlKey = fnv64([]byte(k)) | 1 // 0 means "no URL"
	}
	ft := vntext.Fold(it.Title)
	buf := make([]byte, 0, 512)
	f.title, buf = tokens(it.Title, maxTitleTokens, buf)
	var body []uint32
	ents, buf := entityHashes(it.Title, buf)
	if fs := vntext.Fold(it.Summary); !isTemplate(fs) {
		body, buf = tokens(it.Summary, maxBodyTokens, buf)
		var more []uint32
		more, _ = entityHashes(it.Summary, buf)
		ents = append(ents, more...)
		slices.Sort(ents)
	}
	f.toks = weigh(f.title, body)
	if body != nil {
		markDiacritics(f.toks, it.Summary)
	}
	markEntities(f.toks, withoutPlaces(ents))
	// Round-ups ("Điểm tin 17h: A | B") list several stories: their shared
	// template would link bulletins of different days.
	f.ok = len(f.title) >= minShingles && !strings.Contains(it.Title, " | ") && !hasPrefix(ft, bulletinPrefixes)
	f.preview = hasPrefix(ft, previewPrefixes)
	f.column = hasPrefix(ft, columnPrefixes)
	f.stages = stages(ft)
	f.post = appointment(ft)
	f.figs = titleFigures(ft)
	f.names = nameRuns(it.Title)
	f.event = eventWords(it.Title)
	f.places = titlePlaces(it.Title)
	return f
}

// Outlet is the outlet of a source name: the sections of one outlet
// ("VnExpress - Thế Giới") are one outlet.
func Outlet(source string) string {
	if i := strings.Index(source, " - "); i > 0 {
		return strings.TrimSpace(source[:i])
	}
	return strings.TrimSpace(source)
}

// conflict reports two items that are never one story whatever their
// words: different dates or figures, different stages, appointments
// to different posts, a preview and a report.
func conflict(a, b *Features) bool {
	return hardConflict(a, b) || a.figs.conflict(&b.figs)
}

// hardConflict is conflict without the figures other than dates.
func hardConflict(a, b *Features) bool {
	if (a.column || b.column) && !(len(a.figs.dates) > 0 && len(b.figs.dates) > 0 && shareDate(a.figs.dates, b.figs.dates)) {
		return true
	}
	if len(a.figs.dates) > 0 && len(b.figs.dates) > 0 && !shareDate(a.figs.dates, b.figs.dates) {
		return true
	}
	return a.preview != b.preview || stagesConflict(a.stages, b.stages) ||
		a.post != "" && b.post != "" && a.post != b.post ||
		foreignName(a.names, b.toks) && foreignName(b.names, a.toks)
}

// ArticleKey is the exact-duplicate key of a link: its normalised form,
// or, when the last path segment ends in an article number of six or
// more digits (as most Vietnamese outlets' links do), the host and that
// number, so the same article under an edited slug is one article.
func ArticleKey(link string) string {
	u := presstext.NormalizeURL(link)
	if u == "" {
		return ""
	}
	rest := u[strings.Index(u, "://")+3:]
	slash := strings.IndexByte(rest, '/')
	if slash < 0 || strings.IndexByte(rest, '?') >= 0 {
		return u
	}
	host, path := rest[:slash], rest[slash:]
	last := path[strings.LastIndexByte(path, '/')+1:]
	if dot := strings.LastIndexByte(last, '.'); dot > 0 {
		last = last[:dot]
	}
	end := len(last)
	start := end
	for start > 0 && last[start-1] >= '0' && last[start-1] <= '9' {
		start--
	}
	if end-start < 6 || start == 0 || last[start-1] != '-' && last[start-1] != 'p' {
		return u
	}
	return strings.TrimPrefix(host, "www.") + "#" + last[start:end]
}
