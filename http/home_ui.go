package http

import (
	"fmt"
	"net/http"
	"slices"
	"time"

	"ttdn"
)

// "Việc của tôi": every role's home is its work — what waits for it, with
// counts, most urgent first, each line one click from the place to act. The
// province dashboard stays its own page (/dashboard). Everything is read
// through the services, so the policy decides what each person sees.

// workSection is one kind of work on the home page.
type workSection struct {
	Title  string // catalog key
	Count  int
	Urgent bool   // shown first, marked
	Link   string // the list to act on
	Rows   []workRow
	Empty  string // catalog key shown when Count is 0 (nil: section hidden when empty)
}

// workRow is one item of a section.
type workRow struct {
	Title  string
	Detail string
	Link   string
	Urgent bool
}

// homeView is the home page.
type homeView struct {
	Sections []*workSection
	Today    ttdn.Date
	Brief    *homeBrief
}

// homeBrief is the leader's one-screen view of the province.
type homeBrief struct {
	Plan          *ttdn.Plan
	Tasks, Done   int
	Overdue       int
	Duties        int
	Percent       int
	LateUnits     int
	MissingUnits  int
	OpenPeriodKey string
}

// homeRows is how many items a section lists before its link.
const homeRows = 5

func (s *Server) handleMyWork(w http.ResponseWriter, r *http.Request) {
	v, err := s.myWork(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.setWorkCount(reqOf(r).user.ID, v.urgentCount())
	s.render(w, r, http.StatusOK, "home", "home.title", v)
}

// myWork gathers the acting user's work by role.
func (s *Server) myWork(r *http.Request) (*homeView, error) {
	u := reqOf(r).user
	v := &homeView{Today: ttdn.DateOf(s.now().In(vietnam))}
	var add []func(*http.Request, *homeView) error
	switch u.Role {
	case ttdn.RoleUnitOfficer:
		add = append(add, s.workUnitTasks, s.workUnitReports, s.workReturnedBudgets, s.workAnsweredDifficulties, s.workUnitCases)
	case ttdn.RoleCoordinator:
		add = append(add, s.workReportsToReview, s.workMissingReports, s.workDifficultiesToGroup, s.workPressActions,
			s.workCasesOverdue, s.workCasesToApprove)
	case ttdn.RoleFinance:
		add = append(add, s.workBudgetsIn(ttdn.BudgetSubmitted, "home.budgets_to_appraise"))
	case ttdn.RoleLeader:
		add = append(add, s.workBudgetsIn(ttdn.BudgetForwarded, "home.budgets_to_approve"), s.workProposals,
			s.workAccountRequests, s.workCasesToApprove, s.workCasesOverdue, s.workBrief)
	case ttdn.RoleMonitor:
		add = append(add, s.workPressQueue, s.workPressActions, s.workCasesOverdue)
	case ttdn.RoleAdmin:
		add = append(add, s.workAccountRequests)
	}
	for _, f := range add {
		if err := f(r, v); err != nil {
			return nil, err
		}
	}
	// Most urgent first, then the biggest.
	slices.SortStableFunc(v.Sections, func(a, b *workSection) int {
		if a.Urgent != b.Urgent {
			if a.Urgent {
				return -1
			}
			return 1
		}
		return b.Count - a.Count
	})
	return v, nil
}

// workUnitTasks lists the unit's tasks of issued plans that are overdue,
// due within two weeks, or not updated for too long.
func (s *Server) workUnitTasks(r *http.Request, v *homeView) error {
	u := reqOf(r).user
	if u.UnitID == 0 {
		return nil
	}
	issued := ttdn.PlanIssued
	plans, _, err := s.cfg.Plans.FindPlans(r.Context(), ttdn.PlanFilter{Status: &issued, Limit: 100})
	if err != nil {
		return err
	}
	planIDs := map[int64]bool{}
	for _, p := range plans {
		planIDs[p.ID] = true
	}
	tasks, _, err := s.cfg.Tasks.FindTasks(r.Context(), ttdn.TaskFilter{UnitID: &u.UnitID, Limit: 1000})
	if err != nil {
		return err
	}
	set, err := s.settings(r)
	if err != nil {
		return err
	}
	soon := ttdn.DateOf(v.Today.Time(time.UTC).AddDate(0, 0, 14))
	overdue := &workSection{Title: "home.tasks_overdue", Urgent: true, Link: fmt.Sprintf("/units/%d", u.UnitID)}
	due := &workSection{Title: "home.tasks_due_soon", Link: fmt.Sprintf("/units/%d", u.UnitID)}
	stale := &workSection{Title: "home.tasks_stale", Link: fmt.Sprintf("/units/%d", u.UnitID)}
	staleBefore := s.now().AddDate(0, 0, -set.StaleDays)
	for _, t := range tasks {
		if !planIDs[t.PlanID] || t.Finished() {
			continue
		}
		row := workRow{Title: t.Ref + " " + t.Title, Link: fmt.Sprintf("/tasks/%d", t.ID)}
		switch {
		case t.Overdue(v.Today):
			row.Detail, row.Urgent = translate(langOf(r), "home.due", t.Deadline.String()), true
			addRow(overdue, row)
		case !t.Deadline.IsZero() && !soon.Before(t.Deadline):
			row.Detail = translate(langOf(r), "home.due", t.Deadline.String())
			addRow(due, row)
		case t.LastUpdateAt.IsZero() || t.LastUpdateAt.Before(staleBefore):
			addRow(stale, row)
		}
	}
	v.Sections = append(v.Sections, overdue, due, stale)
	return nil
}

// addRow counts row in sec and keeps the first few.
func addRow(sec *workSection, row workRow) {
	sec.Count++
	if len(sec.Rows) < homeRows {
		sec.Rows = append(sec.Rows, row)
	}
}

// workUnitReports lists the unit's reports to prepare (open periods with a
// draft or none yet) and those returned.
func (s *Server) workUnitReports(r *http.Request, v *homeView) error {
	if s.cfg.UnitReports == nil || s.cfg.Periods == nil {
		return nil
	}
	u := reqOf(r).user
	open := ttdn.PeriodOpen
	periods, _, err := s.cfg.Periods.FindPeriods(r.Context(), ttdn.PeriodFilter{Status: &open, Limit: 50})
	if err != nil {
		return err
	}
	todo := &workSection{Title: "home.reports_to_prepare", Link: "/reports"}
	returned := &workSection{Title: "home.reports_returned", Urgent: true, Link: "/reports"}
	for _, p := range periods {
		// A listed period carries no expected units; one read alone does.
		if p, err = s.cfg.Periods.FindPeriodByID(r.Context(), p.ID); err != nil {
			return err
		} else if !slices.Contains(p.ExpectedUnitIDs, u.UnitID) {
			continue
		}
		reports, _, err := s.cfg.UnitReports.FindUnitReports(r.Context(), ttdn.UnitReportFilter{PeriodID: &p.ID, UnitID: &u.UnitID, Limit: 1})
		if err != nil {
			return err
		}
		row := workRow{Title: p.Name, Detail: translate(langOf(r), "home.due", p.DueDate.String()), Link: fmt.Sprintf("/reports/periods/%d", p.ID),
			Urgent: p.DueDate.Before(v.Today)}
		switch {
		case len(reports) == 0:
			addRow(todo, row)
		case reports[0].Status == ttdn.ReportReturned:
			row.Link, row.Detail = fmt.Sprintf("/reports/%d", reports[0].ID), reports[0].Comment
			addRow(returned, row)
		case reports[0].Status == ttdn.ReportDraft:
			row.Link = fmt.Sprintf("/reports/%d", reports[0].ID)
			addRow(todo, row)
		}
	}
	v.Sections = append(v.Sections, returned, todo)
	return nil
}

// workReturnedBudgets lists the unit's estimates returned for revision.
func (s *Server) workReturnedBudgets(r *http.Request, v *homeView) error {
	sec, err := s.budgetSection(r, ttdn.BudgetReturned, "home.budgets_returned")
	if sec != nil {
		sec.Urgent = true
		v.Sections = append(v.Sections, sec)
	}
	return err
}

// workBudgetsIn lists estimates in one status (to appraise, to approve).
func (s *Server) workBudgetsIn(status ttdn.BudgetStatus, title string) func(*http.Request, *homeView) error {
	return func(r *http.Request, v *homeView) error {
		sec, err := s.budgetSection(r, status, title)
		if sec != nil {
			sec.Urgent = sec.Count > 0
			v.Sections = append(v.Sections, sec)
		}
		return err
	}
}

func (s *Server) budgetSection(r *http.Request, status ttdn.BudgetStatus, title string) (*workSection, error) {
	if s.cfg.Budgets == nil {
		return nil, nil
	}
	list, total, err := s.cfg.Budgets.FindBudgetEstimates(r.Context(), ttdn.BudgetFilter{Status: &status, Limit: homeRows})
	if err != nil {
		return nil, err
	}
	sec := &workSection{Title: title, Count: total, Link: "/budgets?status=" + string(status)}
	for _, e := range list {
		// When it was sent says how long it has waited; a bare year repeated
		// the title ("… năm 2026 — 2026").
		detail := translate(langOf(r), "home.budget_year", e.Year)
		if !e.SubmittedAt.IsZero() {
			detail = translate(langOf(r), "home.forwarded", e.SubmittedAt.In(vietnam).Format("02/01/2006"))
		}
		sec.Rows = append(sec.Rows, workRow{Title: e.Title, Detail: detail, Link: fmt.Sprintf("/budgets/%d", e.ID)})
	}
	return sec, nil
}

// workAnsweredDifficulties lists the unit's difficulties answered.
func (s *Server) workAnsweredDifficulties(r *http.Request, v *homeView) error {
	return s.difficultySection(r, v, ttdn.DifficultyAnswered, "home.difficulties_answered", false)
}

// workDifficultiesToGroup lists difficulties raised and not yet grouped.
func (s *Server) workDifficultiesToGroup(r *http.Request, v *homeView) error {
	return s.difficultySection(r, v, ttdn.DifficultyRaised, "home.difficulties_to_group", true)
}

func (s *Server) difficultySection(r *http.Request, v *homeView, status ttdn.DifficultyStatus, title string, urgent bool) error {
	if s.cfg.Difficulties == nil {
		return nil
	}
	list, total, err := s.cfg.Difficulties.FindDifficulties(r.Context(), ttdn.DifficultyFilter{Status: &status, Limit: homeRows})
	if err != nil {
		return err
	}
	sec := &workSection{Title: title, Count: total, Urgent: urgent && total > 0, Link: "/difficulties?status=" + string(status)}
	for _, d := range list {
		sec.Rows = append(sec.Rows, workRow{Title: d.Title, Link: fmt.Sprintf("/difficulties/%d", d.ID)})
	}
	v.Sections = append(v.Sections, sec)
	return nil
}

// workProposals lists the proposals forwarded to the People's Committee
// and not yet answered.
func (s *Server) workProposals(r *http.Request, v *homeView) error {
	if s.cfg.Difficulties == nil {
		return nil
	}
	groups, _, err := s.cfg.Difficulties.FindDifficultyGroups(r.Context(), 0, 200)
	if err != nil {
		return err
	}
	sec := &workSection{Title: "home.proposals_waiting", Link: "/difficulties"}
	for _, g := range groups {
		if g.Status == ttdn.DifficultyForwarded {
			addRow(sec, workRow{Title: g.Title, Detail: translate(langOf(r), "home.forwarded", g.ForwardedOn.String()), Link: fmt.Sprintf("/difficulty-groups/%d", g.ID)})
		}
	}
	sec.Urgent = sec.Count > 0
	v.Sections = append(v.Sections, sec)
	return nil
}

// workReportsToReview lists reports submitted or resubmitted.
func (s *Server) workReportsToReview(r *http.Request, v *homeView) error {
	if s.cfg.UnitReports == nil {
		return nil
	}
	sec := &workSection{Title: "home.reports_to_review", Link: "/reports"}
	for _, st := range []ttdn.ReportStatus{ttdn.ReportSubmitted, ttdn.ReportResubmitted} {
		list, total, err := s.cfg.UnitReports.FindUnitReports(r.Context(), ttdn.UnitReportFilter{Status: &st, Limit: homeRows})
		if err != nil {
			return err
		}
		sec.Count += total
		for _, rep := range list {
			if len(sec.Rows) < homeRows {
				row := workRow{Title: rep.UnitName, Link: fmt.Sprintf("/reports/%d", rep.ID), Urgent: rep.Late}
				if rep.Late {
					row.Detail = translate(langOf(r), "home.late")
				}
				sec.Rows = append(sec.Rows, row)
			}
		}
	}
	sec.Urgent = sec.Count > 0
	v.Sections = append(v.Sections, sec)
	return nil
}

// workMissingReports lists, per open period, the units that have not
// reported, and how many reported late.
func (s *Server) workMissingReports(r *http.Request, v *homeView) error {
	if s.cfg.Completeness == nil || s.cfg.Periods == nil {
		return nil
	}
	open := ttdn.PeriodOpen
	periods, _, err := s.cfg.Periods.FindPeriods(r.Context(), ttdn.PeriodFilter{Status: &open, Limit: 20})
	if err != nil {
		return err
	}
	sec := &workSection{Title: "home.reports_missing", Link: "/reports/completeness"}
	for _, p := range periods {
		st, err := s.cfg.Completeness.FindPeriodStats(r.Context(), p.ID)
		if err != nil {
			return err
		}
		if st.Missing == 0 && st.Late == 0 {
			continue
		}
		sec.Count += st.Missing
		sec.Rows = append(sec.Rows, workRow{Title: p.Name, Link: fmt.Sprintf("/reports/periods/%d", p.ID),
			Detail: translate(langOf(r), "home.missing_late", st.Missing, st.Late, p.DueDate.String()), Urgent: p.DueDate.Before(v.Today)})
	}
	sec.Urgent = slices.ContainsFunc(sec.Rows, func(w workRow) bool { return w.Urgent })
	v.Sections = append(v.Sections, sec)
	return nil
}

// workPressActions lists press hits marked as needing action.
func (s *Server) workPressActions(r *http.Request, v *homeView) error {
	yes := true
	return s.pressSection(r, v, ttdn.ReviewFilter{NeedsAction: &yes}, "home.press_actions", "/press/review?action=1", "")
}

// workPressQueue lists the review queue's new hits, highest priority first.
func (s *Server) workPressQueue(r *http.Request, v *homeView) error {
	st := ttdn.ReviewNew
	// A new hit is judged in the queue, so its line opens the queue on it.
	return s.pressSection(r, v, ttdn.ReviewFilter{Status: &st}, "home.press_queue", "/press/review", "/press/review?status=new#review-%d")
}

// pressSection lists the press hits f selects; each line opens rowLink
// (with the article's id) or, when it is empty, the article.
func (s *Server) pressSection(r *http.Request, v *homeView, f ttdn.ReviewFilter, title, link, rowLink string) error {
	if s.cfg.Press == nil || s.cfg.Press.Reviews == nil {
		return nil
	}
	f.Limit = homeRows
	list, total, err := s.cfg.Press.Reviews.FindReviews(r.Context(), f)
	if err != nil {
		return err
	}
	sec := &workSection{Title: title, Count: total, Urgent: total > 0, Link: link}
	for _, rv := range list {
		row := workRow{Link: fmt.Sprintf("/press/articles/%d", rv.ArticleID)}
		if rowLink != "" {
			row.Link = fmt.Sprintf(rowLink, rv.ArticleID)
		}
		if rv.Article != nil {
			// The outlet tells apart two items of one story with one title.
			row.Title, row.Detail = rv.Article.Title, rv.Article.Outlet
		}
		sec.Rows = append(sec.Rows, row)
	}
	v.Sections = append(v.Sections, sec)
	return nil
}

// workAccountRequests lists account changes waiting for a leader.
func (s *Server) workAccountRequests(r *http.Request, v *homeView) error {
	if s.cfg.AccountRequests == nil {
		return nil
	}
	list, err := s.cfg.AccountRequests.FindAccountRequests(r.Context(), true)
	if err != nil {
		return err
	}
	u := reqOf(r).user
	sec := &workSection{Title: "home.account_requests", Link: "/account-requests"}
	for _, req := range list {
		addRow(sec, workRow{Title: req.Username + " — " + req.Kind.Label(), Detail: req.RequestedByName,
			Link: "/account-requests", Urgent: ttdn.CanDecideAccountRequest(u, req)})
	}
	sec.Urgent = slices.ContainsFunc(sec.Rows, func(w workRow) bool { return w.Urgent })
	if sec.Count > 0 {
		v.Sections = append(v.Sections, sec)
	}
	return nil
}

// workBrief is the leader's one-screen view: the newest issued plan's
// progress and the open periods' missing and late units.
func (s *Server) workBrief(r *http.Request, v *homeView) error {
	issued := ttdn.PlanIssued
	plans, _, err := s.cfg.Plans.FindPlans(r.Context(), ttdn.PlanFilter{Status: &issued, Limit: 1})
	if err != nil || len(plans) == 0 {
		return err
	}
	if s.cfg.Dashboard == nil {
		return nil
	}
	b := &homeBrief{Plan: plans[0]}
	// The dashboard's own counts, so the two pages never disagree.
	pp, err := s.cfg.Dashboard.PlanProgress(r.Context(), b.Plan.ID, v.Today)
	if err != nil {
		return err
	}
	b.Tasks, b.Done, b.Overdue, b.Duties = pp.Tasks.Total, pp.Tasks.ByStatus[ttdn.TaskDone], pp.Tasks.Overdue, pp.Duties.Total
	if b.Tasks > 0 {
		b.Percent = b.Done * 100 / b.Tasks
	}
	if s.cfg.Completeness != nil && s.cfg.Periods != nil {
		open := ttdn.PeriodOpen
		periods, _, err := s.cfg.Periods.FindPeriods(r.Context(), ttdn.PeriodFilter{Status: &open, Limit: 20})
		if err != nil {
			return err
		}
		for _, p := range periods {
			st, err := s.cfg.Completeness.FindPeriodStats(r.Context(), p.ID)
			if err != nil {
				return err
			}
			b.LateUnits += st.Late
			b.MissingUnits += st.Missing
		}
	}
	v.Brief = b
	return nil
}

// urgentCount is what the navigation's badge shows: the urgent items of the
// user's work.
func (v *homeView) urgentCount() int {
	n := 0
	for _, s := range v.Sections {
		if s.Urgent {
			n += s.Count
		}
	}
	return n
}
