package http

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"ttdn"
	"ttdn/export"
)

// difficultyListView lists difficulties with their status and age; the
// coordinator ticks raised ones to group them under one proposal.
type difficultyListView struct {
	Rows     []*ttdn.Difficulty
	Filter   difficultyListFilter
	Units    []*ttdn.Unit
	Names    map[int64]string
	Statuses []ttdn.DifficultyStatus
	Groups   []*ttdn.DifficultyGroup
	Pager    pager
	Exports  exportLinks
	CanGroup bool
	CanRaise bool
	Group    groupForm
	at       time.Time // ages are counted to this moment
}

// groupForm is the grouping form as typed.
type groupForm struct{ Title, Proposal string }

// Unit names a unit ID for the template.
func (v *difficultyListView) Unit(id int64) string { return v.Names[id] }

// Age is how many days a difficulty has waited.
func (v *difficultyListView) Age(d *ttdn.Difficulty) int { return d.AgeDays(v.at) }

type difficultyListFilter struct{ Unit, Status, Open, Query, Sort string }

func (f difficultyListFilter) filter() ttdn.DifficultyFilter {
	out := ttdn.DifficultyFilter{Sort: ttdn.DifficultySort(f.Sort), OpenOnly: f.Open == "1"}
	if id, err := strconv.ParseInt(f.Unit, 10, 64); err == nil {
		out.UnitID = &id
	}
	if f.Status != "" {
		st := ttdn.DifficultyStatus(f.Status)
		out.Status = &st
	}
	if f.Query != "" {
		out.Query = &f.Query
	}
	return out
}

func (s *Server) handleDifficultyList(w http.ResponseWriter, r *http.Request) {
	v, err := s.newDifficultyList(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if exportFormat(r) != "" {
		s.exportDifficulties(w, r, v)
		return
	}
	s.render(w, r, http.StatusOK, "difficulty_list", "difficulties.title", v)
}

func (s *Server) newDifficultyList(r *http.Request) (*difficultyListView, error) {
	q := r.URL.Query()
	u := reqOf(r).user
	v := &difficultyListView{Filter: difficultyListFilter{Unit: q.Get("unit"), Status: q.Get("status"), Open: q.Get("open"),
		Query: strings.TrimSpace(q.Get("q")), Sort: q.Get("sort")}, Statuses: ttdn.DifficultyStatuses, Exports: newExportLinks(r),
		CanGroup: u.Role == ttdn.RoleCoordinator, CanRaise: u.Role == ttdn.RoleUnitOfficer, at: s.now()}
	var err error
	if v.Units, err = s.allUnits(r); err != nil {
		return nil, err
	}
	v.Names = unitNameMap(v.Units)
	current, offset := pageNumber(r)
	f := v.Filter.filter()
	f.Offset, f.Limit = offset, pageSize
	var total int
	if v.Rows, total, err = s.cfg.Difficulties.FindDifficulties(r.Context(), f); err != nil {
		return nil, err
	}
	v.Pager = newPager(r, current, total)
	v.Groups, _, err = s.cfg.Difficulties.FindDifficultyGroups(r.Context(), 0, pageSize)
	return v, err
}

// exportDifficulties writes every difficulty the filter selects.
func (s *Server) exportDifficulties(w http.ResponseWriter, r *http.Request, v *difficultyListView) {
	f := v.Filter.filter()
	f.Limit = maxExportRows
	rows, _, err := s.cfg.Difficulties.FindDifficulties(r.Context(), f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	t := export.Table{Title: "Khó khăn, vướng mắc, kiến nghị", Columns: []string{"Mã", "Đơn vị", "Tiêu đề", "Nội dung",
		"Trạng thái", "Ngày phản ánh", "Số ngày", "Đề xuất", "Trả lời"}}
	for _, d := range rows {
		proposal, answer := "", ""
		if d.Group != nil {
			proposal, answer = d.Group.Proposal, d.Group.Answer
		}
		t.Rows = append(t.Rows, []any{d.ID, v.Names[d.UnitID], d.Title, d.Text, d.Status.Label(), d.RaisedAt, v.Age(d), proposal, answer})
	}
	s.writeExport(w, r, "kho-khan-vuong-mac", t)
}

// handleDifficultyGroupCreate groups the ticked difficulties under the
// coordinator's proposal.
func (s *Server) handleDifficultyGroupCreate(w http.ResponseWriter, r *http.Request) {
	g := &ttdn.DifficultyGroup{Title: strings.TrimSpace(r.PostFormValue("title")), Proposal: strings.TrimSpace(r.PostFormValue("proposal"))}
	var err error
	for _, raw := range r.PostForm["member"] {
		id, perr := strconv.ParseInt(raw, 10, 64)
		if perr != nil {
			err = ttdn.Errorf(ttdn.EINVALID, "Mã số %q không hợp lệ.", "Invalid id %q.", raw)
		}
		g.MemberIDs = append(g.MemberIDs, id)
	}
	if err == nil {
		err = s.cfg.Difficulties.GroupDifficulties(r.Context(), g)
	}
	if err != nil {
		v, verr := s.newDifficultyList(r)
		if verr != nil {
			s.renderError(w, r, verr)
			return
		}
		v.Group = groupForm{Title: g.Title, Proposal: g.Proposal}
		s.renderWithError(w, r, err, "difficulty_list", "difficulties.title", v)
		return
	}
	s.redirectWithFlash(w, r, "/difficulty-groups/"+itoa(g.ID), "flash.difficulty_grouped")
}
