package main

import (
	"bufio"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime/debug"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

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
	memLimit := fs.Int("memlimit", 160, "giới hạn mềm bộ nhớ Go (MB), 0: không / Go soft memory limit in MB, 0: none")
	profile := fs.String("cpuprofile", "", "ghi hồ sơ CPU của bước nạp / write a CPU profile of the ingest")
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
	if *dir == "" {
		if *dir, err = os.MkdirTemp("", "ttdn-press-bench-"); err != nil {
			return err
		}
		defer os.RemoveAll(*dir)
	}
	fmt.Fprintf(stdout, "news sample: %d records; ingesting %d items with %d watch terms\n", len(recs), *n, *terms)
	fts, err := benchBareFTS(filepath.Join(*dir, "bare.db"), recs, *n)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "bare FTS5 bulk insert: %.0f items/s\n", fts)
	db, err := sqlstore.Open(ctx, sqlstore.Config{DSN: "sqlite:" + filepath.Join(*dir, "ttdn.db")})
	if err != nil {
		return err
	}
	defer db.Close()
	rate, err := benchIngest(ctx, db, recs, *n, *terms, stderr)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "ttdn ingest: %.0f items/s (%.2f× the bare FTS5 rate)\n", rate, rate/fts)
	fmt.Fprintf(stdout, "peak memory (VmHWM): %d MB\n", peakRSS()>>20)
	return benchSearch(ctx, db, recs, *queries, stdout)
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
func benchIngest(ctx context.Context, db *sqlstore.DB, recs []pressingest.NewsRecord, n, terms int, stderr io.Writer) (float64, error) {
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
	pipe, err := pressingest.New(sys, store, pressingest.Options{})
	if err != nil {
		return 0, err
	}
	bar := newProgressBar(stderr, "ingest")
	start := time.Now()
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
	elapsed := time.Since(start)
	fmt.Fprintf(stderr, "%+v in %s\n", st, elapsed.Round(time.Millisecond))
	return float64(n) / elapsed.Seconds(), nil
}

// benchTerms adds n synthetic terms: word pairs taken from the sample's
// titles, so they match like real place and topic names do.
func benchTerms(ctx context.Context, store *sqlstore.PressService, recs []pressingest.NewsRecord, n int) error {
	seen := map[string]bool{}
	for i := 0; n > 0 && i < len(recs)*4; i++ {
		w := vntext.Words(recs[(i*7919)%len(recs)].Title)
		if len(w) < 4 {
			continue
		}
		k := (i / len(recs)) % (len(w) - 2)
		name := w[k] + " " + w[k+1] + " " + w[k+2]
		if seen[name] {
			continue
		}
		seen[name] = true
		t := &ttdn.WatchTerm{Code: "bench-" + strconv.Itoa(n), Name: name, Kind: "topic", Priority: ttdn.PriorityLow,
			Themes: []string{"du-lich"}, Enabled: true}
		if err := store.CreateWatchTerm(ctx, t); err != nil {
			return err
		}
		n--
	}
	return nil
}

// benchSearch runs queries built from the sample's words (one word, two
// words, a prefix, with and without filters) and prints p50/p95.
func benchSearch(ctx context.Context, db *sqlstore.DB, recs []pressingest.NewsRecord, n int, stdout io.Writer) error {
	sys := ttdn.NewSystemContext(ctx)
	store := sqlstore.NewPressService(db)
	rng := rand.New(rand.NewPCG(7, 9))
	lang, foreign := "vi", false
	var took []time.Duration
	for i := range n {
		w := vntext.Words(recs[rng.IntN(len(recs))].Title)
		if len(w) < 3 {
			continue
		}
		k := rng.IntN(len(w) - 1)
		f := ttdn.ArticleFilter{Query: w[k], Limit: 20}
		switch i % 4 {
		case 1:
			f.Query = w[k] + " " + w[k+1]
		case 2:
			f.Query = w[k] + " " + w[k+1][:max(1, len(w[k+1])-1)] + "*"
			f.Language = &lang
		case 3:
			f.Foreign, f.HitsOnly = &foreign, i%8 == 3
		}
		start := time.Now()
		if _, _, err := store.SearchArticles(sys, f); err != nil {
			return err
		}
		took = append(took, time.Since(start))
	}
	slices.Sort(took)
	pct := func(p float64) time.Duration { return took[int(p*float64(len(took)-1))] }
	fmt.Fprintf(stdout, "search over the ingested items: %d queries, p50 %s, p95 %s, p99 %s, max %s\n", len(took),
		pct(0.5).Round(10*time.Microsecond), pct(0.95).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond),
		took[len(took)-1].Round(10*time.Microsecond))
	return nil
}

// peakRSS returns the process's peak resident memory (VmHWM), or 0.
func peakRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
