package feed

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// sharedFeeds is the shared test data, beside the repository in CI.
const sharedFeeds = "../../shared/testdata/feeds"

// expected is the part of a fastfeedparser result the tests compare.
type expected struct {
	Entries []struct {
		Title     *string `json:"title"`
		Link      *string `json:"link"`
		Published *string `json:"published"`
		Updated   *string `json:"updated"`
	} `json:"entries"`
}

// fixtures returns input → expected-result pairs of the fastfeedparser
// integration suite; it fails the test if the shared data is missing.
func fixtures(t testing.TB) map[string][2]string {
	dir := filepath.Join(sharedFeeds, "fastfeedparser-integration")
	xmls, err := filepath.Glob(filepath.Join(dir, "*.xml"))
	if err != nil || len(xmls) == 0 {
		t.Fatalf("shared feed fixtures missing in %s (CI puts shared/ beside the repo)", dir)
	}
	m := make(map[string][2]string)
	for _, x := range xmls {
		m[filepath.Base(x)] = [2]string{x, strings.TrimSuffix(x, ".xml") + ".json"}
	}
	m["json_feed_sample.json"] = [2]string{
		filepath.Join(dir, "json_feed_sample.json"),
		filepath.Join(dir, "json_feed_sample.expected.json"),
	}
	return m
}

func TestParseFixtures(t *testing.T) {
	for name, pair := range fixtures(t) {
		t.Run(name, func(t *testing.T) {
			src := mustRead(t, pair[0])
			var want expected
			if err := json.Unmarshal(mustRead(t, pair[1]), &want); err != nil {
				t.Fatal(err)
			}
			f, err := Parse(src)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(f.Items) != len(want.Entries) {
				t.Fatalf("%d items, want %d", len(f.Items), len(want.Entries))
			}
			for i, e := range want.Entries {
				checkEntry(t, i, &f.Items[i], e.Title, e.Link, e.Published, e.Updated)
			}
		})
	}
}

func checkEntry(t *testing.T, i int, it *Item, title, link, published, updated *string) {
	t.Helper()
	if title != nil && it.Title != strings.TrimSpace(*title) {
		t.Errorf("item %d title %q, want %q", i, it.Title, *title)
	}
	if link != nil && it.Link != *link {
		t.Errorf("item %d link %q, want %q", i, it.Link, *link)
	}
	checkTime(t, i, "published", it.Published, published)
	checkTime(t, i, "updated", it.Updated, updated)
}

func checkTime(t *testing.T, i int, what string, got time.Time, want *string) {
	t.Helper()
	if want == nil {
		return
	}
	w, err := time.Parse(time.RFC3339, *want)
	if err != nil {
		t.Fatalf("bad expected date %q", *want)
	}
	if !got.Equal(w) {
		t.Errorf("item %d %s %v, want %v", i, what, got, w)
	}
}

func TestParseVnExpress(t *testing.T) {
	f, err := Parse(mustRead(t, filepath.Join(sharedFeeds, "vnexpress-tin-moi-nhat-2017-04-19.rss.xml")))
	if err != nil {
		t.Fatal(err)
	}
	if f.Format != RSS || f.Title != "Tin mới nhất - VnExpress RSS" || f.Link != "http://vnexpress.net/rss/tin-moi-nhat.rss" {
		t.Errorf("feed = %s %q %q", f.Format, f.Title, f.Link)
	}
	if len(f.Items) != 25 {
		t.Fatalf("%d items, want 25", len(f.Items))
	}
	ict := time.FixedZone("ICT", 7*3600)
	first := f.Items[0]
	if first.Title != "Ủy ban Tài chính: Chi 65 tỷ đồng mua quà tặng thành lập tỉnh là quá lãng phí" ||
		first.Link != "http://vnexpress.net/tin-tuc/thoi-su/uy-ban-tai-chinh-chi-65-ty-dong-mua-qua-tang-thanh-lap-tinh-la-qua-lang-phi-3572838.html" ||
		first.GUID != first.Link ||
		!first.Published.Equal(time.Date(2017, 4, 19, 19, 45, 55, 0, ict)) {
		t.Errorf("first item = %+v", first)
	}
	if !strings.HasPrefix(first.Summary, `<a href="http://vnexpress.net/`) || !strings.HasSuffix(first.Summary, "bị ảnh hưởng.") {
		t.Errorf("first summary = %q", first.Summary)
	}
	for i, it := range f.Items {
		for _, s := range []string{it.Title, it.Link, it.GUID, it.Summary} {
			if s == "" || s != strings.TrimSpace(s) || strings.ContainsAny(it.Title+it.Link, "\n\t") {
				t.Errorf("item %d has an empty or untrimmed field: %+v", i, it)
			}
		}
		if it.Published.IsZero() || !strings.HasPrefix(it.Link, "http://") {
			t.Errorf("item %d: %+v", i, it)
		}
	}
}

func TestParseBad(t *testing.T) {
	for name, doc := range map[string]string{
		"empty":   "  \n",
		"html":    "<!DOCTYPE html><html><head><title>x</title></head><body><p>hi</p></body></html>",
		"garbage": "\x00\x01 not < xml &&& at all",
		"json":    `{"hello": "world"}`,
		"badjson": `{"items": [`,
	} {
		if f, err := Parse([]byte(doc)); err == nil {
			t.Errorf("%s: parsed as %+v", name, f)
		}
	}
}

func TestParseDate(t *testing.T) {
	for in, want := range map[string]string{
		"Wed, 19 Apr 2017 19:45:55 +0700":   "2017-04-19T12:45:55Z",
		"Mon, 01 Jan 2024 12:00:00 GMT":     "2024-01-01T12:00:00Z",
		"Mon, 1 Jan 2024 12:00 EST":         "2024-01-01T17:00:00Z",
		"2024-11-28T22:55:16Z":              "2024-11-28T22:55:16Z",
		"2024-03-28T06:08:34-05:00":         "2024-03-28T11:08:34Z",
		"2024-03-28 06:08:34":               "2024-03-28T06:08:34Z",
		"2024-03-28":                        "2024-03-28T00:00:00Z",
		"Thu, 14 Nov 2024 08:45:19 +07:00":  "2024-11-14T01:45:19Z",
		"  Sat, 05 Oct 2024 10:00:00 +0000": "2024-10-05T10:00:00Z",
	} {
		if got := ParseDate(in).Format(time.RFC3339); got != want {
			t.Errorf("ParseDate(%q) = %s, want %s", in, got, want)
		}
	}
	if !ParseDate("yesterday").IsZero() {
		t.Error("nonsense date parsed")
	}
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("shared test data missing: %v", err)
	}
	return b
}

// TestParseHostileNesting: thousands of unclosed tags followed by
// unmatched end tags must stay linear (the open-element bound).
func TestParseHostileNesting(t *testing.T) {
	doc := "<rss><channel><item><title>x</title>" + strings.Repeat("<a>", 50000) + strings.Repeat("</b>", 50000)
	start := time.Now()
	f, err := Parse([]byte(doc))
	if err != nil || len(f.Items) != 1 || f.Items[0].Title != "x" {
		t.Fatalf("Parse = %+v, %v", f, err)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
}
