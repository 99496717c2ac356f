package http

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/directory"
	"ttdn/metrics"
	"ttdn/oidc"
	"ttdn/planparse"
	"ttdn/seed"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// testPassword is every fixture user's password.
const testPassword = "mat-khau-thu-nghiem-2019"

// fixture is a real Server on a real database seeded with the unit
// directory, users of every role, and (optionally) the 2019 seed plan.
type fixture struct {
	db       *sqlstore.DB
	srv      *Server
	h        http.Handler
	plan     *ttdn.Plan
	users    map[string]*ttdn.User
	sessions map[string]string
	token    string
	units    map[string]*ttdn.Unit
	ids      map[string]int64 // "{name}" in scenario paths, set by each test
}

// Who makes a request: "" is anonymous, "bearer" the API token's user, else
// the logged-in fixture user of that name.
const (
	anon   = ""
	bearer = "bearer"
)

func newServer(db *sqlstore.DB) *Server {
	// Single sign-on is configured against an issuer nobody answers at, so
	// its routes are in the route tables; TestSignOn runs a real provider.
	sso, err := oidc.New(oidc.Config{Issuer: "http://127.0.0.1:1/sso", ClientID: "ttdn", RedirectURL: "http://example.com/login/oidc/callback"})
	if err != nil {
		panic(err)
	}
	return NewServer(Config{
		OIDC: sso, SignOn: sqlstore.NewAuthService(db),
		Units: sqlstore.NewUnitService(db), Plans: sqlstore.NewPlanService(db), Tasks: sqlstore.NewTaskService(db),
		Users: sqlstore.NewUserService(db), Auth: sqlstore.NewAuthService(db), Audit: sqlstore.NewAuditService(db),
		AccountRequests: sqlstore.NewAccountRequestService(db),
		Accounts:        sqlstore.NewAccountService(db), Throttle: sqlstore.NewLoginThrottle(db),
		Lifecycle: sqlstore.NewPlanService(db), Progress: sqlstore.NewProgressService(db), ProgressCSV: sqlstore.NewProgressService(db),
		Attachments: sqlstore.NewAttachmentService(db), Activities: sqlstore.NewActivityService(db),
		Channels: sqlstore.NewChannelService(db), Contacts: sqlstore.NewContactService(db), Themes: sqlstore.NewThemeService(db),
		Dashboard: sqlstore.NewDashboardService(db), Notifications: sqlstore.NewNotificationService(db),
		Settings:   sqlstore.NewSettingsService(db),
		Indicators: sqlstore.NewIndicatorService(db), Periods: sqlstore.NewReportPeriodService(db),
		UnitReports: sqlstore.NewUnitReportService(db), Completeness: sqlstore.NewCompletenessService(db),
		Consolidated: sqlstore.NewConsolidatedReportService(db), Idempotency: sqlstore.NewIdempotencyService(db),
		Press:     newPressConfig(db),
		Cases:     sqlstore.NewCaseService(db),
		Province:  sqlstore.NewProvinceService(db),
		Directory: sqlstore.NewDirectoryService(db),
		Public:    sqlstore.NewPublicSite(db), Publications: sqlstore.NewPublicationService(db),
		CalendarFeeds: sqlstore.NewCalendarFeedService(db),
		Webhooks:      sqlstore.NewWebhookService(db),
		LoadResolver:  func(ctx context.Context) (*directory.Resolver, error) { return sqlstore.LoadResolver(ctx, db) },
		Ready:         db.CheckWrite,
		// /metrics is for the monitoring network only: the fixture's
		// requests (192.0.2.1) are outside it.
		Metrics:      metrics.NewRegistry().Handler(),
		MetricsAllow: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")},
		Now:          func() time.Time { return time.Date(2019, 7, 1, 9, 0, 0, 0, vietnam) },
		Logger:       slog.New(slog.NewTextHandler(io.Discard, nil)),
	})
}

func newFixture(tb testing.TB, db *sqlstore.DB, withPlan bool) *fixture {
	tb.Helper()
	sqltest.MustSeed(tb, db)
	if err := sqlstore.SeedCatalogs(context.Background(), db); err != nil { // themes and channels
		tb.Fatal(err)
	}
	f := &fixture{db: db, srv: newServer(db), users: map[string]*ttdn.User{}, sessions: map[string]string{}, units: map[string]*ttdn.Unit{}}
	f.h = f.srv.Handler()
	for _, code := range []string{"so-tttt", "so-tai-chinh", "so-ngoai-vu", "cong-an", "bdbp"} {
		f.units[code] = sqltest.MustFindUnit(tb, db, code)
	}
	add := func(name string, role ttdn.Role, unit string) {
		u := &ttdn.User{Username: name, Name: "Người dùng " + name, Role: role}
		if unit != "" {
			u.UnitID = f.units[unit].ID
		}
		f.users[name] = sqltest.MustCreateUser(tb, db, u, testPassword)
		f.sessions[name] = sqltest.MustCreateSession(tb, db, u)
	}
	add("admin", ttdn.RoleAdmin, "")
	add("coordinator", ttdn.RoleCoordinator, "so-tttt")
	add("officer", ttdn.RoleUnitOfficer, "cong-an")
	add("finance", ttdn.RoleFinance, "so-tai-chinh")
	raw, _, err := sqlstore.NewAuthService(db).CreateToken(sqltest.SystemContext(), f.users["coordinator"].ID, "test", time.Hour)
	if err != nil {
		tb.Fatal(err)
	}
	f.token = raw
	if withPlan {
		f.plan = mustImportSeed(tb, db)
	}
	return f
}

// mustImportSeed parses the seed plan against the stored directory and
// stores it, as `ttdn import` does.
func mustImportSeed(tb testing.TB, db *sqlstore.DB) *ttdn.Plan {
	tb.Helper()
	r, err := sqlstore.LoadResolver(context.Background(), db)
	if err != nil {
		tb.Fatal(err)
	}
	res, err := planparse.Parse(seed.Plan2019, seed.Plan2019Name, r)
	if err != nil {
		tb.Fatal(err)
	}
	return sqltest.MustCreatePlan(tb, db, res.Plan)
}

// request builds a request as who; POST forms get who's CSRF token unless
// the form already has one (tests of CSRF set it themselves).
func (f *fixture) request(method, path, who string, form url.Values) *http.Request {
	var body io.Reader
	if form != nil {
		if _, ok := form[csrfField]; !ok && who != anon && who != bearer {
			form.Set(csrfField, sessionCSRF(f.sessions[who]))
		}
		body = strings.NewReader(form.Encode())
	}
	r := httptest.NewRequest(method, path, body)
	if form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	switch who {
	case anon:
	case bearer:
		r.Header.Set("Authorization", "Bearer "+f.token)
	default:
		r.AddCookie(&http.Cookie{Name: sessionCookie, Value: f.sessions[who]})
	}
	return r
}

func (f *fixture) do(r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	f.h.ServeHTTP(w, r)
	return w
}

// scenario is one row of an HTTP scenario table.
type scenario struct {
	name     string
	method   string
	path     string // "{plan}", "{task}", "{unit:CODE}" are replaced
	who      string
	form     url.Values
	header   map[string]string
	status   int
	contains []string
	absent   []string
}

func (f *fixture) expand(path string) string {
	if f.plan != nil {
		path = strings.ReplaceAll(path, "{plan}", itoa(f.plan.ID))
		path = strings.ReplaceAll(path, "{task}", itoa(f.plan.Tasks[0].ID))
		for _, t := range f.plan.Tasks {
			path = strings.ReplaceAll(path, "{task:"+t.Ref+"}", itoa(t.ID))
		}
	}
	for code, u := range f.units {
		path = strings.ReplaceAll(path, "{unit:"+code+"}", itoa(u.ID))
	}
	for name, id := range f.ids {
		path = strings.ReplaceAll(path, "{"+name+"}", itoa(id))
	}
	return path
}

func (f *fixture) run(t *testing.T, scenarios []scenario) {
	t.Helper()
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			method := sc.method
			if method == "" {
				method = http.MethodGet
			}
			var form url.Values
			if sc.form != nil {
				form = url.Values{}
				for k, v := range sc.form {
					for _, x := range v {
						form[k] = append(form[k], f.expand(x))
					}
				}
			}
			r := f.request(method, f.expand(sc.path), sc.who, form)
			for k, v := range sc.header {
				r.Header.Set(k, v)
			}
			w := f.do(r)
			body := w.Body.String()
			if w.Code != sc.status {
				t.Fatalf("%s %s as %q: status %d, want %d\n%s", method, sc.path, sc.who, w.Code, sc.status, snippet(body))
			}
			for _, s := range sc.contains {
				if !strings.Contains(body, f.expand(s)) && !strings.Contains(w.Header().Get("Location"), f.expand(s)) {
					t.Errorf("%s %s: response lacks %q\n%s", method, sc.path, s, snippet(body))
				}
			}
			for _, s := range sc.absent {
				if strings.Contains(body, s) {
					t.Errorf("%s %s: response has %q", method, sc.path, s)
				}
			}
		})
	}
}

// snippet shortens a body for a failure message, keeping the banner.
func snippet(body string) string {
	if i := strings.Index(body, `class="banner`); i >= 0 {
		return body[i:min(len(body), i+600)]
	}
	return body[:min(len(body), 1500)]
}
