package presstext

import "testing"

// BenchmarkNormalise measures the per-item text work of ingest on the
// news sample: title clean-up, summary HTML to text, URL key, language.
func BenchmarkNormalise(b *testing.B) {
	items := loadNews(b)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		it := &items[n%len(items)]
		title := Clean(it.Title)
		text := Text(it.Summary)
		_ = NormalizeURL(it.Link)
		_ = Detect(title + "\n" + text)
		n++
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "items/s")
}
