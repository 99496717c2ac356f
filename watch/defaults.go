package watch

// Default is the watchlist ttdn ships: the province (Tây Ninh after its
// 2025 merger with Long An) and its places, the border and Cambodia, sea
// and islands, investment, tourism and the keywords of hostile
// propaganda. Monitors edit their own copy; this is the starting point.
// Aliases need not repeat forms that differ only by case or tone placement;
// place names that foreign texts write without diacritics also match so
// (Folded), and "Việt Tân", also a common given name, counts only near the
// words that make it the organisation.
var Default = []Term{
	// The province and its places.
	{Code: "tay-ninh", Name: "Tây Ninh", Aliases: []string{"tỉnh Tây Ninh", "Tay Ninh province", "province de Tay Ninh", "西宁省"}, Folded: true, Kind: Entity, Priority: High, Themes: []string{"van-hoa-lich-su"}},
	{Code: "long-an", Name: "Long An", Aliases: []string{"tỉnh Long An", "Long An province"}, Kind: Entity, Priority: High, Themes: []string{"van-hoa-lich-su"}},
	{Code: "tan-an", Name: "Tân An", Aliases: []string{"phường Tân An", "TP Tân An"}, Kind: Entity, Priority: Normal},
	{Code: "moc-bai", Name: "Mộc Bài", Aliases: []string{"cửa khẩu Mộc Bài", "Khu kinh tế cửa khẩu Mộc Bài", "Moc Bai border gate", "Bavet"}, Folded: true, Kind: Entity, Priority: High, Themes: []string{"bien-gioi", "campuchia", "dau-tu"}},
	{Code: "xa-mat", Name: "Xa Mát", Aliases: []string{"cửa khẩu Xa Mát", "Lò Gò - Xa Mát", "Lò Gò Xa Mát", "Trapeang Phlong"}, Folded: true, Kind: Entity, Priority: High, Themes: []string{"bien-gioi", "campuchia"}},
	{Code: "ba-den", Name: "Bà Đen", Aliases: []string{"núi Bà Đen", "Núi Bà", "Black Virgin Mountain"}, Folded: true, Kind: Entity, Priority: Normal, Themes: []string{"du-lich"}},
	{Code: "toa-thanh", Name: "Tòa Thánh Tây Ninh", Aliases: []string{"Tòa Thánh Cao Đài", "Cao Đài", "đạo Cao Đài", "Cao Dai Holy See", "Caodaism"}, Kind: Entity, Priority: Normal, Themes: []string{"nhan-quyen-ton-giao", "du-lich"}},
	{Code: "dau-tieng", Name: "Dầu Tiếng", Aliases: []string{"hồ Dầu Tiếng"}, Kind: Entity, Priority: Normal},
	{Code: "trang-bang", Name: "Trảng Bàng", Kind: Entity, Priority: Normal},
	{Code: "hoa-thanh", Name: "Hòa Thành", Kind: Entity, Priority: Low},
	{Code: "go-dau", Name: "Gò Dầu", Kind: Entity, Priority: Low},
	{Code: "ben-cau", Name: "Bến Cầu", Kind: Entity, Priority: Normal, Themes: []string{"bien-gioi"}},
	{Code: "tan-bien", Name: "Tân Biên", Kind: Entity, Priority: Normal, Themes: []string{"bien-gioi"}},
	{Code: "tan-chau", Name: "Tân Châu", Aliases: []string{"huyện Tân Châu"}, Kind: Entity, Priority: Low},
	{Code: "duong-minh-chau", Name: "Dương Minh Châu", Kind: Entity, Priority: Low},
	{Code: "duc-hoa", Name: "Đức Hòa", Kind: Entity, Priority: Low},
	{Code: "duc-hue", Name: "Đức Huệ", Kind: Entity, Priority: Normal, Themes: []string{"bien-gioi"}},
	{Code: "ben-luc", Name: "Bến Lức", Kind: Entity, Priority: Low},
	{Code: "can-giuoc", Name: "Cần Giuộc", Aliases: []string{"cảng Long An"}, Kind: Entity, Priority: Low, Themes: []string{"dau-tu"}},
	{Code: "kien-tuong", Name: "Kiến Tường", Kind: Entity, Priority: Low},
	{Code: "my-quy-tay", Name: "Mỹ Quý Tây", Aliases: []string{"cửa khẩu Mỹ Quý Tây", "Bình Hiệp", "cửa khẩu Bình Hiệp"}, Kind: Entity, Priority: Normal, Themes: []string{"bien-gioi", "campuchia"}},
	{Code: "chang-riec", Name: "Chàng Riệc", Aliases: []string{"căn cứ Trung ương Cục miền Nam"}, Kind: Entity, Priority: Low, Themes: []string{"van-hoa-lich-su"}},
	{Code: "phuoc-dong", Name: "Phước Đông", Aliases: []string{"khu công nghiệp Phước Đông", "KCN Phước Đông"}, Kind: Entity, Priority: Low, Themes: []string{"dau-tu"}},

	// The border and Cambodia.
	{Code: "campuchia", Name: "Campuchia", Aliases: []string{"Cambodia", "Cambodge", "Kampuchea", "柬埔寨"}, Kind: Entity, Priority: High, Themes: []string{"campuchia"}},
	{Code: "bien-gioi-vn-cpc", Name: "biên giới Việt Nam - Campuchia", Aliases: []string{"biên giới Việt Nam Campuchia", "biên giới Việt - Campuchia", "đường biên giới", "Vietnam-Cambodia border"}, Kind: Topic, Priority: High, Themes: []string{"bien-gioi", "campuchia"}},
	{Code: "phan-gioi", Name: "phân giới cắm mốc", Aliases: []string{"cột mốc biên giới", "mốc quốc giới", "border demarcation"}, Kind: Topic, Priority: High, Themes: []string{"phan-gioi-cam-moc", "bien-gioi"}},
	{Code: "bien-phong", Name: "Bộ đội Biên phòng", Aliases: []string{"biên phòng", "đồn biên phòng", "BĐBP"}, Kind: Entity, Priority: Normal, Themes: []string{"bien-gioi"}},
	{Code: "cua-khau", Name: "cửa khẩu", Aliases: []string{"cửa khẩu quốc tế", "cửa khẩu chính", "lối mở biên giới", "border gate"}, Kind: Topic, Priority: Normal, Themes: []string{"bien-gioi"}},
	{Code: "cpc-provinces", Name: "Svay Rieng", Aliases: []string{"Tbong Khmum", "Prey Veng", "Kampong Cham", "Svay Riêng"}, Kind: Entity, Priority: Normal, Themes: []string{"campuchia"}},
	{Code: "phnom-penh", Name: "Phnom Penh", Aliases: []string{"Phnôm Pênh", "Nam Vang"}, Kind: Entity, Priority: Normal, Themes: []string{"campuchia"}},
	{Code: "cpc-leaders", Name: "Hun Manet", Aliases: []string{"Hun Sen", "Thủ tướng Campuchia"}, Kind: Entity, Priority: Normal, Themes: []string{"campuchia"}},
	{Code: "funan-techo", Name: "kênh Funan Techo", Aliases: []string{"Funan Techo", "Phù Nam Techo"}, Kind: Topic, Priority: High, Themes: []string{"campuchia"}},
	{Code: "buon-lau", Name: "buôn lậu qua biên giới", Aliases: []string{"buôn lậu", "vận chuyển trái phép qua biên giới", "xuất nhập cảnh trái phép", "vượt biên trái phép"}, Kind: Topic, Priority: Normal, Themes: []string{"bien-gioi"}},

	// Sea and islands.
	{Code: "bien-dong", Name: "Biển Đông", Aliases: []string{"South China Sea", "East Sea", "mer de Chine méridionale"}, Kind: Topic, Priority: High, Themes: []string{"bien-dao"}},
	{Code: "hoang-sa", Name: "Hoàng Sa", Aliases: []string{"quần đảo Hoàng Sa", "Paracel", "Paracels", "Tây Sa"}, Kind: Entity, Priority: High, Themes: []string{"bien-dao"}},
	{Code: "truong-sa", Name: "Trường Sa", Aliases: []string{"quần đảo Trường Sa", "Spratly", "Spratlys", "Nam Sa"}, Kind: Entity, Priority: High, Themes: []string{"bien-dao"}},
	{Code: "chu-quyen-bien", Name: "chủ quyền biển đảo", Aliases: []string{"chủ quyền biển, đảo", "đường chín đoạn", "đường lưỡi bò", "nine-dash line", "vùng đặc quyền kinh tế", "bãi Tư Chính"}, Kind: Topic, Priority: High, Themes: []string{"bien-dao"}},

	// Investment and trade.
	{Code: "fdi", Name: "đầu tư trực tiếp nước ngoài", Aliases: []string{"FDI", "vốn đầu tư nước ngoài", "nhà đầu tư nước ngoài", "foreign investment", "foreign direct investment"}, Kind: Topic, Priority: Normal, Themes: []string{"dau-tu"}},
	{Code: "thu-hut-dau-tu", Name: "thu hút đầu tư", Aliases: []string{"xúc tiến đầu tư", "dự án đầu tư", "giấy chứng nhận đăng ký đầu tư", "investment promotion"}, Kind: Topic, Priority: Normal, Themes: []string{"dau-tu"}},
	{Code: "kcn", Name: "khu công nghiệp", Aliases: []string{"KCN", "khu kinh tế", "khu kinh tế cửa khẩu", "industrial park", "industrial zone"}, Kind: Topic, Priority: Low, Themes: []string{"dau-tu"}},
	{Code: "thuong-mai-bien-gioi", Name: "thương mại biên giới", Aliases: []string{"kim ngạch xuất nhập khẩu", "xuất khẩu sang Campuchia", "cross-border trade"}, Kind: Topic, Priority: Normal, Themes: []string{"dau-tu", "campuchia"}},

	// Tourism.
	{Code: "du-lich", Name: "du lịch Tây Ninh", Aliases: []string{"khách du lịch quốc tế", "du khách quốc tế", "khách quốc tế", "Tay Ninh tourism"}, Kind: Topic, Priority: Normal, Themes: []string{"du-lich"}},
	{Code: "le-hoi", Name: "Hội xuân núi Bà", Aliases: []string{"lễ hội núi Bà", "lễ hội Tây Ninh", "Hội Xuân Núi Bà Đen"}, Kind: Topic, Priority: Low, Themes: []string{"du-lich", "van-hoa-lich-su"}},

	// Foreign information work itself.
	{Code: "ttdn", Name: "thông tin đối ngoại", Aliases: []string{"công tác đối ngoại", "người Việt Nam ở nước ngoài", "kiều bào", "phóng viên nước ngoài"}, Kind: Topic, Priority: Normal, Themes: []string{"hoi-nhap-quoc-te", "nguoi-viet-o-nuoc-ngoai"}},

	// Hostile propaganda and misinformation.
	{Code: "tin-sai", Name: "thông tin sai sự thật", Aliases: []string{"tin giả", "tin đồn thất thiệt", "thông tin xấu độc", "thông tin sai lệch", "fake news", "disinformation", "misinformation"}, Kind: Topic, Priority: High, Themes: []string{"phan-bac-thong-tin-sai"}},
	{Code: "xuyen-tac", Name: "xuyên tạc", Aliases: []string{"bịa đặt", "vu khống", "bôi nhọ", "kích động", "chống phá", "luận điệu sai trái", "quan điểm sai trái"}, Kind: Topic, Priority: High, Themes: []string{"phan-bac-thong-tin-sai"}},
	{Code: "to-chuc-phan-dong", Name: "tổ chức phản động", Aliases: []string{"phản động", "khủng bố", "diễn biến hòa bình", "tự diễn biến", "tự chuyển hóa", "lưu vong"}, Kind: Topic, Priority: High, Themes: []string{"phan-bac-thong-tin-sai"}},
	{Code: "viet-tan", Name: "Việt Tân", Aliases: []string{"Viet Tan"}, Kind: Entity, Priority: High, Themes: []string{"phan-bac-thong-tin-sai"},
		Context: []string{"tổ chức", "khủng bố", "phản động", "terrorist", "terror", "reactionary"}, Within: 10},
	{Code: "nhan-quyen", Name: "nhân quyền", Aliases: []string{"tự do tôn giáo", "tự do báo chí", "tù nhân lương tâm", "human rights", "religious freedom", "droits de l'homme"}, Kind: Topic, Priority: Normal, Themes: []string{"nhan-quyen-ton-giao"}},
	{Code: "dan-toc", Name: "Khmer Krom", Aliases: []string{"Khơ-me Crôm", "Khmer Kampuchea Krom", "dân tộc Khmer", "đồng bào Khmer"}, Kind: Topic, Priority: Normal, Themes: []string{"nhan-quyen-ton-giao", "campuchia"}},
	{Code: "bieu-tinh", Name: "biểu tình", Aliases: []string{"tụ tập đông người", "gây rối an ninh trật tự", "bạo loạn", "khiếu kiện đông người", "protest"}, Kind: Topic, Priority: High, Themes: []string{"phan-bac-thong-tin-sai"}},
}
