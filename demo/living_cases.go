package demo

import (
	"context"
	"time"

	"ttdn"
	"ttdn/sqlstore"
)

// livingCase is one rebuttal case of the demo, taken as far as stage by
// the people who would do each step. opened is how long before the demo's
// now the monitor opened it; each later step follows by its own delay, so
// some cases met their deadlines and one is late.
type livingCase struct {
	title, claim, outlet, url string
	verdict                   ttdn.Verdict
	severity                  ttdn.Severity
	topics                    []ttdn.CaseTopic
	assessment                string
	secret                    bool   // touches state secrets: read by the coordinator and leaders only
	lead                      string // the lead unit's code; its officer (if a demo user) drafts
	coordinating              []string
	response                  ttdn.ResponseKind
	responseTitle, body       string
	where                     string // where the response was published
	stage                     ttdn.CaseStage
	opened                    time.Duration
}

// caseDays is how far back the demo's oldest case was opened, at most.
const caseDays = 45

var livingCases = []livingCase{
	{title: "Tin sai sự thật về việc đóng cửa khẩu quốc tế Mộc Bài",
		claim:  "Cửa khẩu quốc tế Mộc Bài bị đóng vô thời hạn, hàng hóa và người dân không được qua lại.",
		outlet: "Facebook", url: "https://www.facebook.com/groups/cho-bien-gioi/posts/1",
		verdict: ttdn.VerdictFalse, severity: ttdn.SeverityHigh, topics: []ttdn.CaseTopic{ttdn.TopicBorder, ttdn.TopicCambodia},
		assessment: "Cửa khẩu hoạt động bình thường; Đồn Biên phòng cửa khẩu xác nhận lưu lượng người và phương tiện không đổi.",
		lead:       "so-ngoai-vu", coordinating: []string{"bdbp"},
		response: ttdn.ResponsePressRelease, responseTitle: "Thông cáo: Cửa khẩu quốc tế Mộc Bài hoạt động bình thường",
		body:  "Sở Ngoại vụ thông tin: Cửa khẩu quốc tế Mộc Bài vẫn làm thủ tục xuất nhập cảnh và thông quan hàng hóa bình thường. Thông tin cửa khẩu bị đóng là sai sự thật.",
		where: "Cổng thông tin điện tử tỉnh", stage: ttdn.StageClosed, opened: 40 * 24 * time.Hour},
	{title: "Bài viết xuyên tạc tình hình tự do tôn giáo tại địa phương",
		claim:  "Chính quyền địa phương cấm tín đồ tham dự lễ hội tôn giáo lớn trong năm.",
		outlet: "Trang tin nước ngoài", url: "https://news.example.org/bai-viet-ton-giao",
		verdict: ttdn.VerdictDistorted, severity: ttdn.SeverityMedium, topics: []ttdn.CaseTopic{ttdn.TopicReligion, ttdn.TopicHumanRights},
		assessment: "Lễ hội diễn ra với hàng chục nghìn lượt tín đồ, có hình ảnh và tin của báo chí trong nước và nước ngoài.",
		lead:       "ban-tuyen-giao", coordinating: []string{"so-ngoai-vu"},
		response: ttdn.ResponseArticle, responseTitle: "Sự thật về lễ hội tôn giáo lớn trong năm tại tỉnh",
		body:  "Lễ hội năm nay thu hút đông đảo tín đồ, du khách trong và ngoài nước; chính quyền bảo đảm an ninh, trật tự và phục vụ chu đáo.",
		where: "Báo của tỉnh và Cổng thông tin điện tử tỉnh", stage: ttdn.StagePublished, opened: 6 * 24 * time.Hour},
	{title: "Tin đồn thu hồi đất mở rộng khu kinh tế cửa khẩu",
		claim:  "Tỉnh sắp thu hồi toàn bộ đất của ba xã biên giới để mở rộng khu kinh tế cửa khẩu mà không bồi thường.",
		outlet: "TikTok", url: "https://www.tiktok.com/@tin-bien-gioi/video/1",
		verdict: ttdn.VerdictFalse, severity: ttdn.SeverityMedium, topics: []ttdn.CaseTopic{ttdn.TopicLand, ttdn.TopicInvestment},
		assessment: "Không có quyết định thu hồi đất nào như tin đồn; quy hoạch khu kinh tế cửa khẩu đã công khai.",
		lead:       "so-ngoai-vu",
		response:   ttdn.ResponseSocialPost, responseTitle: "Không có chuyện thu hồi đất ba xã biên giới",
		body:  "Thông tin thu hồi toàn bộ đất của ba xã biên giới là sai sự thật. Quy hoạch khu kinh tế cửa khẩu được công khai tại trụ sở UBND các xã.",
		stage: ttdn.StageDrafted, opened: 30 * time.Hour},
	{title: "Video cắt ghép về việc đón đoàn phóng viên nước láng giềng",
		claim:  "Video cho rằng đoàn phóng viên nước láng giềng bị ngăn cản tác nghiệp khi thăm tỉnh.",
		outlet: "YouTube", url: "https://www.youtube.com/watch?v=demo",
		verdict: ttdn.VerdictDistorted, severity: ttdn.SeverityHigh, topics: []ttdn.CaseTopic{ttdn.TopicCambodia},
		assessment: "Video ghép từ hai sự kiện khác nhau; đoàn phóng viên làm việc theo chương trình đã thống nhất.",
		lead:       "so-ngoai-vu",
		stage:      ttdn.StageAssigned, opened: 20 * time.Hour},
	{title: "Thông tin liên quan đến hoạt động bảo vệ biên giới",
		claim:  "Một trang mạng đăng thông tin về bố trí lực lượng tại một đoạn biên giới.",
		outlet: "Facebook", url: "https://www.facebook.com/bien-gioi/posts/2",
		verdict: ttdn.VerdictUnverified, severity: ttdn.SeverityHigh, topics: []ttdn.CaseTopic{ttdn.TopicBorder, ttdn.TopicSecurity},
		assessment: "Đang xác minh với Bộ Chỉ huy Bộ đội Biên phòng tỉnh.",
		secret:     true, stage: ttdn.StageAssessed, opened: 5 * time.Hour},
	{title: "Bài đăng về giá nông sản tại chợ biên giới",
		claim:  "Thương lái nước ngoài ép giá nông sản tại chợ biên giới, chính quyền làm ngơ.",
		outlet: "Facebook", url: "https://www.facebook.com/cho-nong-san/posts/3",
		stage: ttdn.StageDetected, opened: 50 * time.Minute},
}

// caseSteps schedules the demo's rebuttal cases, unless cases exist: the
// monitor opens each by hand and assesses it, the coordinator assigns it,
// the lead unit's officer drafts and submits the response, the coordinator
// approves it, the officer publishes it and the coordinator closes the
// case — each step stopping at the case's stage. A load that finds cases
// detected in the last caseDays adds none; a load in a later year does.
func (l *living) caseSteps(ctx context.Context) error {
	svc := sqlstore.NewCaseService(l.db)
	from := l.cal.Now.AddDate(0, 0, -caseDays)
	if _, n, err := svc.FindCases(ctx, ttdn.CaseFilter{From: from, To: l.cal.Now, Limit: 1}); err != nil || n > 0 {
		return err
	}
	for _, lc := range livingCases {
		l.scheduleCase(svc, lc)
	}
	return nil
}

func (l *living) scheduleCase(svc *sqlstore.CaseService, lc livingCase) {
	at := l.cal.Now.Add(-lc.opened)
	next := func(d time.Duration) time.Time { at = at.Add(d); return at }
	c := &ttdn.Case{Title: lc.title, Origin: ttdn.OriginManual, Claim: lc.claim,
		Source: ttdn.CaseSource{Title: lc.title, URL: lc.url, Outlet: lc.outlet, Language: "vi", Published: at.Add(-3 * time.Hour)}}
	l.add(at, func(ctx context.Context) error { return svc.OpenCase(l.as(ctx, "theodoi"), c, nil) })
	reached := func(s ttdn.CaseStage) bool { return lc.stage.Reached(s) }
	if !reached(ttdn.StageAssessed) {
		return
	}
	l.add(next(time.Hour), func(ctx context.Context) (err error) {
		own := ttdn.Internal
		if lc.secret {
			own = ttdn.Secret
		}
		c, err = svc.AssessCase(l.as(ctx, "theodoi"), c.ID, ttdn.CaseAssessment{Version: c.Version, Claim: lc.claim,
			Verdict: lc.verdict, Severity: lc.severity, Topics: lc.topics, Assessment: lc.assessment,
			TouchesSecrets: lc.secret, Classification: own})
		return err
	})
	if !reached(ttdn.StageAssigned) {
		return
	}
	l.add(next(90*time.Minute), func(ctx context.Context) (err error) {
		a := ttdn.CaseAssignment{Version: c.Version, LeadUnitID: l.unitID(lc.lead)}
		for _, code := range lc.coordinating {
			if id := l.unitID(code); id != 0 {
				a.CoordinatingUnitIDs = append(a.CoordinatingUnitIDs, id)
			}
		}
		c, err = svc.AssignCase(l.as(ctx, "dieuphoi"), c.ID, a)
		return err
	})
	if !reached(ttdn.StageDrafted) {
		return
	}
	// The officer of the lead unit drafts when the demo has one there; the
	// monitor otherwise (monitors draft responses of any case they read).
	author := "theodoi"
	if u := l.users["ngoaivu"]; u != nil && l.unitID(lc.lead) == u.UnitID {
		author = "ngoaivu"
	}
	r := &ttdn.CaseResponse{Kind: lc.response, Title: lc.responseTitle, Body: lc.body, OwnClassification: ttdn.Public}
	l.add(next(4*time.Hour), func(ctx context.Context) error {
		if err := svc.DraftResponse(l.as(ctx, author), c.ID, r); err != nil {
			return err
		}
		upd, err := svc.UpdateResponse(l.as(ctx, author), r.ID, ttdn.ResponseUpdate{Version: r.Version, Submit: true})
		if err == nil {
			r = upd
		}
		return err
	})
	if !reached(ttdn.StageApproved) {
		return
	}
	l.add(next(2*time.Hour), func(ctx context.Context) (err error) {
		r, err = svc.ReviewResponse(l.as(ctx, "dieuphoi"), r.ID, ttdn.ResponseReview{Version: r.Version, Approve: true})
		return err
	})
	if !reached(ttdn.StagePublished) {
		return
	}
	published := next(3 * time.Hour)
	l.add(published, func(ctx context.Context) (err error) {
		r, err = svc.PublishResponse(l.as(ctx, author), r.ID, ttdn.ResponsePublication{Version: r.Version,
			Where: lc.where, At: published.Add(-10 * time.Minute)})
		return err
	})
	if !reached(ttdn.StageClosed) {
		return
	}
	l.add(next(7*24*time.Hour), func(ctx context.Context) error {
		fresh, err := svc.FindCaseByID(l.as(ctx, "dieuphoi"), c.ID)
		if err != nil {
			return err
		}
		_, err = svc.CloseCase(l.as(ctx, "dieuphoi"), c.ID, ttdn.CaseClose{Version: fresh.Version,
			Note: "Phản hồi đã được đăng, phát; thông tin sai sự thật không còn lan truyền."})
		return err
	})
}

// unitID returns the id of the unit of code as it stands today (0 when none).
func (l *living) unitID(code string) int64 {
	if u := l.unit(code); u != nil {
		return u.ID
	}
	return 0
}
