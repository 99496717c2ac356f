package http

// pressMatchCatalog holds the strings of issue 11: term rules, the preview
// of what a change gains and loses, re-apply progress, and triage in the
// review queue. Merged into catalog.
var pressMatchCatalog = map[string][2]string{
	"press.folded":       {"Khớp cả khi viết không dấu", "Also match without diacritics"},
	"press.folded_help":  {"Khớp cả những chữ viết không dấu trong bài viết có dấu (ví dụ “Moc Bai” trong một bài tiếng Việt). Chữ viết với dấu khác không bao giờ khớp: “biến động” không phải “Biển Đông”.", "Also match words written without diacritics in a text written with them (“Moc Bai” in a Vietnamese article). Words with other diacritics never match: “biến động” is not “Biển Đông”."},
	"press.exclude":      {"Không tính khi nằm trong cụm", "Not when part of"},
	"press.exclude_help": {"Mỗi dòng một cụm, ví dụ “Trần Việt Tân”: lần khớp nằm trong cụm này không được tính.", "One phrase per line, e.g. “Trần Việt Tân”: a match inside it does not count."},
	"press.context_rule": {"Chỉ tính khi gần một trong các cụm", "Only near one of"},
	"press.context_help": {"Mỗi dòng một cụm, ví dụ “tổ chức”, “khủng bố”; để trống nếu không cần.", "One phrase per line, e.g. “tổ chức”, “khủng bố”; leave empty if not needed."},
	"press.within":       {"Trong phạm vi (số từ)", "Within (words)"},
	"press.rules":        {"Quy tắc", "Rules"},
	"press.rule_folded":  {"khớp cả không dấu", "also without diacritics"},
	"press.rule_exclude": {"trừ: %s", "not in: %s"},
	"press.rule_context": {"chỉ khi gần: %s (trong %d từ)", "only near: %s (within %d words)"},

	"press.preview_gained":          {"Thêm %d tin bài so với quy tắc hiện tại", "%d articles gained against the current rule"},
	"press.preview_lost":            {"Bớt %d tin bài so với quy tắc hiện tại", "%d articles lost against the current rule"},
	"press.preview_kept":            {"Giữ nguyên %d tin bài", "%d articles unchanged"},
	"press.preview_gained_examples": {"Ví dụ tin bài được thêm", "Examples gained"},
	"press.preview_lost_examples":   {"Ví dụ tin bài bị bớt (trích đoạn theo quy tắc hiện tại)", "Examples lost (as the current rule matched them)"},

	"press.reapply_all":     {"Để trống: mọi tin bài đã lưu", "Empty: every stored article"},
	"press.reapply_title":   {"Áp dụng lại từ khóa", "Re-applying a term"},
	"press.reapply_since":   {"Tin bài đăng từ %s, mới nhất trước", "Articles published since %s, newest first"},
	"press.reapply_every":   {"Mọi tin bài đã lưu, mới nhất trước", "Every stored article, newest first"},
	"press.reapply_running": {"Đang áp dụng lại: %d/%d tin bài (%d%%).", "Re-applying: %d of %d articles (%d%%)."},
	"press.reapply_done":    {"Đã áp dụng lại cho %d tin bài: %d tin bài khớp từ khóa.", "Re-applied to %d articles: %d match the term."},
	"press.reapply_failed":  {"Việc áp dụng lại dừng vì lỗi sau %d/%d tin bài; các tin bài đã xử lý được giữ. Hãy áp dụng lại.", "The re-apply stopped on an error after %d of %d articles; those done are kept. Re-apply again."},
	"press.reapply_stalled": {"Việc áp dụng lại bị gián đoạn sau %d/%d tin bài (máy chủ dừng). Hãy áp dụng lại.", "The re-apply was interrupted after %d of %d articles (its server stopped). Re-apply again."},
	"press.back_watch":      {"Về danh sách từ khóa", "Back to the watchlist"},

	"press.select":                {"Chọn tin bài này", "Select this article"},
	"press.select_all":            {"Chọn tất cả", "Select all"},
	"press.selected":              {"Đã chọn %d tin bài", "%d selected"},
	"press.bulk_help":             {"Chọn các tin bài rồi đánh giá một lần:", "Select articles, then judge them at once:"},
	"press.triage_irrelevant":     {"Không liên quan", "Not relevant"},
	"press.triage_relevant":       {"Liên quan", "Relevant"},
	"press.triage_action":         {"Cần xử lý", "Needs action"},
	"press.shortcuts":             {"Phím tắt: j/k xuống/lên, x chọn, r liên quan, n không liên quan, a cần xử lý, Esc bỏ chọn.", "Keys: j/k down/up, x select, r relevant, n not relevant, a needs action, Esc clear."},
	"press.triaged":               {"Đã đánh giá %d tin bài.", "%d articles judged."},
	"press.triage_stale":          {"%d tin bài vừa được người khác thay đổi nên được giữ nguyên; hãy xem lại.", "%d articles were changed by someone else meanwhile and were left as they are; check them again."},
	"press.triage_refused":        {"%d tin bài đã bị loại nên chỉ có thể mở lại.", "%d articles are dismissed and can only be reopened."},
	"press.teach_title":           {"Dạy từ khóa: không tính những trường hợp như thế này nữa?", "Teach the term: stop counting cases like these?"},
	"press.teach_help":            {"Thêm một cụm quanh từ khóa vào danh sách loại trừ: lần khớp nằm trong cụm đó sẽ không được tính, cả với tin bài mới.", "Add a phrase around the match to the term's exclusions: a match inside it no longer counts, new articles included."},
	"press.teach_for":             {"“%s” (từ khóa %s): không tính khi nằm trong", "“%s” (term %s): not when part of"},
	"press.teach_custom":          {"hoặc tự nhập:", "or type one:"},
	"press.teach_reapply":         {"Áp dụng lại ngay cho mọi tin bài đã lưu", "Re-apply now to every stored article"},
	"press.teach_add":             {"Thêm cụm loại trừ", "Add the exclusion"},
	"flash.press_exclusion_added": {"Đã thêm cụm loại trừ cho từ khóa. Hãy áp dụng lại để cập nhật các tin bài đã lưu.", "The exclusion has been added. Re-apply the term to update stored articles."},
}

func init() {
	for k, v := range pressMatchCatalog {
		catalog[k] = v
	}
}
