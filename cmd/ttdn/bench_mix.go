package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"runtime"
	"runtime/pprof"
	"strings"
	"time"

	"ttdn"
	"ttdn/bench"
	"ttdn/sqlstore"
)

// mixOptions are the flags of `ttdn bench --mix`.
type mixOptions struct {
	users     int
	duration  time.Duration
	instances int
	think     time.Duration   // mean pause between a user's requests
	store     sqlstore.Config // where further instances open the database
	// Profiles of the run (files; "" for none): CPU, lock contention and
	// blocking (channels, locks, the connection pools' waits) of the
	// servers and the load generator, which share this process.
	cpuProfile, mutexProfile, blockProfile string
}

// mixActor is what one simulated officer holds.
type mixActor struct {
	unitID int64
	tasks  []int64
}

// runMixBench has opt.users officers of the large demo work at once for
// opt.duration — reading the dashboard, their unit, tasks, activities and
// reports, posting progress updates and logging activities — against
// opt.instances in-process servers on one database, then checks that every
// write a server acknowledged is stored.
func runMixBench(ctx context.Context, db *sqlstore.DB, opt mixOptions, stdout, stderr io.Writer) error {
	if db.Engine() == "sqlite" && opt.instances > 1 {
		// SQLite has one writer per file: several instances are PostgreSQL's job.
		return ttdn.Errorf(ttdn.EINVALID, "SQLite chỉ chạy một phiên bản; dùng PostgreSQL cho --instances > 1.", "SQLite runs one instance; use PostgreSQL for --instances > 1.")
	}
	bases, stop, err := startInstances(ctx, db, opt)
	if err != nil {
		return err
	}
	defer stop()
	client := &http.Client{Timeout: 30 * time.Second,
		Transport:     &http.Transport{MaxIdleConnsPerHost: opt.users, MaxConnsPerHost: opt.users},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	actors, err := mixActors(ctx, db, client, bases, opt.users)
	if err != nil {
		return err
	}
	run := fmt.Sprintf("bench-%d", time.Now().UnixNano())
	fmt.Fprintf(stderr, "Đo %s trên %s, %d phiên bản, %d người dùng / measuring…\n", opt.duration, db.Engine(), len(bases), len(actors))
	stopProfiles, err := startMixProfiles(opt)
	if err != nil {
		return err
	}
	cpu0 := processCPU()
	dbc := startDBCPU(ctx, db)
	wait0, waitOK := runQueueWait()
	wall0 := time.Now()
	res, err := bench.RunMix(ctx, bench.MixConfig{Actors: actors, Steps: mixSteps(run), Duration: opt.duration, Think: opt.think,
		MaxRequests: opt.users * int(opt.duration.Seconds()) * 200}) // a ceiling far above any real rate
	cpu := processCPU() - cpu0
	wait1, _ := runQueueWait()
	wall := time.Since(wall0)
	dbcpu, dbOK := dbc.since(ctx)
	if perr := stopProfiles(); err == nil {
		err = perr
	}
	if err != nil {
		return err
	}
	lost, err := lostWrites(ctx, db, run, res.Acks)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Engine: %s, instances: %d, think time: %s, machine: %s, load average: %s\n",
		db.Engine(), len(bases), opt.think, machine(), loadAverage())
	res.Format(stdout)
	fmt.Fprintf(stdout, "\nacknowledged writes: %d, lost: %d\n", len(res.Acks), lost)
	if res.Requests > 0 && cpu > 0 {
		// The process holds the servers and the simulated users' HTTP
		// clients; on PostgreSQL the database server's work is not in it.
		fmt.Fprintf(stdout, "CPU of this process: %.1f s, %.2f ms per request (servers and load generator; not PostgreSQL's)\n",
			cpu.Seconds(), float64(cpu.Microseconds())/1000/float64(res.Requests))
		// Why not every core: ready threads waiting for one (a busy
		// machine) or none ready (a limit inside the process).
		fmt.Fprintf(stdout, "Cores used: %.2f of %d", cpu.Seconds()/wall.Seconds(), runtime.NumCPU())
		if waitOK {
			fmt.Fprintf(stdout, "; threads ready but waiting for a core: %.2f on average", (wait1-wait0).Seconds()/wall.Seconds())
		}
		fmt.Fprintln(stdout)
	}
	if res.Requests > 0 && dbOK {
		// The other half of a PostgreSQL run's cost: what each request
		// made the database server do (statements, round trips).
		fmt.Fprintf(stdout, "CPU of PostgreSQL's backends for this database: %.1f s, %.2f ms per request, %.2f cores\n",
			dbcpu.Seconds(), float64(dbcpu.Microseconds())/1000/float64(res.Requests), dbcpu.Seconds()/wall.Seconds())
	}
	for _, e := range res.FirstErrors {
		fmt.Fprintln(stdout, "error:", e)
	}
	if res.Total.Errors > 0 || lost > 0 {
		return ttdn.Errorf(ttdn.EINTERNAL, "Có %d yêu cầu lỗi và %d ghi bị mất.", "%d requests failed and %d writes were lost.", res.Total.Errors, lost)
	}
	return nil
}

// startInstances starts the servers on loopback ports, each with its own
// connection pool, as separate processes would have.
func startInstances(ctx context.Context, db *sqlstore.DB, opt mixOptions) ([]string, func(), error) {
	var bases []string
	var closers []func()
	stop := func() {
		for _, c := range closers {
			c()
		}
	}
	for i := range max(opt.instances, 1) {
		idb := db
		if i > 0 {
			var err error
			if idb, err = sqlstore.Open(ctx, opt.store); err != nil {
				stop()
				return nil, nil, err
			}
			closers = append(closers, func() { idb.Close() })
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			stop()
			return nil, nil, err
		}
		srv := newHTTPServer(idb, slog.New(slog.NewTextHandler(io.Discard, nil)), false, nil, nil)
		go srv.Serve(ln)
		closers = append(closers, func() { srv.Close() })
		bases = append(bases, "http://"+ln.Addr().String())
	}
	return bases, stop, nil
}

var csrfRE = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// mixActors logs in n officers of the large demo (sessions made directly: the
// run measures work, not argon2id), spread over the instances, each with
// the tasks its unit leads.
func mixActors(ctx context.Context, db *sqlstore.DB, client *http.Client, bases []string, n int) ([]*bench.Actor, error) {
	sys := ttdn.NewSystemContext(ctx)
	role := ttdn.RoleUnitOfficer
	officers, _, err := sqlstore.NewUserService(db).FindUsers(sys, ttdn.UserFilter{Role: &role, Limit: 1000})
	if err != nil {
		return nil, err
	}
	tasks := sqlstore.NewTaskService(db)
	lead := ttdn.RoleLead
	byUnit := map[int64][]int64{}
	var usable []*ttdn.User
	for _, u := range officers {
		if _, ok := byUnit[u.UnitID]; !ok {
			ts, _, err := tasks.FindTasks(sys, ttdn.TaskFilter{UnitID: &u.UnitID, Role: &lead, Limit: 20})
			if err != nil {
				return nil, err
			}
			for _, t := range ts {
				byUnit[u.UnitID] = append(byUnit[u.UnitID], t.ID)
			}
		}
		if len(byUnit[u.UnitID]) > 0 {
			usable = append(usable, u)
		}
	}
	if len(usable) == 0 {
		return nil, ttdn.Errorf(ttdn.ENOTFOUND, "Không có cán bộ đơn vị có nhiệm vụ (chạy ttdn demo --scale large trước).", "No unit officer with tasks (run ttdn demo --scale large first).")
	}
	auth := sqlstore.NewAuthService(db)
	var actors []*bench.Actor
	for i := range n {
		u := usable[i%len(usable)]
		sess, err := auth.CreateSession(ttdn.NewContextWithUser(sys, u), u.ID)
		if err != nil {
			return nil, err
		}
		a := &bench.Actor{ID: i, BaseURL: bases[i%len(bases)], Client: client,
			Header: http.Header{"Cookie": {"ttdn_session=" + sess.Token}},
			Data:   &mixActor{unitID: u.UnitID, tasks: byUnit[u.UnitID]}}
		body, _, err := mixDo(ctx, a, http.MethodGet, "/account", nil)
		if err != nil {
			return nil, err
		}
		m := csrfRE.FindStringSubmatch(body)
		if m == nil {
			return nil, errors.New("bench: no CSRF token on the account page")
		}
		a.CSRF = m[1]
		actors = append(actors, a)
	}
	return actors, nil
}

// mixDo sends one request as the actor and returns the body and status;
// statuses other than 2xx and 303 are errors.
func mixDo(ctx context.Context, a *bench.Actor, method, path string, form url.Values) (string, int, error) {
	var body io.Reader
	if form != nil {
		form.Set("csrf_token", a.CSRF)
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, a.BaseURL+path, body)
	if err != nil {
		return "", 0, err
	}
	for k, v := range a.Header {
		req.Header[k] = v
	}
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := a.Client.Do(req)
	if err != nil {
		return "", 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil {
		return "", resp.StatusCode, err
	}
	if resp.StatusCode >= 300 && resp.StatusCode != http.StatusSeeOther {
		return string(b), resp.StatusCode, fmt.Errorf("%s %s: status %d", method, path, resp.StatusCode)
	}
	if resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		return "", resp.StatusCode, fmt.Errorf("%s %s: sent to log in", method, path)
	}
	return string(b), resp.StatusCode, nil
}

func machine() string {
	model := runtime.GOARCH
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		if m := regexp.MustCompile(`model name\s*:\s*(.+)`).FindSubmatch(b); m != nil {
			model = string(m[1])
		}
	}
	return fmt.Sprintf("%s, %d CPU, %s/%s, %s", model, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH, runtime.Version())
}

// startMixProfiles starts the profiles opt asks for; the returned function
// stops them and writes the files.
func startMixProfiles(opt mixOptions) (func() error, error) {
	var stops []func() error
	stop := func() error {
		var first error
		for _, s := range stops {
			if err := s(); err != nil && first == nil {
				first = err
			}
		}
		return first
	}
	if opt.cpuProfile != "" {
		f, err := os.Create(opt.cpuProfile)
		if err != nil {
			return nil, err
		}
		if err := pprof.StartCPUProfile(f); err != nil {
			f.Close()
			return nil, err
		}
		stops = append(stops, func() error { pprof.StopCPUProfile(); return f.Close() })
	}
	for _, p := range []struct {
		file, name string
		on, off    func()
	}{
		{opt.mutexProfile, "mutex", func() { runtime.SetMutexProfileFraction(5) }, func() { runtime.SetMutexProfileFraction(0) }},
		{opt.blockProfile, "block", func() { runtime.SetBlockProfileRate(int(time.Microsecond)) }, func() { runtime.SetBlockProfileRate(0) }},
	} {
		if p.file == "" {
			continue
		}
		p.on()
		stops = append(stops, func() error {
			p.off()
			f, err := os.Create(p.file)
			if err != nil {
				return err
			}
			if err := pprof.Lookup(p.name).WriteTo(f, 0); err != nil {
				f.Close()
				return err
			}
			return f.Close()
		})
	}
	return stop, nil
}
