package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"ttdn"
	"ttdn/demo"
	"ttdn/directory"
	"ttdn/feed"
	ttdnhttp "ttdn/http"
	"ttdn/jobs"
	"ttdn/pressingest"
	"ttdn/sqlstore"
)

func runServe(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var addr *string
	var withDemo, secure *bool
	var allow feedAllow
	db, _, err := openWithFlags(ctx, "serve", args, stderr, func(fs *flag.FlagSet) {
		allow.register(fs)
		addr = fs.String("addr", "localhost:8080", "địa chỉ lắng nghe / listen address")
		withDemo = fs.Bool("demo", false, "nạp dữ liệu mẫu trước khi chạy / load the demo data first")
		secure = fs.Bool("secure-cookies", false, "đánh dấu cookie Secure (khi TLS kết thúc ở proxy) / Secure cookies behind a TLS proxy")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	guard, err := allow.guard()
	if err != nil {
		return err
	}
	// The shipped directory and catalogues are seeded on every start: seeding
	// is idempotent, and a new release may ship units a province lacks.
	sysCtx := ttdn.NewSystemContext(ctx)
	if err := sqlstore.SeedDirectory(sysCtx, db); err != nil {
		return err
	}
	if err := sqlstore.SeedCatalogs(sysCtx, db); err != nil {
		return err
	}
	if err := sqlstore.SeedIndicators(sysCtx, db); err != nil {
		return err
	}
	if *withDemo {
		logins, err := demo.Load(ctx, db)
		if err != nil {
			return err
		}
		printLogins(stdout, logins)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	srv := newHTTPServer(db, log, *secure, guard)
	// Scheduled work (due-soon, overdue and stale notifications, report
	// reminders, the cases' spread and overdue stages, e-mail) runs in
	// every instance: each step is claimed in the database.
	notifier := sqlstore.CaseNotifier{Cases: sqlstore.NewCaseService(db), ReminderNotifier: sqlstore.ReminderNotifier{
		NotificationService: sqlstore.NewNotificationService(db), Reports: sqlstore.NewUnitReportService(db)}}
	sched := &jobs.Scheduler{Notifier: notifier, Settings: sqlstore.NewSettingsService(db), Log: log}
	go sched.Run(ctx)
	// The press monitor fetches due feeds in every instance too: each source
	// is leased in the database before it is fetched.
	if !guard.Empty() {
		log.Info("feeds: intranet hosts allowed", "allow", allow.list())
	}
	feeds, err := newFeedRunner(ctx, db, 4, guard)
	if err != nil {
		return err
	}
	go feeds.Run(ctx)
	fmt.Fprintf(stdout, "ttdn (%s) đang chạy tại / listening on http://%s\n", db.Engine(), ln.Addr())
	return serve(ctx, srv, ln)
}

// newHTTPServer wires the storage services into the web server, with the
// timeouts a server exposed to a network needs.
func newHTTPServer(db *sqlstore.DB, log *slog.Logger, secure bool, guard *feed.Guard) *http.Server {
	s := ttdnhttp.NewServer(ttdnhttp.Config{
		Units:           sqlstore.NewUnitService(db),
		Plans:           sqlstore.NewPlanService(db),
		Tasks:           sqlstore.NewTaskService(db),
		Users:           sqlstore.NewUserService(db),
		Auth:            sqlstore.NewAuthService(db),
		Audit:           sqlstore.NewAuditService(db),
		AccountRequests: sqlstore.NewAccountRequestService(db),
		Accounts:        sqlstore.NewAccountService(db),
		Throttle:        sqlstore.NewLoginThrottle(db),
		Lifecycle:       sqlstore.NewPlanService(db),
		Progress:        sqlstore.NewProgressService(db),
		ProgressCSV:     sqlstore.NewProgressService(db),
		Attachments:     sqlstore.NewAttachmentService(db),
		Activities:      sqlstore.NewActivityService(db),
		Channels:        sqlstore.NewChannelService(db),
		Contacts:        sqlstore.NewContactService(db),
		Themes:          sqlstore.NewThemeService(db),
		Dashboard:       sqlstore.NewDashboardService(db),
		Notifications:   sqlstore.NewNotificationService(db),
		Settings:        sqlstore.NewSettingsService(db),
		Indicators:      sqlstore.NewIndicatorService(db),
		Periods:         sqlstore.NewReportPeriodService(db),
		UnitReports:     sqlstore.NewUnitReportService(db),
		Completeness:    sqlstore.NewCompletenessService(db),
		Consolidated:    sqlstore.NewConsolidatedReportService(db),
		Budgets:         sqlstore.NewBudgetService(db),
		Difficulties:    sqlstore.NewDifficultyService(db),
		Press:           newPressConfig(db, guard),
		Cases:           sqlstore.NewCaseService(db),
		LoadResolver:    func(ctx context.Context) (*directory.Resolver, error) { return sqlstore.LoadResolver(ctx, db) },
		Ping:            db.Ping,
		Logger:          log,
		SecureCookies:   secure,
	})
	return &http.Server{
		Handler:           s.Handler(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       2 * time.Minute, // plan uploads over slow links
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
}

// newPressConfig wires the press monitor's pages: one PressService serves
// them all, the ingest package converts OPML, and the feed guard checks
// the URLs people add as the fetcher does.
func newPressConfig(db *sqlstore.DB, guard *feed.Guard) *ttdnhttp.PressConfig {
	p := sqlstore.NewPressService(db)
	return &ttdnhttp.PressConfig{Sources: p, Articles: p, Watch: p, Reviews: p, Digests: p,
		ReadOPML: pressingest.ReadOPML, WriteOPML: pressingest.WriteOPML, Imports: p, FeedGuard: guard}
}

// serve runs srv until ctx ends, then shuts it down gracefully.
func serve(ctx context.Context, srv *http.Server, ln net.Listener) error {
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return err
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
