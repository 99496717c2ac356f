package feed

import (
	"encoding/json"
	"fmt"
	"strings"
)

// jsonFeed is the subset of JSON Feed 1.0/1.1 ttdn reads.
type jsonFeed struct {
	Version     string       `json:"version"`
	Title       string       `json:"title"`
	HomePageURL string       `json:"home_page_url"`
	FeedURL     string       `json:"feed_url"`
	Description string       `json:"description"`
	Language    string       `json:"language"`
	Items       []jsonItem   `json:"items"`
	Author      *jsonAuthor  `json:"author"` // 1.0
	Authors     []jsonAuthor `json:"authors"`
}

type jsonItem struct {
	ID            flexString   `json:"id"`
	URL           string       `json:"url"`
	ExternalURL   string       `json:"external_url"`
	Title         string       `json:"title"`
	ContentHTML   string       `json:"content_html"`
	ContentText   string       `json:"content_text"`
	Summary       string       `json:"summary"`
	DatePublished string       `json:"date_published"`
	DateModified  string       `json:"date_modified"`
	Author        *jsonAuthor  `json:"author"`
	Authors       []jsonAuthor `json:"authors"`
	Tags          []string     `json:"tags"`
}

// flexString reads a JSON string, or a number as its text: the spec says
// ids are strings, but some feeds write numbers.
type flexString string

// UnmarshalJSON implements json.Unmarshaler.
func (f *flexString) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*f = flexString(s)
		return nil
	}
	*f = flexString(strings.Trim(string(b), `"`))
	return nil
}

type jsonAuthor struct {
	Name string `json:"name"`
}

func parseJSON(data []byte) (*Feed, error) {
	var jf jsonFeed
	if err := json.Unmarshal(data, &jf); err != nil {
		return nil, fmt.Errorf("feed: invalid JSON Feed: %w", err)
	}
	if !strings.Contains(jf.Version, "jsonfeed.org") && jf.Items == nil {
		return nil, ErrNotFeed
	}
	f := &Feed{
		Format: JSON, Version: jf.Version, Title: clean(jf.Title),
		Link: strings.TrimSpace(jf.HomePageURL), Description: clean(jf.Description),
		Language: jf.Language, ID: strings.TrimSpace(jf.FeedURL),
		Items: make([]Item, 0, len(jf.Items)),
	}
	for i := range jf.Items {
		f.Items = append(f.Items, jsonItemOf(&jf.Items[i]))
	}
	return f, nil
}

func jsonItemOf(ji *jsonItem) Item {
	it := Item{
		Title:      clean(ji.Title),
		Link:       strings.TrimSpace(ji.URL),
		GUID:       strings.TrimSpace(string(ji.ID)),
		Published:  ParseDate(ji.DatePublished),
		Updated:    ParseDate(ji.DateModified),
		Summary:    clean(ji.Summary),
		Content:    clean(ji.ContentHTML),
		Categories: ji.Tags,
	}
	if it.Link == "" {
		it.Link = strings.TrimSpace(ji.ExternalURL)
	}
	if it.Content == "" {
		it.Content = clean(ji.ContentText)
	}
	if len(ji.Authors) > 0 {
		it.Author = clean(ji.Authors[0].Name)
	} else if ji.Author != nil {
		it.Author = clean(ji.Author.Name)
	}
	if it.Published.IsZero() {
		it.Published = it.Updated
	}
	return it
}

func clean(s string) string { return strings.TrimSpace(strings.ToValidUTF8(s, "\uFFFD")) }
