package http

import (
	"net/http"

	"ttdn"
)

// Account requests (separation of duties): an administrator's grant of a
// role that reads secrets, or reset of such an account's password, waits
// here until a leader confirms or rejects it.

// accountRequestRoutes registers the list and the leader's decisions.
func (s *Server) accountRequestRoutes(auth func(string, http.HandlerFunc)) {
	if s.cfg.AccountRequests == nil {
		return
	}
	auth("GET /account-requests", s.handleAccountRequests)
	auth("POST /account-requests/{id}/confirm", s.handleAccountRequestDecision(true))
	auth("POST /account-requests/{id}/reject", s.handleAccountRequestDecision(false))
}

// accountRequestsView is the list page.
type accountRequestsView struct {
	Rows []accountRequestRow
}

type accountRequestRow struct {
	*ttdn.AccountRequest
	CanDecide bool
}

func (s *Server) handleAccountRequests(w http.ResponseWriter, r *http.Request) {
	list, err := s.cfg.AccountRequests.FindAccountRequests(r.Context(), false)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.renderAccountRequests(w, r, list, nil)
}

func (s *Server) renderAccountRequests(w http.ResponseWriter, r *http.Request, list []*ttdn.AccountRequest, err error) {
	u := reqOf(r).user
	v := accountRequestsView{}
	for _, req := range list {
		v.Rows = append(v.Rows, accountRequestRow{AccountRequest: req,
			CanDecide: req.Status == ttdn.AccountRequestPending && ttdn.CanDecideAccountRequest(u, req)})
	}
	if err != nil {
		s.renderWithError(w, r, err, "account_requests", "accreq.title", v)
		return
	}
	s.render(w, r, http.StatusOK, "account_requests", "accreq.title", v)
}

func (s *Server) handleAccountRequestDecision(confirm bool) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		if _, err := s.cfg.AccountRequests.DecideAccountRequest(r.Context(), id, confirm); err != nil {
			if isCode(err, ttdn.ENOTFOUND) || isCode(err, ttdn.EUNAUTHORIZED) {
				s.renderError(w, r, err)
				return
			}
			list, lerr := s.cfg.AccountRequests.FindAccountRequests(r.Context(), false)
			if lerr != nil {
				s.renderError(w, r, lerr)
				return
			}
			s.renderAccountRequests(w, r, list, err)
			return
		}
		flash := "flash.request_rejected"
		if confirm {
			flash = "flash.request_confirmed"
		}
		s.redirectWithFlash(w, r, "/account-requests", flash)
	}
}

// CanSeeAccountRequests shows the list in the menu to administrators and
// leaders.
func (p *page) CanSeeAccountRequests() bool {
	return p.User != nil && ttdn.Can(p.User, ttdn.ActionRead, ttdn.Resource{Kind: ttdn.ResourceAccountRequest})
}
