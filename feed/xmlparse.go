package feed

import (
	"bytes"
	"strings"
)

// role says what an open element is to the feed: the channel, an item, an
// author block, a field whose text is wanted, or nothing of interest.
type role uint8

const (
	roleNone    role = iota
	roleChannel      // <channel>, or the Atom <feed> root
	roleItem         // <item>, <entry>
	roleAuthor       // Atom <author> (of an item or of the feed)
	roleField        // an element whose text becomes a field
	roleInside       // anything nested in a field (markup)
)

// frame is one open element.
type frame struct {
	prefix, local []byte
	ns, defNS     nsID
	role          role
	field         field
	owner         owner // whose field: the feed or the current item
	xhtml         bool  // Atom type="xhtml": keep the inner markup
	start         int   // offset just after the start tag
}

// xmlParser builds a Feed from the scanner's tags.
type xmlParser struct {
	s      scanner
	ns     namespaces
	stack  []frame
	feed   Feed
	item   *Item // the open item, nil outside items
	root   bool  // a feed root element was seen
	fields itemFields
}

func parseXML(data []byte) (*Feed, error) {
	p := &xmlParser{s: scanner{src: data}, stack: make([]frame, 0, 16)}
	p.ns.init()
	for p.s.next() != tokEOF {
		if p.s.kind == tokStart {
			p.open()
		} else {
			p.close()
		}
	}
	for len(p.stack) > 0 { // close what the document left open
		p.pop(len(data))
	}
	if !p.root {
		return nil, ErrNotFeed
	}
	p.feed.Link = strings.TrimSpace(p.feed.Link)
	return &p.feed, nil
}

// maxDepth bounds the open elements: feeds nest a dozen deep, and a
// bound keeps end-tag matching linear on hostile input (thousands of
// unclosed tags). Deeper elements are ignored.
const maxDepth = 256

// open handles a start tag.
func (p *xmlParser) open() {
	s := &p.s
	if len(p.stack) >= maxDepth {
		return
	}
	parentNS, parentRole := p.top()
	f := frame{prefix: s.prefix, local: s.local, start: s.end}
	f.ns, f.defNS = p.ns.resolve(s, parentNS)
	if p.item != nil && isItemName(s.local, f.ns) {
		// An item opened inside an unclosed one: close the old item first.
		p.popTo(roleItem)
		parentNS, parentRole = p.top()
	}
	if !p.root {
		p.detectRoot(&f)
	}
	p.assignRole(&f, parentRole)
	if s.selfClose {
		if f.role == roleField {
			p.setField(&f, nil)
		}
		return
	}
	p.stack = append(p.stack, f)
}

// detectRoot recognises the document element and records the format.
func (p *xmlParser) detectRoot(f *frame) {
	switch strings.ToLower(string(f.local)) {
	case "rss":
		p.root, p.feed.Format = true, RSS
		p.feed.Version = attrText(p.s.attr("version", true))
	case "rdf":
		p.root, p.feed.Format = true, RDF
	case "feed":
		p.root, p.feed.Format = true, Atom
		p.feed.Version = attrText(p.s.attr("version", false))
		if p.feed.Version == "" {
			p.feed.Version = "1.0"
		}
		f.role = roleChannel
	}
}

// close handles an end tag: it closes the nearest open element of that
// name and every element left open inside it (HTML's <br>, <p> without an
// end tag). An end tag with no open element of its name is ignored.
func (p *xmlParser) close() {
	for i := len(p.stack) - 1; i >= 0; i-- {
		f := &p.stack[i]
		if bytes.Equal(f.local, p.s.local) && bytes.Equal(f.prefix, p.s.prefix) {
			for len(p.stack) > i {
				p.pop(p.s.start)
			}
			return
		}
	}
}

// top returns the default namespace and role of the innermost open element.
func (p *xmlParser) top() (nsID, role) {
	if n := len(p.stack); n > 0 {
		return p.stack[n-1].defNS, p.stack[n-1].role
	}
	return nsNone, roleNone
}

// popTo closes open elements up to and including the innermost one with
// role r.
func (p *xmlParser) popTo(r role) {
	for i := len(p.stack) - 1; i >= 0; i-- {
		if p.stack[i].role == r {
			for len(p.stack) > i {
				p.pop(p.s.start)
			}
			return
		}
	}
}

// pop closes the top element; end is where its content ends.
func (p *xmlParser) pop(end int) {
	f := &p.stack[len(p.stack)-1]
	switch f.role {
	case roleField:
		p.setField(f, p.s.src[f.start:end])
	case roleItem:
		p.finishItem()
	}
	p.stack = p.stack[:len(p.stack)-1]
}

// assignRole decides what a new element is from its name and its parent.
func (p *xmlParser) assignRole(f *frame, parent role) {
	if f.role == roleChannel {
		return
	}
	local := f.local
	switch parent {
	case roleField, roleInside:
		f.role = roleInside
		return
	case roleNone, roleChannel:
		switch {
		case isItemName(local, f.ns):
			f.role = roleItem
			p.startItem()
			return
		case parent == roleNone && string(local) == "channel":
			f.role = roleChannel
			return
		case parent == roleNone:
			return // <rss>, <rdf:RDF>, <image>, <textinput>…
		}
	}
	if parent == roleChannel || parent == roleItem || parent == roleAuthor {
		f.owner = ownerItem
		if parent == roleChannel || parent == roleAuthor && p.item == nil {
			f.owner = ownerFeed
		}
		p.classify(f, parent)
	}
}

func isItemName(local []byte, ns nsID) bool {
	switch string(local) {
	case "item":
		return ns != nsAtom
	case "entry":
		return ns == nsAtom || ns == nsNone
	}
	return false
}

func (p *xmlParser) startItem() {
	p.feed.Items = append(p.feed.Items, Item{})
	p.item = &p.feed.Items[len(p.feed.Items)-1]
	p.fields = itemFields{}
	if about := p.s.attr("about", true); about != nil { // RDF items
		p.item.GUID = attrText(about)
	}
}
