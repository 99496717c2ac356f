// Package http serves ttdn over HTTP: a server-rendered web UI for officials
// (Vietnamese first, English second) and a JSON API for machine clients, both
// over the same domain services and the same access policy.
//
// The package is named http like WTF Dial's: it is the HTTP technology of
// ttdn. Inside it, the standard library's net/http is imported as usual.
package http

import (
	"cmp"
	"context"
	"html/template"
	"log/slog"
	"net/http"
	"net/netip"
	"time"

	"ttdn"
	"ttdn/directory"
	"ttdn/oidc"
	"ttdn/planparse"
	"ttdn/webhook"
)

// Default limits.
const (
	DefaultMaxUploadBytes = 10 << 20 // a plan file (.txt or .docx)
	// DefaultMaxEvidenceBytes bounds a progress update with its files.
	DefaultMaxEvidenceBytes = 4*ttdn.DefaultAttachmentMaxBytes + 1<<20
	maxFormBytes            = 1 << 20 // every ordinary form
	pageSize                = 20      // rows per page in every list
)

// Config carries what the server needs. cmd/ttdn builds it; the server owns
// nothing but its templates.
type Config struct {
	Units ttdn.UnitService
	Plans ttdn.PlanService
	Tasks ttdn.TaskService
	Users ttdn.UserService
	Auth  ttdn.AuthService
	Audit ttdn.AuditService // optional
	// AccountRequests holds the changes to accounts waiting for a leader
	// (optional: without it, no such page).
	AccountRequests ttdn.AccountRequestService

	// Accounts (log out everywhere, tokens, TOTP) and the log-in throttle;
	// nil leaves them out (cmd/ttdn wires both).
	Accounts ttdn.AccountService
	Throttle ttdn.LoginThrottle

	// Execution (issue 3). A nil service leaves its pages out of the menu;
	// cmd/ttdn wires them all.
	Lifecycle     ttdn.PlanLifecycleService
	Progress      ttdn.ProgressService
	ProgressCSV   ttdn.ProgressCSVService
	Attachments   ttdn.AttachmentService
	Activities    ttdn.ActivityService
	Channels      ttdn.ChannelService
	Contacts      ttdn.ContactService
	Themes        ttdn.ThemeService
	Dashboard     ttdn.DashboardService
	Notifications ttdn.NotificationService
	Settings      ttdn.SettingsService

	// Budget estimates and difficulties (issue 5); nil leaves them out.
	Budgets      ttdn.BudgetService
	Difficulties ttdn.DifficultyService

	// Press monitoring (issue 7); nil leaves its pages out.
	Press *PressConfig
	// Rebuttal cases (issue 14); nil leaves their pages out.
	Cases ttdn.CaseService
	// Province setup and the directory's import (issue 13); nil leaves
	// their pages out.
	Province  ttdn.ProvinceService
	Directory ttdn.DirectoryService
	// The public site (issue 14 §2): Public is its anonymous reader (nil
	// leaves /public/ out), Publications the coordinator's side.
	// PublicBaseURL is the site's absolute address for canonical links,
	// feeds and the sitemap ("" takes the request's host); PublicRateLimit
	// the requests a client may make per minute (0: 1200, below 0: none).
	Public          ttdn.PublicSite
	Publications    ttdn.PublicationService
	PublicBaseURL   string
	PublicRateLimit int

	// Idempotency keeps the API's Idempotency-Keys (issue 17); APIRateLimit
	// is the requests a token may make per minute (0: 600, below 0: none).
	Idempotency  ttdn.IdempotencyService
	APIRateLimit int

	// Periodic reporting (issue 4); nil leaves its pages out.
	Indicators   ttdn.IndicatorService
	Periods      ttdn.ReportPeriodService
	UnitReports  ttdn.UnitReportService
	Completeness ttdn.CompletenessService
	Consolidated ttdn.ConsolidatedReportService

	// LoadResolver builds the unit-name resolver from the stored directory
	// (sqlstore.LoadResolver).
	LoadResolver func(ctx context.Context) (*directory.Resolver, error)
	// ParsePlan turns an uploaded file into a plan; nil means planparse.Parse.
	ParsePlan func(data []byte, name string, r *directory.Resolver) (*planparse.Result, error)
	// Ping checks the database for /healthz; nil means a one-row unit query.
	Ping func(ctx context.Context) error
	// ReadyInfo, when set, adds lines to /readyz's body (the last backup);
	// they do not change its status.
	ReadyInfo func() string
	// Ready proves a write can commit, for /readyz (sqlstore's CheckWrite);
	// nil leaves /readyz out.
	Ready func(ctx context.Context) error

	// ObserveRequest, when set, is told of every request once answered
	// (the metrics: cmd/ttdn/metrics.go).
	ObserveRequest func(method, route string, status int, d time.Duration)
	// ObserveLoginFailure, when set, is told of every failed log-in step
	// (password, TOTP code, current password).
	ObserveLoginFailure func(step ttdn.LoginStep)
	// Metrics serves /metrics on this server to the networks in
	// MetricsAllow only (others get 404); nil leaves the route out (cmd/ttdn
	// may serve it on a listener of its own instead).
	Metrics      http.Handler
	MetricsAllow []netip.Prefix

	Now    func() time.Time // nil means time.Now
	Logger *slog.Logger     // nil means slog.Default()

	// SecureCookies marks cookies Secure even when TLS ends at a proxy.
	SecureCookies bool
	// TrustedProxies are the reverse proxies whose X-Forwarded-For gives
	// the client's address (client_addr.go); none by default.
	TrustedProxies []netip.Prefix
	// MaxUploadBytes limits plan uploads; 0 means DefaultMaxUploadBytes.
	MaxUploadBytes int64
	// MaxEvidenceBytes limits one progress-update form with its files;
	// 0 means DefaultMaxEvidenceBytes. Each file is then checked against
	// the attachment limit of the settings.
	MaxEvidenceBytes int64

	// CalendarFeeds keeps the users' secret calendar addresses (issue 16);
	// nil leaves the feed out.
	CalendarFeeds ttdn.CalendarFeedService
	// Webhooks are the endpoints told of workflow events; WebhookRules
	// check their URLs (nil: https only, nothing internal).
	Webhooks     ttdn.WebhookService
	WebhookRules *webhook.Rules
	// OIDC is the province's OpenID provider; with SignOn (which maps an
	// identity to an account) it adds single sign-on to the log-in page.
	OIDC   *oidc.Client
	SignOn ttdn.SignOnService
}

// Server is the HTTP server of ttdn. Build it with NewServer and mount
// Handler.
type Server struct {
	cfg   Config
	log   *slog.Logger
	now   func() time.Time
	parse func(data []byte, name string, r *directory.Resolver) (*planparse.Result, error)
	tmpl  *templates
	mux   *routeMux // records its patterns (route_table.go)

	totpReq requirementCache // the admin's TOTP requirement (totp_ui.go)
	badges  workBadges       // the navigation's work counts (home_badge.go)
	limiter *rateLimiter     // API requests per token (api_ratelimit.go)
	prov    provinceCache    // the province served (province_words.go)

	pubTmpl    map[string]*template.Template // the public site's pages (public_pages.go)
	pubCache   publicCache                   // its rendered pages
	pubLimiter *rateLimiter                  // its requests per client
}

// NewServer parses the templates and registers the routes. It panics if the
// embedded templates do not parse: that is a build fault, not a runtime one.
func NewServer(cfg Config) *Server {
	s := &Server{cfg: cfg, log: cfg.Logger, now: cfg.Now, parse: cfg.ParsePlan}
	if s.log == nil {
		s.log = slog.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.parse == nil {
		s.parse = planparse.Parse
	}
	if s.cfg.MaxUploadBytes <= 0 {
		s.cfg.MaxUploadBytes = DefaultMaxUploadBytes
	}
	if s.cfg.MaxEvidenceBytes <= 0 {
		s.cfg.MaxEvidenceBytes = DefaultMaxEvidenceBytes
	}
	s.limiter = newRateLimiter(s.cfg.APIRateLimit, func() time.Time { return s.now() })
	s.tmpl = mustParseTemplates()
	s.pubTmpl = mustParsePublicTemplates()
	s.pubLimiter = newRateLimiter(cmp.Or(s.cfg.PublicRateLimit, DefaultPublicRateLimit), func() time.Time { return s.now() })
	s.mux = newRouteMux()
	s.routes()
	return s
}

// Handler returns the whole application: routes wrapped in the middleware
// every request passes through.
func (s *Server) Handler() http.Handler {
	var h http.Handler = s.mux
	h = s.cleanInput(h)
	h = s.securityHeaders(h)
	h = s.recoverPanics(h)
	h = s.logRequests(h)
	h = s.withClientAddr(h)
	return h
}

// routes registers the two route families: the UI (session + CSRF) and the
// API (bearer token + JSON).
func (s *Server) routes() {
	m := s.mux
	m.Handle("GET /assets/", assetHandler())
	m.HandleFunc("GET /healthz", s.handleHealth)
	if s.cfg.Ready != nil {
		m.HandleFunc("GET /readyz", s.handleReady)
	}
	m.HandleFunc("GET /lang/{lang}", s.handleLang)
	if s.cfg.Metrics != nil {
		m.HandleFunc("GET /metrics", s.handleMetrics)
	}

	ui := func(pattern string, h http.HandlerFunc) { m.Handle(pattern, s.uiMiddleware(h, uiOptions{})) }
	auth := func(pattern string, h http.HandlerFunc) { m.Handle(pattern, s.uiMiddleware(h, uiOptions{auth: true})) }

	ui("GET /login", s.handleLoginForm)
	ui("POST /login", s.handleLogin)
	auth("POST /logout", s.handleLogout)
	auth("GET /{$}", s.handleMyWork)

	auth("GET /plans", s.handlePlanList)
	auth("GET /plans/{id}", s.handlePlanView)
	auth("GET /plans/{id}/edit", s.handlePlanEditForm)
	auth("POST /plans/{id}/edit", s.handlePlanEdit)
	auth("GET /plans/import", s.handleImportForm)
	// The import forms carry a whole plan file: their own limits, and a body
	// over the limit is answered on the upload form.
	m.Handle("POST /plans/import", s.uiMiddleware(s.handleImportPreview,
		uiOptions{auth: true, bodyLimit: s.cfg.MaxUploadBytes + 64<<10, onFormError: s.importFormError}))
	m.Handle("POST /plans/import/confirm", s.uiMiddleware(s.handleImportConfirm,
		uiOptions{auth: true, bodyLimit: s.cfg.MaxUploadBytes*4/3 + 2<<20, onFormError: s.importFormError}))
	auth("GET /tasks/{id}/edit", s.handleTaskEditForm)
	auth("POST /tasks/{id}/edit", s.handleTaskEdit)

	auth("GET /units", s.handleUnitList)
	auth("GET /units/{id}", s.handleUnitView)

	s.executionRoutes(auth)
	s.registerBudgetRoutes(auth)
	s.registerReportingRoutes(auth)
	s.registerPressRoutes(auth)
	s.registerCaseRoutes(auth)
	s.provinceRoutes(auth)
	if s.cfg.Public != nil {
		s.publicRoutes(func(p string, h http.HandlerFunc) { m.Handle(p, h) })
	}
	s.registerPublicationRoutes(auth)

	auth("GET /users", s.handleUserList)
	auth("GET /users/new", s.handleUserNewForm)
	auth("POST /users/new", s.handleUserCreate)
	auth("GET /users/{id}/edit", s.handleUserEditForm)
	auth("POST /users/{id}/edit", s.handleUserEdit)
	auth("POST /users/{id}/password", s.handleUserPassword)
	auth("POST /users/{id}/unlock", s.handleUserUnlock)
	s.accountRoutes(ui, auth)
	s.accountRequestRoutes(auth)
	s.calendarRoutes(auth)
	s.webhookRoutes(auth)
	s.signOnRoutes(ui)
	if s.cfg.Audit != nil {
		auth("GET /audit", s.handleAuditLog)
		auth("POST /audit/checks", s.handleAuditCheck)
	}

	m.Handle("/", s.uiMiddleware(s.handleNotFound, uiOptions{}))
	s.apiRoutes()
}
