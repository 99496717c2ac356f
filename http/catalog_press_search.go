package http

// pressSearchCatalog holds the strings of issue 11's search: order and
// the help on phrases and diacritics. Merged into catalog.
var pressSearchCatalog = map[string][2]string{
	"press.sort":          {"Sắp xếp", "Order"},
	"press.sort_default":  {"Phù hợp nhất (có từ khóa) / tin trúng từ khóa theo dõi trước", "Most relevant (with a query) / watchlist hits first"},
	"press.sort_date":     {"Mới đăng trước", "Newest published first"},
	"press.query_help_v2": {"Đặt cụm từ trong ngoặc kép để tìm đúng cụm. Gõ có dấu thì chỉ khớp đúng dấu (“Biển Đông” không khớp “biến động”); gõ không dấu thì khớp cả chữ có dấu. Thêm * để tìm theo tiền tố.", "Put words in quotes to find the phrase. Words typed with diacritics match only those diacritics (“Biển Đông” is not “biến động”); words typed without them match either. End a word with * for a prefix."},
}

func init() {
	for k, v := range pressSearchCatalog {
		catalog[k] = v
	}
}
