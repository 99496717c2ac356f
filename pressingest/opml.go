package pressingest

import (
	"encoding/xml"
	"io"
	"strconv"
	"strings"

	"ttdn"
)

// OPML is how feed readers exchange subscription lists. ttdn reads the
// outlines with an xmlUrl (nested folders flattened) and writes one flat
// list, keeping its own fields in attributes of its namespace so a round
// trip loses nothing.

type opmlDoc struct {
	XMLName xml.Name      `xml:"opml"`
	Version string        `xml:"version,attr"`
	Title   string        `xml:"head>title"`
	Body    []opmlOutline `xml:"body>outline"`
}

type opmlOutline struct {
	Text     string        `xml:"text,attr"`
	Title    string        `xml:"title,attr,omitempty"`
	Type     string        `xml:"type,attr,omitempty"`
	XMLURL   string        `xml:"xmlUrl,attr,omitempty"`
	Language string        `xml:"language,attr,omitempty"`
	Country  string        `xml:"country,attr,omitempty"`
	Foreign  string        `xml:"foreign,attr,omitempty"`
	Outlet   string        `xml:"outlet,attr,omitempty"`
	Poll     string        `xml:"pollMinutes,attr,omitempty"`
	Children []opmlOutline `xml:"outline"`
}

// ReadOPML returns the sources an OPML document lists. Fields OPML lacks
// take the defaults (Vietnam, Vietnamese, domestic). A document listing
// more than ttdn.MaxSourcesPerImport sources is refused whole.
func ReadOPML(r io.Reader) ([]*ttdn.Source, error) {
	var doc opmlDoc
	dec := xml.NewDecoder(io.LimitReader(r, 10<<20))
	dec.Strict = false
	if err := dec.Decode(&doc); err != nil {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Tệp OPML không đọc được: %v.", "The OPML file cannot be read: %v.", err)
	}
	var out []*ttdn.Source
	var walk func([]opmlOutline)
	walk = func(list []opmlOutline) {
		for _, o := range list {
			if u := strings.TrimSpace(o.XMLURL); u != "" {
				out = append(out, outlineSource(o))
			}
			walk(o.Children)
		}
	}
	walk(doc.Body)
	if len(out) > ttdn.MaxSourcesPerImport {
		return nil, ttdn.ErrTooManySources(len(out))
	}
	return out, nil
}

func outlineSource(o opmlOutline) *ttdn.Source {
	name := strings.TrimSpace(o.Title)
	if name == "" {
		name = strings.TrimSpace(o.Text)
	}
	if name == "" {
		name = o.XMLURL
	}
	s := &ttdn.Source{Name: name, Outlet: o.Outlet, FeedURL: strings.TrimSpace(o.XMLURL), Language: o.Language,
		Country: o.Country, Foreign: o.Foreign == "true", Enabled: true}
	for _, c := range o.Poll {
		if c < '0' || c > '9' {
			return s
		}
		s.PollMinutes = s.PollMinutes*10 + int(c-'0')
	}
	return s
}

// WriteOPML writes the sources with a feed as an OPML 2.0 list.
func WriteOPML(w io.Writer, title string, sources []*ttdn.Source) error {
	doc := opmlDoc{Version: "2.0", Title: title}
	for _, s := range sources {
		if s.FeedURL == "" {
			continue
		}
		o := opmlOutline{Text: s.Name, Title: s.Name, Type: "rss", XMLURL: s.FeedURL, Language: s.Language,
			Country: s.Country, Outlet: s.Outlet}
		if s.Foreign {
			o.Foreign = "true"
		}
		if s.PollMinutes > 0 {
			o.Poll = strconv.Itoa(s.PollMinutes)
		}
		doc.Body = append(doc.Body, o)
	}
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return err
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", "  ")
	if err := enc.Encode(doc); err != nil {
		return err
	}
	_, err := io.WriteString(w, "\n")
	return err
}
