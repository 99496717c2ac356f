package http

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"ttdn"
)

// The audit view reads as sentences: "dieuphoi (Sở Văn hóa…) trả lại báo
// cáo #12", with Vietnamese names of actions, records and fields, a link to
// the record, dates as dd/mm/yyyy and no internal codes; the JSON stays
// behind "chi tiết".

// auditActionWords names actions (VI, EN); an action not listed is shown
// with its underscores as spaces.
var auditActionWords = map[string][2]string{
	"create": {"tạo", "created"}, "update": {"sửa", "changed"}, "delete": {"xóa", "deleted"},
	"read": {"xem (hồ sơ mật)", "read (secret record)"}, "import": {"nhập dữ liệu", "imported data"},
	"restore": {"khôi phục dữ liệu", "restored data"}, "export": {"xuất", "exported"},
	"issue": {"ban hành", "issued"}, "amend": {"điều chỉnh", "amended"}, "close": {"kết thúc", "closed"},
	"reopen": {"mở lại", "reopened"}, "copy": {"sao chép", "copied"}, "open": {"mở kỳ", "opened"},
	"submit": {"gửi", "submitted"}, "return": {"trả lại", "returned"}, "accept": {"chấp nhận", "accepted"},
	"appraise": {"thẩm định", "appraised"}, "forward": {"chuyển", "forwarded"}, "approve": {"phê duyệt", "approved"},
	"allocate": {"cấp phát", "allocated"}, "spend": {"ghi chi", "recorded spending on"},
	"raised": {"nêu", "raised"}, "grouped": {"tổng hợp", "grouped"}, "forwarded": {"chuyển kiến nghị", "forwarded"},
	"answered": {"ghi trả lời", "answered"}, "closed": {"đóng", "closed"},
	"request": {"đề nghị", "requested"}, "confirmed": {"xác nhận", "confirmed"}, "rejected": {"từ chối", "rejected"},
	"set_password": {"đặt mật khẩu cho", "set the password of"}, "totp_on": {"bật xác thực hai bước cho", "turned two-step verification on for"},
	"totp_off": {"tắt xác thực hai bước cho", "turned two-step verification off for"},
	"login":    {"đăng nhập", "logged in"}, "login_failed": {"đăng nhập sai", "failed to log in as"},
	"login_locked": {"bị khóa đăng nhập", "was locked out"}, "login_slowed": {"bị làm chậm đăng nhập", "was slowed down"},
	"login_unlocked": {"mở khóa đăng nhập cho", "unlocked log-in for"}, "logout": {"đăng xuất", "logged out"},
	"logout_everywhere": {"đăng xuất mọi nơi", "logged out everywhere"},
	"sso_link":          {"liên kết đăng nhập một cửa cho", "linked single sign-on for"},
	"sso_unlink":        {"gỡ liên kết đăng nhập một cửa của", "removed the single sign-on link of"}, "revoke": {"thu hồi", "revoked"},
	"retire": {"ngừng dùng", "retired"}, "refresh": {"làm mới", "refreshed"}, "reapply": {"áp dụng lại", "re-applied"},
	"bulk_create": {"tạo hàng loạt", "created in bulk"}, "bulk_update": {"cập nhật hàng loạt", "updated in bulk"},
	"set_expected":      {"đặt đơn vị phải báo cáo của", "set the expected units of"},
	"set_indicators":    {"chọn chỉ tiêu cho", "chose the indicators of"},
	"rotate_secret_key": {"đổi khóa bí mật của", "rotated the secret key of"},
	"notify_email_set":  {"đổi cách nhận thư thông báo của", "changed how notices are e-mailed to"},
	"rotate":            {"đổi mới", "renewed"},
	"assess":            {"đánh giá", "assessed"}, "assign": {"giao xử lý", "assigned"}, "publish": {"ghi nhận đăng, phát", "recorded the publication of"},
	"province_setup": {"thiết lập", "set up"}, "add_alias": {"thêm tên gọi khác cho", "added another name for"},
	"publish_public": {"đăng lên trang công khai", "published on the public site"}, "unpublish_public": {"gỡ khỏi trang công khai", "removed from the public site"},
}

// auditKindWords names the kinds of records.
var auditKindWords = map[string][2]string{
	"plan": {"kế hoạch", "plan"}, "task": {"nhiệm vụ", "task"}, "responsibility": {"trách nhiệm", "responsibility"},
	"unit": {"đơn vị", "unit"}, "user": {"tài khoản", "account"}, "token": {"khóa API", "API token"},
	"activity": {"hoạt động", "activity"}, "channel": {"kênh thông tin", "channel"}, "contact": {"đầu mối", "contact"},
	"theme": {"chuyên đề", "theme"}, "settings": {"cài đặt", "settings"}, "attachment": {"tệp đính kèm", "attachment"},
	"progress_update": {"cập nhật tiến độ", "progress update"}, "unit_report": {"báo cáo đơn vị", "unit report"},
	"report_period": {"kỳ báo cáo", "report period"}, "consolidated_report": {"báo cáo tổng hợp", "consolidated report"},
	"indicator": {"chỉ tiêu", "indicator"}, "budget": {"dự toán", "estimate"}, "difficulty": {"khó khăn, vướng mắc", "difficulty"},
	"database": {"cơ sở dữ liệu", "database"}, "audit": {"nhật ký", "audit log"}, "account_request": {"yêu cầu tài khoản", "account request"},
	"press_source": {"nguồn tin", "press source"}, "watch_term": {"từ khóa theo dõi", "watch term"},
	"press_review": {"đánh giá tin", "press review"}, "article": {"tin bài", "article"},
	"case": {"vụ việc cần phản bác", "rebuttal case"}, "case_response": {"phản hồi vụ việc", "case response"},
	"unit_group":    {"nhóm đơn vị", "unit group"},
	"province":      {"tỉnh, thành phố và danh mục đơn vị ban đầu", "province and its starting directory"},
	"publication":   {"tin trên trang công khai", "public site item"},
	"calendar_feed": {"địa chỉ lịch", "calendar address"}, "webhook": {"địa chỉ nhận sự kiện (webhook)", "webhook"},
}

// auditFieldWords names the fields people care about; technical fields
// (versions, hashes, search keys, timestamps of the row) are left out.
var auditFieldWords = map[string][2]string{
	"account": {"Tài khoản", "Account"}, "step": {"Bước", "Step"}, "provider": {"Nhà cung cấp đăng nhập một cửa", "Sign-on provider"},
	"links": {"Số liên kết đăng nhập một cửa", "Sign-on links"}, "locked_addresses": {"Số địa chỉ đang bị khóa", "Locked addresses"},
	"slowed": {"Đang bị làm chậm", "Slowed down"},
	"title":  {"Tiêu đề, nội dung", "Title"}, "body": {"Nội dung chi tiết", "Body"}, "name": {"Tên", "Name"},
	"status": {"Trạng thái", "Status"}, "percent": {"Tỷ lệ hoàn thành", "Percent done"}, "deadline": {"Thời hạn", "Deadline"},
	"deadline_text": {"Thời hạn (chữ)", "Deadline (text)"}, "classification": {"Độ mật", "Classification"},
	"own_classification": {"Độ mật của riêng bản ghi", "Own classification"}, "lead": {"Chủ trì", "Lead"},
	"executing": {"Thực hiện", "Executing"}, "coordinating": {"Phối hợp", "Coordinating"}, "role": {"Vai trò", "Role"},
	"email": {"Thư điện tử", "E-mail"}, "unit_id": {"Đơn vị", "Unit"}, "disabled": {"Đã khóa", "Disabled"},
	"number": {"Số, ký hiệu", "Number"}, "issued_on": {"Ngày ban hành", "Issued on"}, "signer": {"Người ký", "Signer"},
	"year": {"Năm", "Year"}, "summary": {"Tóm tắt", "Summary"}, "start_date": {"Ngày bắt đầu", "Start date"},
	"end_date": {"Ngày kết thúc", "End date"}, "place": {"Địa điểm", "Place"}, "comment": {"Ý kiến", "Comment"},
	"note": {"Ghi chú", "Note"}, "text": {"Nội dung", "Text"}, "justification": {"Thuyết minh", "Justification"},
	"username": {"Tên đăng nhập", "Username"}, "reason": {"Lý do", "Reason"}, "proposal": {"Đề xuất", "Proposal"},
	"answer": {"Trả lời", "Answer"}, "late": {"Nộp muộn", "Late"}, "lines": {"Các dòng dự toán", "Lines"},
	"claim": {"Nội dung thông tin sai trái", "Claim"}, "verdict": {"Kết luận", "Verdict"}, "severity": {"Mức độ", "Severity"},
	"stage": {"Giai đoạn", "Stage"}, "lead_unit_id": {"Đơn vị chủ trì", "Lead unit"},
	"active": {"Đang dùng", "Active"}, "aliases": {"Tên gọi khác", "Other names"}, "budget": {"Kinh phí", "Budget"},
	"closing": {"Phần kết", "Closing"}, "code": {"Mã", "Code"}, "content_directions": {"Định hướng nội dung", "Content directions"},
	"cutoff_from": {"Chốt số liệu từ ngày", "Figures from"}, "cutoff_to": {"Chốt số liệu đến ngày", "Figures to"},
	"details": {"Thông tin riêng", "Details"}, "distribution": {"Phân phối", "Distribution"}, "due_date": {"Hạn nộp", "Due date"},
	"expires_at": {"Hết hạn lúc", "Expires at"}, "issuer": {"Cơ quan ban hành", "Issuing authority"},
	"issuing_unit": {"Đơn vị ban hành", "Issuing unit"}, "kind": {"Loại", "Kind"}, "languages": {"Ngôn ngữ", "Languages"},
	"legal_bases": {"Căn cứ", "Legal bases"}, "narrative": {"Phần đánh giá", "Narrative"}, "objectives": {"Mục đích", "Objectives"},
	"recipients": {"Nơi nhận", "Recipients"}, "references": {"Văn bản tham chiếu", "References"},
	"report_schedule": {"Chế độ báo cáo", "Reporting schedule"}, "requirements": {"Yêu cầu", "Requirements"},
	"responsibilities": {"Trách nhiệm của các đơn vị", "Responsibilities"}, "scope": {"Phạm vi", "Scope"},
	"sections": {"Các phần", "Sections"}, "short_name": {"Tên viết tắt", "Short name"}, "signer_title": {"Chức vụ người ký", "Signer's title"},
	"task_count": {"Số nhiệm vụ", "Number of tasks"}, "tasks": {"Nhiệm vụ", "Tasks"}, "themes": {"Chuyên đề", "Themes"},
	"totp_enabled": {"Xác thực hai bước", "Two-step verification"}, "type": {"Loại", "Type"}, "unit_name": {"Tên đơn vị", "Unit name"},
	"url": {"Địa chỉ", "Address"}, "valid_from": {"Hiệu lực từ", "Valid from"}, "valid_to": {"Hiệu lực đến", "Valid to"},
	"values": {"Số liệu", "Figures"}, "visible": {"Hiện trên trang công khai", "Shown on the public site"},
	"texts": {"Nội dung theo ngôn ngữ", "Texts by language"}, "source_kind": {"Loại nguồn", "Source kind"},
	"published_at": {"Đăng lúc", "Published at"}, "author": {"Tác giả", "Author"},
}

// auditValueWords are the words of coded values the audit records: why a
// single sign-on was refused.
var auditValueWords = map[string][2]string{
	"sso_no_cookie":  {"không có phiên đăng nhập một cửa đang chờ", "no single sign-on was waiting (no cookie)"},
	"sso_state":      {"nhà cung cấp báo lỗi hoặc mã trạng thái không khớp", "the provider answered an error or the state did not match"},
	"sso_exchange":   {"không đổi được mã lấy thẻ định danh", "the code could not be exchanged for an ID token"},
	"sso_token":      {"thẻ định danh không hợp lệ", "the ID token was invalid"},
	"sso_no_account": {"danh tính không gắn với tài khoản nào đang hoạt động", "the identity matches no enabled account"},
	// log-in steps (ttdn.LoginStep)
	"password": {"mật khẩu", "password"}, "totp": {"mã xác thực hai bước", "two-step code"},
	"current_password": {"nhập lại mật khẩu", "password re-entered"}, "sso": {"đăng nhập một cửa", "single sign-on"},
	"sso_other_identity": {"tài khoản đã liên kết với một danh tính một cửa khác",
		"the account is linked to another single sign-on identity"},
}

// hiddenAuditFields are never listed as changes: they move with every write.
var hiddenAuditFields = map[string]bool{"version": true, "updated_at": true, "created_at": true, "id": true,
	"search_key": true, "title_key": true, "revision": true, "warnings": true,
	// ids of other records: a number says nothing to people (the sentence
	// above the changes names the record)
	"plan_id": true, "period_id": true, "user_id": true, "unit_ids": true, "expected_unit_ids": true,
	"source_id": true, "published_by": true}

// auditSentence is one event in words.
type auditSentence struct {
	Who    string // "dieuphoi"
	Action string // "trả lại"
	Kind   string // "báo cáo đơn vị"
	Name   string // the record's title, name or reference ("" when hidden or unknown)
	Link   string // the record's page
}

// auditWords puts event e into words in lang.
func auditWords(e *ttdn.AuditEvent, lang string) auditSentence {
	pick := func(m map[string][2]string, k string) string {
		if w, ok := m[k]; ok {
			if lang == "en" {
				return w[1]
			}
			return w[0]
		}
		return strings.ReplaceAll(k, "_", " ")
	}
	s := auditSentence{Who: e.Username, Action: pick(auditActionWords, e.Action), Kind: pick(auditKindWords, e.Entity)}
	if !e.Hidden {
		s.Name = recordName(e.After)
		if s.Name == "" {
			s.Name = recordName(e.Before)
		}
	}
	if e.EntityID != 0 && e.Action != "delete" {
		s.Link = auditLink(e.Entity, e.EntityID)
	}
	return s
}

// recordName finds a human name in a record's JSON: ref and title, title,
// name or username.
func recordName(content string) string {
	m, ok := jsonObject(content)
	if !ok {
		return ""
	}
	get := func(k string) string { return strings.TrimSpace(valueText(m[k])) }
	name := get("title")
	if name == "" {
		name = get("name")
	}
	if name == "" {
		name = get("username")
	}
	if ref := get("ref"); ref != "" && name != "" {
		name = ref + " " + name
	}
	return shortenRunes(name, 120)
}

// auditLink is the page of a record, where there is one.
func auditLink(kind string, id int64) string {
	if base, ok := auditPages[kind]; ok {
		return fmt.Sprintf("%s/%d", base, id)
	}
	switch kind {
	case "unit_report":
		return fmt.Sprintf("/reports/%d", id)
	case "report_period":
		return fmt.Sprintf("/reports/periods/%d", id)
	case "user":
		return fmt.Sprintf("/users/%d/edit", id)
	}
	return ""
}

// mayOpenKind reports whether u may open some record of kind at all (an
// administrator reads the log but not estimates, difficulties, cases or
// unit reports): the log links a record only for those its page opens for.
// The record's own level is judged by the log's redaction (Hidden).
func mayOpenKind(u *ttdn.User, kind string) bool {
	r := ttdn.Resource{Kind: ttdn.ResourceKind(kind), Classification: ttdn.Public}
	if r.Kind == ttdn.ResourceUnitReport {
		return ttdn.CanReport(u, ttdn.ActRead, 0)
	}
	return ttdn.Can(u, ttdn.ActionRead, r)
}

// auditPages are the list paths whose /{id} shows a record of the kind.
var auditPages = map[string]string{"plan": "/plans", "task": "/tasks", "activity": "/activities", "budget": "/budgets",
	"difficulty": "/difficulties", "unit": "/units", "case": "/cases"}

// fieldWords names a field in lang ("" for a technical field to leave out).
func fieldWords(field, lang string) string {
	if hiddenAuditFields[field] {
		return ""
	}
	if w, ok := auditFieldWords[field]; ok {
		if lang == "en" {
			return w[1]
		}
		return w[0]
	}
	return strings.ReplaceAll(field, "_", " ")
}

// displayValue shows a stored value as people write it: dates dd/mm/yyyy,
// times in Vietnam, true/false as có/không, zero dates as nothing.
func displayValue(v, lang string) string {
	if w, ok := auditValueWords[v]; ok {
		return map[bool]string{true: w[1], false: w[0]}[lang == "en"]
	}
	switch v {
	case "true":
		return map[bool]string{true: "yes", false: "có"}[lang == "en"]
	case "false":
		return map[bool]string{true: "no", false: "không"}[lang == "en"]
	}
	if t, err := time.Parse(time.RFC3339Nano, v); err == nil {
		if t.IsZero() || t.Year() <= 1 {
			return ""
		}
		return t.In(vietnam).Format("02/01/2006 15:04")
	}
	if d, err := ttdn.ParseDate(v); err == nil && len(v) == 10 && v[4] == '-' {
		return d.String()
	}
	if c, err := ttdn.ParseClassification(v); err == nil && v != "" {
		return classificationLabel(lang, c)
	}
	if strings.HasPrefix(v, "[") || strings.HasPrefix(v, "{") {
		return unitNames(v)
	}
	return v
}

// unitNames turns a list of unit references into their names, a list of
// words into the words; other JSON stays as it is.
func unitNames(v string) string {
	var list []string // recipients, aliases, languages: plain words
	if json.Unmarshal([]byte(v), &list) == nil {
		return strings.Join(list, "; ")
	}
	var refs []struct {
		Name string `json:"name"`
		Text string `json:"text"`
	}
	if json.Unmarshal([]byte(v), &refs) != nil {
		return v
	}
	var names []string
	for _, r := range refs {
		if r.Name == "" && r.Text == "" {
			return v
		}
		names = append(names, firstNonEmpty(r.Name, r.Text))
	}
	return strings.Join(names, "; ")
}

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// shortenRunes cuts s to n runes with an ellipsis.
func shortenRunes(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
