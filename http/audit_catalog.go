package http

// auditCatalog holds the strings of the audit log page (issue 6).
var auditCatalog = map[string][2]string{
	"nav.audit":           {"Nhật ký", "Audit log"},
	"audit.title":         {"Nhật ký hệ thống", "Audit log"},
	"audit.intro":         {"Mọi thay đổi và mọi lần xem hồ sơ mật, ghi cùng giao dịch với thao tác và nối chuỗi băm chống sửa đổi.", "Every change and every read of a secret record, written in the same transaction as the act and hash-chained against tampering."},
	"audit.chain_title":   {"Tính toàn vẹn của nhật ký", "Integrity of the log"},
	"audit.chain_never":   {"Chuỗi nhật ký chưa được kiểm tra lần nào.", "The audit chain has never been checked."},
	"audit.chain_intact":  {"Nguyên vẹn: %d bản ghi đầu tiên của chuỗi khớp mã băm, kiểm tra lúc %s; toàn bộ chuỗi được đọc lại lần cuối lúc %s.", "Intact: the first %d entries of the chain match their hashes, checked at %s; the whole chain was last read at %s."},
	"audit.chain_broken":  {"Phát hiện nhật ký bị can thiệp (kiểm tra lúc %s):", "The log has been tampered with (checked at %s):"},
	"audit.chain_running": {"Đang kiểm tra toàn bộ chuỗi: %d / %d bản ghi (%d%%), bắt đầu lúc %s.", "Checking the whole chain: %d of %d entries (%d%%), started at %s."},
	"audit.chain_stalled": {"Lần kiểm tra bắt đầu lúc %s đã dừng giữa chừng (máy chủ chạy nó đã dừng). Hãy kiểm tra lại.", "The check started at %s stopped half-way (the server running it stopped). Check again."},
	"audit.chain_by":      {"Người yêu cầu: %s.", "Asked for by %s."},
	"audit.chain_server":  {"Máy chủ tự kiểm tra hằng ngày.", "The server checks it daily."},
	"audit.chain_check":   {"Kiểm tra toàn bộ ngay", "Check the whole chain now"},
	"audit.chain_help":    {"Đọc lại mọi bản ghi và so với mã băm; mất vài giây với nhật ký lớn. Máy chủ cũng tự làm việc này mỗi ngày.", "Reads every entry again against its hash; takes a few seconds on a large log. The server also does this every day."},
	"audit.chain_reload":  {"Cập nhật", "Refresh"},
	"flash.audit_check":   {"Đã bắt đầu kiểm tra toàn bộ chuỗi nhật ký; trang này cho biết tiến độ.", "The full check of the audit chain has started; this page shows its progress."},
	"flash.audit_checked": {"Đã kiểm tra xong toàn bộ chuỗi nhật ký.", "The whole audit chain has been checked."},
	"audit.seq":           {"Số TT", "No."},
	"audit.at":            {"Thời gian", "Time"},
	"audit.user":          {"Người dùng", "User"},
	"audit.addr":          {"Địa chỉ", "Address"},
	"audit.action":        {"Thao tác", "Action"},
	"audit.entity":        {"Đối tượng", "Record"},
	"audit.entity_id":     {"Mã", "ID"},
	"audit.changes":       {"Thay đổi", "Changes"},
	"audit.field":         {"Trường", "Field"},
	"audit.before":        {"Trước", "Before"},
	"audit.after":         {"Sau", "After"},
	"audit.hash":          {"Mã băm", "Hash"},
	"audit.from":          {"Từ ngày", "From"},
	"audit.to":            {"Đến ngày", "To"},
	"audit.any":           {"Tất cả", "Any"},
	"audit.filter":        {"Lọc", "Filter"},
	"audit.clear":         {"Bỏ lọc", "Clear"},
	"audit.none":          {"Không có bản ghi nào khớp bộ lọc.", "No entry matches the filters."},
	"audit.no_changes":    {"Không có nội dung thay đổi.", "No recorded content."},
	"audit.event":         {"Sự việc", "Event"},
	"audit.from_addr":     {"từ địa chỉ %s", "from %s"},
	"audit.details":       {"chi tiết", "details"},
	"audit.hidden":        {"Thao tác trên bản ghi được bảo vệ: bạn không có quyền xem nội dung.", "Action on a protected record: you may not see its content."},
	"audit.date_hint":     {"ngày/tháng/năm", "dd/mm/yyyy"},
}

func init() {
	for k, v := range auditCatalog {
		catalog[k] = v
	}
}
