package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"regexp"
	"runtime"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"ttdn"
	"ttdn/demo"
	ttdnhttp "ttdn/http"
	"ttdn/sqlstore"
)

// pagesOptions are the flags of `ttdn bench --pages`.
type pagesOptions struct {
	role       ttdn.Role
	username   string // overrides the role's demo user
	n          int    // requests per page
	only       *regexp.Regexp
	cpuProfile string
}

// pageCost is what one page of the route table cost over its requests.
type pageCost struct {
	Pattern  string
	Path     string
	Status   int
	P50, P95 time.Duration
	CPU      time.Duration // process CPU per request (the handler, SQLite; not PostgreSQL's server)
	Allocs   uint64        // heap allocations per request
	Bytes    uint64        // heap bytes allocated per request
	Queries  float64       // statements and transactions per request (sqlstore.Statements)
	DBCPU    time.Duration // PostgreSQL's backends' CPU per request; -1 when not read (bench_dbcpu.go)
	Size     int           // response body
}

// runPagesBench requests every GET page of the route table as one user,
// opt.n times each, one at a time, calling the handler in this process so
// that CPU time and allocations can be charged to the page. Pages are
// listed slowest first, so no slow page hides behind an average.
func runPagesBench(ctx context.Context, db *sqlstore.DB, opt pagesOptions, stdout, stderr io.Writer) error {
	sys := ttdn.NewSystemContext(ctx)
	username := opt.username
	if username == "" {
		username = demo.Username(opt.role)
		if username == "" {
			return ttdn.Errorf(ttdn.EINVALID, "Vai trò %q không có trong dữ liệu mẫu.", "Role %q has no demo user.", opt.role)
		}
	}
	found, _, err := sqlstore.NewUserService(db).FindUsers(sys, ttdn.UserFilter{Username: &username, Limit: 1})
	if err != nil {
		return err
	} else if len(found) == 0 {
		return ttdn.Errorf(ttdn.ENOTFOUND, "Không có người dùng %q (chạy ttdn demo trước).", "No user %q (run ttdn demo first).", username)
	}
	user := found[0]
	cookie, err := benchSession(sys, db, username)
	if err != nil {
		return err
	}
	token, tok, err := sqlstore.NewAuthService(db).CreateToken(sys, user.ID, "bench", time.Hour)
	if err != nil {
		return err
	}
	defer sqlstore.NewAuthService(db).RevokeToken(sys, tok.ID) // the walk's token ends with it
	ids, err := pageRecords(sys, db, user)
	if err != nil {
		return err
	}
	// The bench builds its own handler from the server's configuration, so
	// it can read the route table; the API's per-token limit is lifted.
	var cfg ttdnhttp.Config
	newHTTPServer(db, slog.New(slog.NewTextHandler(io.Discard, nil)), false, nil, nil, func(c *ttdnhttp.Config) {
		c.APIRateLimit = 1 << 30
		cfg = *c
	})
	srv := ttdnhttp.NewServer(cfg)
	h := srv.Handler()
	var patterns []string
	for _, p := range srv.Routes() {
		if benchedPage(p) && (opt.only == nil || opt.only.MatchString(p)) {
			patterns = append(patterns, p)
		}
	}
	if opt.cpuProfile != "" {
		f, err := os.Create(opt.cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	bar := newProgressBar(stderr, fmt.Sprintf("Đo %d trang / measuring pages", len(patterns)))
	var costs []pageCost
	for i, p := range patterns {
		if err := ctx.Err(); err != nil {
			return err
		}
		_, path := ttdnhttp.RoutePath(p, func(c string) string { return ids[c] })
		send := func() *discardWriter {
			r, _ := http.NewRequestWithContext(ctx, http.MethodGet, path, nil)
			r.RemoteAddr = "127.0.0.1:4321"
			r.Header.Set("Cookie", "ttdn_session="+cookie)
			if strings.HasPrefix(path, "/api/") {
				r.Header.Set("Authorization", "Bearer "+token)
			}
			w := &discardWriter{header: http.Header{}}
			h.ServeHTTP(w, r)
			return w
		}
		first := send() // warms caches and prepared statements
		c := measurePage(ctx, db, opt.n, send)
		c.Pattern, c.Path, c.Status, c.Size = p, path, first.status(), first.n
		costs = append(costs, c)
		bar.Update(i+1, len(patterns))
	}
	slices.SortFunc(costs, func(a, b pageCost) int { return int(b.P95 - a.P95) })
	fmt.Fprintf(stdout, "Engine: %s, user: %s (%s), %d requests a page, machine: %s, load average: %s\n",
		db.Engine(), username, user.Role, opt.n, machine(), loadAverage())
	formatPageCosts(stdout, costs)
	return nil
}

// measurePage sends n requests and returns their latency percentiles and
// the process CPU time and heap allocations per request.
func measurePage(ctx context.Context, db *sqlstore.DB, n int, send func() *discardWriter) pageCost {
	var before, after runtime.MemStats
	d := make([]time.Duration, n)
	dbc := startDBCPU(ctx, db)
	runtime.ReadMemStats(&before)
	cpu0, q0 := processCPU(), sqlstore.Statements()
	for i := range d {
		t0 := time.Now()
		send()
		d[i] = time.Since(t0)
	}
	cpu, q := processCPU()-cpu0, sqlstore.Statements()-q0
	dbcpu, ok := dbc.since(ctx)
	if !ok {
		dbcpu = -time.Duration(n)
	}
	runtime.ReadMemStats(&after)
	slices.Sort(d)
	return pageCost{
		P50: d[(n-1)*50/100], P95: d[(n-1)*95/100],
		CPU:     cpu / time.Duration(n),
		Allocs:  (after.Mallocs - before.Mallocs) / uint64(n),
		Bytes:   (after.TotalAlloc - before.TotalAlloc) / uint64(n),
		Queries: float64(q) / float64(n),
		DBCPU:   dbcpu / time.Duration(n),
	}
}

// formatPageCosts prints the table, a Markdown one ready for
// docs/BENCHMARKS.md.
func formatPageCosts(w io.Writer, costs []pageCost) {
	fmt.Fprintln(w, "| page | status | p50 | p95 | CPU/req | SQL/req | DB CPU/req | allocs/req | KB alloc/req | KB sent |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
	for _, c := range costs {
		dbcpu := "–" // SQLite: in CPU/req already
		if c.DBCPU >= 0 {
			dbcpu = fmt.Sprintf("%.1f ms", ms(c.DBCPU))
		}
		fmt.Fprintf(w, "| `%s` | %d | %.1f ms | %.1f ms | %.1f ms | %.0f | %s | %d | %d | %d |\n", c.Pattern, c.Status,
			ms(c.P50), ms(c.P95), ms(c.CPU), c.Queries, dbcpu, c.Allocs, c.Bytes>>10, c.Size>>10)
	}
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// benchedPage reports whether a pattern is a page to measure: every GET
// route but the catch-alls, static files, the language switch, probes and
// file downloads (whose cost is the file's).
func benchedPage(pattern string) bool {
	method, path, _ := strings.Cut(pattern, " ")
	if method != http.MethodGet {
		return false
	}
	switch path {
	case "/", "/api/", "/assets/", "/lang/{lang}", "/healthz", "/readyz", "/metrics", "/logout":
		return false
	}
	return !strings.Contains(path, "{file}")
}

// discardWriter is a ResponseWriter that counts the body and keeps
// nothing, so the measure is the handler's and not a recorder's.
type discardWriter struct {
	header http.Header
	code   int
	n      int
}

func (w *discardWriter) Header() http.Header { return w.header }
func (w *discardWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
}
func (w *discardWriter) Write(b []byte) (int, error) {
	w.WriteHeader(http.StatusOK)
	w.n += len(b)
	return len(b), nil
}
func (w *discardWriter) status() int {
	if w.code == 0 {
		return http.StatusOK
	}
	return w.code
}

// loadAverage is the machine's load average (Linux), to print beside the
// figures: on a shared machine they mean little without it.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

// isFlagSet reports whether name was given on the command line.
func isFlagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
