package http

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestBrowserProvinceSetup: in a real browser, the admin of a fresh
// instance follows the first-run banner, sets the province up as Lào Cai
// with two communes, and a coordinator then imports a Lào Cai plan from a Word file: the
// preview leaves no unit name unresolved, the stored plan opens, and
// neither the plan's page nor the header says Tây Ninh.
func TestBrowserProvinceSetup(t *testing.T) {
	bin := findChromium(t)
	db := sqltest.Open(t, sqltest.Engines()[0])
	sqltest.MustSeed(t, db)
	if err := sqltest.SeedAgain(db); err != nil {
		t.Fatal(err)
	}
	if err := sqlstore.SeedWatchTerms(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	srv := newServer(db)
	admin := &ttdn.User{Username: "quantri", Name: "Quản trị", Role: ttdn.RoleAdmin}
	sqltest.MustCreateUser(t, db, admin, testPassword)
	base := serve(t, srv.Handler())
	ctx := newBrowser(t, bin)
	css := func(s string) chromedp.CSS { return chromedp.CSS(s) }
	login := func(name string) []chromedp.Action[chromedp.Void] {
		return []chromedp.Action[chromedp.Void]{
			chromedp.Navigate(base + "/login"),
			chromedp.WaitVisible(css(`#username`)),
			chromedp.SendKeys(css(`#username`), name),
			chromedp.SendKeys(css(`#password`), testPassword),
			chromedp.Click(css(`form.login button[type=submit]`)),
			chromedp.WaitReady(css(`a.who`)),
		}
	}
	if err := chromedp.Do(ctx, append(login("quantri"),
		chromedp.Click(css(`main .banner a[href="/setup/province"]`)),
		chromedp.WaitVisible(css(`#province`)),
		chromedp.SetValue(css(`#province`), "Lào Cai"),
		chromedp.SendKeys(css(`#communes`), "Phường Lào Cai\nXã Bát Xát"),
		chromedp.Click(css(`form[action="/setup/province"] button[type=submit]`)),
		chromedp.WaitVisible(css(`.banner.ok`)),
	)...); err != nil {
		t.Fatalf("setup: %v", err)
	}
	screenshot(t, ctx, "province-setup-done")
	org, err := chromedp.Run(ctx, chromedp.Text(css(`.brand-org`)))
	if err != nil || !strings.EqualFold(org, "Ủy ban nhân dân tỉnh Lào Cai") {
		t.Fatalf("header after setup: %q, %v", org, err)
	}
	coord := &ttdn.User{Username: "dieuphoi", Name: "Điều phối", Role: ttdn.RoleCoordinator, UnitID: sqltest.MustFindUnit(t, db, "so-vhttdl").ID}
	sqltest.MustCreateUser(t, db, coord, testPassword)
	// The plan goes up as the Word file a province's office sends.
	file := filepath.Join(t.TempDir(), "ke-hoach-ttdn-lao-cai-2026.docx")
	src, err := os.ReadFile("../planparse/testdata/province/lao-cai-2026.txt")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, textDOCX(t, string(src)), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(css(`form[action="/logout"] button`)),
		chromedp.WaitVisible(css(`#username`)),
	); err != nil {
		t.Fatalf("log out: %v", err)
	}
	if err := chromedp.Do(ctx, append(login("dieuphoi"),
		chromedp.Navigate(base+"/plans/import"),
		chromedp.WaitVisible(css(`#file`)),
		chromedp.SetUploadFiles(css(`#file`), []string{file}),
		chromedp.Click(css(`form[action="/plans/import"] button[type=submit]`)),
		chromedp.WaitVisible(css(`#confirm-form`)),
	)...); err != nil {
		t.Fatalf("preview: %v", err)
	}
	unresolved, err := chromedp.Run(ctx, chromedp.Evaluate[int](
		`[...document.querySelectorAll('table.matches select')].filter(s => s.value === '').length`))
	total, err2 := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('table.matches select').length`))
	if err != nil || err2 != nil || total < 15 || unresolved > 0 {
		t.Fatalf("preview: %d of %d unit names unresolved (%v %v)", unresolved, total, err, err2)
	}
	if err := chromedp.Do(ctx,
		chromedp.Click(css(`#confirm`)),
		chromedp.WaitVisible(css(`article.document`)),
	); err != nil {
		t.Fatalf("confirm: %v", err)
	}
	screenshot(t, ctx, "province-plan")
	text, err := chromedp.Run(ctx, chromedp.Text(css(`body`)))
	if err != nil || !strings.Contains(text, "Lào Cai") || strings.Contains(text, "Tây Ninh") {
		t.Fatalf("plan page: %v\n%s", err, text[:min(len(text), 800)])
	}
	if n := mustCount(t, db, `SELECT COUNT(*) FROM plans`); n != 1 {
		t.Fatalf("%d plans stored", n)
	}
}

// textDOCX writes text as a Word document, a paragraph a line.
func textDOCX(t *testing.T, text string) []byte {
	t.Helper()
	var body strings.Builder
	for _, line := range strings.Split(text, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		body.WriteString(`<w:p><w:r><w:t xml:space="preserve">`)
		if err := xml.EscapeText(&body, []byte(line)); err != nil {
			t.Fatal(err)
		}
		body.WriteString(`</w:t></w:r></w:p>`)
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, part := range [][2]string{
		{"[Content_Types].xml", `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`},
		{"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`},
		{"word/document.xml", `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>` + body.String() + `</w:body></w:document>`},
	} {
		w, err := z.Create(part[0])
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(part[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
