package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
	"ttdn/export"
)

// maxExportRows bounds one export of a list.
const maxExportRows = 50000

// activityListView is the registry with its filters as typed.
type activityListView struct {
	Rows    []*ttdn.Activity
	Filter  activityListFilter
	Types   []ttdn.ActivityType
	Units   []*ttdn.Unit
	Themes  []*ttdn.Theme
	Names   map[int64]string
	Pager   pager
	Exports exportLinks
}

// Unit names a unit ID for the template.
func (v *activityListView) Unit(id int64) string { return v.Names[id] }

type activityListFilter struct {
	Type, Unit, Theme, From, To, Query, Sort string
}

// filter turns the query into an ActivityFilter; a date that does not parse
// is refused rather than ignored, so the list never silently shows more.
func (f activityListFilter) filter() (ttdn.ActivityFilter, error) {
	out := ttdn.ActivityFilter{Sort: ttdn.ActivitySort(f.Sort)}
	if f.Type != "" {
		t := ttdn.ActivityType(f.Type)
		out.Type = &t
	}
	if id, err := strconv.ParseInt(f.Unit, 10, 64); err == nil {
		out.UnitID = &id
	}
	if f.Theme != "" {
		out.Theme = &f.Theme
	}
	if f.Query != "" {
		out.Query = &f.Query
	}
	for _, d := range []struct {
		text string
		dst  **ttdn.Date
	}{{f.From, &out.From}, {f.To, &out.To}} {
		v, err := ttdn.ParseDate(d.text)
		if err != nil {
			return out, err
		} else if !v.IsZero() {
			*d.dst = &v
		}
	}
	return out, nil
}

func (s *Server) handleActivityList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := &activityListView{Filter: activityListFilter{Type: q.Get("type"), Unit: q.Get("unit"), Theme: q.Get("theme"),
		From: strings.TrimSpace(q.Get("from")), To: strings.TrimSpace(q.Get("to")), Query: strings.TrimSpace(q.Get("q")),
		Sort: q.Get("sort")}, Exports: newExportLinks(r)}
	err := s.loadActivityListOptions(r, v)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	filter, err := v.Filter.filter()
	if err != nil {
		s.renderWithError(w, r, err, "activities", "activities.title", v)
		return
	}
	if exportFormat(r) != "" {
		s.exportActivities(w, r, v, filter)
		return
	}
	current, offset := pageNumber(r)
	filter.Offset, filter.Limit = offset, pageSize
	rows, total, err := s.cfg.Activities.FindActivities(r.Context(), filter)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v.Rows, v.Pager = rows, newPager(r, current, total)
	s.render(w, r, http.StatusOK, "activities", "activities.title", v)
}

func (s *Server) loadActivityListOptions(r *http.Request, v *activityListView) error {
	for _, t := range ttdn.ActivityTypes {
		v.Types = append(v.Types, t.Type)
	}
	var err error
	if v.Units, err = s.allUnits(r); err != nil {
		return err
	}
	v.Names = map[int64]string{}
	for _, u := range v.Units {
		v.Names[u.ID] = u.Name
	}
	v.Themes, err = s.cfg.Themes.FindThemes(r.Context())
	return err
}

// exportActivities writes every activity matching the filter.
func (s *Server) exportActivities(w http.ResponseWriter, r *http.Request, v *activityListView, f ttdn.ActivityFilter) {
	f.Limit = maxExportRows
	rows, _, err := s.cfg.Activities.FindActivities(r.Context(), f)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	t := export.Table{Title: "Hoạt động thông tin đối ngoại",
		Columns: []string{"Mã", "Loại", "Tên hoạt động", "Từ ngày", "Đến ngày", "Địa điểm", "Đơn vị", "Chuyên đề", "Độ mật", "Tóm tắt"}}
	for _, a := range rows {
		units := make([]string, len(a.UnitIDs))
		for i, id := range a.UnitIDs {
			units[i] = v.Names[id]
		}
		t.Rows = append(t.Rows, []any{a.ID, a.Type.Label(), a.Title, a.StartDate, a.EndDate, a.Place,
			strings.Join(units, "; "), strings.Join(a.Themes, ", "), a.Classification.Label(), a.Summary})
	}
	s.writeExport(w, r, "hoat-dong", t)
}
