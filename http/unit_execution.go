package http

import (
	"net/http"
	"strings"

	"ttdn"
	"ttdn/export"
)

// unitExecution is what a unit page shows of the unit's work: how long
// since it last reported, and its TTĐN officer and spokesperson.
type unitExecution struct {
	Activity    *ttdn.UnitActivity
	Contacts    []contactForm
	CanContacts bool
}

// contactForm is one contact as shown and as typed.
type contactForm struct {
	Role                         ttdn.ContactRole
	Name, Position, Phone, Email string
}

// ContactRole labels a contact role in the page's language.
func (p *page) ContactRole(r ttdn.ContactRole) string {
	return label(p.Lang, "contact_role", r, string(r))
}

// loadUnitExecution fills the unit page's staleness and contacts.
func (s *Server) loadUnitExecution(r *http.Request, v *unitView) error {
	ctx := r.Context()
	x := &unitExecution{CanContacts: ttdn.Can(reqOf(r).user, ttdn.ActionUpdate,
		ttdn.Resource{Kind: ttdn.ResourceContact, UnitIDs: []int64{v.Unit.ID}})}
	v.Exec = x
	if s.cfg.Progress != nil {
		acts, err := s.cfg.Progress.FindUnitActivity(ctx, ttdn.UnitActivityFilter{UnitID: &v.Unit.ID})
		if err != nil {
			return err
		}
		for _, a := range acts {
			if a.UnitID == v.Unit.ID {
				x.Activity = a
			}
		}
	}
	if s.cfg.Contacts == nil {
		return nil
	}
	contacts, err := s.cfg.Contacts.FindContacts(ctx, ttdn.ContactFilter{UnitID: &v.Unit.ID})
	if err != nil {
		return err
	}
	for _, role := range []ttdn.ContactRole{ttdn.ContactOfficer, ttdn.ContactSpokesperson} {
		f := contactForm{Role: role}
		for _, c := range contacts {
			if c.Role == role {
				f = contactForm{Role: role, Name: c.Name, Position: c.Position, Phone: c.Phone, Email: c.Email}
			}
		}
		x.Contacts = append(x.Contacts, f)
	}
	return nil
}

// handleContactSave sets one of the unit's contacts; an error shows the
// unit page again with what was typed.
func (s *Server) handleContactSave(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	typed := contactForm{Role: ttdn.ContactRole(f("role")), Name: f("name"), Position: f("position"), Phone: f("phone"), Email: f("email")}
	err = s.cfg.Contacts.UpsertContact(r.Context(), &ttdn.Contact{UnitID: id, Role: typed.Role, Name: typed.Name,
		Position: typed.Position, Phone: typed.Phone, Email: typed.Email})
	if err == nil {
		s.redirectWithFlash(w, r, "/units/"+itoa(id)+"#contacts", "flash.contact_saved")
		return
	}
	u, uerr := s.cfg.Units.FindUnitByID(r.Context(), id)
	if uerr != nil {
		s.renderError(w, r, uerr)
		return
	}
	view, verr := s.newUnitView(r, u)
	if verr != nil {
		s.renderError(w, r, verr)
		return
	}
	for i, c := range view.Exec.Contacts {
		if c.Role == typed.Role {
			view.Exec.Contacts[i] = typed
		}
	}
	s.renderWithError(w, r, err, "unit", "unit.title", view)
}

// staleUnits maps the units flagged as stale to their activity.
func (s *Server) staleUnits(r *http.Request) (map[int64]*ttdn.UnitActivity, error) {
	out := map[int64]*ttdn.UnitActivity{}
	if s.cfg.Progress == nil {
		return out, nil
	}
	acts, err := s.cfg.Progress.FindUnitActivity(r.Context(), ttdn.UnitActivityFilter{StaleOnly: true})
	for _, a := range acts {
		out[a.UnitID] = a
	}
	return out, err
}

// unitTaskTable is a unit's tasks, by role, as an export table.
func unitTaskTable(v *unitView) export.Table {
	t := export.Table{Title: "Nhiệm vụ của " + v.Unit.Name,
		Columns: []string{"Kế hoạch", "Mục", "Nội dung nhiệm vụ", "Vai trò", "Thời hạn", "Thời hạn (lời)", "Trạng thái", "Tỷ lệ (%)", "Quá hạn", "Cập nhật lần cuối"}}
	for _, rt := range v.Roles {
		for _, task := range rt.Tasks {
			plan := ""
			if task.Plan != nil {
				plan = task.Plan.Number
			}
			t.Rows = append(t.Rows, []any{plan, task.Ref, task.Title, rt.Role.Label(), task.Deadline, task.DeadlineText,
				task.Status.Label(), task.Percent, task.Overdue, task.LastUpdateAt})
		}
	}
	return t
}
