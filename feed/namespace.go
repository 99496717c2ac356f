package feed

// nsID names the namespaces the parser tells apart. RSS 0.9x/2.0 elements,
// RSS 1.0 elements and unknown prefixes all count as nsNone: feeds
// prefix RSS elements without declaring the prefix ("rss:item"), and a
// reader still sees an item.
type nsID uint8

const (
	nsNone nsID = iota
	nsAtom
	nsContent
	nsDC
	nsMedia
	nsRDF
	nsXHTML
	nsITunes
	nsOther // declared, but of no interest
)

var namespaceURIs = map[string]nsID{
	"http://www.w3.org/2005/Atom":                 nsAtom,
	"http://purl.org/atom/ns#":                    nsAtom, // Atom 0.3
	"http://purl.org/rss/1.0/":                    nsNone,
	"http://my.netscape.com/rdf/simple/0.9/":      nsNone,
	"http://backend.userland.com/rss2":            nsNone,
	"http://purl.org/rss/1.0/modules/content/":    nsContent,
	"http://purl.org/dc/elements/1.1/":            nsDC,
	"http://purl.org/dc/terms/":                   nsDC,
	"http://search.yahoo.com/mrss/":               nsMedia,
	"http://search.yahoo.com/mrss":                nsMedia,
	"http://www.w3.org/1999/02/22-rdf-syntax-ns#": nsRDF,
	"http://www.w3.org/1999/xhtml":                nsXHTML,
	"http://www.itunes.com/dtds/podcast-1.0.dtd":  nsITunes,
}

// conventionalPrefixes resolve prefixes a feed uses without declaring.
var conventionalPrefixes = map[string]nsID{
	"atom": nsAtom, "content": nsContent, "dc": nsDC, "dcterms": nsDC,
	"media": nsMedia, "rdf": nsRDF, "xhtml": nsXHTML, "itunes": nsITunes,
}

// namespaces maps the prefixes declared in the document to namespaces.
// Declarations are global rather than scoped: feeds declare prefixes once
// on the root, and the rare redeclaration is not worth a scope stack.
type namespaces struct {
	prefixes map[string]nsID
}

func (n *namespaces) init() { n.prefixes = make(map[string]nsID, 8) }

// resolve returns the namespace of the scanner's current start tag and
// the default namespace in force inside it, recording the declarations it
// carries; parentDef is the default namespace around the tag.
func (n *namespaces) resolve(s *scanner, parentDef nsID) (ns, def nsID) {
	def = parentDef
	for i := range s.attrs {
		a := &s.attrs[i]
		switch {
		case a.prefix == nil && string(a.local) == "xmlns":
			def = uriNamespace(a.value)
		case string(a.prefix) == "xmlns":
			n.prefixes[string(a.local)] = uriNamespace(a.value)
		}
	}
	if s.prefix == nil {
		return def, def
	}
	if id, ok := n.prefixes[string(s.prefix)]; ok {
		return id, def
	}
	if id, ok := conventionalPrefixes[string(s.prefix)]; ok {
		return id, def
	}
	return nsNone, def
}

func uriNamespace(uri []byte) nsID {
	if id, ok := namespaceURIs[string(uri)]; ok {
		return id
	}
	return nsOther
}
