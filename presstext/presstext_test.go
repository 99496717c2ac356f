package presstext

import (
	"testing"

	"golang.org/x/text/unicode/norm"
)

func TestText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"  plain   text\n here ", "plain text here"},
		{"<p>Một</p><p>Hai&nbsp;&amp; ba</p>", "Một\nHai & ba"},
		{`<a href="x"><img width=130 src="a.jpg" ></a></br>Quốc hội đánh giá`, "Quốc hội đánh giá"},
		{"a<br>b<br/>c", "a\nb\nc"},
		{"<script>alert('<p>x</p>')</script>Tin <b>nóng</b><style>p{}</style>", "Tin nóng"},
		{"<SCRIPT type=x>bad()</SCRIPT >ok", "ok"},
		{"<!-- c --><div>x</div><div>  </div><div>y</div>", "x\ny"},
		{"1 < 2 and 3 > 2", "1 < 2 and 3 > 2"},
		{"&lt;b&gt; is &quot;bold&quot; &#8211; &#x1EA0;", `<b> is "bold" – Ạ`},
		{"<ul><li>một</li><li>hai</li></ul>", "một\nhai"},
		{"x<span>y</span>z", "x y z"},
		{"<p title='a > b'>q</p>", "q"},
		{"unclosed <b", "unclosed"},
		{norm.NFD.String("<p>Tây Ninh</p>"), "Tây Ninh"},
		{"zero\u200bwidth\u00a0nbsp", "zerowidth nbsp"},
	} {
		if got := Text(tc.in); got != tc.want {
			t.Errorf("Text(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestClean(t *testing.T) {
	if got := Clean("\n  Ủy ban\tTài chính:\n  Chi 65 tỷ  "); got != "Ủy ban Tài chính: Chi 65 tỷ" {
		t.Errorf("Clean = %q", got)
	}
	if got := Clean(norm.NFD.String("Bà Đen")); got != "Bà Đen" {
		t.Errorf("Clean(NFD) = %q", got)
	}
}

func TestNormalizeURL(t *testing.T) {
	for in, want := range map[string]string{
		"HTTPS://VnExpress.NET:443/tin-tuc/a-123.html?utm_source=rss&utm_medium=x#box": "https://vnexpress.net/tin-tuc/a-123.html",
		"http://tuoitre.vn:80/a.htm/":                         "http://tuoitre.vn/a.htm",
		"https://x.vn/a?b=2&fbclid=zz&a=1":                    "https://x.vn/a?a=1&b=2",
		"https://x.vn/":                                       "https://x.vn",
		"https://x.vn:8080/a?":                                "https://x.vn:8080/a",
		"  https://user:pw@x.vn/a?zarsrc=30&gidzl=q&id=5  ":   "https://x.vn/a?id=5",
		"https://thanhnien.vn/Bai-Viet-185251114.htm?UTM_X=1": "https://thanhnien.vn/Bai-Viet-185251114.htm",
		"not a url": "not a url",
	} {
		if got := NormalizeURL(in); got != want {
			t.Errorf("NormalizeURL(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDetectSamples(t *testing.T) {
	for _, tc := range []struct {
		want Lang
		text string
	}{
		{English, "Tay Ninh province opens a new border gate with Cambodia to boost trade and tourism"},
		{English, "The provincial People's Committee said investment in the industrial zone rose sharply this year."},
		{English, "Black Virgin Mountain draws thousands of pilgrims during the spring festival"},
		{French, "La province de Tay Ninh ouvre un nouveau poste frontière avec le Cambodge pour le commerce"},
		{French, "Les autorités ont annoncé que les investissements étrangers ont augmenté cette année."},
		{French, "Une délégation française visite le Saint-Siège caodaïste à Tây Ninh"},
		{Khmer, "ខេត្តតាយនិញ​បើក​ច្រកទ្វារ​ព្រំដែន​ថ្មី​ជាមួយ​កម្ពុជា"},
		{Khmer, "ការវិនិយោគ និង ទេសចរណ៍ នៅ ខេត្ត តាយនិញ"},
		{Chinese, "西宁省与柬埔寨开通新的边境口岸，促进贸易和旅游"},
		{Chinese, "越南西宁省吸引外国投资 2025年"},
		{Vietnamese, "Tây Ninh mở cửa khẩu mới với Campuchia"},
		{Vietnamese, "Tay Ninh mo cua khau moi voi Campuchia de phat trien thuong mai cua tinh"},
		{Japanese, "タイニン省はカンボジアとの国境ゲートを開設した"},
		{Russian, "Провинция Тэйнинь открыла новый пограничный переход"},
		{Undetermined, "12345 !!!"},
	} {
		if got := Detect(tc.text); got != tc.want {
			t.Errorf("Detect(%q) = %s, want %s", tc.text, got, tc.want)
		}
	}
}

// TestDetectNewsSample checks the shared Vietnamese news sample: all but
// a handful of items (English product names, one-word titles) must be
// detected as Vietnamese.
func TestDetectNewsSample(t *testing.T) {
	items := loadNews(t)
	wrong := 0
	for _, it := range items {
		text := Clean(it.Title) + ". " + Text(it.Summary)
		if l := Detect(text); l != Vietnamese {
			wrong++
			if wrong <= 5 {
				t.Logf("detected %s: %q", l, text[:min(len(text), 120)])
			}
		}
	}
	rate := float64(len(items)-wrong) / float64(len(items))
	t.Logf("%d items, %d not detected as Vietnamese (accuracy %.4f)", len(items), wrong, rate)
	if rate < 0.998 {
		t.Errorf("accuracy %.4f below 0.998", rate)
	}
}
