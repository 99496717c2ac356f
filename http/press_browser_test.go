package http

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"io"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestBrowserPressReviewToDigest follows a hit from the review queue to the
// digest in a real browser: the monitor searches, marks the hand-made item
// about Mộc Bài negative and in need of action, and the digest of that day
// counts it, on the page and in its DOCX.
func TestBrowserPressReviewToDigest(t *testing.T) {
	bin := findChromium(t)
	sqltest.EachParallel(t, func(t *testing.T, db *sqlstore.DB) {
		f, item := newPressFixture(t, db)
		b := &browserSession{t: t, ctx: newBrowser(t, bin), base: serve(t, f.h)}
		digest := "/press/digest?kind=daily&day=14/11/2025"
		b.login("monitor", digest)
		action, negative := b.number(`#kpi-action`), b.number(`#digest-tone tr[data-key="negative"] td`)

		b.do("search", chromedp.Navigate(b.base+"/press?q=Moc+Bai"), chromedp.WaitVisible(chromedp.CSS(`#press-results`)))
		if got := b.text(`#press-results li:first-child h2`); got != item.Title {
			t.Errorf("first result %q, want %q", got, item.Title)
		}
		screenshot(t, b.ctx, "search")

		row := `#review-` + itoa(item.ID)
		if item.Tone == "negative" {
			t.Fatal("the lexicon already guesses the item negative; the test would prove nothing")
		}
		b.do("review the hit",
			chromedp.Navigate(b.base+"/press/review"),
			chromedp.WaitVisible(chromedp.CSS(row)),
			chromedp.SetValue(chromedp.CSS(row+` select[name=tone]`), "negative"),
			chromedp.SetValue(chromedp.CSS(row+` select[name=relevance]`), "relevant"),
			chromedp.Click(chromedp.CSS(row+` input[name=needs_action]`)),
			chromedp.Click(chromedp.CSS(row+` button[value=reviewed]`)),
			chromedp.WaitVisible(chromedp.CSS(`.banner.ok`)),
		)

		b.do("open the digest", chromedp.Navigate(b.base+digest), chromedp.WaitVisible(chromedp.CSS(`#digest-kpis`)))
		if got := b.number(`#kpi-action`); got != action+1 {
			t.Errorf("needs action: %d after the review, %d before", got, action)
		}
		if got := b.number(`#digest-tone tr[data-key="negative"] td`); got != negative+1 {
			t.Errorf("negative: %d after the review, %d before", got, negative)
		}
		screenshot(t, b.ctx, "digest")
		if doc := b.docxText(`#digest-docx`); !strings.Contains(doc, item.Title) {
			t.Errorf("the digest DOCX lacks %q", item.Title)
		}
	})
}

// number reads an integer shown in sel, 0 when sel is absent (an empty
// breakdown has no row).
func (b *browserSession) number(sel string) int {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`(document.querySelector(`+strconv.Quote(sel)+`) || {textContent: "0"}).textContent`))
	if err != nil {
		b.t.Fatalf("read %s: %v", sel, err)
	}
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		b.t.Fatalf("%s: %q is not a number", sel, s)
	}
	return n
}

// docxText downloads the file the link sel points at with the browser's
// session and returns its word/document.xml.
func (b *browserSession) docxText(sel string) string {
	b.t.Helper()
	js := `fetch(document.querySelector(` + strconv.Quote(sel) + `).href).then(r => r.arrayBuffer()).then(buf => {
		let s = ""; for (const c of new Uint8Array(buf)) s += String.fromCharCode(c); return btoa(s); })`
	enc, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("download %s: %v", sel, err)
	}
	data, err := base64.StdEncoding.DecodeString(enc)
	if err != nil {
		b.t.Fatal(err)
	}
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		b.t.Fatalf("the download is not a DOCX: %v", err)
	}
	for _, zf := range z.File {
		if zf.Name == "word/document.xml" {
			rc, err := zf.Open()
			if err != nil {
				b.t.Fatal(err)
			}
			defer rc.Close()
			body, err := io.ReadAll(rc)
			if err != nil {
				b.t.Fatal(err)
			}
			return string(body)
		}
	}
	b.t.Fatal("the DOCX has no word/document.xml")
	return ""
}
