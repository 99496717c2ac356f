package ttdn

import (
	"context"
	"time"
)

// Tone is the judgement of an article towards its subject: the lexicon's
// first guess, corrected by a reviewer.
type Tone string

// The tones.
const (
	TonePositive Tone = "positive"
	ToneNeutral  Tone = "neutral"
	ToneNegative Tone = "negative"
)

// Valid reports whether t is a known tone.
func (t Tone) Valid() bool { return t == TonePositive || t == ToneNeutral || t == ToneNegative }

// Label returns the tone in Vietnamese.
func (t Tone) Label() string {
	switch t {
	case TonePositive:
		return "Tích cực"
	case ToneNeutral:
		return "Trung lập"
	case ToneNegative:
		return "Tiêu cực"
	}
	return string(t)
}

// Article is one press item (tin bài) as stored: cleaned text, detected
// language, its story, tone and the watch terms it matched.
type Article struct {
	ID        int64     `json:"id"`
	SourceID  int64     `json:"source_id"`
	Outlet    string    `json:"outlet"`
	Foreign   bool      `json:"foreign"`
	URL       string    `json:"url"`
	GUID      string    `json:"guid,omitempty"`
	Title     string    `json:"title"`
	Summary   string    `json:"summary"`
	Category  string    `json:"category,omitempty"`
	Language  string    `json:"language"`
	Published time.Time `json:"published"`
	Fetched   time.Time `json:"fetched"`
	StoryID   int64     `json:"story_id"`
	Tone      Tone      `json:"tone"`
	Priority  int       `json:"priority"` // highest priority of the terms it matched; 0 for none
	Terms     []string  `json:"terms,omitempty"`
	Themes    []string  `json:"themes,omitempty"`
	// EarlierTitles are the headlines the outlet gave the item before
	// editing it, oldest first (FindArticleByID only).
	EarlierTitles []EarlierTitle `json:"earlier_titles,omitempty"`
	// IngestNotes say what ingestion repaired so that the item could be
	// stored (FindArticleByID only).
	IngestNotes []IngestNote `json:"ingest_notes,omitempty"`
}

// EarlierTitle is a headline an article had before the outlet edited it.
type EarlierTitle struct {
	Title      string    `json:"title"`
	ReplacedAt time.Time `json:"replaced_at"` // when ttdn saw the new headline
}

// ArticleFilter selects articles. Query is full-text: every word must
// occur (diacritics and case ignored); a word ending in * is a prefix.
type ArticleFilter struct {
	Query    string
	From, To time.Time // published, To exclusive
	SourceID *int64
	Language *string
	Foreign  *bool
	Theme    *string
	TermID   *int64
	HitsOnly bool
	Tone     *Tone
	StoryID  *int64
	// Sort orders the results: "" (relevance for a text query, newest
	// stored first otherwise), SortRelevance, SortDate (publication time,
	// newest first) or SortPriority (watchlist priority, then time: what
	// matters to the province first).
	Sort   string
	Offset int
	Limit  int
}

// Search orders (ArticleFilter.Sort).
const (
	SortRelevance = "relevance"
	SortDate      = "date"
	SortPriority  = "priority"
)

// Story is the same event across outlets: its first article's title and
// id, how many articles and distinct outlets carry it.
type Story struct {
	ID       int64     `json:"id"`
	Title    string    `json:"title"`
	Articles int       `json:"articles"`
	Outlets  int       `json:"outlets"`
	First    time.Time `json:"first"`
	Last     time.Time `json:"last"`
}

// StoryFilter selects stories by the time of their articles.
type StoryFilter struct {
	From, To time.Time
	HitsOnly bool    // stories with at least one watchlist hit
	IDs      []int64 // only these stories (e.g. those on a page of search results)
	Limit    int
}

// ArticleService reads stored articles: search, one article, stories.
// Search totals stop counting at SearchCountCap.
type ArticleService interface {
	FindArticleByID(ctx context.Context, id int64) (*Article, error)
	SearchArticles(ctx context.Context, f ArticleFilter) ([]*Article, int, error)
	FindStories(ctx context.Context, f StoryFilter) ([]*Story, error)
}

// SearchCountCap is where a search stops counting its matches: a total of
// SearchCountCap means "at least". Counting costs one row lookup per match
// on SQLite, so the cap bounds a search's time; "1,000+" tells a monitor as
// much as "10,000+" does (they refine the query instead of paging on).
const SearchCountCap = 1000

// SearchRankPool is how many matches a text search ranks: the newest
// SearchRankPool of the newest SearchCountCap full-text candidates that
// match as typed (diacritics, phrases). A ranked search's total is at
// most SearchRankPool, which then means "at least". Reading and judging
// each candidate is most of a search's cost, and a person reads the first
// pages of a relevance order, not the 300th result.
const SearchRankPool = 300
