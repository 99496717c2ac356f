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
	"net/netip"
	"time"

	"ttdn"
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
	var hooks webhookFlags
	var sso signOnFlags
	var proxyFlags []string
	var logFormat, metricsAddr, backupDir *string
	var backupEvery, auditEvery *time.Duration
	var backupKeep *int
	var metricsAllowFlags []string
	var pub publicFlags
	db, flagSet, err := openWithFlags(ctx, "serve", args, stderr, func(fs *flag.FlagSet) {
		allow.register(fs)
		pub.register(fs)
		hooks.register(fs)
		sso.register(fs)
		addr = fs.String("addr", "localhost:8080", "địa chỉ lắng nghe / listen address")
		withDemo = fs.Bool("demo", false, "nạp dữ liệu mẫu trước khi chạy / load the demo data first")
		logFormat = fs.String("log-format", "text", "định dạng nhật ký máy chủ: text hoặc json / server log format: text or json")
		metricsAddr = fs.String("metrics-addr", "", "địa chỉ lắng nghe riêng cho /metrics (Prometheus) / separate listen address for /metrics")
		fs.Func("metrics-allow", "mạng được đọc /metrics (CIDR hoặc IP, lặp lại hoặc cách nhau bằng dấu phẩy) / networks allowed to read /metrics (CIDR or IP, repeatable or comma list)",
			func(v string) error { metricsAllowFlags = append(metricsAllowFlags, v); return nil })
		auditEvery = fs.Duration("audit-check-every", 24*time.Hour, "kiểm tra toàn bộ chuỗi nhật ký định kỳ (0: tắt) / full audit-chain check interval (0: off)")
		backupEvery = fs.Duration("backup-every", 0, "sao lưu trực tuyến định kỳ, ví dụ 24h (0: tắt) / scheduled online backup interval, e.g. 24h (0: off)")
		backupKeep = fs.Int("backup-keep", 14, "số bản sao lưu định kỳ giữ lại / scheduled backups to keep")
		backupDir = fs.String("backup-dir", "", "thư mục sao lưu định kỳ (mặc định DATA/backups với SQLite) / scheduled backup directory (default DATA/backups on SQLite)")
		secure = fs.Bool("secure-cookies", false, "đánh dấu cookie Secure (khi TLS kết thúc ở proxy) / Secure cookies behind a TLS proxy")
		fs.Func("trusted-proxy", "proxy ngược tin cậy (CIDR hoặc IP, lặp lại hoặc cách nhau bằng dấu phẩy): chỉ từ đó mới đọc X-Forwarded-For / trusted reverse proxy (CIDR or IP, repeatable or comma list): X-Forwarded-For is read only from it",
			func(v string) error { proxyFlags = append(proxyFlags, v); return nil })
	})
	if err != nil {
		return err
	}
	defer db.Close()
	log, err := newFormatLogger(stderr, *logFormat)
	if err != nil {
		return err
	}
	guard, err := allow.guard()
	if err != nil {
		return err
	}
	proxies, err := ttdnhttp.ParseTrustedProxies(proxyFlags)
	if err != nil {
		return err
	}
	metricsAllow, err := ttdnhttp.ParsePrefixes("--metrics-allow", metricsAllowFlags)
	if err != nil {
		return err
	}
	met := newServerMetrics(db)
	hookRules, hookRunner, err := hooks.setup(db, log, met)
	if err != nil {
		return err
	}
	ssoClient, err := sso.client(allow.list()...)
	if err != nil {
		return err
	}
	var backups *backupScheduler
	if *backupEvery != 0 {
		if backups, err = newBackupScheduler(db, storeConfigOf(flagSet), *backupEvery, *backupKeep, *backupDir, log, met); err != nil {
			return err
		}
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
		if err := loadDemo(ctx, db, "", stdout, stderr); err != nil {
			return err
		}
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *addr, err)
	}
	srv := newHTTPServer(db, log, *secure, guard, proxies, func(c *ttdnhttp.Config) {
		met.wire(c)
		c.PublicBaseURL = *pub.url
		wireWebhooks(c, hookRules)
		wireSignOn(c, db, ssoClient)
		if backups != nil {
			c.ReadyInfo = backups.status
		}
		// Without a listener of its own, /metrics is on the main one for
		// the allowed networks only; with neither flag, nowhere.
		if *metricsAddr == "" && len(metricsAllow) > 0 {
			c.Metrics, c.MetricsAllow = met.handler(), metricsAllow
		}
	})
	if *metricsAddr != "" {
		mln, err := net.Listen("tcp", *metricsAddr)
		if err != nil {
			return fmt.Errorf("listen on %s: %w", *metricsAddr, err)
		}
		go func() {
			if err := serve(ctx, newMetricsServer(met.handler(), metricsAllow, log), mln); err != nil {
				log.Error("metrics listener", "err", err)
			}
		}()
		fmt.Fprintf(stdout, "ttdn metrics tại / at http://%s/metrics\n", mln.Addr())
	}
	if len(proxies) > 0 {
		log.Info("trusted proxies", "cidr", proxies)
	}
	if err := pub.start(ctx, db, log, *secure, proxies, stdout); err != nil {
		return err
	}
	// Scheduled work (due-soon, overdue and stale notifications, report
	// reminders, the cases' spread and overdue stages, e-mail) runs in
	// every instance: each step is claimed in the database.
	notifier := sqlstore.CaseNotifier{Cases: sqlstore.NewCaseService(db), ReminderNotifier: sqlstore.ReminderNotifier{
		NotificationService: sqlstore.NewNotificationService(db), Reports: sqlstore.NewUnitReportService(db)}}
	sched := &jobs.Scheduler{Notifier: notifier, Settings: sqlstore.NewSettingsService(db), Log: log}
	// The press monitor fetches due feeds in every instance too: each source
	// is leased in the database before it is fetched.
	if !guard.Empty() {
		log.Info("feeds: intranet hosts allowed", "allow", allow.list())
	}
	feeds, err := newFeedRunner(ctx, db, 4, guard)
	if err != nil {
		return err
	}
	met.wireJobs(sched, feeds)
	go sched.Run(ctx)
	go feeds.Run(ctx)
	go hookRunner.Run(ctx)
	if *auditEvery > 0 {
		go runAuditChecks(ctx, db, *auditEvery, log, met.auditCheck)
	}
	if backups != nil {
		log.Info("backup: scheduled", "every", backups.every.String(), "keep", backups.keep, "dir", backups.dir)
		go backups.Run(ctx)
	}
	fmt.Fprintf(stdout, "ttdn (%s) đang chạy tại / listening on http://%s\n", db.Engine(), ln.Addr())
	return serve(ctx, srv, ln)
}

// newHTTPServer wires the storage services into the web server, with the
// timeouts a server exposed to a network needs.
// tune, if given, adjusts the configuration (metrics hooks).
func newHTTPServer(db *sqlstore.DB, log *slog.Logger, secure bool, guard *feed.Guard, proxies []netip.Prefix, tune ...func(*ttdnhttp.Config)) *http.Server {
	cfg := ttdnhttp.Config{
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
		Idempotency:     sqlstore.NewIdempotencyService(db),
		Budgets:         sqlstore.NewBudgetService(db),
		Difficulties:    sqlstore.NewDifficultyService(db),
		Press:           newPressConfig(db, guard),
		Cases:           sqlstore.NewCaseService(db),
		Province:        sqlstore.NewProvinceService(db),
		Directory:       sqlstore.NewDirectoryService(db),
		Public:          sqlstore.NewPublicSite(db),
		Publications:    sqlstore.NewPublicationService(db),
		CalendarFeeds:   sqlstore.NewCalendarFeedService(db),
		Webhooks:        sqlstore.NewWebhookService(db),
		LoadResolver:    func(ctx context.Context) (*directory.Resolver, error) { return sqlstore.LoadResolver(ctx, db) },
		Ping:            db.Ping,
		Ready:           db.CheckWrite,
		Logger:          log,
		SecureCookies:   secure,
		TrustedProxies:  proxies,
	}
	for _, t := range tune {
		t(&cfg)
	}
	s := ttdnhttp.NewServer(cfg)
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

// newMetricsServer serves /metrics alone, on the listener of
// --metrics-addr; with --metrics-allow, to those networks only (the TCP
// peer: no proxy stands in front of a monitoring port).
func newMetricsServer(h http.Handler, allow []netip.Prefix, log *slog.Logger) *http.Server {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /metrics", func(w http.ResponseWriter, r *http.Request) {
		host, _, _ := net.SplitHostPort(r.RemoteAddr)
		if len(allow) > 0 && !ttdnhttp.AddrAllowed(host, allow) {
			http.NotFound(w, r)
			return
		}
		h.ServeHTTP(w, r)
	})
	return &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 16 << 10,
		ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
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
