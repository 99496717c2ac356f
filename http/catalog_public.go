package http

import "fmt"

// publicWords are the public site's words in Vietnamese, English and Khmer
// (the Cambodia programme, QĐ 30/QĐ-TTg). The internal UI has two
// languages (catalog.go); the public site has three, so it keeps its own.
var publicWords = map[string][3]string{
	"site.name":            {"Thông tin đối ngoại", "External information", "ព័ត៌មានការបរទេស"},
	"site.tagline":         {"Hoạt động, ấn phẩm quảng bá và thông tin chính thức của tỉnh", "The province's activities, promotion material and official information", "សកម្មភាព ឯកសារផ្សព្វផ្សាយ និងព័ត៌មានផ្លូវការរបស់ខេត្ត"},
	"nav.home":             {"Trang chủ", "Home", "ទំព័រដើម"},
	"nav.activity":         {"Hoạt động", "Activities", "សកម្មភាព"},
	"nav.material":         {"Ấn phẩm quảng bá", "Promotion material", "ឯកសារផ្សព្វផ្សាយ"},
	"nav.rebuttal":         {"Phản bác thông tin sai sự thật", "Fact checks", "ការបំភ្លឺព័ត៌មានមិនពិត"},
	"nav.events":           {"Lịch sự kiện", "Events calendar", "ប្រតិទិនព្រឹត្តិការណ៍"},
	"nav.language":         {"Ngôn ngữ", "Language", "ភាសា"},
	"home.latest":          {"Tin mới đăng", "Latest", "ព័ត៌មានថ្មីៗ"},
	"home.upcoming":        {"Sự kiện sắp diễn ra", "Upcoming events", "ព្រឹត្តិការណ៍ខាងមុខ"},
	"list.empty":           {"Chưa có tin nào được đăng.", "Nothing has been published yet.", "មិនទាន់មានការផ្សព្វផ្សាយនៅឡើយទេ។"},
	"events.empty":         {"Chưa có sự kiện nào.", "No events yet.", "មិនទាន់មានព្រឹត្តិការណ៍នៅឡើយទេ។"},
	"events.month":         {"Tháng %s", "Month %s", "ខែ %s"},
	"events.ics":           {"Thêm vào lịch (iCalendar)", "Add to your calendar (iCalendar)", "បន្ថែមទៅប្រតិទិន (iCalendar)"},
	"fallback":             {"Bài này chưa có bản tiếng Việt.", "This item is not yet available in English; it is shown in Vietnamese.", "អត្ថបទនេះមិនទាន់មានជាភាសាខ្មែរនៅឡើយទេ ដូច្នេះបង្ហាញជាភាសាវៀតណាម។"},
	"fallback.short":       {"bản tiếng Việt", "in Vietnamese", "ជាភាសាវៀតណាម"},
	"item.date":            {"Thời gian", "Date", "កាលបរិច្ឆេទ"},
	"item.place":           {"Địa điểm", "Place", "ទីកន្លែង"},
	"item.link":            {"Xem hoặc tải về", "Watch or download", "មើល ឬទាញយក"},
	"item.files":           {"Tệp tải về", "Downloads", "ឯកសារទាញយក"},
	"item.claim":           {"Thông tin được kiểm chứng", "Claim reviewed", "ការអះអាងដែលបានពិនិត្យ"},
	"item.claim_src":       {"Nơi xuất hiện", "Where it appeared", "ប្រភព"},
	"item.verdict":         {"Kết luận", "Verdict", "សេចក្តីសន្និដ្ឋាន"},
	"item.author":          {"Cơ quan công bố", "Published by", "ផ្សព្វផ្សាយដោយ"},
	"item.published":       {"Ngày đăng", "Published", "ថ្ងៃចុះផ្សាយ"},
	"item.other_lang":      {"Đọc bằng ngôn ngữ khác", "Read in another language", "អានជាភាសាផ្សេង"},
	"pages":                {"Trang", "Pages", "ទំព័រ"},
	"pages.prev":           {"‹ Trang trước", "‹ Previous", "‹ ទំព័រមុន"},
	"pages.next":           {"Trang sau ›", "Next ›", "ទំព័របន្ទាប់ ›"},
	"pages.of":             {"Trang %d / %d", "Page %d of %d", "ទំព័រ %d / %d"},
	"feeds":                {"Theo dõi", "Follow", "តាមដាន"},
	"feeds.atom":           {"Tin mới (Atom)", "Latest (Atom)", "ព័ត៌មានថ្មីៗ (Atom)"},
	"feeds.json":           {"Tin mới (JSON Feed)", "Latest (JSON Feed)", "ព័ត៌មានថ្មីៗ (JSON Feed)"},
	"footer":               {"Trang công khai: chỉ gồm những gì cơ quan điều phối đã duyệt đăng.", "Public pages: only what the coordinating body approved for publication.", "ទំព័រសាធារណៈ៖ មានតែអ្វីដែលស្ថាប័នសម្របសម្រួលបានអនុម័តឱ្យផ្សព្វផ្សាយប៉ុណ្ណោះ។"},
	"notfound":             {"Không tìm thấy trang bạn yêu cầu.", "The page you asked for was not found.", "រកមិនឃើញទំព័រដែលអ្នកស្នើសុំទេ។"},
	"error":                {"Đã có lỗi; hãy thử lại sau.", "Something went wrong; try again later.", "មានបញ្ហា សូមព្យាយាមម្តងទៀតនៅពេលក្រោយ។"},
	"toomany":              {"Quá nhiều yêu cầu; hãy thử lại sau ít phút.", "Too many requests; try again in a minute.", "សំណើច្រើនពេក សូមព្យាយាមម្តងទៀតក្នុងពេលបន្តិចទៀត។"},
	"verdict.false":        {"Sai sự thật", "False", "មិនពិត"},
	"verdict.distorted":    {"Xuyên tạc", "Distorted", "បំភ្លៃ"},
	"verdict.partly_false": {"Sai một phần", "Partly false", "មិនពិតមួយផ្នែក"},
	"verdict.true":         {"Đúng sự thật", "True", "ពិត"},
}

// publicLangNames name each language in itself, as language switches do.
var publicLangNames = map[string]string{"vi": "Tiếng Việt", "en": "English", "km": "ភាសាខ្មែរ"}

// publicLangIndex is a language's column in publicWords.
func publicLangIndex(lang string) int {
	switch lang {
	case "en":
		return 1
	case "km":
		return 2
	}
	return 0
}

// publicT translates a key of publicWords into lang.
func publicT(lang, key string, args ...any) string {
	e, ok := publicWords[key]
	if !ok {
		return key
	}
	if len(args) > 0 {
		return fmt.Sprintf(e[publicLangIndex(lang)], args...)
	}
	return e[publicLangIndex(lang)]
}
