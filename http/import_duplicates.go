package http

import (
	"net/http"
	"net/url"
	"strings"

	"ttdn"
	"ttdn/vntext"
)

// Importing a plan that is already stored (same number and year, or same
// title and year) is said in the preview, naming and linking the stored
// plan; the user imports it anyway as a new version or cancels. Nothing is
// imported twice silently. The preview also lets the user fill in a number
// and an issue date the text lacks.

// importExtras is what the preview adds to the parsed plan.
type importExtras struct {
	Duplicates []*ttdn.Plan
	Number     string // typed when the text has none
	IssuedOn   string
	Again      bool // "import as a new version" ticked
}

// duplicatePlans returns the stored plans p repeats.
func (s *Server) duplicatePlans(r *http.Request, p *ttdn.Plan) ([]*ttdn.Plan, error) {
	if p.Year == 0 {
		return nil, nil
	}
	year := p.Year
	plans, _, err := s.cfg.Plans.FindPlans(r.Context(), ttdn.PlanFilter{Year: &year, Limit: 200})
	if err != nil {
		return nil, err
	}
	same := func(a, b string) bool {
		norm := func(s string) string { return strings.ToLower(vntext.NFC(strings.Join(strings.Fields(s), " "))) }
		return strings.TrimSpace(a) != "" && norm(a) == norm(b)
	}
	var out []*ttdn.Plan
	for _, q := range plans {
		if same(q.Number, p.Number) || same(q.Title, p.Title) {
			out = append(out, q)
		}
	}
	return out, nil
}

// importExtrasFrom reads the extras of the preview form and the stored
// duplicates of p.
func (s *Server) importExtrasFrom(r *http.Request, p *ttdn.Plan, form url.Values) (*importExtras, error) {
	x := &importExtras{Number: strings.TrimSpace(form.Get("number")), IssuedOn: strings.TrimSpace(form.Get("issued_on")),
		Again: form.Get("again") == "1"}
	var err error
	x.Duplicates, err = s.duplicatePlans(r, p)
	return x, err
}

// applyExtras fills in the number and date the text lacks, and refuses a
// duplicate not confirmed as a new version.
func (x *importExtras) applyExtras(p *ttdn.Plan) error {
	if p.Number == "" && x.Number != "" {
		p.Number = x.Number
	}
	if p.IssuedOn.IsZero() && x.IssuedOn != "" {
		d, err := ttdn.ParseDate(x.IssuedOn)
		if err != nil {
			return err
		}
		p.IssuedOn = d
	}
	if len(x.Duplicates) > 0 && !x.Again {
		d := x.Duplicates[0]
		return ttdn.Errorf(ttdn.ECONFLICT,
			"Kế hoạch này đã có: %s “%s” (%d). Hãy hủy, hoặc đánh dấu “nhập thành phiên bản mới” nếu đây là văn bản khác.",
			"This plan is already stored: %s “%s” (%d). Cancel, or tick “import as a new version” if it is another document.",
			d.Number, d.Title, d.Year)
	}
	return nil
}
