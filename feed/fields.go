package feed

import "strings"

// field is a value an element contributes to an item or to the feed.
type field uint8

const (
	fNone field = iota
	fTitle
	fLink
	fGUID
	fPublished
	fUpdated
	fSummary
	fContent
	fAuthor
	fCategory
	fLanguage
	fGenerator
	numFields
)

// owner says whether a field belongs to the feed or to the current item.
type owner uint8

const (
	ownerFeed owner = iota
	ownerItem
)

// itemFields remembers the priority each field of the current item was
// set with, so that the better source wins whatever the element order
// (<title> over <dc:title>, an Atom alternate link over a plain one).
type itemFields [numFields]uint8

// fieldFor maps an element inside an item or the channel to its field and
// priority (higher wins).
func fieldFor(ns nsID, name []byte) (field, uint8) {
	switch ns {
	case nsNone, nsAtom:
		switch string(name) {
		case "title":
			return fTitle, 3
		case "link":
			return fLink, 2
		case "guid", "id":
			return fGUID, 3
		case "pubdate", "published", "issued":
			return fPublished, 3
		case "updated", "modified", "lastbuilddate":
			return fUpdated, 3
		case "description", "summary", "subtitle", "tagline":
			return fSummary, 3
		case "content":
			return fContent, 3
		case "author", "managingeditor":
			return fAuthor, 3
		case "category":
			return fCategory, 1
		case "language":
			return fLanguage, 3
		case "generator":
			return fGenerator, 3
		}
	case nsDC:
		switch string(name) {
		case "title":
			return fTitle, 1
		case "identifier":
			return fGUID, 1
		case "date", "created", "issued":
			return fPublished, 2
		case "modified":
			return fUpdated, 2
		case "description":
			return fSummary, 1
		case "creator", "publisher":
			return fAuthor, 2
		case "subject":
			return fCategory, 1
		case "language":
			return fLanguage, 2
		}
	case nsContent:
		if string(name) == "encoded" {
			return fContent, 2
		}
	case nsITunes:
		switch string(name) {
		case "author":
			return fAuthor, 1
		case "summary":
			return fSummary, 1
		}
	}
	return fNone, 0
}

// classify gives an element under the channel, an item or an author
// block its role and field, handling the attribute-only forms (Atom
// links, category terms) at once.
func (p *xmlParser) classify(f *frame, parent role) {
	var buf [24]byte
	name := lowerName(buf[:0], f.local)
	if parent == roleAuthor {
		f.role = roleInside
		if string(name) == "name" {
			f.role, f.field = roleField, fAuthor
		}
		return
	}
	fld, _ := fieldFor(f.ns, name)
	switch {
	case fld == fNone:
		f.role = roleInside
		return
	case fld == fLink && p.s.attr("href", false) != nil:
		p.atomLink(f.owner)
		f.role = roleInside
		return
	case fld == fAuthor && f.ns == nsAtom || string(name) == "author" && f.ns == nsNone && !p.s.selfClose && p.feed.Format == Atom:
		f.role = roleAuthor
		return
	case fld == fCategory:
		if term := p.s.attr("term", false); term != nil {
			p.set(f.owner, fCategory, 1, attrText(term))
			f.role = roleInside
			return
		}
	case fld == fContent || fld == fSummary:
		f.xhtml = string(p.s.attr("type", false)) == "xhtml"
	}
	f.role, f.field = roleField, fld
}

// atomLink takes the href of an alternate <link> (no rel, or
// rel="alternate"); the first one wins.
func (p *xmlParser) atomLink(o owner) {
	rel := string(p.s.attr("rel", false))
	if rel != "" && rel != "alternate" {
		return
	}
	p.set(o, fLink, 4, attrText(p.s.attr("href", false)))
}

// setField stores the text of a closed field element.
func (p *xmlParser) setField(f *frame, raw []byte) {
	var text string
	if f.xhtml {
		text = rawText(raw)
	} else {
		text = decodeText(raw)
	}
	var buf [24]byte
	_, prio := fieldFor(f.ns, lowerName(buf[:0], f.local))
	if f.field == fAuthor && prio == 0 {
		prio = 3 // Atom <author><name>
	}
	p.set(f.owner, f.field, prio, text)
}

// set stores value in field fl of the owner if it beats what is there.
func (p *xmlParser) set(o owner, fl field, prio uint8, value string) {
	if value == "" {
		return
	}
	if o == ownerFeed || p.item == nil {
		p.setFeed(fl, value)
		return
	}
	if fl == fCategory {
		p.item.Categories = append(p.item.Categories, value)
		return
	}
	if p.fields[fl] >= prio {
		return
	}
	p.fields[fl] = prio
	it := p.item
	switch fl {
	case fTitle:
		it.Title = value
	case fLink:
		it.Link = value
	case fGUID:
		it.GUID = value
	case fPublished:
		it.Published = ParseDate(value)
	case fUpdated:
		it.Updated = ParseDate(value)
	case fSummary:
		it.Summary = value
	case fContent:
		it.Content = value
	case fAuthor:
		it.Author = value
	}
}

// setFeed stores a channel-level field; the first value wins.
func (p *xmlParser) setFeed(fl field, value string) {
	fd := &p.feed
	switch fl {
	case fTitle:
		setOnce(&fd.Title, value)
	case fLink:
		setOnce(&fd.Link, value)
	case fGUID:
		setOnce(&fd.ID, value)
	case fSummary:
		setOnce(&fd.Description, value)
	case fLanguage:
		setOnce(&fd.Language, value)
	case fGenerator:
		setOnce(&fd.Generator, value)
	case fUpdated, fPublished:
		if fd.Updated.IsZero() {
			fd.Updated = ParseDate(value)
		}
	}
}

func setOnce(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

// finishItem completes the current item: a permalink GUID stands in for a
// missing link, the update date for a missing publication date.
func (p *xmlParser) finishItem() {
	it := p.item
	p.item = nil
	if it == nil {
		return
	}
	if it.Link == "" && looksLikeURL(it.GUID) {
		it.Link = it.GUID
	}
	if it.Published.IsZero() {
		it.Published = it.Updated
	}
	it.Link = strings.TrimSpace(it.Link)
}

func looksLikeURL(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// lowerName appends the ASCII-lower-cased name to dst: element names are
// matched case-insensitively (<pubDate>, <pubdate>).
func lowerName(dst []byte, name []byte) []byte {
	dst = append(dst, name...)
	for i, c := range dst {
		if 'A' <= c && c <= 'Z' {
			dst[i] = c + 'a' - 'A'
		}
	}
	return dst
}
