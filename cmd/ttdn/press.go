package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"time"

	"ttdn"
	"ttdn/atomicfile"
	"ttdn/document"
	"ttdn/pressingest"
	"ttdn/sqlstore"
)

// runPress works on press items: ingest news files offline, write the
// press-opinion digest, measure ingestion and search (bench).
func runPress(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "ingest":
			return pressIngest(ctx, args[1:], stdout, stderr)
		case "digest":
			return pressDigest(ctx, args[1:], stdout, stderr)
		case "bench":
			return pressBench(ctx, args[1:], stdout, stderr)
		case "reapply":
			return pressReapply(ctx, args[1:], stdout, stderr)
		}
	}
	return ttdn.Errorf(ttdn.EINVALID,
		"Cách dùng: ttdn press ingest TỆP… [--foreign] | digest [--kind daily|weekly] [--day YYYY-MM-DD] [--docx TỆP] [--pdf TỆP] | bench [--items N] | reapply [MÃ…] [--days N]",
		"Usage: ttdn press ingest FILE… [--foreign] | digest [--kind daily|weekly] [--day YYYY-MM-DD] [--docx FILE] [--pdf FILE] | bench [--items N] | reapply [CODE…] [--days N]")
}

// pressIngest ingests news files — JSON arrays or JSON lines of {id,
// title, link, summary, source, category, published, fetched} — streaming
// them, so files of any size are never held in memory. A record that
// cannot be used is reported with its file and position and skipped; the
// others go in.
func pressIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags, files := splitArgs(args, "foreign")
	var foreign *bool
	var window *int
	db, _, err := openWithFlags(ctx, "press ingest", flags, stderr, func(fs *flag.FlagSet) {
		foreign = fs.Bool("foreign", false, "các nguồn là báo chí nước ngoài / the outlets are foreign press")
		window = fs.Int("window", 0, "số tin bài gần nhất được so để nhóm câu chuyện (0: mặc định 100.000) / "+
			"story grouping window in items (0: the default, 100,000)")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	if len(files) == 0 {
		return ttdn.Errorf(ttdn.EINVALID, "Cần ít nhất một tệp tin bài.", "At least one news file is needed.")
	}
	if *window < 0 {
		return ttdn.Errorf(ttdn.EINVALID, "--window phải là số tin bài không âm.", "--window must be a number of items, not negative.")
	}
	var total int64
	for _, f := range files {
		st, err := os.Stat(f)
		if err != nil {
			return ttdn.Errorf(ttdn.EINVALID, "Không đọc được tệp %s: %v.", "Cannot read file %s: %v.", f, err)
		}
		total += st.Size()
	}
	sys := ttdn.NewSystemContext(ctx)
	store := sqlstore.NewPressService(db)
	if err := sqlstore.SeedWatchTerms(sys, db); err != nil {
		return err
	}
	pipe, err := pressingest.New(sys, store, pressingest.Options{Window: *window})
	if err != nil {
		return err
	}
	src := &offlineSources{store: store, foreign: *foreign, ids: map[string]int64{}}
	var read atomic.Int64
	problems := 0
	report := func(p pressingest.Problem) {
		if problems++; problems <= 100 {
			fmt.Fprintln(stderr, p)
		}
	}
	var streamErr error
	bar := newProgressBar(stderr, "Nạp tin bài / ingesting")
	start := time.Now()
	st, err := pipe.Ingest(sys, func(yield func(pressingest.Item) bool) {
		for _, name := range files {
			if !streamFile(sys, name, src, &read, yield, report, &streamErr) {
				return
			}
		}
	}, func(int) { bar.Update(int(read.Load()), int(total)) })
	if err == nil {
		err = streamErr
	}
	if err != nil {
		return err
	}
	alerts, err := store.GeneratePressAlerts(sys)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d tin bài: %d mới, %d trùng, %d bị loại (không tiêu đề, không liên kết), %d sửa tiêu đề, %d khớp từ khóa, %d câu chuyện mới, %d cảnh báo, %d bản ghi có vấn đề (%s)\n",
		st.Items, st.Stored, st.Duplicates, st.Skipped, st.Retitled, st.Hits, st.NewStories, alerts, problems, time.Since(start).Round(time.Millisecond))
	return nil
}

// streamFile streams one news file into yield; false stops the run
// (yield refused, or *failed was set).
func streamFile(ctx context.Context, name string, src *offlineSources, read *atomic.Int64,
	yield func(pressingest.Item) bool, report func(pressingest.Problem), failed *error) bool {
	f, err := os.Open(name)
	if err != nil {
		*failed = ttdn.Errorf(ttdn.EINVALID, "Không đọc được tệp %s: %v.", "Cannot read file %s: %v.", name, err)
		return false
	}
	defer f.Close()
	cont := true
	err = pressingest.StreamNews(&countingReader{r: f, n: read}, name, time.Now(), func(rec pressingest.NewsRecord) bool {
		id, err := src.id(ctx, rec.Source)
		if err != nil {
			*failed, cont = err, false
			return false
		}
		cont = yield(rec.Item(id))
		return cont
	}, report)
	if err != nil && *failed == nil {
		*failed = ttdn.Errorf(ttdn.EINVALID, "Tệp %s không đọc tiếp được: %v.", "File %s cannot be read on: %v.", name, err)
		return false
	}
	return cont && *failed == nil
}

// countingReader counts the bytes read, for the progress bar.
type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// offlineSources finds or creates the feed-less source of each outlet.
type offlineSources struct {
	store   *sqlstore.PressService
	foreign bool
	ids     map[string]int64
}

func (o *offlineSources) id(ctx context.Context, name string) (int64, error) {
	if name == "" {
		name = "Không rõ nguồn"
	}
	if id, ok := o.ids[name]; ok {
		return id, nil
	}
	src, err := o.store.OfflineSource(ctx, name, o.foreign)
	if err != nil {
		return 0, err
	}
	o.ids[name] = src.ID
	return src.ID, nil
}

// pressDigest writes the daily or weekly press-opinion digest.
func pressDigest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var kind, day, docx, pdf *string
	db, _, err := openWithFlags(ctx, "press digest", args, stderr, func(fs *flag.FlagSet) {
		kind = fs.String("kind", "daily", "daily hoặc weekly / daily or weekly")
		day = fs.String("day", time.Now().Format("2006-01-02"), "ngày cuối của bản tổng hợp / last day covered")
		docx = fs.String("docx", "", "ghi tệp DOCX / write a DOCX file")
		pdf = fs.String("pdf", "", "ghi tệp PDF / write a PDF file")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	d, err := ttdn.ParseISODate(*day)
	if err != nil {
		return err
	}
	dg, err := sqlstore.NewPressService(db).PressDigest(ttdn.NewSystemContext(ctx), ttdn.DigestKind(*kind), d)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Tổng hợp dư luận báo chí %s: %d tin bài, %d liên quan (%d trong nước, %d nước ngoài), %d cần xử lý\n",
		d, dg.Articles, dg.Hits, dg.Domestic, dg.Foreign, dg.NeedsAction)
	for _, out := range []struct {
		path  string
		write func(io.Writer, *ttdn.PressDigest) error
	}{{*docx, document.WriteDigestDOCX}, {*pdf, document.WriteDigestPDF}} {
		if out.path == "" {
			continue
		}
		if err := writeFile(out.path, func(w io.Writer) error { return out.write(w, dg) }); err != nil {
			return err
		}
	}
	return nil
}

// writeFile writes a generated document owner-only, whole or not at all.
func writeFile(path string, write func(io.Writer) error) error {
	return atomicfile.Write(path, true, func(f *os.File) error { return write(f) })
}
