package demo

// loginHints say what each demo user has waiting on the living year's
// today: the first thing to try after logging in.
var loginHints = map[string]string{
	"admin":    "quản lý tài khoản, xem nhật ký hệ thống",
	"dieuphoi": "xem báo cáo chờ duyệt và đơn vị chưa nộp, tổng hợp khó khăn, vướng mắc",
	"ngoaivu":  "sửa và gửi lại báo cáo bị trả lại, cập nhật nhiệm vụ quá hạn",
	"taichinh": "thẩm định dự toán đang chờ",
	"lanhdao":  "xem tình hình toàn tỉnh, dự toán chờ phê duyệt, kiến nghị chờ trả lời",
	"theodoi":  "đánh giá tin báo chí mới, tin cần xử lý",
}

// Hint returns, in Vietnamese, what to try first with the log-in.
func (l Login) Hint() string { return loginHints[l.Username] }

// Describe returns the log-in's line of the table `ttdn serve --demo`
// prints: "dieuphoi — Cơ quan điều phối (Sở VHTTDL): xem báo cáo chờ duyệt…".
func (l Login) Describe() string {
	s := l.Username + " — " + l.Role.Label()
	if l.Unit != "" {
		s += " (" + l.Unit + ")"
	}
	if h := l.Hint(); h != "" {
		s += ": " + h
	}
	return s
}
