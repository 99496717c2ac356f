package http

import (
	"context"
	_ "embed"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"time"

	"ttdn"
)

//go:embed openapi.json
var openAPIDocument []byte

// apiRoutes registers the JSON API. It authenticates with a bearer token
// only: no cookies, so no CSRF exposure.
func (s *Server) apiRoutes() {
	s.mux.HandleFunc("GET /api/v1/openapi.json", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(openAPIDocument)
	})
	s.op("GET /api/v1/plans", s.apiPlans)
	s.op("GET /api/v1/plans/{id}", s.apiPlan)
	s.op("GET /api/v1/units", s.apiUnits)
	s.op("GET /api/v1/tasks", s.apiTasks)
	s.op("GET /api/v1/tasks/{id}", s.apiTask)
	s.apiProgressRoutes()
	s.apiReportingRoutes()
	s.apiBudgetRoutes()
	s.apiPlanRoutes()
	s.apiActivityRoutes()
	s.apiDifficultyRoutes()
	s.apiDirectoryRoutes()
	s.apiAdminRoutes()
	s.apiPressRoutes()
	s.apiCaseRoutes()
	s.apiAccountRoutes()
	s.apiFileRoutes()
	s.apiExportRoutes()
	s.apiDashboardRoutes()
	s.apiImportRoutes()
	s.apiBulkRoutes()
	s.apiProgressCSVRoutes()
	s.apiOPMLRoutes()
	s.apiReportFileRoutes()
	s.apiUnitDirectoryRoutes()
	s.apiPublicationRoutes()
	s.mux.Handle("/api/", s.apiMiddleware(s.handleNotFound))
}

// apiMiddleware authenticates the bearer token and puts the user and the
// address on the context.
func (s *Server) apiMiddleware(next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Referrer-Policy", "no-referrer")
		ctx := ttdn.NewContextWithAddr(r.Context(), clientAddr(r))
		raw, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok || strings.TrimSpace(raw) == "" {
			s.apiError(w, r, errNoToken)
			return
		}
		if !s.limit(w, r, strings.TrimSpace(raw)) {
			return
		}
		u, err := s.cfg.Auth.FindTokenUser(ctx, strings.TrimSpace(raw))
		if err != nil {
			if ttdn.ErrorCode(err) != ttdn.EINTERNAL {
				err = errNoToken
			}
			s.apiError(w, r, err)
			return
		}
		setRequestUser(r, u.ID)
		next(w, r.WithContext(ttdn.NewContextWithUser(ctx, u)))
	})
}

var errNoToken = ttdn.Errorf(ttdn.EUNAUTHORIZED, "Cần mã truy cập API hợp lệ (Authorization: Bearer …).", "A valid API token is required (Authorization: Bearer …).")

func (s *Server) writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		s.log.Error("json", "err", err)
	}
}

// queryID reads an optional numeric query parameter.
func queryID(r *http.Request, name string) (*int64, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return nil, nil
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return nil, apiField(name, ttdn.Errorf(ttdn.EINVALID, "Tham số %s không hợp lệ.", "Invalid parameter %s.", name))
	}
	return &id, nil
}

func (s *Server) handleHealth(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	var err error
	if s.cfg.Ping != nil {
		err = s.cfg.Ping(ctx)
	} else {
		_, _, err = s.cfg.Units.FindUnits(ttdn.NewSystemContext(ctx), ttdn.UnitFilter{Limit: 1})
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err != nil {
		s.log.Error("health", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("database unavailable\n"))
		return
	}
	_, _ = w.Write([]byte("ok\n"))
}

// handleReady is readiness, for load balancers: 200 only when a write to
// the database commits. /healthz (liveness) stays 200 while the database
// answers but refuses writes — a full disk, a read-only replica — so a
// balancer that sent users there would lose every form they submit.
func (s *Server) handleReady(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 3*time.Second)
	defer cancel()
	err := s.cfg.Ready(ctx)
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if err != nil {
		s.log.Error("readiness", "err", err)
		reason := "database refuses writes"
		if ctx.Err() != nil {
			reason = "database write timed out"
		}
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte("not ready: " + reason + "\n"))
		return
	}
	body := "ready\n"
	if s.cfg.ReadyInfo != nil {
		body += s.cfg.ReadyInfo() + "\n"
	}
	_, _ = w.Write([]byte(body))
}
