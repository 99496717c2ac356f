package demo

import (
	"context"
	"fmt"
	"time"

	"ttdn"
	"ttdn/sqlstore"
)

// livingDifficulty is one difficulty a unit raises; group says which of
// the coordinator's proposals it joins ("" for none yet).
type livingDifficulty struct {
	code, title, text string
	group             string
	raised            float64 // when, as a fraction of the time from the plan's issue to today
	closed            bool
}

var livingDifficulties = []livingDifficulty{
	// Answered: raised early, grouped, forwarded and answered.
	{"so-ngoai-vu", "Thiếu phiên dịch tiếng Khmer khi đón đoàn phóng viên Campuchia",
		"Khi đón các đoàn phóng viên của các tỉnh giáp biên Campuchia, đơn vị không có phiên dịch tiếng Khmer; phải thuê ngoài với chi phí cao và khó bảo đảm thông tin.",
		"answered", 0.05, false},
	{"bdbp", "Chưa có định mức chi cho tuyên truyền lưu động tại xã biên giới",
		"Các buổi tuyên truyền lưu động tại xã biên giới chưa có định mức chi riêng nên khó lập dự toán.",
		"answered", 0.08, false},
	// Forwarded to UBND tỉnh, waiting for its answer.
	{"bao-tay-ninh", "Chế độ nhuận bút cho tin, bài thông tin đối ngoại bằng tiếng nước ngoài",
		"Tin, bài thông tin đối ngoại bằng tiếng Anh, tiếng Khmer chưa có chế độ nhuận bút riêng, chưa khuyến khích được phóng viên.",
		"forwarded", 0.3, false},
	{"dai-ptth", "Thiếu kinh phí sản xuất chương trình tiếng Khmer",
		"Kinh phí sản xuất chương trình truyền hình tiếng Khmer hằng tháng vượt dự toán được giao.",
		"forwarded", 0.35, false},
	// Grouped, proposal not yet sent.
	{"so-vhttdl", "Cổng thông tin đối ngoại chưa có phiên bản tiếng Khmer",
		"Trang thông tin đối ngoại của tỉnh mới có tiếng Việt và tiếng Anh; cần bổ sung tiếng Khmer phục vụ bạn đọc các tỉnh giáp biên.",
		"grouped", 0.55, false},
	{"so-cong-thuong", "Thiếu thông tin song ngữ tại các chợ biên giới",
		"Các chợ biên giới chưa có bảng thông tin song ngữ Việt – Khmer về chính sách thương mại biên giới.",
		"grouped", 0.6, false},
	// Raised, waiting for the coordinator.
	{"so-ngoai-vu", "Cần hướng dẫn quy trình trả lời phỏng vấn phóng viên nước ngoài",
		"Cán bộ các sở, ngành chưa thống nhất quy trình khi phóng viên nước ngoài đề nghị phỏng vấn; đề nghị có hướng dẫn chung của tỉnh.",
		"", 0.9, false},
	{"bdbp", "Thiếu tài liệu tuyên truyền về phân giới cắm mốc bằng tiếng Khmer",
		"Tài liệu tuyên truyền về kết quả phân giới cắm mốc chưa có bản tiếng Khmer để phát cho cư dân hai bên biên giới.",
		"", 0.93, false},
	{"dai-ptth", "Thiết bị dựng hình xuống cấp",
		"Hệ thống thiết bị dựng hình phục vụ sản xuất chương trình đối ngoại đã xuống cấp, thường xuyên hỏng hóc.",
		"", 0.96, false},
	// Closed by the coordinator: solved on the spot.
	{"so-vhttdl", "Chưa có danh sách phóng viên thường trú tại tỉnh",
		"Đơn vị đề nghị cung cấp danh sách phóng viên các cơ quan báo chí thường trú tại tỉnh để mời dự họp báo.",
		"", 0.2, true},
}

// livingGroups are the coordinator's proposals: when grouped, forwarded
// and answered (fractions of the time from the plan's issue to today).
var livingGroups = []struct {
	key, title, proposal         string
	grouped, forwarded, answered float64
}{
	{"answered", "Bảo đảm nguồn lực cho công tác đón tiếp phóng viên nước ngoài và tuyên truyền biên giới",
		"Đề nghị UBND tỉnh giao Sở Tài chính hướng dẫn định mức chi phiên dịch, tuyên truyền lưu động tại khu vực biên giới.", 0.12, 0.15, 0.3},
	{"forwarded", "Chế độ, kinh phí cho tin, bài và chương trình thông tin đối ngoại bằng tiếng nước ngoài",
		"Đề nghị UBND tỉnh xem xét ban hành chế độ nhuận bút và bổ sung kinh phí sản xuất chương trình tiếng nước ngoài.", 0.45, 0.5, 0},
	{"grouped", "Thông tin song ngữ Việt – Khmer",
		"Đề nghị bổ sung phiên bản tiếng Khmer cho trang thông tin đối ngoại và bảng thông tin song ngữ tại chợ biên giới.", 0.7, 0, 0},
}

// difficultySteps schedules the difficulties and proposals, unless the
// plan has difficulties already.
func (l *living) difficultySteps(ctx context.Context) error {
	svc := sqlstore.NewDifficultyService(l.db)
	q := livingDifficulties[0].title
	found, _, err := svc.FindDifficulties(ctx, ttdn.DifficultyFilter{Query: &q, Limit: 100})
	if err != nil {
		return err
	}
	for _, d := range found {
		if d.PlanID == l.plan.ID {
			return nil
		}
	}
	c := l.cal
	span := func(f float64) ttdn.Date { return c.between(c.Issued, c.Today, f) }
	members := map[string][]*ttdn.Difficulty{}
	for i, ld := range livingDifficulties {
		u := l.unit(ld.code)
		if u == nil {
			continue
		}
		d := &ttdn.Difficulty{UnitID: u.ID, PlanID: l.plan.ID, TaskID: l.taskOf(u.ID), Title: ld.title, Text: ld.text,
			OwnClassification: ttdn.Internal}
		actor := ""
		if ld.code == "so-ngoai-vu" {
			actor = "ngoaivu"
		}
		raised := l.before(c.at(span(ld.raised), 9, 10+i), 180)
		l.add(raised, func(ctx context.Context) error {
			if actor != "" {
				ctx = l.as(ctx, actor)
			}
			return svc.CreateDifficulty(ctx, d)
		})
		if ld.group != "" {
			members[ld.group] = append(members[ld.group], d)
		}
		if ld.closed {
			l.add(raised.Add(50*time.Hour), func(ctx context.Context) error {
				_, err := svc.CloseDifficulty(l.as(ctx, "dieuphoi"), d.ID, d.Version,
					"Đã gửi danh sách phóng viên thường trú qua hệ thống; không cần trình UBND tỉnh.")
				return err
			})
		}
	}
	for i, lg := range livingGroups {
		g := &ttdn.DifficultyGroup{Title: lg.title, Proposal: lg.proposal}
		ds := members[lg.key]
		if len(ds) == 0 {
			continue
		}
		l.add(l.before(c.at(span(lg.grouped), 14, i), 170), func(ctx context.Context) error {
			for _, d := range ds {
				g.MemberIDs = append(g.MemberIDs, d.ID)
			}
			return svc.GroupDifficulties(l.as(ctx, "dieuphoi"), g)
		})
		if lg.forwarded > 0 {
			day := span(lg.forwarded)
			l.add(l.before(c.at(day, 15, i), 160), func(ctx context.Context) (err error) {
				g, err = svc.ForwardDifficultyGroup(l.as(ctx, "dieuphoi"), g.ID, ttdn.DifficultyForward{Version: g.Version,
					Number: fmt.Sprintf("%d/TTr-SVHTTDL", 20+i*17), Date: day})
				return err
			})
		}
		if lg.answered > 0 {
			day := span(lg.answered)
			l.add(l.before(c.at(day, 16, i), 150), func(ctx context.Context) (err error) {
				g, err = svc.AnswerDifficultyGroup(l.as(ctx, "dieuphoi"), g.ID, ttdn.DifficultyAnswer{Version: g.Version,
					Number: fmt.Sprintf("%d/UBND-KGVX", 900+i), Date: day,
					Text: "UBND tỉnh giao Sở Tài chính chủ trì, phối hợp Sở Ngoại vụ và Bộ Chỉ huy Bộ đội Biên phòng tỉnh hướng dẫn định mức chi trong quý tới; " +
						"Sở Ngoại vụ bố trí cộng tác viên phiên dịch tiếng Khmer."})
				return err
			})
		}
	}
	return nil
}
