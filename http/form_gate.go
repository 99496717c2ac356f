package http

import (
	"net/http"

	"ttdn"
)

// A page whose form the user may not save answers 403 before showing it,
// instead of letting an official type it all and be refused at the end.
// The service checks again when the form is saved.

// errNoForm is the refusal of such a form.
func errNoForm() error {
	return ttdn.Errorf(ttdn.EFORBIDDEN, "Bạn không có quyền thực hiện việc này.", "You may not do this.")
}

// formAllowed renders the refusal and reports false when ok is false.
func (s *Server) formAllowed(w http.ResponseWriter, r *http.Request, ok bool) bool {
	if !ok {
		s.renderError(w, r, errNoForm())
	}
	return ok
}

// ownUnitResource is a new record of kind for the user's own unit, as the
// policy sees it before it exists.
func ownUnitResource(u *ttdn.User, kind ttdn.ResourceKind) ttdn.Resource {
	return ttdn.Resource{Kind: kind, Classification: ttdn.Internal, UnitIDs: []int64{u.UnitID}}
}

// canCreateOwn reports whether u may create a record of kind for its unit
// (coordinators for any unit).
func canCreateOwn(u *ttdn.User, kind ttdn.ResourceKind) bool {
	return u != nil && ttdn.Can(u, ttdn.ActionCreate, ownUnitResource(u, kind))
}
