package feed

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzParse checks that no input makes Parse panic or return invalid text.
// The committed corpus is in testdata/fuzz/FuzzParse.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`<rss version="2.0"><channel><title>T</title><item><title>a &amp; b</title><link> http://x/ </link><pubDate>Mon, 01 Jan 2024 12:00:00 GMT</pubDate></item></channel></rss>`,
		`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="html">&lt;b&gt;x</title><link href="http://x"/><content type="xhtml"><div>y</div></content><author><name>n</name></author></entry></feed>`,
		`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"><item rdf:about="http://a"><title>t</title></item></rdf:RDF>`,
		`<rss><channel><item><description><![CDATA[<p>truncated`,
		`<?xml?xml version="1.0" ??><rss rss:version=2.0><rss:channel><rss:item><rss:title>x</rss:title></rss:item>`,
		`{"version":"https://jsonfeed.org/version/1.1","items":[{"id":1,"title":"x","date_published":"2024-01-01T00:00:00Z"}]}`,
		"<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss><channel><item><title>caf\xe9</title></item></channel></rss>",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		feed, err := Parse(data)
		if err != nil {
			return
		}
		check := func(what, s string) {
			if !utf8.ValidString(s) || s != strings.TrimSpace(s) {
				t.Fatalf("%s not valid trimmed UTF-8: %q", what, s)
			}
		}
		check("feed title", feed.Title)
		for _, it := range feed.Items {
			check("title", it.Title)
			check("link", it.Link)
			check("summary", it.Summary)
			check("content", it.Content)
		}
	})
}
