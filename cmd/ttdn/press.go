package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
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

// pressIngest ingests news files ({id, title, link, summary, source,
// category, published, fetched} arrays) with a progress bar.
func pressIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags, files := splitArgs(args, "foreign")
	var foreign *bool
	db, _, err := openWithFlags(ctx, "press ingest", flags, stderr, func(fs *flag.FlagSet) {
		foreign = fs.Bool("foreign", false, "các nguồn là báo chí nước ngoài / the outlets are foreign press")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	if len(files) == 0 {
		return ttdn.Errorf(ttdn.EINVALID, "Cần ít nhất một tệp tin bài.", "At least one news file is needed.")
	}
	var recs []pressingest.NewsRecord
	for _, f := range files {
		r, err := pressingest.ReadNewsFile(f)
		if err != nil {
			return err
		}
		recs = append(recs, r...)
	}
	sys := ttdn.NewSystemContext(ctx)
	store := sqlstore.NewPressService(db)
	if err := sqlstore.SeedWatchTerms(sys, db); err != nil {
		return err
	}
	items, err := offlineItems(sys, store, recs, *foreign)
	if err != nil {
		return err
	}
	pipe, err := pressingest.New(sys, store, pressingest.Options{})
	if err != nil {
		return err
	}
	bar := newProgressBar(stderr, "Nạp tin bài / ingesting")
	start := time.Now()
	st, err := pipe.Ingest(sys, func(yield func(pressingest.Item) bool) {
		for _, it := range items {
			if !yield(it) {
				return
			}
		}
	}, func(done int) { bar.Update(done, len(items)) })
	if err != nil {
		return err
	}
	alerts, err := store.GeneratePressAlerts(sys)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d tin bài: %d mới, %d trùng, %d khớp từ khóa, %d câu chuyện mới, %d cảnh báo (%s)\n",
		st.Items, st.Stored, st.Duplicates, st.Hits, st.NewStories, alerts, time.Since(start).Round(time.Millisecond))
	return nil
}

// offlineItems turns records into items, each outlet a feed-less source.
func offlineItems(ctx context.Context, store *sqlstore.PressService, recs []pressingest.NewsRecord, foreign bool) ([]pressingest.Item, error) {
	ids := map[string]int64{}
	items := make([]pressingest.Item, 0, len(recs))
	for i := range recs {
		name := recs[i].Source
		if name == "" {
			name = "Không rõ nguồn"
		}
		id, ok := ids[name]
		if !ok {
			src, err := store.OfflineSource(ctx, name, foreign)
			if err != nil {
				return nil, err
			}
			id, ids[name] = src.ID, src.ID
		}
		recs[i].Source = name
		items = append(items, recs[i].Item(id))
	}
	return items, nil
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
