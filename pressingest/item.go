// Package pressingest is the press monitor's ingest pipeline: it turns raw
// feed items into stored articles — text cleaned (presstext), language
// detected, exact duplicates dropped by normalised URL, the watchlist
// matched (watch), stories grouped (story), tone guessed (tone), indexed for
// full-text search — and stores them in large batched transactions through
// sqlstore. The feed runner (jobs) and `ttdn press ingest` both use it.
package pressingest

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"time"

	"ttdn"
	"ttdn/feed"
	"ttdn/presstext"
	"ttdn/story"
)

// Item is one raw press item: from a feed, or from a news file.
type Item struct {
	SourceID  int64
	Outlet    string
	Title     string // may hold entities and stray HTML
	Link      string
	GUID      string
	Summary   string // HTML allowed
	Category  string
	Published time.Time
	Fetched   time.Time
	Notes     []ttdn.IngestNote // what reading repaired (kept with the article)
}

// cleanText removes NUL and invalid UTF-8 from every text of the item
// (feeds and news files are written by strangers): both engines then store
// the same text and PostgreSQL never refuses a batch over one bad byte.
func (it *Item) cleanText() {
	for _, s := range []*string{&it.Outlet, &it.Title, &it.Link, &it.GUID, &it.Summary, &it.Category} {
		*s = ttdn.CleanText(*s)
	}
}

// FromFeed returns the items of a fetched feed for source src.
func FromFeed(src *ttdn.Source, f *feed.Feed, fetched time.Time) []Item {
	out := make([]Item, 0, len(f.Items))
	for _, it := range f.Items {
		summary := it.Summary
		if summary == "" {
			summary = it.Content
		}
		cat := ""
		if len(it.Categories) > 0 {
			cat = it.Categories[0]
		}
		out = append(out, Item{SourceID: src.ID, Outlet: src.Name, Title: it.Title, Link: it.Link, GUID: it.GUID,
			Summary: summary, Category: cat, Published: it.Published, Fetched: fetched})
	}
	return out
}

// NewsRecord is one record of a news file (the shared test data's format,
// an open aggregator's daily dump): a JSON array of these.
type NewsRecord struct {
	ID        string            `json:"id"`
	Title     string            `json:"title"`
	Link      string            `json:"link"`
	Summary   string            `json:"summary"`
	Source    string            `json:"source"`
	Category  string            `json:"category"`
	Published time.Time         `json:"published"`
	Fetched   time.Time         `json:"fetched"`
	Notes     []ttdn.IngestNote `json:"-"` // what StreamNews repaired
}

// ReadNewsFile reads a news file.
func ReadNewsFile(path string) ([]NewsRecord, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var recs []NewsRecord
	if err := json.Unmarshal(data, &recs); err != nil {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Tệp %s không phải danh sách tin bài JSON hợp lệ: %v.",
			"File %s is not a valid JSON list of news items: %v.", path, err)
	}
	return recs, nil
}

// Item returns the record as an item of the source with id sourceID.
func (r *NewsRecord) Item(sourceID int64) Item {
	return Item{SourceID: sourceID, Outlet: r.Source, Title: r.Title, Link: r.Link, GUID: r.ID, Summary: r.Summary,
		Category: r.Category, Published: r.Published, Fetched: r.Fetched, Notes: r.Notes}
}

// urlKey is the exact-duplicate key of an item: its link's article key
// (story.ArticleKey: the outlet's article number when the link has one,
// so an edited slug is the same article), else its GUID, else its outlet
// and title.
func urlKey(it *Item) string {
	if k := story.ArticleKey(it.Link); k != "" {
		return k
	}
	return legacyKey(it)
}

// legacyKey is the key of releases before article keys: the normalised
// link. Articles stored then are found by it.
func legacyKey(it *Item) string {
	if k := presstext.NormalizeURL(it.Link); k != "" {
		return k
	} else if it.GUID != "" {
		return "guid:" + it.GUID
	}
	return fmt.Sprintf("title:%s:%s", it.Outlet, presstext.Clean(it.Title))
}

// hashKey hashes a duplicate key to the stored 64-bit url_hash.
func hashKey(k string) int64 {
	h := fnv.New64a()
	h.Write([]byte(k))
	return int64(h.Sum64())
}
