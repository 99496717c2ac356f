package http

import (
	"bytes"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strings"

	"ttdn"
	"ttdn/chart"
	"ttdn/document"
)

// pressDigestView is the "tổng hợp dư luận báo chí trong và ngoài nước" of
// a day or a week: the figures, one chart with its table per breakdown, and
// the top stories.
type pressDigestView struct {
	Kind, Day string // as chosen
	Digest    *ttdn.PressDigest
	Span      string
	Charts    []digestChart
	DOCX, PDF string // the export links, for the day shown
}

// digestChart is one breakdown drawn as SVG beside its numbers.
type digestChart struct {
	ID    string
	Title string
	SVG   template.HTML
	Rows  []ttdn.Count
}

// digestQuery reads kind and day; the day defaults to today in Vietnam.
func (s *Server) digestQuery(q url.Values) (ttdn.DigestKind, ttdn.Date, string, error) {
	kind := ttdn.DigestKind(q.Get("kind"))
	if kind != ttdn.DigestWeekly {
		kind = ttdn.DigestDaily
	}
	typed := strings.TrimSpace(q.Get("day"))
	if typed == "" {
		return kind, ttdn.DateOf(s.now().In(vietnam)), "", nil
	}
	day, err := ttdn.ParseDate(typed)
	return kind, day, typed, err
}

func (s *Server) handlePressDigest(w http.ResponseWriter, r *http.Request) {
	kind, day, typed, err := s.digestQuery(r.URL.Query())
	v := &pressDigestView{Kind: string(kind), Day: typed}
	if err != nil {
		s.renderWithError(w, r, err, "press_digest", "press.digest_title", v)
		return
	}
	if v.Day == "" {
		v.Day = day.String()
	}
	d, err := s.cfg.Press.Digests.PressDigest(r.Context(), kind, day)
	if err != nil {
		s.renderWithError(w, r, err, "press_digest", "press.digest_title", v)
		return
	}
	p := s.newPage(w, r, "press.digest_title", v)
	v.Digest, v.Span, v.Charts = d, digestSpan(p, d), digestCharts(p, d)
	q := url.Values{"kind": {string(kind)}, "day": {day.ISO()}}.Encode()
	v.DOCX, v.PDF = "/press/digest/export/docx?"+q, "/press/digest/export/pdf?"+q
	s.renderPage(w, r, http.StatusOK, "press_digest", p)
}

// digestCharts draws the four breakdowns; tones and origins get labels in
// the page's language.
func digestCharts(p *page, d *ttdn.PressDigest) []digestChart {
	tones := make([]ttdn.Count, len(d.ByTone))
	for i, c := range d.ByTone {
		c.Label = p.Tone(ttdn.Tone(c.Key))
		tones[i] = c
	}
	var out []digestChart
	for _, b := range []struct {
		id, key string
		rows    []ttdn.Count
	}{{"theme", "press.by_theme", d.ByTheme}, {"source", "press.by_source", d.BySource},
		{"language", "press.by_language", d.ByLanguage}, {"tone", "press.by_tone", tones}} {
		title := p.T(b.key)
		svg := chart.BarChart{Title: title, Desc: p.T("press.chart_desc"), Bars: chart.CountBars(b.rows)}.SVG()
		out = append(out, digestChart{ID: b.id, Title: title, SVG: chartHTML(svg), Rows: b.rows})
	}
	return out
}

// handlePressDigestExport sends the digest as DOCX or PDF.
func (s *Server) handlePressDigestExport(w http.ResponseWriter, r *http.Request) {
	write, ext, ct := document.WriteDigestDOCX, "docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	switch r.PathValue("format") {
	case "docx":
	case "pdf":
		write, ext, ct = document.WriteDigestPDF, "pdf", "application/pdf"
	default:
		s.renderError(w, r, errNotFound)
		return
	}
	kind, day, _, err := s.digestQuery(r.URL.Query())
	var d *ttdn.PressDigest
	if err == nil {
		d, err = s.cfg.Press.Digests.PressDigest(r.Context(), kind, day)
	}
	var buf bytes.Buffer
	if err == nil {
		err = write(&buf, d)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	sendPressFile(w, ct, "tong-hop-du-luan-bao-chi-"+string(kind)+"-"+day.ISO()+"."+ext, &buf)
}

// sendPressFile writes a generated document as a download.
func sendPressFile(w http.ResponseWriter, contentType, name string, body io.Reader) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", ttdn.ContentDisposition(name))
	h.Set("Cache-Control", "private, no-store")
	_, _ = io.Copy(w, body)
}
