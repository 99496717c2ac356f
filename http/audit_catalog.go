package http

// auditCatalog holds the strings of the audit log page (issue 6).
var auditCatalog = map[string][2]string{
	"nav.audit":        {"Nhật ký", "Audit log"},
	"audit.title":      {"Nhật ký hệ thống", "Audit log"},
	"audit.intro":      {"Mọi thay đổi và mọi lần xem hồ sơ mật, ghi cùng giao dịch với thao tác và nối chuỗi băm chống sửa đổi (kiểm tra bằng lệnh ttdn audit verify).", "Every change and every read of a secret record, written in the same transaction as the act and hash-chained against tampering (check with ttdn audit verify)."},
	"audit.seq":        {"Số TT", "No."},
	"audit.at":         {"Thời gian", "Time"},
	"audit.user":       {"Người dùng", "User"},
	"audit.addr":       {"Địa chỉ", "Address"},
	"audit.action":     {"Thao tác", "Action"},
	"audit.entity":     {"Đối tượng", "Record"},
	"audit.entity_id":  {"Mã", "ID"},
	"audit.changes":    {"Thay đổi", "Changes"},
	"audit.field":      {"Trường", "Field"},
	"audit.before":     {"Trước", "Before"},
	"audit.after":      {"Sau", "After"},
	"audit.hash":       {"Mã băm", "Hash"},
	"audit.from":       {"Từ ngày", "From"},
	"audit.to":         {"Đến ngày", "To"},
	"audit.any":        {"Tất cả", "Any"},
	"audit.filter":     {"Lọc", "Filter"},
	"audit.clear":      {"Bỏ lọc", "Clear"},
	"audit.none":       {"Không có bản ghi nào khớp bộ lọc.", "No entry matches the filters."},
	"audit.no_changes": {"Không có nội dung thay đổi.", "No recorded content."},
	"audit.event":      {"Sự việc", "Event"},
	"audit.from_addr":  {"từ địa chỉ %s", "from %s"},
	"audit.details":    {"chi tiết", "details"},
	"audit.hidden":     {"Thao tác trên bản ghi được bảo vệ: bạn không có quyền xem nội dung.", "Action on a protected record: you may not see its content."},
	"audit.date_hint":  {"ngày/tháng/năm", "dd/mm/yyyy"},
}

func init() {
	for k, v := range auditCatalog {
		catalog[k] = v
	}
}
