package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"time"

	"ttdn"
	"ttdn/sqlstore"
)

// pressReapply re-applies watch terms (by code; every term without one) to
// the stored articles, newest first, with a progress bar per term: after a
// term changed, or after an upgrade of the matcher, so that stored hits
// follow the rules. --days limits it to the articles of the last days.
func pressReapply(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	flags, codes := splitArgs(args)
	var days *int
	db, _, err := openWithFlags(ctx, "press reapply", flags, stderr, func(fs *flag.FlagSet) {
		days = fs.Int("days", 0, "chỉ các tin bài của số ngày gần nhất (0: mọi tin bài) / only the articles of the last days (0: all)")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	if *days < 0 || *days > 3660 {
		return ttdn.Errorf(ttdn.EINVALID, "Số ngày phải từ 0 đến 3660.", "The number of days must be 0 to 3660.")
	}
	var since time.Time
	if *days > 0 {
		since = time.Now().AddDate(0, 0, -*days)
	}
	sys := ttdn.NewSystemContext(ctx)
	store := sqlstore.NewPressService(db)
	terms, err := store.FindWatchTerms(sys)
	if err != nil {
		return err
	}
	for _, c := range codes {
		if !slices.ContainsFunc(terms, func(t *ttdn.WatchTerm) bool { return t.Code == c }) {
			return ttdn.Errorf(ttdn.ENOTFOUND, "Không có từ khóa theo dõi mã %q.", "No watch term with code %q.", c)
		}
	}
	for _, t := range terms {
		if len(codes) > 0 && !slices.Contains(codes, t.Code) {
			continue
		}
		job, err := store.StartReapply(sys, t.ID, since)
		if err != nil {
			return err
		}
		bar := newProgressBar(stderr, t.Code)
		if job, err = store.RunReapply(sys, job.ID, bar.Update); err != nil {
			return err
		}
		if job.Total == 0 {
			bar.Update(0, 0)
		}
		fmt.Fprintf(stdout, "%s: %d tin bài khớp trong %d tin bài đã xét / %d of %d articles checked match\n", t.Code, job.Matched, job.Total, job.Matched, job.Total)
	}
	return nil
}
