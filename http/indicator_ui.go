package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

// indicatorsPerPage: the catalogue is a few dozen entries.
const indicatorsPerPage = 50

// indicatorListView is the catalogue of indicators and the add form.
type indicatorListView struct {
	Rows        []*ttdn.Indicator
	WithRetired bool
	Form        indicatorForm
	Types       []ttdn.ValueType
	Breakdowns  []ttdn.Breakdown
	Sources     []string
	Pager       pager
}

// indicatorForm is the add form as typed.
type indicatorForm struct {
	Code, Name, NameEN, ValueType, Unit, Source string
	Breakdowns                                  []string
}

// Has reports whether the breakdown box was ticked.
func (f indicatorForm) Has(b ttdn.Breakdown) bool {
	for _, x := range f.Breakdowns {
		if x == string(b) {
			return true
		}
	}
	return false
}

func (f indicatorForm) indicator() *ttdn.Indicator {
	ind := &ttdn.Indicator{Code: f.Code, Name: f.Name, NameEN: f.NameEN, ValueType: ttdn.ValueType(f.ValueType),
		Unit: f.Unit, Source: f.Source}
	for _, b := range f.Breakdowns {
		ind.Breakdowns = append(ind.Breakdowns, ttdn.Breakdown(b))
	}
	return ind
}

var (
	valueTypes = []ttdn.ValueType{ttdn.ValueCount, ttdn.ValueMinutes, ttdn.ValueVND, ttdn.ValueText}
	breakdowns = []ttdn.Breakdown{ttdn.ByChannel, ttdn.ByTopic, ttdn.ByLanguage, ttdn.ByCountry, ttdn.ByVerdict}
	// prefillSources are the rules that compute an indicator from the
	// registry ("" : the unit types the figure).
	prefillSources = []string{"", ttdn.SourceArticles, ttdn.SourceProgrammes, ttdn.SourceMinutes, ttdn.SourcePressConferences,
		ttdn.SourcePressBriefings, ttdn.SourceTrainings, ttdn.SourceAttendees, ttdn.SourceDelegations, ttdn.SourceReporters,
		ttdn.SourceDelegationPieces, ttdn.SourcePubTitles, ttdn.SourcePubCopies, ttdn.SourceEvents, ttdn.SourceCluster,
		ttdn.SourceTasksCompleted, ttdn.SourceProgressUpdates, ttdn.SourceArticlesPress, ttdn.SourcePressFlagged,
		ttdn.SourceBudgetEstimated, ttdn.SourceBudgetAppraised, ttdn.SourceBudgetApproved, ttdn.SourceBudgetAllocated, ttdn.SourceBudgetSpent,
		ttdn.SourceCases, ttdn.SourceCasesClarified, ttdn.SourceCasesCountered, ttdn.SourceCaseResponseMinutes}
)

func (s *Server) handleIndicatorList(w http.ResponseWriter, r *http.Request) {
	v, err := s.newIndicatorList(r, indicatorForm{ValueType: string(ttdn.ValueCount)})
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "report_indicators", "ind.title", v)
}

func (s *Server) newIndicatorList(r *http.Request, form indicatorForm) (*indicatorListView, error) {
	v := &indicatorListView{WithRetired: r.URL.Query().Get("retired") == "1", Form: form, Types: valueTypes,
		Breakdowns: breakdowns, Sources: prefillSources}
	all, err := s.cfg.Indicators.FindIndicators(r.Context(), ttdn.IndicatorFilter{WithRetired: v.WithRetired})
	if err != nil {
		return nil, err
	}
	current, _ := pageNumber(r)
	v.Pager = newPagerSize(r, current, len(all), indicatorsPerPage)
	start := min((current-1)*indicatorsPerPage, len(all))
	v.Rows = all[start:min(start+indicatorsPerPage, len(all))]
	return v, nil
}

func (s *Server) handleIndicatorCreate(w http.ResponseWriter, r *http.Request) {
	f := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	form := indicatorForm{Code: strings.ToLower(f("code")), Name: f("name"), NameEN: f("name_en"), ValueType: f("value_type"),
		Unit: f("unit"), Source: f("source"), Breakdowns: r.PostForm["breakdowns"]}
	if err := s.cfg.Indicators.CreateIndicator(r.Context(), form.indicator()); err != nil {
		v, verr := s.newIndicatorList(r, form)
		if verr != nil {
			s.renderError(w, r, verr)
			return
		}
		s.renderWithError(w, r, err, "report_indicators", "ind.title", v)
		return
	}
	s.redirectWithFlash(w, r, "/reports/indicators", "flash.indicator_created")
}

func (s *Server) handleIndicatorRetire(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	version, _ := strconv.Atoi(r.PostFormValue("version"))
	if _, err := s.cfg.Indicators.RetireIndicator(r.Context(), id, version); err != nil {
		v, verr := s.newIndicatorList(r, indicatorForm{ValueType: string(ttdn.ValueCount)})
		if verr != nil {
			s.renderError(w, r, verr)
			return
		}
		s.renderWithError(w, r, err, "report_indicators", "ind.title", v)
		return
	}
	s.redirectWithFlash(w, r, "/reports/indicators", "flash.indicator_retired")
}
