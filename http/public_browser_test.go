package http

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestBrowserPublicSite drives the public site's two paths in a real
// browser. A story from the review queue becomes a public case whose
// approved press release the coordinator publishes as a rebuttal: its page
// on /vi carries a ClaimReview the test parses. A public fair is published
// in Vietnamese, English and Khmer from its activity page and shows on
// /vi, /en and /km; the Khmer page is lang="km" and its glyphs come from
// the Khmer font shipped in the binary (no Khmer font is installed on the
// test machine, so without it they would be boxes).
func TestBrowserPublicSite(t *testing.T) {
	bin := findChromium(t)
	sqltest.EachParallel(t, func(t *testing.T, db *sqlstore.DB) {
		f, item := newPressFixture(t, db)
		b := &browserSession{t: t, ctx: newBrowser(t, bin), base: serve(t, f.h)}
		row := `#review-` + itoa(item.ID)

		b.login("monitor", "/press/review")
		b.openCaseFromQueue(row)
		page := b.location()
		b.do("assess as public",
			chromedp.SetValue(chromedp.CSS(`#verdict`), "false"),
			chromedp.SetValue(chromedp.CSS(`#severity`), "high"),
			chromedp.Click(chromedp.CSS(`#topics input[value="border"]`)),
			chromedp.SetValue(chromedp.CSS(`#assess-classification`), "public"),
			chromedp.Click(chromedp.CSS(`#assess-save`)),
			chromedp.WaitVisible(chromedp.CSS(`#case-stage[data-stage="assessed"]`)),
			chromedp.SetValue(chromedp.CSS(`#lead`), itoa(f.units["cong-an"].ID)),
			chromedp.Click(chromedp.CSS(`#assign-save`)),
			chromedp.WaitVisible(chromedp.CSS(`#case-stage[data-stage="assigned"]`)),
		)
		b.logout()
		b.login("officer", page)
		b.do("draft a public press release",
			chromedp.SetValue(chromedp.CSS(`#new-kind`), "press_release"),
			chromedp.SetValue(chromedp.CSS(`#new-title`), "Cửa khẩu quốc tế Mộc Bài vẫn thông quan bình thường"),
			chromedp.SetValue(chromedp.CSS(`#new-body`), "Cửa khẩu quốc tế Mộc Bài vẫn hoạt động bình thường."),
			chromedp.SetValue(chromedp.CSS(`#new-class`), "public"),
			chromedp.Click(chromedp.CSS(`#response-save`)),
			chromedp.WaitVisible(chromedp.CSS(`article.response[data-status="draft"]`)),
			chromedp.Click(chromedp.CSS(`.response-edit .submit-response`)),
			chromedp.WaitVisible(chromedp.CSS(`article.response[data-status="submitted"]`)),
		)
		b.logout()
		b.login("coordinator", page)
		b.do("approve, then publish on the public site",
			chromedp.Click(chromedp.CSS(`.approve-response`)),
			chromedp.WaitVisible(chromedp.CSS(`article.response[data-status="approved"]`)),
			chromedp.Click(chromedp.CSS(`.publish-public`)),
			chromedp.WaitVisible(chromedp.CSS(`#publication-form`)),
			chromedp.Click(chromedp.CSS(`#publication-save`)),
			chromedp.WaitVisible(chromedp.CSS(`#view-public`)),
			chromedp.Click(chromedp.CSS(`#view-public`)),
			chromedp.WaitVisible(chromedp.CSS(`.claim .verdict`)),
		)
		if got := b.text(`.claim .verdict`); got != "Sai sự thật" {
			t.Errorf("verdict shown %q", got)
		}
		ld, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.querySelector('script[type="application/ld+json"]').textContent`))
		if err != nil {
			t.Fatal(err)
		}
		claimReviewOf(t, `<script type="application/ld+json">`+ld+`</script>`)
		var v map[string]any
		_ = json.Unmarshal([]byte(ld), &v)
		if v["claimReviewed"] != "Cửa khẩu Mộc Bài bị đóng cửa vô thời hạn." {
			t.Errorf("claimReviewed %q", v["claimReviewed"])
		}
		screenshot(t, b.ctx, "public-rebuttal")

		// A public fair, in three languages, from its activity page.
		fair := &ttdn.Activity{Type: ttdn.ActivityFair, Title: "Hội chợ thương mại biên giới Việt Nam – Campuchia", Summary: "Tại cửa khẩu Mộc Bài.",
			StartDate: ttdn.Date{Year: 2025, Month: 12, Day: 10}, EndDate: ttdn.Date{Year: 2025, Month: 12, Day: 14}, Place: "Mộc Bài",
			UnitIDs: []int64{f.units["so-tttt"].ID}, Classification: ttdn.Public}
		if err := sqlstore.NewActivityService(db).CreateActivity(sqltest.UserContext(f.users["coordinator"]), fair); err != nil {
			t.Fatal(err)
		}
		const en, km = "Viet Nam – Cambodia border trade fair", "ពិព័រណ៍ពាណិជ្ជកម្មព្រំដែនវៀតណាម កម្ពុជា"
		b.do("publish the fair in three languages",
			chromedp.Navigate(b.base+"/activities/"+itoa(fair.ID)),
			chromedp.Click(chromedp.CSS(`#publish-public`)),
			chromedp.WaitVisible(chromedp.CSS(`#publication-form`)),
			chromedp.SetValue(chromedp.CSS(`#title_en`), en),
			chromedp.SetValue(chromedp.CSS(`#status_en`), "approved"),
			chromedp.SetValue(chromedp.CSS(`#title_km`), km),
			chromedp.SetValue(chromedp.CSS(`#status_km`), "translated"),
			chromedp.Click(chromedp.CSS(`#publication-save`)),
			chromedp.WaitVisible(chromedp.CSS(`#view-public`)),
		)
		b.logout()
		for lang, title := range map[string]string{"vi": fair.Title, "en": en, "km": km} {
			b.do("the "+lang+" home", chromedp.Navigate(b.base+"/public/"+lang+"/"), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
			if body := b.text(`main`); !strings.Contains(body, title) {
				t.Errorf("/%s/ lacks %q:\n%s", lang, title, body)
			}
			if got, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`document.documentElement.lang`)); got != lang {
				t.Errorf("/%s/ has lang=%q", lang, got)
			}
		}
		// On the Khmer page the font loads and draws the text: its width
		// differs from the same text in a font without Khmer (boxes).
		b.do("Khmer glyphs", chromedp.WaitVisible(chromedp.CSS(`.card a`)))
		probe := `(async () => {
			await document.fonts.ready;
			await document.fonts.load('16px "TTDN Khmer"', 'ក');
			const m = (font) => { const s = document.createElement('span'); s.style.font = '32px ' + font;
				s.textContent = '` + km + `'; document.body.appendChild(s); const w = s.getBoundingClientRect().width; s.remove(); return w; };
			return JSON.stringify({check: document.fonts.check('16px "TTDN Khmer"', 'ក'), khmer: m('"TTDN Khmer"'), none: m('monospace'),
				family: getComputedStyle(document.querySelector('.card a')).fontFamily});
		})()`
		raw, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](probe, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatal(err)
		}
		var font struct {
			Check       bool
			Khmer, None float64
			Family      string
		}
		if err := json.Unmarshal([]byte(raw), &font); err != nil || !font.Check || font.Khmer == font.None || font.Khmer == 0 ||
			!strings.Contains(font.Family, "TTDN Khmer") {
			t.Errorf("the Khmer font: %+v %v", font, err)
		}
		t.Logf("Khmer title at 32px: %.0f px in the shipped font, %.0f px without it", font.Khmer, font.None)
		screenshot(t, b.ctx, "public-km")

		// On a phone no public page scrolls sideways.
		for _, path := range []string{"/public/km/", "/public/km/events", "/public/vi/items/1", "/public/en/items/2", "/public/km/items/2"} {
			b.do("narrow "+path, chromedp.EmulateViewport(narrowWidth, 844), chromedp.Navigate(b.base+path),
				chromedp.WaitVisible(chromedp.CSS(`main h1`)))
			if width, err := chromedp.Run(b.ctx, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); err != nil || width > narrowWidth {
				t.Errorf("%s at %d px is %d px wide (%v)", path, narrowWidth, width, err)
			}
		}
	})
}
