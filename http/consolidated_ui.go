package http

import (
	"html/template"
	"net/http"
	"strings"

	"ttdn"
	"ttdn/document"
)

// consolidatedView is the consolidated report of a period: the figures
// across units with the previous-year comparison, the units' narratives
// under each section, the coordinator's editable narrative, issuing and
// the exports.
type consolidatedView struct {
	Report    *ttdn.ConsolidatedReport
	Period    *ttdn.ReportPeriod
	Rows      []document.Row // the indicator table as the documents print it
	Texts     []*ttdn.IndicatorTotal
	Sections  []consolidatedSection
	Charts    []comparisonChart
	Form      consolidatedForm
	Issue     consolidatedIssueForm
	CanEdit   bool
	Conflict  bool
	NumberRef string // the number line as the document prints it
	PlaceDate string
	Formats   []string
}

// consolidatedSection is one narrative section: the coordinator's text
// (the form's) and what each unit wrote.
type consolidatedSection struct {
	Key, Heading, Roman string
	Units               []ttdn.UnitText
}

// consolidatedForm is the header and narrative as typed.
type consolidatedForm struct {
	Version                             int
	Issuer, IssuingUnit, Place, Summary string
	SignerTitle, Signer, Recipients     string
	Narrative                           ttdn.Narrative
}

type consolidatedIssueForm struct{ Number, Date string }

func newConsolidatedForm(c *ttdn.ConsolidatedReport) consolidatedForm {
	return consolidatedForm{Version: c.Version, Issuer: c.Issuer, IssuingUnit: c.IssuingUnit, Place: c.Place,
		Summary: c.Summary, SignerTitle: c.SignerTitle, Signer: c.Signer, Recipients: strings.Join(c.Recipients, "\n"),
		Narrative: c.Narrative}
}

// Section returns the form's text of a narrative section.
func (f *consolidatedForm) Section(key string) string {
	for _, sec := range ttdn.NarrativeSections {
		if sec.Key == key {
			return *sec.Get(&f.Narrative)
		}
	}
	return ""
}

// CanConsolidate shows the consolidated report's link to those the policy
// lets read the province's figures (others would meet "not found").
func (p *page) CanConsolidate() bool {
	return p.User != nil && ttdn.CanReport(p.User, ttdn.ActRead, 0)
}

func (s *Server) handleConsolidatedView(w http.ResponseWriter, r *http.Request) {
	v, err := s.newConsolidatedView(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "report_consolidated", "cons.title", v)
}

func (s *Server) newConsolidatedView(r *http.Request) (*consolidatedView, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	c, err := s.cfg.Consolidated.FindConsolidatedReport(r.Context(), id)
	if err != nil {
		return nil, err
	}
	v := &consolidatedView{Report: c, Period: c.Period, Rows: document.Rows(c), Form: newConsolidatedForm(c),
		NumberRef: document.NumberLine(c), PlaceDate: document.PlaceDate(c),
		Formats: []string{"docx", "xlsx", "pdf", "csv"}}
	if v.Period == nil {
		if v.Period, err = s.cfg.Periods.FindPeriodByID(r.Context(), id); err != nil {
			return nil, err
		}
	}
	if langOf(r) == langEN {
		v.Rows, v.NumberRef, v.PlaceDate = englishRows(c), englishNumberLine(c), englishPlaceDate(c)
	}
	for _, t := range c.Totals {
		if t.Indicator.ValueType == ttdn.ValueText && len(t.Texts) > 0 {
			v.Texts = append(v.Texts, t)
		}
	}
	for i, sec := range ttdn.NarrativeSections {
		cs := consolidatedSection{Key: sec.Key, Heading: sec.Heading, Roman: []string{"I", "II", "III", "IV"}[i]}
		for _, un := range c.UnitNarratives {
			if un.Key == sec.Key {
				cs.Units = un.Units
			}
		}
		v.Sections = append(v.Sections, cs)
	}
	v.Issue.Date = ttdn.DateOf(s.now().In(vietnam)).String()
	v.CanEdit = c.Status == ttdn.ConsolidatedDraft && reqOf(r).user != nil && reqOf(r).user.Role == ttdn.RoleCoordinator
	return v, nil
}

// ChartsFor draws the comparison charts in the page's language, at render
// time, because their labels depend on it.
func (v *consolidatedView) ChartsFor(p *page) []comparisonChart {
	if v.Charts == nil {
		v.Charts = comparisonCharts(p, v.Report, v.Period)
	}
	return v.Charts
}

// chartHTML marks the chart package's SVG safe: it escapes every label.
func chartHTML(svg string) template.HTML { return template.HTML(svg) } // #nosec G203
