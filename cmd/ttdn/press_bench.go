package main

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode"
	"unicode/utf8"

	"ttdn"
	"ttdn/pressingest"
	"ttdn/sqlstore"
	"ttdn/vntext"
	"ttdn/watch"
)

// pressBench measures ingestion and search on a fresh SQLite database: the
// news sample replicated to --items items (timestamps shifted a fortnight
// per replica, URLs and titles varied, so every replica is new), a
// watchlist of --terms terms, the ratio to a bare FTS5 bulk insert of the
// same texts, peak memory, and search latency over the result.
func pressBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("press bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	n := fs.Int("items", 1_000_000, "số tin bài / items to ingest")
	terms := fs.Int("terms", 1000, "số từ khóa theo dõi / watch terms")
	news := fs.String("news", "../shared/testdata/news", "thư mục tin mẫu / news sample folder")
	dir := fs.String("dir", "", "thư mục tạm (mặc định: tạo mới) / scratch folder")
	queries := fs.Int("queries", 500, "số truy vấn tìm kiếm / search queries")
	memLimit := fs.Int("memlimit", defaultMemoryLimit>>20, "giới hạn mềm bộ nhớ Go (MB), 0: không / Go soft memory limit in MB, 0: none")
	dsn := fs.String("dsn", "", "cơ sở dữ liệu trống thay cho SQLite / an empty database instead of SQLite")
	window := fs.Int("window", 0, "số tin bài gần nhất để nhóm câu chuyện (0: mặc định) / story grouping window in items (0: default)")
	batch := fs.Int("batch", 0, "số tin mỗi giao dịch (0: mặc định) / items per transaction (0: default)")
	profile := fs.String("cpuprofile", "", "ghi hồ sơ CPU của bước nạp / write a CPU profile of the ingest")
	memProfile := fs.String("memprofile", "", "ghi hồ sơ bộ nhớ (heap) sau bước nạp / write a heap profile after the ingest")
	searchProfile := fs.String("searchprofile", "", "ghi hồ sơ CPU của bước tìm kiếm / write a CPU profile of the search")
	searchOnly := fs.Bool("search-only", false, "chỉ đo tìm kiếm trên cơ sở dữ liệu đã nạp (--dir hoặc --dsn) / only search an already ingested database (--dir or --dsn)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *memLimit > 0 {
		// The server would run with GOMEMLIMIT too: without it the Go heap
		// grows to twice what is live before collecting.
		debug.SetMemoryLimit(int64(*memLimit) << 20)
	}
	if *profile != "" {
		f, err := os.Create(*profile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	recs, err := readNewsDir(*news)
	if err != nil {
		return err
	}
	if *searchOnly && *dir == "" && *dsn == "" {
		return ttdn.Errorf(ttdn.EINVALID, "--search-only cần --dir hoặc --dsn.", "--search-only needs --dir or --dsn.")
	}
	if *dir == "" {
		if *dir, err = os.MkdirTemp("", "ttdn-press-bench-"); err != nil {
			return err
		}
		defer os.RemoveAll(*dir)
	}
	fts, dbDSN := 0.0, "sqlite:"+filepath.Join(*dir, "ttdn.db")
	if *searchOnly {
		// Measure the search again (after a change) without ingesting again.
		if *dsn != "" {
			dbDSN = *dsn
		}
		db, err := sqlstore.Open(ctx, sqlstore.Config{DSN: dbDSN})
		if err != nil {
			return err
		}
		defer db.Close()
		return benchSearchProfiled(ctx, db, dbDSN, recs, *queries, *searchProfile, stdout)
	}
	fmt.Fprintf(stdout, "news sample: %d records; ingesting %d items with %d watch terms\n", len(recs), *n, *terms)
	if *dsn != "" {
		// Another engine (an empty PostgreSQL database): no bare FTS5 run.
		dbDSN = *dsn
	} else if fts, err = benchBareFTS(filepath.Join(*dir, "bare.db"), recs, *n); err != nil {
		return err
	} else {
		fmt.Fprintf(stdout, "bare FTS5 bulk insert: %.0f items/s\n", fts)
	}
	db, err := sqlstore.Open(ctx, sqlstore.Config{DSN: dbDSN})
	if err != nil {
		return err
	}
	defer db.Close()
	rate, err := benchIngest(ctx, db, recs, *n, *terms, pressingest.Options{BatchSize: *batch, Window: *window}, *memProfile, stdout, stderr)
	if err != nil {
		return err
	}
	if fts > 0 {
		fmt.Fprintf(stdout, "ttdn ingest: %.0f items/s (%.2f× the bare FTS5 rate)\n", rate, rate/fts)
	} else {
		fmt.Fprintf(stdout, "ttdn ingest: %.0f items/s\n", rate)
	}
	fmt.Fprintf(stdout, "memory after ingest: %s\n", memStatus("VmHWM", "VmRSS", "RssAnon", "RssFile"))
	// A bulk load leaves PostgreSQL without statistics until autovacuum
	// runs (off on some servers): measure the search a running server sees.
	if err := db.AnalyzePress(ctx); err != nil {
		return err
	}
	if err := benchSearchProfiled(ctx, db, dbDSN, recs, *queries, *searchProfile, stdout); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "memory after search: %s\n", memStatus("VmHWM", "VmRSS", "RssAnon", "RssFile"))
	return nil
}

func readNewsDir(dir string) ([]pressingest.NewsRecord, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil || len(files) == 0 {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Không thấy tin mẫu trong %s.", "No news sample in %s.", dir)
	}
	slices.Sort(files)
	var recs []pressingest.NewsRecord
	for _, f := range files {
		r, err := pressingest.ReadNewsFile(f)
		if err != nil {
			return nil, err
		}
		recs = append(recs, r...)
	}
	return recs, nil
}

// replica returns item i of the replicated sample: replica r = i / len
// shifted r fortnights, its link and title varied.
func replica(recs []pressingest.NewsRecord, i int, sourceID int64) pressingest.Item {
	r := i / len(recs)
	it := recs[i%len(recs)].Item(sourceID)
	if r > 0 {
		shift := time.Duration(r) * 14 * 24 * time.Hour
		it.Published, it.Fetched = it.Published.Add(shift), it.Fetched.Add(shift)
		it.Link += "?replica=" + strconv.Itoa(r)
		it.Title += " (" + strconv.Itoa(r) + ")"
	}
	return it
}

// benchBareFTS inserts the same texts into a bare FTS5 table, in batches of
// 2,000 per transaction, and returns items per second.
func benchBareFTS(path string, recs []pressingest.NewsRecord, n int) (float64, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.Exec(`CREATE VIRTUAL TABLE t USING fts5(title, summary)`); err != nil {
		return 0, err
	}
	start := time.Now()
	for i := 0; i < n; i += 2000 {
		tx, err := db.Begin()
		if err != nil {
			return 0, err
		}
		st, err := tx.Prepare(`INSERT INTO t (title, summary) VALUES (?, ?)`)
		if err != nil {
			return 0, err
		}
		for j := i; j < min(i+2000, n); j++ {
			it := replica(recs, j, 0)
			if _, err := st.Exec(it.Title, it.Summary); err != nil {
				return 0, err
			}
		}
		st.Close()
		if err := tx.Commit(); err != nil {
			return 0, err
		}
	}
	return float64(n) / time.Since(start).Seconds(), nil
}

// benchIngest seeds the watchlist and ingests n items; it returns items/s.
func benchIngest(ctx context.Context, db *sqlstore.DB, recs []pressingest.NewsRecord, n, terms int, opt pressingest.Options, memProfile string, stdout, stderr io.Writer) (float64, error) {
	sys := ttdn.NewSystemContext(ctx)
	store := sqlstore.NewPressService(db)
	if err := sqlstore.SeedWatchTerms(sys, db); err != nil {
		return 0, err
	}
	if err := benchTerms(sys, store, recs, terms-len(watch.Default)); err != nil {
		return 0, err
	}
	ids := map[string]int64{}
	for _, r := range recs {
		if _, ok := ids[r.Source]; !ok {
			src, err := store.OfflineSource(sys, r.Source, false)
			if err != nil {
				return 0, err
			}
			ids[r.Source] = src.ID
		}
	}
	pipe, err := pressingest.New(sys, store, opt)
	if err != nil {
		return 0, err
	}
	bar := newProgressBar(stderr, "ingest")
	start, cpu0, gc0 := time.Now(), cpuTime(), gcStats()
	st, err := pipe.Ingest(sys, func(yield func(pressingest.Item) bool) {
		for i := range n {
			if !yield(replica(recs, i, ids[recs[i%len(recs)].Source])) {
				return
			}
		}
	}, func(done int) { bar.Update(done, n) })
	if err != nil {
		return 0, err
	}
	elapsed, cpu := time.Since(start), cpuTime()-cpu0
	// CPU time is what the ingest costs whatever else runs on the machine;
	// wall time depends on the share of the cores it got.
	fmt.Fprintf(stdout, "ingest CPU: %.1f s user+sys over %.1f s wall (%.2f cores); %.0f items per CPU-second\n",
		cpu.Seconds(), elapsed.Seconds(), cpu.Seconds()/elapsed.Seconds(), float64(n)/cpu.Seconds())
	gc := gcStats()
	fmt.Fprintf(stdout, "garbage collector: %d cycles, %.1f s CPU (%.0f %% of the ingest's CPU)\n",
		gc.cycles-gc0.cycles, gc.cpu-gc0.cpu, 100*(gc.cpu-gc0.cpu)/cpu.Seconds())
	fmt.Fprintf(stderr, "%+v in %s\n", st, elapsed.Round(time.Millisecond))
	fmt.Fprintf(stderr, "stored articles with a watchlist hit: %.1f %%\n", 100*float64(st.Hits)/float64(max(1, st.Stored)))
	if memProfile != "" { // while the pipeline (its story window) is alive
		if err := writeHeapProfile(memProfile); err != nil {
			return 0, err
		}
		runtime.KeepAlive(pipe)
	}
	return float64(n) / elapsed.Seconds(), nil
}

// benchTerms adds n watch terms shaped like a province's real watchlist:
// names of places, organisations and people (capitalised 2–3-word runs of
// the sample's titles) of which most are rare — 200 found in one item of
// the sample, 100 in 2–9, 10 in 10–30 — and the rest names that never occur
// (two capitalised words of different titles joined, like the communes of
// a province the national press rarely mentions). A real watchlist hits a
// few per cent of items; the bench prints the share it got.
func benchTerms(ctx context.Context, store *sqlstore.PressService, recs []pressingest.NewsRecord, n int) error {
	names, keys := map[string]string{}, []string{} // folded → first spelling
	for _, r := range recs {
		for _, name := range capitalisedRuns(r.Title) {
			if key := strings.Join(vntext.Words(name), " "); key != "" && names[key] == "" {
				names[key], keys = name, append(keys, key)
			}
		}
	}
	df, grams := map[string]int{}, map[string]bool{} // items containing a name; every folded word pair
	for _, r := range recs {
		w := vntext.Words(r.Title + " \n " + r.Summary)
		seen := map[string]bool{}
		for i := range w {
			for j := i + 2; j <= min(i+3, len(w)); j++ {
				g := strings.Join(w[i:j], " ")
				if j == i+2 {
					grams[g] = true
				}
				if _, ok := names[g]; ok && !seen[g] {
					seen[g] = true
					df[g]++
				}
			}
		}
	}
	bucket := func(d int) int {
		switch {
		case d == 1:
			return 1
		case d < 10:
			return 2
		case d <= 30:
			return 10
		}
		return 0
	}
	quota := map[int]int{1: 200, 2: 100, 10: 10} // df bucket → terms
	var picked []string
	for _, key := range keys {
		if b := bucket(df[key]); quota[b] > 0 && len(picked) < n {
			quota[b]--
			picked = append(picked, names[key])
		}
	}
	taken := map[string]bool{}
	for i := 0; len(picked) < n && i < len(keys)*4; i++ {
		a, b := strings.Fields(names[keys[(i*7919)%len(keys)]]), strings.Fields(names[keys[(i*104729+13)%len(keys)]])
		name := a[0] + " " + b[len(b)-1]
		key := strings.Join(vntext.Words(name), " ")
		if taken[key] || grams[key] || names[key] != "" {
			continue
		}
		picked, taken[key] = append(picked, name), true
	}
	for i, name := range picked {
		t := &ttdn.WatchTerm{Code: "bench-" + strconv.Itoa(i), Name: name, Kind: "entity", Priority: ttdn.PriorityLow,
			Themes: []string{"du-lich"}, Enabled: true}
		if err := store.CreateWatchTerm(ctx, t); err != nil {
			return err
		}
	}
	return nil
}

// capitalisedRuns returns the runs of 2–3 capitalised words of a title
// that do not start it (a title's first word is capitalised anyway).
func capitalisedRuns(title string) []string {
	words := strings.FieldsFunc(title, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-'
	})
	var out []string
	for i := 1; i < len(words); {
		j := i
		for j < len(words) && j-i < 3 && startsUpper(words[j]) {
			j++
		}
		if j-i >= 2 {
			out = append(out, strings.Join(words[i:j], " "))
		}
		i = max(j, i+1)
	}
	return out
}

func startsUpper(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return unicode.IsUpper(r)
}

// writeHeapProfile writes the live heap (after a collection) to path.
func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// benchSearchProfiled runs benchSearch, writing a CPU profile of it to
// path when one is given.
func benchSearchProfiled(ctx context.Context, db *sqlstore.DB, dsn string, recs []pressingest.NewsRecord, n int, path string, stdout io.Writer) error {
	if path != "" {
		f, err := os.Create(path)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	return benchSearch(ctx, db, dsn, recs, n, stdout)
}

// benchSearch runs a realistic mix of queries built from the sample's
// words — one word, two words, a prefix with a language filter, a word
// among domestic outlets, a word among hits — and prints p50/p95/p99
// overall and per kind, with the CPU per search of this process and, for
// a PostgreSQL server on this machine, of the server.
func benchSearch(ctx context.Context, db *sqlstore.DB, dsn string, recs []pressingest.NewsRecord, n int, stdout io.Writer) error {
	sys := ttdn.NewSystemContext(ctx)
	store := sqlstore.NewPressService(db)
	rng := rand.New(rand.NewPCG(7, 9))
	lang, foreign := "vi", false
	kinds := []string{"one word", "two words", "prefix + language", "word + domestic", "word + hits only", "quoted phrase"}
	var took []time.Duration
	byKind := make([][]time.Duration, len(kinds))
	// CPU this process spent per search (with SQLite, the whole search;
	// with PostgreSQL, the server's share is not in it): on a shared
	// machine the latencies move with the load, the CPU much less.
	cpuKind := make([]time.Duration, len(kinds))
	cpuAll := cpuTime()
	var server *serverCPU
	if db.Engine() == sqlstore.EnginePostgres {
		if server = newServerCPU(ctx, dsn); server != nil {
			defer server.Close()
		}
	}
	serverKind, serverAll := make([]time.Duration, len(kinds)), time.Duration(0)
	for i := range n {
		w := vntext.Words(recs[rng.IntN(len(recs))].Title)
		if len(w) < 3 {
			continue
		}
		k := rng.IntN(len(w) - 1)
		f := ttdn.ArticleFilter{Query: w[k], Limit: 20}
		kind := i % 4
		switch kind {
		case 1:
			f.Query = w[k] + " " + w[k+1]
		case 2:
			// What a person types: the start of a word, at least three
			// letters ("tây nin*"); a one-letter prefix ("n*") merges
			// the postings of thousands of words.
			f.Query = w[k] + " " + w[k+1]
			if len(w[k+1]) >= 4 {
				f.Query = w[k] + " " + w[k+1][:len(w[k+1])-1] + "*"
			}
			f.Language = &lang
		case 3:
			f.Foreign, f.HitsOnly = &foreign, i%8 == 3
			if f.HitsOnly {
				kind = 4
			}
		}
		if i%10 == 9 { // a phrase as a person types it, with diacritics
			if t := strings.Fields(recs[rng.IntN(len(recs))].Title); len(t) >= 3 {
				f, kind = ttdn.ArticleFilter{Query: `"` + t[1] + " " + t[2] + `"`, Limit: 20}, 5
			}
		}
		var server0 time.Duration
		if server != nil {
			server0 = server.start(ctx)
		}
		start, cpu0 := time.Now(), cpuTime()
		if _, _, err := store.SearchArticles(sys, f); err != nil {
			return err
		}
		d := time.Since(start)
		cpuKind[kind] += cpuTime() - cpu0
		if server != nil {
			used := server.now() - server0
			serverKind[kind], serverAll = serverKind[kind]+used, serverAll+used
		}
		took, byKind[kind] = append(took, d), append(byKind[kind], d)
	}
	perSearch := func(cpu time.Duration, n int) time.Duration {
		return (cpu / time.Duration(max(n, 1))).Round(10 * time.Microsecond)
	}
	// The bench's CPU is read after the loop: it includes the reads of the
	// server's CPU.
	fmt.Fprintf(stdout, "search over the ingested items: %d queries, %s; CPU %s per search%s\n", len(took), percentiles(took),
		perSearch(cpuTime()-cpuAll, len(took)), serverNote(serverAll, len(took), server != nil))
	for i, k := range kinds {
		fmt.Fprintf(stdout, "  %-18s %3d queries, %s; CPU %s%s\n", k+":", len(byKind[i]), percentiles(byKind[i]),
			perSearch(cpuKind[i], len(byKind[i])), serverNote(serverKind[i], len(byKind[i]), server != nil))
	}
	return nil
}

// percentiles sorts took and describes its p50, p95, p99 and maximum.
func percentiles(took []time.Duration) string {
	if len(took) == 0 {
		return "none"
	}
	slices.Sort(took)
	pct := func(p float64) time.Duration { return took[int(p*float64(len(took)-1))].Round(10 * time.Microsecond) }
	return fmt.Sprintf("p50 %s, p95 %s, p99 %s, max %s", pct(0.5), pct(0.95), pct(0.99), pct(1))
}

// gcCounters are the garbage collector's cycles and CPU seconds so far.
type gcCounters struct {
	cycles uint64
	cpu    float64
}

func gcStats() gcCounters {
	m := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}, {Name: "/cpu/classes/gc/total:cpu-seconds"}}
	metrics.Read(m)
	return gcCounters{cycles: m[0].Value.Uint64(), cpu: m[1].Value.Float64()}
}

// cpuTime returns the user and system CPU time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// memStatus returns the named /proc/self/status fields (kB values) as
// "VmHWM 300 MB, …".
func memStatus(fields ...string) string {
	b, _ := os.ReadFile("/proc/self/status")
	var out []string
	for _, line := range strings.Split(string(b), "\n") {
		name, rest, ok := strings.Cut(line, ":")
		if ok && slices.Contains(fields, name) {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			out = append(out, fmt.Sprintf("%s %d MB", name, kb>>10))
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	out = append(out, fmt.Sprintf("Go heap in use %d MB, Go total %d MB", ms.HeapInuse>>20, (ms.Sys-ms.HeapReleased)>>20))
	return strings.Join(out, ", ")
}
