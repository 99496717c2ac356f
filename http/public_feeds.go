package http

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"html/template"
	"strings"
	"time"

	"ttdn"
)

// Feeds, the sitemap and robots.txt of the public site. Each lists only
// what PublicItems returns, so an unpublished item, or one whose source
// became more classified, leaves them with the pages.

// publicFeedSize is the newest items a feed carries, as feed readers expect.
const publicFeedSize = 50

// newest returns the first publicFeedSize items (newest first already).
func newest(items []*ttdn.Publication) []*ttdn.Publication {
	return items[:min(len(items), publicFeedSize)]
}

// claimRating places a verdict on schema.org's 1 (false) to 5 (true) scale.
var claimRating = map[ttdn.Verdict]int{ttdn.VerdictFalse: 1, ttdn.VerdictDistorted: 2, ttdn.VerdictPartlyFalse: 3, ttdn.VerdictTrue: 5}

// claimReview is a rebuttal's schema.org ClaimReview, JSON-encoded for a
// <script type="application/ld+json"> (json.Marshal escapes <, > and &).
func claimReview(p *ttdn.Publication, url string) (template.JS, error) {
	vi, _ := p.Text(ttdn.LangVI)
	claim := map[string]any{"@type": "Claim", "name": p.Claim}
	if p.ClaimURL != "" {
		claim["appearance"] = map[string]any{"@type": "CreativeWork", "url": p.ClaimURL}
	}
	v := map[string]any{
		"@context":      "https://schema.org",
		"@type":         "ClaimReview",
		"url":           url,
		"claimReviewed": p.Claim,
		"itemReviewed":  claim,
		"headline":      vi.Title,
		"inLanguage":    ttdn.LangVI,
		"datePublished": p.PublishedAt.In(vietnam).Format("2006-01-02"),
		"author":        map[string]any{"@type": "Organization", "name": p.Author},
		"reviewRating": map[string]any{"@type": "Rating", "ratingValue": claimRating[p.Verdict], "bestRating": 5,
			"worstRating": 1, "alternateName": publicT(ttdn.LangVI, "verdict."+string(p.Verdict))},
	}
	b, err := json.Marshal(v)
	return template.JS(b), err
}

// itemURL is an item's address in lang.
func itemURL(q *publicReq, lang string, p *ttdn.Publication) string {
	return q.Base + "/public/" + lang + "/items/" + itoa(p.ID)
}

type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	Title   string      `xml:"title"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr,omitempty"`
	Href string `xml:"href,attr"`
	Lang string `xml:"hreflang,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	Lang      string     `xml:"xml:lang,attr"`
	Title     string     `xml:"title"`
	ID        string     `xml:"id"`
	Link      atomLink   `xml:"link"`
	Published string     `xml:"published"`
	Updated   string     `xml:"updated"`
	Author    atomAuthor `xml:"author"`
	Summary   string     `xml:"summary,omitempty"`
	Content   string     `xml:"content,omitempty"`
}

// lastUpdate is the newest change of a list (the feed's own date).
func lastUpdate(items []*ttdn.Publication) time.Time {
	t := time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC) // the seed plan's year: a fixed date for an empty feed
	for _, p := range items {
		if p.UpdatedAt.After(t) {
			t = p.UpdatedAt
		}
	}
	return t
}

func (s *Server) renderAtom(ctx context.Context, q *publicReq) (string, []byte, error) {
	items, err := s.cfg.Public.PublicItems(ctx, "")
	if err != nil {
		return "", nil, err
	}
	items = newest(items)
	home := q.Base + "/public/" + q.Lang + "/"
	f := atomFeed{Lang: q.Lang, Title: publicT(q.Lang, "site.name"), ID: home, Updated: lastUpdate(items).Format(time.RFC3339),
		Links:  []atomLink{{Rel: "self", Href: home + "feed.atom"}, {Rel: "alternate", Href: home}},
		Author: atomAuthor{Name: publicT(q.Lang, "site.name")}}
	for _, p := range items {
		t, ok := p.Text(q.Lang)
		lang := q.Lang
		if !ok {
			lang = ttdn.LangVI
		}
		f.Entries = append(f.Entries, atomEntry{Lang: lang, Title: t.Title, ID: itemURL(q, ttdn.LangVI, p),
			Link: atomLink{Rel: "alternate", Href: itemURL(q, q.Lang, p)}, Published: p.PublishedAt.UTC().Format(time.RFC3339),
			Updated: p.UpdatedAt.UTC().Format(time.RFC3339), Author: atomAuthor{Name: p.Author}, Summary: t.Summary, Content: t.Body})
	}
	b, err := xml.MarshalIndent(f, "", " ")
	return "application/atom+xml; charset=utf-8", append([]byte(xml.Header), b...), err
}

func (s *Server) renderJSONFeed(ctx context.Context, q *publicReq) (string, []byte, error) {
	items, err := s.cfg.Public.PublicItems(ctx, "")
	if err != nil {
		return "", nil, err
	}
	type entry struct {
		ID            string `json:"id"`
		URL           string `json:"url"`
		Title         string `json:"title"`
		ContentText   string `json:"content_text"`
		Summary       string `json:"summary,omitempty"`
		DatePublished string `json:"date_published"`
		DateModified  string `json:"date_modified"`
		Language      string `json:"language"`
	}
	items = newest(items)
	home := q.Base + "/public/" + q.Lang + "/"
	feed := struct {
		Version  string  `json:"version"`
		Title    string  `json:"title"`
		HomePage string  `json:"home_page_url"`
		FeedURL  string  `json:"feed_url"`
		Language string  `json:"language"`
		Items    []entry `json:"items"`
	}{Version: "https://jsonfeed.org/version/1.1", Title: publicT(q.Lang, "site.name"), HomePage: home,
		FeedURL: home + "feed.json", Language: q.Lang, Items: []entry{}}
	for _, p := range items {
		t, ok := p.Text(q.Lang)
		lang := q.Lang
		if !ok {
			lang = ttdn.LangVI
		}
		text := strings.TrimSpace(t.Summary + "\n\n" + t.Body)
		if text == "" {
			text = t.Title
		}
		feed.Items = append(feed.Items, entry{ID: itemURL(q, ttdn.LangVI, p), URL: itemURL(q, q.Lang, p), Title: t.Title,
			ContentText: text, Summary: t.Summary, DatePublished: p.PublishedAt.UTC().Format(time.RFC3339),
			DateModified: p.UpdatedAt.UTC().Format(time.RFC3339), Language: lang})
	}
	b, err := json.MarshalIndent(feed, "", " ")
	return "application/feed+json; charset=utf-8", b, err
}

func (s *Server) renderSitemap(ctx context.Context, q *publicReq) (string, []byte, error) {
	items, err := s.cfg.Public.PublicItems(ctx, "")
	if err != nil {
		return "", nil, err
	}
	type url struct {
		Loc     string `xml:"loc"`
		LastMod string `xml:"lastmod,omitempty"`
	}
	set := struct {
		XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
		URLs    []url    `xml:"url"`
	}{}
	for _, l := range ttdn.PublicLanguages {
		for _, rest := range []string{"/", "/activities", "/materials", "/rebuttals", "/events"} {
			set.URLs = append(set.URLs, url{Loc: q.Base + "/public/" + l + rest})
		}
	}
	for _, p := range items {
		for _, l := range p.Langs() {
			set.URLs = append(set.URLs, url{Loc: itemURL(q, l, p), LastMod: p.UpdatedAt.UTC().Format("2006-01-02")})
		}
	}
	b, err := xml.MarshalIndent(set, "", " ")
	return "application/xml; charset=utf-8", append([]byte(xml.Header), b...), err
}

func (s *Server) renderRobots(_ context.Context, q *publicReq) (string, []byte, error) {
	body := "User-agent: *\nAllow: /public/\nDisallow: /\nSitemap: " + q.Base + "/public/sitemap.xml\n"
	return "text/plain; charset=utf-8", []byte(body), nil
}
