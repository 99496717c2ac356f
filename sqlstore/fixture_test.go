package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// world is a small province built in each test: two departments (A and B),
// a bureau under A, a group of both, and one user per role.
type world struct {
	db                   *sqlstore.DB
	unitA, unitB, unitA1 *ttdn.Unit
	group                *ttdn.UnitGroup
	coordinator, admin   *ttdn.User
	officerA, officerB   *ttdn.User
	officerA1, leader    *ttdn.User
	plans                *sqlstore.PlanService
	tasks                *sqlstore.TaskService
	units                *sqlstore.UnitService
	users                *sqlstore.UserService
	auth                 *sqlstore.AuthService
	audit                *sqlstore.AuditService
	progress             *sqlstore.ProgressService
	attachments          *sqlstore.AttachmentService
	settings             *sqlstore.SettingsService
}

func newWorld(t testing.TB, db *sqlstore.DB) *world {
	t.Helper()
	w := &world{db: db, plans: sqlstore.NewPlanService(db), tasks: sqlstore.NewTaskService(db),
		units: sqlstore.NewUnitService(db), users: sqlstore.NewUserService(db), auth: sqlstore.NewAuthService(db),
		audit: sqlstore.NewAuditService(db), progress: sqlstore.NewProgressService(db),
		attachments: sqlstore.NewAttachmentService(db), settings: sqlstore.NewSettingsService(db)}
	w.unitA = sqltest.MustCreateUnit(t, db, &ttdn.Unit{Code: "so-a", Name: "Sở Thông tin và Truyền thông", ShortName: "Sở TTTT"})
	w.unitB = sqltest.MustCreateUnit(t, db, &ttdn.Unit{Code: "so-b", Name: "Sở Ngoại vụ"})
	w.unitA1 = sqltest.MustCreateUnit(t, db, &ttdn.Unit{Code: "so-a-phong", Name: "Phòng Thông tin - Báo chí", ParentID: w.unitA.ID})
	w.group = &ttdn.UnitGroup{Code: "nhom-ab", Name: "Các sở, ban, ngành", MemberIDs: []int64{w.unitA.ID, w.unitB.ID}}
	if err := w.units.CreateUnitGroup(sqltest.SystemContext(), w.group); err != nil {
		t.Fatal(err)
	}
	user := func(name string, role ttdn.Role, unit *ttdn.Unit) *ttdn.User {
		u := &ttdn.User{Username: name, Name: name, Role: role}
		if unit != nil {
			u.UnitID = unit.ID
		}
		return sqltest.MustCreateUser(t, db, u, "")
	}
	w.coordinator = user("dieu-phoi", ttdn.RoleCoordinator, w.unitA)
	w.admin = user("quan-tri", ttdn.RoleAdmin, nil)
	w.officerA = user("can-bo-a", ttdn.RoleUnitOfficer, w.unitA)
	w.officerB = user("can-bo-b", ttdn.RoleUnitOfficer, w.unitB)
	w.officerA1 = user("can-bo-a1", ttdn.RoleUnitOfficer, w.unitA1)
	w.leader = user("lanh-dao", ttdn.RoleLeader, nil)
	return w
}

func as(u *ttdn.User) context.Context { return sqltest.UserContext(u) }

func date(y, m, d int) ttdn.Date { return ttdn.Date{Year: y, Month: timeMonth(m), Day: d} }

// plan2019 builds a plan shaped like the seed (KH 79/KH-UBND): three tasks —
// internal led by A with the group coordinating (named by code only), secret
// led by B with an unresolved executing unit, public led by the group —
// responsibilities, schedule and distribution.
func (w *world) plan2019() *ttdn.Plan {
	refA := ttdn.UnitRef{Name: w.unitA.Name, Text: "Sở Thông tin và Truyền thông", Code: "so-a"}
	refB := ttdn.UnitRef{Name: w.unitB.Name, Text: "Sở Ngoại vụ", ID: w.unitB.ID}
	refGroup := ttdn.UnitRef{Name: w.group.Name, Text: "các sở, ban, ngành", Code: "nhom-ab", Group: true}
	unknown := ttdn.UnitRef{Name: "Các doanh nghiệp du lịch", Text: "Các doanh nghiệp du lịch"}
	return &ttdn.Plan{
		Number: "79/KH-UBND", Kind: "Kế hoạch", Year: 2019, Place: "Tây Ninh",
		Title:    "Thông tin đối ngoại tỉnh Tây Ninh năm 2019",
		Issuer:   "Ủy ban nhân dân tỉnh Tây Ninh",
		IssuedOn: date(2019, 1, 14), Signer: "Trần Văn Chiến", SignerTitle: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
		LegalBases: []ttdn.Document{{Number: "368/QĐ-TTg", Kind: "Quyết định", Date: date(2013, 2, 28), Issuer: "Thủ tướng Chính phủ",
			Title: "Ban hành Kế hoạch thực hiện Chiến lược Thông tin đối ngoại"}},
		References: []ttdn.Document{
			{Number: "72/2015/NĐ-CP", Kind: "Nghị định", Date: date(2015, 9, 7), Issuer: "Chính phủ"},
			{Number: "4110/BTTTT-TTĐN", Kind: "Công văn", Issuer: "Bộ Thông tin và Truyền thông"},
		},
		Sections:          []ttdn.Section{{Number: "I", Title: "MỤC ĐÍCH, YÊU CẦU"}, {Number: "III", Title: "CÔNG TÁC THÔNG TIN ĐỐI NGOẠI"}},
		Objectives:        []string{"Tăng cường quảng bá hình ảnh Tây Ninh."},
		Requirements:      []string{"Chấp hành nghiêm chế độ bảo mật thông tin, bảo vệ bí mật Nhà nước."},
		ContentDirections: []string{"Thông tin về biên giới, quan hệ Việt Nam – Campuchia."},
		Budget:            "Kinh phí thực hiện từ nguồn ngân sách tỉnh.",
		Closing:           []string{"Trong quá trình thực hiện nếu có khó khăn, vướng mắc phản ánh bằng văn bản."},
		Tasks: []*ttdn.Task{
			{Ref: "III.1", Title: "Họp báo định kỳ", Body: "Tổ chức họp báo hằng quý.", Lead: []ttdn.UnitRef{refA},
				Coordinating: []ttdn.UnitRef{refGroup}, Deadline: date(2019, 12, 15), Classification: ttdn.Internal},
			{Ref: "III.2", Title: "Theo dõi thông tin sai sự thật", Lead: []ttdn.UnitRef{refB},
				Executing: []ttdn.UnitRef{unknown}, DeadlineText: "Thường xuyên", Classification: ttdn.Secret},
			{Ref: "III.3", Title: "Quảng bá trên Cổng TTĐT", Lead: []ttdn.UnitRef{refGroup}, Classification: ttdn.Public,
				Status: ttdn.TaskInProgress, Percent: 40},
		},
		Responsibilities: []*ttdn.Responsibility{
			{Ref: "V.1", Heading: "Sở Thông tin và Truyền thông", Units: []ttdn.UnitRef{refA},
				Duties: []string{"Chủ trì, theo dõi, đôn đốc.", "Tổng hợp báo cáo."}, Classification: ttdn.Internal},
			{Ref: "V.2", Heading: "Các doanh nghiệp du lịch", Units: []ttdn.UnitRef{unknown}, Duties: []string{"Phối hợp quảng bá."}, Classification: ttdn.Public},
		},
		ReportSchedule: ttdn.ReportSchedule{
			DueDates:   []ttdn.DayMonth{{Day: 20, Month: 6}, {Day: 5, Month: 12}},
			ReportTo:   &ttdn.UnitRef{Name: w.unitA.Name, Text: "Sở TTTT", Code: "so-a"},
			Recipients: []ttdn.UnitRef{refB, {Name: "BCĐ 94-16", Text: "BCĐ 94-16"}},
		},
		Distribution: []ttdn.Recipient{
			{Text: "Bộ Thông tin và Truyền thông (b/c);"},
			{Text: "Sở Ngoại vụ;", Unit: &ttdn.UnitRef{Name: w.unitB.Name, Text: "Sở Ngoại vụ", Code: "so-b"}},
			{Text: "Lưu: VT."},
		},
		Classification: ttdn.Internal,
	}
}

func timeMonth(m int) time.Month { return time.Month(m) }
