package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"text/tabwriter"
	"time"

	"ttdn"
	"ttdn/feed"
	"ttdn/jobs"
	"ttdn/pressingest"
	"ttdn/sqlstore"
)

// runFeed manages the press monitor's sources: add, list, refresh (fetch
// every due source once), run (keep fetching), import-opml, export-opml.
func runFeed(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return feedUsage()
	}
	sub, rest := args[0], args[1:]
	switch sub {
	case "add":
		return feedAdd(ctx, rest, stdout, stderr)
	case "list":
		return feedList(ctx, rest, stdout, stderr)
	case "refresh":
		return feedRefresh(ctx, rest, stdout, stderr, false)
	case "run":
		return feedRefresh(ctx, rest, stdout, stderr, true)
	case "import-opml":
		return feedImport(ctx, rest, stdout, stderr)
	case "export-opml":
		return feedExport(ctx, rest, stdout, stderr)
	}
	return feedUsage()
}

func feedUsage() error {
	return ttdn.Errorf(ttdn.EINVALID,
		"Cách dùng: ttdn feed add URL [--name TÊN] [--country VN] [--lang vi] [--foreign] | list | refresh | run | import-opml TỆP | export-opml [TỆP]; add, refresh, run, import-opml nhận --feed-allow-host",
		"Usage: ttdn feed add URL [--name NAME] [--country VN] [--lang vi] [--foreign] | list | refresh | run | import-opml FILE | export-opml [FILE]; add, refresh, run, import-opml take --feed-allow-host")
}

// splitArgs separates flags from positional arguments, so flags may follow
// them ("feed add URL --name X"); bools names the flags that take no value.
func splitArgs(args []string, bools ...string) (flags, positional []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		if !strings.HasPrefix(a, "-") || a == "-" {
			positional = append(positional, a)
			continue
		}
		flags = append(flags, a)
		name := strings.TrimLeft(a, "-")
		if strings.Contains(name, "=") || contains(bools, name) {
			continue
		}
		if i+1 < len(args) {
			flags = append(flags, args[i+1])
			i++
		}
	}
	return flags, positional
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

func feedAdd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags, pos := splitArgs(args, "foreign")
	src := &ttdn.Source{Enabled: true}
	var allow feedAllow
	db, _, err := openWithFlags(ctx, "feed add", flags, stderr, func(fs *flag.FlagSet) {
		allow.register(fs)
		fs.StringVar(&src.Name, "name", "", "tên nguồn tin / source name")
		fs.StringVar(&src.Outlet, "outlet", "", "cơ quan báo chí / outlet")
		fs.StringVar(&src.Country, "country", "VN", "quốc gia (ISO) / country")
		fs.StringVar(&src.Language, "lang", "vi", "ngôn ngữ / language")
		fs.BoolVar(&src.Foreign, "foreign", false, "báo chí nước ngoài / foreign press")
		fs.IntVar(&src.PollMinutes, "every", 0, "chu kỳ lấy tin (phút), 0: tự điều chỉnh / polling minutes, 0: adaptive")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	if len(pos) != 1 {
		return feedUsage()
	}
	src.FeedURL = pos[0]
	if src.Name == "" {
		src.Name = src.FeedURL
	}
	guard, err := allow.guard()
	if err != nil {
		return err
	} else if err := guard.CheckURL(ctx, src.FeedURL); err != nil {
		return err
	}
	if err := sqlstore.NewPressService(db).CreateSource(ttdn.NewSystemContext(ctx), src); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Đã thêm nguồn tin #%d %s (%s) / source added\n", src.ID, src.Name, src.FeedURL)
	return nil
}

func feedList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	db, _, err := openWithFlags(ctx, "feed list", args, stderr, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	list, _, err := sqlstore.NewPressService(db).FindSources(ttdn.NewSystemContext(ctx), ttdn.SourceFilter{})
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tTÊN / NAME\tNƯỚC\tNGỮ\tBẬT\tTIN\tLẦN TỚI / NEXT\tLỖI / ERROR")
	for _, s := range list {
		next := "-"
		if !s.NextFetchAt.IsZero() {
			next = s.NextFetchAt.Local().Format("02/01 15:04")
		}
		problem := s.DisabledReason
		if problem == "" {
			problem = problemText(s.LastError)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%v\t%d\t%s\t%s\n", s.ID, s.Name, s.Country, s.Language, s.Enabled, s.Items, next, problem)
	}
	return tw.Flush()
}

// feedRefresh fetches every due source once with a progress bar, or with
// keep set runs the fetcher until interrupted.
func feedRefresh(ctx context.Context, args []string, stdout, stderr io.Writer, keep bool) error {
	var workers *int
	var allow feedAllow
	db, _, err := openWithFlags(ctx, "feed refresh", args, stderr, func(fs *flag.FlagSet) {
		workers = fs.Int("workers", 4, "số nguồn lấy song song / parallel fetches")
		allow.register(fs)
	})
	if err != nil {
		return err
	}
	defer db.Close()
	guard, err := allow.guard()
	if err != nil {
		return err
	}
	runner, err := newFeedRunner(ctx, db, *workers, guard)
	if err != nil {
		return err
	}
	if keep {
		fmt.Fprintln(stdout, "Đang theo dõi nguồn tin (Ctrl+C để dừng) / fetching feeds until interrupted")
		runner.Run(ctx)
		return nil
	}
	bar := newProgressBar(stderr, "Lấy tin / fetching")
	round, err := runner.RunOnce(ctx, bar.Update)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Đã lấy %d nguồn (%d lỗi), %d tin mới, %d cảnh báo / fetched %d sources (%d failed), %d new items, %d alerts\n",
		round.Fetched, round.Failed, round.NewItems, round.Alerts, round.Fetched, round.Failed, round.NewItems, round.Alerts)
	return nil
}

// newFeedRunner wires the fetcher (behind the feed guard), the ingest
// pipeline and the store.
func newFeedRunner(ctx context.Context, db *sqlstore.DB, workers int, guard *feed.Guard) (*jobs.FeedRunner, error) {
	sys := ttdn.NewSystemContext(ctx)
	store := sqlstore.NewPressService(db)
	if err := sqlstore.SeedWatchTerms(sys, db); err != nil {
		return nil, err
	}
	pipe, err := pressingest.New(sys, store, pressingest.Options{})
	if err != nil {
		return nil, err
	}
	return &jobs.FeedRunner{
		Store:   store,
		Fetcher: feed.NewFetcher(feed.Options{UserAgent: "ttdn press monitor", Guard: guard}),
		Ingest:  pipe.IngestItems,
		Workers: workers,
		Lease:   5 * time.Minute,
	}, nil
}

// feedImport adds the sources of an OPML file (at most
// ttdn.MaxSourcesPerImport), each checked by the feed guard, with a
// progress bar; it lists the outlines refused or skipped and records the
// import like one made in the app.
func feedImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags, pos := splitArgs(args)
	var allow feedAllow
	db, _, err := openWithFlags(ctx, "feed import-opml", flags, stderr, allow.register)
	if err != nil {
		return err
	}
	defer db.Close()
	if len(pos) != 1 {
		return feedUsage()
	}
	guard, err := allow.guard()
	if err != nil {
		return err
	}
	f, err := os.Open(pos[0])
	if err != nil {
		return err
	}
	defer f.Close()
	sources, err := pressingest.ReadOPML(f)
	if err != nil {
		return err
	}
	sys := ttdn.NewSystemContext(ctx)
	store := sqlstore.NewPressService(db)
	imp, err := store.StartSourceImport(sys, filepath.Base(pos[0]), len(sources))
	if err != nil {
		return err
	}
	bar := newProgressBar(stderr, "Nhập nguồn / importing")
	if err := ttdn.RunSourceImport(sys, store, store, guard.CheckURL, imp, sources, bar.Update); err != nil {
		return err
	}
	done, err := store.FindSourceImport(sys, imp.ID, ttdn.SourceImportFilter{Problems: true})
	if err != nil {
		return err
	}
	lang := os.Getenv("TTDN_LANG")
	for _, l := range done.Lines {
		msg := l.Message
		if lang == "en" && l.MessageEN != "" {
			msg = l.MessageEN
		}
		fmt.Fprintf(stderr, "dòng / line %d (%s): %s\n", l.Line, l.FeedURL, msg)
	}
	fmt.Fprintf(stdout, "Đã thêm %d nguồn, trùng %d, từ chối %d (lần nhập #%d) / added %d sources, %d duplicates, %d refused (import #%d)\n",
		done.Added, done.Duplicates, done.Refused, done.ID, done.Added, done.Duplicates, done.Refused, done.ID)
	return nil
}

// problemText words a stored fetch error in the language TTDN_LANG asks for.
func problemText(problem string) string {
	vi, en := feed.ProblemText(problem)
	if os.Getenv("TTDN_LANG") == "en" {
		return en
	}
	return vi
}

func feedExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags, pos := splitArgs(args)
	db, _, err := openWithFlags(ctx, "feed export-opml", flags, stderr, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	list, _, err := sqlstore.NewPressService(db).FindSources(ttdn.NewSystemContext(ctx), ttdn.SourceFilter{})
	if err != nil {
		return err
	}
	const title = "Nguồn tin theo dõi — ttdn"
	if len(pos) == 1 {
		return writeFile(pos[0], func(w io.Writer) error { return pressingest.WriteOPML(w, title, list) })
	}
	return pressingest.WriteOPML(stdout, title, list)
}
