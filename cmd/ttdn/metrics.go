package main

import (
	"context"
	"database/sql"
	"net/http"
	"strconv"
	"time"

	"ttdn"
	ttdnhttp "ttdn/http"
	"ttdn/jobs"
	"ttdn/metrics"
	"ttdn/sqlstore"
)

// serverMetrics are what `ttdn serve` exposes on /metrics: requests,
// log-ins, the database pools, the scheduled jobs, press ingest, backups
// and the Go runtime. Counters are per process; Prometheus sums the
// instances.
type serverMetrics struct {
	reg           *metrics.Registry
	requests      *metrics.Counter
	latency       *metrics.Histogram
	loginFailures *metrics.Counter
	jobRuns       *metrics.Counter
	jobLastOK     *metrics.Gauge
	jobDuration   *metrics.Histogram
	feedLag       *metrics.Histogram
	pressItems    *metrics.Counter
	backupLastOK  *metrics.Gauge
	backupRuns    *metrics.Counter
	auditCheck    func(err error, d time.Duration) // the daily full check of the audit chain
}

func newServerMetrics(db *sqlstore.DB) *serverMetrics {
	r := metrics.NewRegistry()
	m := &serverMetrics{reg: r}
	m.requests = r.Counter("ttdn_http_requests_total", "HTTP requests answered, by method, route pattern and status.", "method", "route", "status")
	m.latency = r.Histogram("ttdn_http_request_duration_seconds", "Time to answer HTTP requests, by route pattern and status.", metrics.DefaultBuckets, "route", "status")
	m.loginFailures = r.Counter("ttdn_login_failures_total", "Failed log-in steps (password, totp, current_password).", "step")
	m.jobRuns = r.Counter("ttdn_job_runs_total", "Runs of scheduled jobs (notifications, feed_poll, audit_check), by result (success, failure).", "job", "result")
	m.jobLastOK = r.Gauge("ttdn_job_last_success_timestamp_seconds", "When a scheduled job last succeeded (Unix time).", "job")
	m.jobDuration = r.Histogram("ttdn_job_duration_seconds", "Time a scheduled job's run took.", []float64{0.01, 0.1, 0.5, 1, 5, 15, 60, 300}, "job")
	m.feedLag = r.Histogram("ttdn_feed_poll_lag_seconds", "How long after it was due a feed poll started.", []float64{1, 5, 15, 60, 300, 900, 3600})
	m.pressItems = r.Counter("ttdn_press_items_ingested_total", "New press items stored, by source (feed).", "source")
	m.backupRuns = r.Counter("ttdn_backup_runs_total", "Scheduled backups, by result (success, failure).", "result")
	m.backupLastOK = r.Gauge("ttdn_backup_last_success_timestamp_seconds", "When the last scheduled backup succeeded (Unix time).")

	r.Collect("ttdn_db_open_connections", "Open database connections, by pool.", "gauge", poolStat(db, func(s sql.DBStats) float64 { return float64(s.OpenConnections) }))
	r.Collect("ttdn_db_in_use_connections", "Database connections in use, by pool.", "gauge", poolStat(db, func(s sql.DBStats) float64 { return float64(s.InUse) }))
	r.Collect("ttdn_db_idle_connections", "Idle database connections, by pool.", "gauge", poolStat(db, func(s sql.DBStats) float64 { return float64(s.Idle) }))
	r.Collect("ttdn_db_max_open_connections", "Maximum open database connections, by pool.", "gauge", poolStat(db, func(s sql.DBStats) float64 { return float64(s.MaxOpenConnections) }))
	r.Collect("ttdn_db_wait_count_total", "Times a query waited for a free connection, by pool.", "counter", poolStat(db, func(s sql.DBStats) float64 { return float64(s.WaitCount) }))
	r.Collect("ttdn_db_wait_duration_seconds_total", "Time spent waiting for a free connection, by pool.", "counter", poolStat(db, func(s sql.DBStats) float64 { return s.WaitDuration.Seconds() }))
	r.Collect("ttdn_sessions_active", "Log-in sessions neither expired nor idle (all instances).", "gauge", func(ctx context.Context) ([]metrics.Sample, error) {
		n, err := db.CountActiveSessions(ctx)
		return []metrics.Sample{{Value: float64(n)}}, err
	})
	r.Collect("ttdn_build_info", "The running build (ttdn version).", "gauge", func(context.Context) ([]metrics.Sample, error) {
		b := buildInfo()
		return []metrics.Sample{{Labels: []string{"version", b.Version, "commit", b.Commit, "goversion", b.Go}, Value: 1}}, nil
	})
	audit := sqlstore.NewAuditService(db)
	r.Collect("ttdn_audit_chain_intact", "1 when the newest sealed check of the audit chain found it intact, 0 when it found it tampered with (no sample before the first check).", "gauge", func(ctx context.Context) ([]metrics.Sample, error) {
		st, err := audit.AuditCheckStatus(ttdn.NewSystemContext(ctx))
		if err != nil || st.Last == nil || st.Last.Result == nil {
			return nil, err
		}
		v := 0.0
		if st.Last.Result.Intact {
			v = 1
		}
		return []metrics.Sample{{Value: v}}, nil
	})
	r.RegisterRuntime()
	return m
}

func poolStat(db *sqlstore.DB, f func(sql.DBStats) float64) func(context.Context) ([]metrics.Sample, error) {
	return func(context.Context) ([]metrics.Sample, error) {
		var out []metrics.Sample
		for _, name := range []string{"main", "write", "read"} {
			if s, ok := db.PoolStats()[name]; ok {
				out = append(out, metrics.Sample{Labels: []string{"pool", name}, Value: f(s)})
			}
		}
		return out, nil
	}
}

// wire connects the metrics to the web server, the scheduler and the feed
// runner.
func (m *serverMetrics) wire(cfg *ttdnhttp.Config) {
	cfg.ObserveRequest = func(method, route string, status int, d time.Duration) {
		st := strconv.Itoa(status)
		m.requests.Inc(method, route, st)
		m.latency.Observe(d.Seconds(), route, st)
	}
	cfg.ObserveLoginFailure = func(step ttdn.LoginStep) { m.loginFailures.Inc(string(step)) }
}

func (m *serverMetrics) observeJob(job string) func(err error, d time.Duration) {
	return func(err error, d time.Duration) {
		m.jobDuration.Observe(d.Seconds(), job)
		if err != nil {
			m.jobRuns.Inc(job, "failure")
			return
		}
		m.jobRuns.Inc(job, "success")
		m.jobLastOK.Set(float64(time.Now().Unix()), job)
	}
}

func (m *serverMetrics) wireJobs(s *jobs.Scheduler, f *jobs.FeedRunner) {
	s.Observe = m.observeJob("notifications")
	m.auditCheck = m.observeJob("audit_check")
	f.OnFetch = func(ok bool, newItems int, lag time.Duration) {
		result := "success"
		if !ok {
			result = "failure"
		}
		m.jobRuns.Inc("feed_poll", result)
		if ok {
			m.jobLastOK.Set(float64(time.Now().Unix()), "feed_poll")
		}
		m.feedLag.Observe(lag.Seconds())
		if newItems > 0 {
			m.pressItems.Add(float64(newItems), "feed")
		}
	}
}

// handler serves the metrics, to allowed networks only when allow is set.
func (m *serverMetrics) handler() http.Handler { return m.reg.Handler() }
