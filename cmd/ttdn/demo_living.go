package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"ttdn"
	"ttdn/demo"
	"ttdn/sqlstore"
)

// loadDemo loads the demo and its living year dated from today — the
// seed's news, or the news files of newsDir — with a progress bar once
// the load has taken a second, then prints what it holds and the log-ins.
func loadDemo(ctx context.Context, db *sqlstore.DB, newsDir string, stdout, stderr io.Writer) error {
	fmt.Fprintln(stderr, "Đang nạp dữ liệu mẫu… / loading the demo data…")
	bar := newProgressBar(stderr, "Dữ liệu mẫu / demo")
	shown := false
	sum, err := demo.LoadLiving(ctx, db, demo.Options{NewsDir: newsDir, Progress: func(done, total int) {
		if shown = shown || time.Since(bar.start) > time.Second; shown {
			bar.Update(done, total)
		}
	}})
	if err != nil {
		return err
	}
	printSummary(stdout, sum)
	printLogins(stdout, sum.Logins)
	return nil
}

// printSummary says what the living year holds on today.
func printSummary(w io.Writer, s *demo.Summary) {
	p, articles := s.Plan, fmt.Sprint(s.Articles)
	if s.Articles >= ttdn.SearchCountCap {
		articles = "hơn " + articles
	}
	fmt.Fprintf(w, "Năm %d / the year %d: kế hoạch %s ban hành %s, %d nhiệm vụ (%d quá hạn); kỳ báo cáo %s đang mở; %s tin báo chí trong 14 ngày qua.\n",
		s.Year, s.Year, p.Number, p.IssuedOn, s.Tasks, s.Overdue, s.Period, articles)
	fmt.Fprintln(w, "Tin báo chí mẫu là tin tự soạn; nạp tin thật: ttdn press ingest TỆP.json… hoặc ttdn demo --news THƯ-MỤC / the press items are invented; real ones: ttdn press ingest FILE.json… or ttdn demo --news DIR")
}

// printLogins prints each demo user's role, unit and what to try first.
func printLogins(w io.Writer, logins []demo.Login) {
	if len(logins) == 0 {
		return
	}
	fmt.Fprintf(w, "Tài khoản mẫu, mật khẩu chung %s / demo log-ins, one password:\n", logins[0].Password)
	for _, l := range logins {
		fmt.Fprintln(w, "  "+l.Describe())
	}
}
