package http

// publicationCatalog holds the strings of the coordinator's public-site
// pages (issue 14 §2), merged into catalog. The public site's own words,
// in three languages, are in catalog_public.go.
var publicationCatalog = map[string][2]string{
	"nav.publications":              {"Trang công khai", "Public site"},
	"publication.list_title":        {"Tin đăng trên trang công khai", "Public site publications"},
	"publication.help":              {"Chỉ hồ sơ có độ mật “Công khai” mới được đăng; hồ sơ sau đó bị nâng độ mật sẽ tự rời trang công khai. Gỡ bài thì bài rời trang, nguồn tin và sơ đồ trang ngay.", "Only records classified public can be published; a record later made more classified leaves the public site by itself. Unpublishing removes an item from the pages, feeds and sitemap at once."},
	"publication.new_title":         {"Đăng lên trang công khai", "Publish on the public site"},
	"publication.edit_title":        {"Tin trên trang công khai", "Public site item"},
	"publication.publish":           {"Đăng lên trang công khai", "Publish on the public site"},
	"publication.save":              {"Lưu", "Save"},
	"publication.unpublish":         {"Gỡ khỏi trang công khai", "Unpublish"},
	"publication.view_public":       {"Xem trên trang công khai", "View on the public site"},
	"publication.open_site":         {"Mở trang công khai", "Open the public site"},
	"publication.empty":             {"Chưa đăng tin nào. Mở một hoạt động công khai hoặc một phản hồi đã duyệt để đăng.", "Nothing published yet. Open a public activity or an approved response to publish it."},
	"publication.title":             {"Tiêu đề", "Title"},
	"publication.summary":           {"Tóm tắt", "Summary"},
	"publication.body":              {"Nội dung", "Text"},
	"publication.status":            {"Tình trạng bản dịch", "Translation status"},
	"publication.kind":              {"Mục", "Section"},
	"publication.languages":         {"Ngôn ngữ hiển thị", "Shown in"},
	"publication.visible":           {"Đang hiển thị", "On the site"},
	"publication.hidden":            {"Đang ẩn: hồ sơ gốc không còn công khai", "Hidden: the record is no longer public"},
	"publication.published_at":      {"Đăng lúc", "Published"},
	"publication.link_url":          {"Đường dẫn xem, tải về (video, tệp)", "Link to watch or download (video, file)"},
	"publication.author":            {"Cơ quan công bố", "Publishing body"},
	"publication.claim":             {"Thông tin được kiểm chứng", "Claim reviewed"},
	"publication.verdict":           {"Kết luận", "Verdict"},
	"publication.dates":             {"Thời gian", "Dates"},
	"publication.files":             {"Tệp của hoạt động (được tải về từ trang công khai)", "The activity's files (downloadable from the public site)"},
	"publication.lang.vi":           {"Tiếng Việt (bắt buộc)", "Vietnamese (required)"},
	"publication.lang.en":           {"Tiếng Anh (không bắt buộc)", "English (optional)"},
	"publication.lang.km":           {"Tiếng Khmer (không bắt buộc)", "Khmer (optional)"},
	"publication.lang_help":         {"Bản chưa dịch xong (“Cần dịch”) không hiển thị; trang ngôn ngữ đó hiện bản tiếng Việt kèm ghi chú.", "A version still “to translate” is not shown; that language's page shows the Vietnamese one with a note."},
	"publication.kind.activity":     {"Hoạt động", "Activity"},
	"publication.kind.material":     {"Ấn phẩm quảng bá", "Promotion material"},
	"publication.kind.rebuttal":     {"Phản bác thông tin sai sự thật", "Rebuttal"},
	"publication.status.needed":     {"Cần dịch", "To translate"},
	"publication.status.translated": {"Đã dịch", "Translated"},
	"publication.status.approved":   {"Đã duyệt", "Approved"},
	"publication.unpublish_confirm": {"Gỡ bài khỏi trang công khai ngay bây giờ?", "Remove the item from the public site now?"},
	"flash.publication_published":   {"Đã đăng lên trang công khai.", "Published on the public site."},
	"flash.publication_saved":       {"Đã lưu tin trên trang công khai.", "The public item was saved."},
	"flash.publication_unpublished": {"Đã gỡ khỏi trang công khai.", "Removed from the public site."},
}

func init() {
	for k, v := range publicationCatalog {
		catalog[k] = v
	}
}
