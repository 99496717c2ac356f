package http

// opsCatalog holds the texts of what an IT centre connects ttdn to: the
// calendar feed, webhooks and single sign-on (issue 16).
var opsCatalog = map[string][2]string{
	"calendar.title":           {"Lịch công việc (iCalendar)", "Work calendar (iCalendar)"},
	"calendar.help":            {"Một địa chỉ bí mật của riêng bạn để Outlook, Thunderbird hoặc lịch điện thoại hiển thị hạn nhiệm vụ của đơn vị, hạn nộp báo cáo và hoạt động của đơn vị. Ai có địa chỉ này đều xem được lịch: đừng chia sẻ; nếu lộ, hãy tạo địa chỉ mới. Hồ sơ mật chỉ hiện số hiệu, không hiện nội dung.", "A secret address of your own so Outlook, Thunderbird or a phone calendar shows your unit's task deadlines, report due dates and your unit's activities. Anyone with the address can read the calendar: do not share it; if it leaks, make a new one. Secret records show only their reference, never their content."},
	"calendar.copy_now":        {"Sao chép địa chỉ này vào ứng dụng lịch (đăng ký lịch qua địa chỉ web). Địa chỉ chỉ hiện một lần.", "Copy this address into your calendar application (subscribe by web address). It is shown only once."},
	"calendar.since":           {"Địa chỉ lịch đang dùng, tạo lúc %s.", "A calendar address is in use, made at %s."},
	"calendar.create":          {"Tạo địa chỉ lịch", "Make a calendar address"},
	"calendar.rotate":          {"Đổi địa chỉ mới (địa chỉ cũ ngừng hoạt động)", "Make a new address (the old one stops working)"},
	"calendar.revoke":          {"Thu hồi địa chỉ lịch", "Revoke the calendar address"},
	"flash.calendar_revoked":   {"Đã thu hồi địa chỉ lịch.", "The calendar address is revoked."},
	"calendar.name":            {"TTĐN — %s", "TTĐN — %s"},
	"calendar.task_due":        {"Hạn nhiệm vụ %s: %s", "Task %s due: %s"},
	"calendar.task_secret":     {"Hạn nhiệm vụ %s (mật — xem trong ttdn)", "Task %s due (secret — read it in ttdn)"},
	"calendar.activity_secret": {"Hoạt động (mật — xem trong ttdn)", "Activity (secret — read it in ttdn)"},
	"calendar.period_due":      {"Hạn nộp báo cáo: %s", "Report due: %s"},
	"calendar.cat_task":        {"Nhiệm vụ", "Task"},
	"calendar.cat_activity":    {"Hoạt động", "Activity"},
	"calendar.cat_report":      {"Báo cáo", "Report"},
}

func init() {
	for k, v := range opsCatalog {
		catalog[k] = v
	}
}
