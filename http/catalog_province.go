package http

// provinceCatalog holds the strings of the province setup and the
// directory's import and export (issue 13 §2), merged into catalog.
var provinceCatalog = map[string][2]string{
	"province.title":           {"Thiết lập tỉnh, thành phố", "Set up the province"},
	"province.intro":           {"Chọn tỉnh, thành phố hệ thống phục vụ (34 tỉnh, thành phố sau sắp xếp năm 2025). Hệ thống tạo danh mục đơn vị ban đầu: các sở, ban, ngành theo tên sau năm 2025, Tỉnh ủy và các ban, HĐND, UBND, Mặt trận và các đoàn thể, Công an, Bộ Chỉ huy Quân sự, Bộ đội Biên phòng (nơi có biên giới), các cơ quan báo chí. Danh mục mẫu Tây Ninh được thay thế nếu chọn tỉnh khác.", "Choose the province or city this system serves (one of the 34 after the 2025 reorganisation). The system creates a starting unit directory: the departments as named after 2025, the party committee and its boards, the council and committee, the Fatherland Front and mass organisations, police, military command, border guard (where there is a border) and press agencies. The Tây Ninh example directory is replaced if another province is chosen."},
	"province.current":         {"Hệ thống đã được thiết lập cho %s. Có thể nạp thêm xã, phường, đặc khu.", "This system is set up for %s. More communes and wards can be loaded."},
	"province.choose":          {"Tỉnh, thành phố", "Province or city"},
	"province.choose_prompt":   {"— Chọn tỉnh, thành phố —", "— Choose a province or city —"},
	"province.communes":        {"Xã, phường, đặc khu (mỗi dòng một tên)", "Communes, wards and special zones (one a line)"},
	"province.communes_help":   {"Mỗi dòng bắt đầu bằng “Xã”, “Phường” hoặc “Đặc khu”, ví dụ “Phường Bến Thành”. Có thể để trống và nạp sau bằng tệp danh mục.", "Each line begins with “Xã”, “Phường” or “Đặc khu”, e.g. “Phường Bến Thành”. May be left empty and loaded later from a directory file."},
	"province.submit":          {"Thiết lập", "Set up"},
	"province.formed_from":     {"hợp nhất từ %s", "merged from %s"},
	"province.borders":         {"biên giới với %s", "borders %s"},
	"country.cn":               {"Trung Quốc", "China"},
	"country.la":               {"Lào", "Laos"},
	"country.kh":               {"Campuchia", "Cambodia"},
	"province.not_set":         {"Chưa thiết lập tỉnh, thành phố hệ thống phục vụ.", "The province this system serves is not set up yet."},
	"province.set_up_now":      {"Thiết lập ngay", "Set it up now"},
	"directory.import_title":   {"Nạp danh mục đơn vị từ tệp", "Load the unit directory from a file"},
	"directory.import_intro":   {"Tệp CSV hoặc Excel (.xlsx), dòng đầu là tiêu đề cột: Mã, Tên, Tên viết tắt, Tên khác (cách nhau bởi ;), Loại, Đơn vị cấp trên, Hiệu lực từ, Hiệu lực đến, Đơn vị kế thừa, Ghi chú. Đơn vị có mã đã có được cập nhật, mã mới được thêm. Xem trước từng dòng; không lưu gì khi còn dòng lỗi.", "A CSV or Excel (.xlsx) file whose first line holds the headings: Mã, Tên, Tên viết tắt, Tên khác (separated by ;), Loại, Đơn vị cấp trên, Hiệu lực từ, Hiệu lực đến, Đơn vị kế thừa, Ghi chú. Units whose code is known are updated, new codes added. Every row is previewed; nothing is stored while a row has an error."},
	"directory.file":           {"Tệp danh mục (.csv, .xlsx)", "Directory file (.csv, .xlsx)"},
	"directory.export_csv":     {"Xuất danh mục (CSV)", "Export the directory (CSV)"},
	"directory.export_xlsx":    {"Xuất danh mục (Excel)", "Export the directory (Excel)"},
	"directory.summary":        {"Thêm mới %d, thay đổi %d, giữ nguyên %d, dòng lỗi %d.", "New %d, changed %d, unchanged %d, rows with errors %d."},
	"directory.line":           {"Dòng", "Line"},
	"directory.change":         {"Kết quả", "Result"},
	"directory.change_new":     {"Thêm mới", "New"},
	"directory.change_changed": {"Thay đổi", "Changed"},
	"directory.change_same":    {"Giữ nguyên", "Unchanged"},
	"directory.confirm":        {"Lưu danh mục", "Store the directory"},
	"directory.again":          {"Nạp lại tệp đã sửa", "Load the corrected file"},
	"flash.directory_imported": {"Đã nạp danh mục đơn vị.", "The unit directory has been loaded."},
	"flash.province_setup":     {"Đã thiết lập tỉnh, thành phố và danh mục đơn vị ban đầu.", "The province and its starting directory are set up."},
}

func init() {
	for k, v := range provinceCatalog {
		catalog[k] = v
	}
}
