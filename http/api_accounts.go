package http

import (
	"context"
	"net/http"

	"ttdn"
)

// apiAccountRoutes registers the account steps that are not a person's own
// secrets: changes waiting for a second administrator (confirm, reject),
// and the caller's tokens (list, revoke). Enrolling one's own second
// factor, changing one's own password and the setting that makes two-step
// verification compulsory stay in the pages (uiOnly): the accounts service
// refuses that setting to API tokens.
func (s *Server) apiAccountRoutes() {
	if s.cfg.AccountRequests != nil {
		s.op("GET /api/v1/account-requests", s.apiAccountRequests)
		s.op("POST /api/v1/account-requests/{id}/confirm", actOp(http.StatusOK, s.decideAccountRequest(true)))
		s.op("POST /api/v1/account-requests/{id}/reject", actOp(http.StatusOK, s.decideAccountRequest(false)))
	}
	if s.cfg.Accounts != nil {
		s.op("GET /api/v1/tokens", s.apiOwnTokens)
		s.op("POST /api/v1/tokens/{id}/revoke", actOp(http.StatusOK, s.apiTokenRevoke))
	}
}

// apiAccountRequests lists the requests (pending=true: only those still
// waiting); the service shows them to administrators and leaders.
func (s *Server) apiAccountRequests(r *http.Request) (*apiResult, error) {
	rows, err := s.cfg.AccountRequests.FindAccountRequests(r.Context(), r.URL.Query().Get("pending") == "true")
	if err != nil {
		return nil, err
	}
	return ok(map[string]any{"items": nonNil(rows)}, 0)
}

func (s *Server) decideAccountRequest(confirm bool) func(context.Context, int64, *struct{}) (*ttdn.AccountRequest, error) {
	return func(ctx context.Context, id int64, _ *struct{}) (*ttdn.AccountRequest, error) {
		return s.cfg.AccountRequests.DecideAccountRequest(ctx, id, confirm)
	}
}

// apiOwnTokens lists the caller's own tokens (never their secrets).
func (s *Server) apiOwnTokens(r *http.Request) (*apiResult, error) {
	rows, err := s.cfg.Accounts.FindUserTokens(r.Context(), ttdn.UserFromContext(r.Context()).ID)
	if err != nil {
		return nil, err
	}
	return ok(map[string]any{"items": nonNil(rows)}, 0)
}

// apiTokenRevoke revokes one of the caller's tokens (the auth service
// refuses another's), as the account page does.
func (s *Server) apiTokenRevoke(ctx context.Context, id int64, _ *struct{}) (*accountStep, error) {
	if err := s.cfg.Auth.RevokeToken(ctx, id); err != nil {
		return nil, err
	}
	return &accountStep{Status: "done"}, nil
}
