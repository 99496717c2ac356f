package demo

import (
	"context"
	"fmt"
	"time"

	"ttdn"
	"ttdn/sqlstore"
)

// reportFate is where a unit's report stands on the demo's today.
type reportFate int

const (
	reportMissing reportFate = iota
	reportDraft
	reportSubmitted // waiting for review
	reportReturned
	reportResubmitted
	reportAccepted
)

// reportMix is the share (of 100) of expected units in each state; the
// rest have sent nothing. A fifth of those that sent did so late.
var reportMix = []struct {
	f reportFate
	n int
}{{reportAccepted, 36}, {reportSubmitted, 14}, {reportResubmitted, 4}, {reportReturned, 5}, {reportDraft, 7}}

// fixedReports are the states of the units people log in as or look for
// first: the demo officer's report was returned; the standing body's was
// accepted.
var fixedReports = map[string]reportFate{"so-ngoai-vu": reportReturned, "so-vhttdl": reportAccepted}

// reportSteps schedules the open period of the year's plan and its
// reports: opened by the coordinator before the cut-off, units starting,
// editing and sending (some after the due date), the coordinator
// accepting or returning them, units resending. Nothing is added when the
// plan has a period already.
func (l *living) reportSteps(ctx context.Context) error {
	periods := sqlstore.NewReportPeriodService(l.db)
	if found, _, err := periods.FindPeriods(ctx, ttdn.PeriodFilter{PlanID: &l.plan.ID, Limit: 1}); err != nil {
		return err
	} else if len(found) > 0 {
		return nil
	}
	c := l.cal
	expected, err := periods.ExpectedReporters(ctx, l.plan.ID, c.PeriodDue)
	if err != nil {
		return err
	}
	rp := &ttdn.ReportPeriod{PlanID: l.plan.ID, Type: c.PeriodType, Year: c.Year, Number: c.PeriodNumber, Name: c.PeriodName,
		CutOffFrom: c.CutOffFrom, CutOffTo: c.CutOffTo, DueDate: c.PeriodDue}
	for _, u := range expected {
		rp.ExpectedUnitIDs = append(rp.ExpectedUnitIDs, u.ID)
	}
	l.add(c.at(c.PeriodOpens, 8, 30), func(ctx context.Context) error {
		return periods.OpenPeriod(l.as(ctx, "dieuphoi"), rp)
	})
	rng := l.rngFor("reports")
	var pool []reportFate
	for _, m := range reportMix {
		for range (m.n*len(expected) + 50) / 100 {
			pool = append(pool, m.f)
		}
	}
	for len(pool) < len(expected) {
		pool = append(pool, reportMissing)
	}
	rng.Shuffle(len(pool), func(i, j int) { pool[i], pool[j] = pool[j], pool[i] })
	for i, u := range expected {
		f, ok := fixedReports[u.Code]
		if !ok {
			f = pool[i]
		}
		if f != reportMissing {
			l.unitReport(rp, u, f, rng.IntN(5) == 0 || u.Code == "so-ngoai-vu")
		}
	}
	return nil
}

// unitReport schedules one unit's report through to its state f.
func (l *living) unitReport(rp *ttdn.ReportPeriod, u *ttdn.Unit, f reportFate, late bool) {
	c, rng := l.cal, l.rngFor("report "+u.Code)
	svc := sqlstore.NewUnitReportService(l.db)
	actor := ""
	if u.Code == "so-ngoai-vu" {
		actor = "ngoaivu"
	}
	unitCtx := func(ctx context.Context) context.Context {
		if actor != "" {
			return l.as(ctx, actor)
		}
		return ctx
	}
	var rep *ttdn.UnitReport
	started := c.between(c.PeriodOpens, c.PeriodDue, rng.Float64()*0.7)
	l.add(c.at(started, 9, rng.IntN(50)), func(ctx context.Context) (err error) {
		rep, err = svc.StartUnitReport(unitCtx(ctx), rp.ID, u.ID)
		return err
	})
	l.add(c.at(started, 14, rng.IntN(50)), func(ctx context.Context) (err error) {
		n := reportNarrative(u.Name, rp.Name)
		rep, err = svc.UpdateUnitReport(unitCtx(ctx), rep.ID, ttdn.UnitReportUpdate{Version: rep.Version, Narrative: &n})
		return err
	})
	if f == reportDraft {
		return
	}
	sent := c.between(started, c.PeriodDue, 0.3+0.7*rng.Float64())
	if late {
		sent = c.between(addDays(c.PeriodDue, 1), addDays(c.Today, -1), rng.Float64()*0.8)
	}
	at := l.before(c.at(sent, 16, rng.IntN(50)), 90)
	l.add(at, func(ctx context.Context) (err error) {
		rep, err = svc.Transition(unitCtx(ctx), rep.ID, ttdn.ActSubmit, rep.Version, "")
		return err
	})
	if f == reportSubmitted {
		return
	}
	// The coordinator reviews in office hours one to three days later;
	// the unit resends a day or two after that.
	reviewed := l.before(c.at(addDays(sent, 1+rng.IntN(3)), 10, rng.IntN(50)), 60)
	act, comment := ttdn.ActAccept, ""
	if f != reportAccepted {
		act, comment = ttdn.ActReturn, pick(rng, returnComments)
	}
	l.add(reviewed, func(ctx context.Context) (err error) {
		rep, err = svc.Transition(l.as(ctx, "dieuphoi"), rep.ID, act, rep.Version, comment)
		return err
	})
	if f == reportResubmitted {
		resent := l.before(c.at(addDays(ttdn.DateOf(reviewed), 1+rng.IntN(2)), 15, rng.IntN(50)), 30)
		l.add(resent, func(ctx context.Context) (err error) {
			n := reportNarrative(u.Name, rp.Name)
			n.Results += " Bổ sung theo ý kiến của cơ quan điều phối: số liệu tin, bài trên cổng thông tin điện tử đã được cập nhật."
			if rep, err = svc.UpdateUnitReport(unitCtx(ctx), rep.ID, ttdn.UnitReportUpdate{Version: rep.Version, Narrative: &n}); err != nil {
				return err
			}
			rep, err = svc.Transition(unitCtx(ctx), rep.ID, ttdn.ActSubmit, rep.Version, "")
			return err
		})
	}
}

// before returns t, or minutes before the demo's now when t is not
// earlier: nothing happens in the future.
func (l *living) before(t time.Time, minutes int) time.Time {
	if limit := l.cal.Now.Add(-time.Duration(minutes) * time.Minute); !t.Before(limit) {
		return limit
	}
	return t
}

// reportNarrative is a unit's report text, as units write it.
func reportNarrative(unit, period string) ttdn.Narrative {
	return ttdn.Narrative{
		Results: fmt.Sprintf("Trong kỳ %s, %s đã quán triệt và triển khai các nhiệm vụ thông tin đối ngoại được giao tại Kế hoạch của UBND tỉnh; "+
			"phối hợp cung cấp thông tin cho báo chí, đăng tải tin, bài trên cổng thông tin điện tử và tuyên truyền tại khu vực biên giới.", period, unit),
		Shortcomings:    "Nguồn nhân lực làm công tác thông tin đối ngoại còn kiêm nhiệm; tài liệu tuyên truyền bằng tiếng Khmer và tiếng Anh còn ít.",
		NextTasks:       "Tiếp tục thực hiện các nhiệm vụ còn lại của Kế hoạch; chuẩn bị nội dung tuyên truyền các sự kiện đối ngoại trong kỳ tới.",
		Recommendations: "Đề nghị tổ chức tập huấn nghiệp vụ thông tin đối ngoại cho cán bộ phụ trách.",
	}
}

var returnComments = []string{
	"Đề nghị bổ sung số liệu tin, bài đăng trên cổng thông tin điện tử và kết quả tuyên truyền tại khu vực biên giới.",
	"Báo cáo chưa nêu kết quả thực hiện nhiệm vụ được giao tại Kế hoạch; đề nghị bổ sung và gửi lại.",
	"Số liệu hoạt động chưa khớp với danh mục đã cập nhật; đề nghị rà soát lại.",
}
