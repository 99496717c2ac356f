// Package feed parses and fetches news feeds: RSS 0.9x, 1.0 (RDF) and 2.0,
// Atom 0.3/1.0 and JSON Feed 1.0/1.1. It never touches the database; the
// press monitor's scheduler calls Fetcher.Fetch and Parse and stores the
// items itself.
//
// The XML parser is a hand-written tolerant scanner rather than
// encoding/xml: real feeds are often not well-formed (wrong encoding
// declarations, undeclared prefixes, truncated CDATA, stray HTML), and the
// scanner reads what a reader would see instead of stopping at the first
// error. It is also several times faster than a decoder that builds
// tokens for every text node.
package feed

import (
	"bytes"
	"errors"
	"time"
)

// Format is the syntax a feed was written in.
type Format string

// The formats Parse understands.
const (
	RSS  Format = "rss"  // RSS 0.9x and 2.0
	RDF  Format = "rdf"  // RSS 1.0 and 0.90 (RDF)
	Atom Format = "atom" // Atom 1.0 and 0.3
	JSON Format = "json" // JSON Feed 1.0 and 1.1
)

// Feed is a parsed feed: its metadata and its items in document order.
type Feed struct {
	Format      Format
	Version     string // the version attribute, when the feed states one
	Title       string
	Link        string // the site's home page
	Description string
	Language    string
	Generator   string
	ID          string
	Updated     time.Time
	Items       []Item
}

// Item is one entry of a feed. Text fields are trimmed and valid UTF-8;
// Summary and Content may hold HTML (the presstext package sanitises it).
type Item struct {
	Title      string
	Link       string
	GUID       string
	Published  time.Time // falls back to Updated when the feed gives no publication date
	Updated    time.Time
	Summary    string
	Content    string
	Author     string
	Categories []string
}

// Errors Parse returns; wrap-compatible with errors.Is.
var (
	ErrEmpty   = errors.New("feed: empty document")
	ErrNotFeed = errors.New("feed: not a feed (no rss, rdf, atom or json feed root)")
)

// Parse parses a feed document, detecting its syntax and character
// encoding. It is tolerant of malformed XML and never panics; it returns
// ErrNotFeed for documents that are not feeds (an HTML page, garbage).
func Parse(data []byte) (*Feed, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 && !hasUTF16BOM(data) {
		return nil, ErrEmpty
	}
	if len(trimmed) > 0 && trimmed[0] == '{' {
		return parseJSON(trimmed)
	}
	return parseXML(toUTF8(data))
}
