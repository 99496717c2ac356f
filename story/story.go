// Package story groups press items into stories: the same article seen
// twice (same normalised URL) and the same event covered by several
// outlets or followed up by one (near-duplicate text). Near-duplicates are
// found with MinHash signatures of the folded word pairs of title and
// summary, and locality-sensitive hashing over a sliding window of recent
// items, so memory stays bounded however many items are ingested.
//
// The package is pure: the store persists the assignments it returns.
package story

import (
	"strings"
	"time"

	"ttdn/presstext"
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
	// Threshold is the least estimated Jaccard similarity of word-pair
	// sets for two items to be one story; default 0.5.
	Threshold float64
	// MaxGap is the longest time between two items of one story link;
	// default 72 h. Items without a time are not limited.
	MaxGap time.Duration
	// Window is how many recent items are searched for near-duplicates
	// and remembered for URL duplicates; default 100,000 (several days of
	// a province's feeds). Memory grows linearly with it (~0.5 KB/item).
	Window int
	// MinShingles is the least number of word pairs an item needs to be
	// compared at all: very short texts look alike by chance; default 4.
	MinShingles int
}

func (o Options) withDefaults() Options {
	if o.Threshold <= 0 {
		o.Threshold = 0.5
	}
	if o.MaxGap <= 0 {
		o.MaxGap = 72 * time.Hour
	}
	if o.Window <= 0 {
		o.Window = 100_000
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
	Duplicate  bool    // same normalised URL as an earlier item (not a new article)
	Match      int64   // the item it was linked to, or -1 for a new story
	Similarity float64 // estimated Jaccard with Match (1 for a URL duplicate)
	Articles   int     // articles in the story so far (URL duplicates excluded)
	Outlets    int     // distinct outlets in the story so far
}

// Features is the pre-computed part of grouping for one item; computing
// it is the costly step and needs no shared state, so batches compute it
// in parallel (see Group).
type Features struct {
	urlKey  uint64
	sig     signature
	ok      bool // enough shingles to compare
	nums    [4]uint32
	numsLen uint8
	unix    int64
	source  string
}

// Extract computes the features of it.
func Extract(it *Item, minShingles int) Features {
	if minShingles <= 0 {
		minShingles = Options{}.withDefaults().MinShingles
	}
	f := Features{source: it.Source}
	if !it.Time.IsZero() {
		f.unix = it.Time.Unix()
	}
	if u := presstext.NormalizeURL(it.URL); u != "" {
		f.urlKey = fnv64([]byte(u)) | 1 // 0 means "no URL"
	}
	sh, buf := shingles(make([]uint64, 0, 64), it.Title+" \n "+it.Summary, make([]byte, 0, 256))
	// News bulletins ("Toàn cảnh 17h: A | B") list several stories: their
	// shared template would link bulletins of different days.
	f.ok = len(sh) >= minShingles && !strings.Contains(it.Title, " | ")
	if f.ok {
		f.sig = minhash(sh)
	}
	f.nums, f.numsLen = titleNumbers(it.Title, buf)
	return f
}
