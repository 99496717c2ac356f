package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
)

// The demo's press items are written for the demo: the shared news sample
// is real outlets' text, which may be used for tests but not shipped in
// the binary (../shared/testdata/README.md), so the demo carries its own
// invented items, by invented outlets on example.* addresses — the same
// shape as a real day: many items about other things, a few about the
// province, the same event told by several outlets (a story), foreign
// outlets in English, a piece of disinformation that needs a rebuttal and
// a namesake that is not about the province. `ttdn demo --news DIR`
// ingests a folder of real news files instead.

// newsStory is one event about the province and its neighbours, told by
// each of outlets; the first tells it as written, the others with their
// own lead-in, so the story grouper puts them together.
type newsStory struct {
	day     int // days before today, 1–13
	hour    int
	title   string
	summary string
	outlets []string
	review  string // the monitor's judgement: "" as the lexicon guesses, "action", "dismiss"
}

// Invented outlets.
const (
	outBienCuong  = "Báo Biên Cương"
	outDongNamBo  = "Nhịp Sống Đông Nam Bộ"
	outKinhTeMK   = "Thời báo Kinh tế Mê Kông"
	outTinNhanh   = "Tin Nhanh 24h"
	outMangXaHoi  = "Trang tin Góc Nhìn Tự Do"
	outMekongObs  = "Mekong Observer"
	outAngkorBiz  = "Angkor Business Daily"
	outCongLuanMT = "Công Luận Miền Tây"
)

// foreignOutlets are those published abroad.
var foreignOutlets = map[string]bool{outMekongObs: true, outAngkorBiz: true}

var newsStories = []newsStory{
	{13, 8, "Tây Ninh và Svay Rieng ký kết biên bản hợp tác giai đoạn mới",
		"Lãnh đạo tỉnh Tây Ninh và tỉnh Svay Rieng (Campuchia) ký biên bản ghi nhớ hợp tác về thương mại, giáo dục, y tế và quản lý biên giới, hướng tới xây dựng đường biên giới hòa bình, hữu nghị.",
		[]string{outBienCuong, outDongNamBo, outMekongObs}, ""},
	{13, 15, "Giá vé cáp treo núi Bà Đen giảm cho học sinh trong tháng này",
		"Khu du lịch quốc gia núi Bà Đen áp dụng giá vé ưu đãi cho học sinh, sinh viên; lượng du khách dự kiến tăng mạnh vào cuối tuần.",
		[]string{outDongNamBo}, ""},
	{12, 9, "Kim ngạch xuất nhập khẩu qua cửa khẩu Mộc Bài tăng mạnh",
		"Kim ngạch xuất nhập khẩu hàng hóa qua cửa khẩu quốc tế Mộc Bài mười tháng tăng hơn 20% so với cùng kỳ, chủ yếu là nông sản và hàng tiêu dùng xuất sang Campuchia.",
		[]string{outKinhTeMK, outBienCuong}, ""},
	{12, 20, "Mạng xã hội lan truyền tin đóng cửa khẩu Xa Mát là tin giả",
		"Một số tài khoản mạng xã hội đăng tin cửa khẩu Xa Mát bị đóng cửa vô thời hạn, gây hoang mang cho người dân và doanh nghiệp; cơ quan chức năng khẳng định đây là thông tin sai sự thật.",
		[]string{outTinNhanh, outBienCuong}, ""},
	{11, 10, "Tây Ninh thu hút thêm ba dự án đầu tư trực tiếp nước ngoài",
		"Ban Quản lý Khu kinh tế tỉnh Tây Ninh trao giấy chứng nhận đăng ký đầu tư cho ba dự án vốn đầu tư nước ngoài vào khu công nghiệp Phước Đông với tổng vốn hơn 150 triệu USD.",
		[]string{outKinhTeMK, outDongNamBo, outAngkorBiz}, ""},
	{11, 16, "Lễ hội văn hóa ẩm thực Tân Châu (An Giang) thu hút đông khách",
		"Lễ hội văn hóa ẩm thực tại thị xã Tân Châu, tỉnh An Giang diễn ra trong ba ngày với hàng trăm gian hàng đặc sản vùng sông nước.",
		[]string{outCongLuanMT}, "dismiss"},
	{10, 8, "Bộ đội Biên phòng Tây Ninh tuần tra song phương với lực lượng Campuchia",
		"Đồn Biên phòng cửa khẩu quốc tế Mộc Bài phối hợp lực lượng bảo vệ biên giới Campuchia tuần tra song phương, trao đổi tình hình an ninh trật tự khu vực biên giới.",
		[]string{outBienCuong, outDongNamBo}, ""},
	{10, 21, "Trang mạng xuyên tạc về việc cắm mốc biên giới ở Tây Ninh",
		"Trang tin Góc Nhìn Tự Do đăng bài viết xuyên tạc, bịa đặt rằng việc phân giới cắm mốc ở Tây Ninh làm mất đất của người dân, kích động tâm lý bất mãn.",
		[]string{outMangXaHoi}, "action"},
	{9, 9, "Cambodia and Vietnam to expand Bavet–Moc Bai border trade",
		"Officials from Cambodia and Tay Ninh province agreed to extend opening hours at the Bavet–Moc Bai border gate and to simplify customs checks for farm produce.",
		[]string{outMekongObs, outAngkorBiz}, ""},
	{9, 14, "Du khách quốc tế đến Tòa Thánh Tây Ninh tăng mạnh",
		"Lượng khách quốc tế tham quan Tòa Thánh Cao Đài Tây Ninh tăng mạnh trong mùa du lịch, nhiều đoàn khách đến từ châu Âu và Hàn Quốc.",
		[]string{outDongNamBo, outTinNhanh}, ""},
	{8, 10, "Hội nghị xúc tiến đầu tư Tây Ninh tại Thành phố Hồ Chí Minh",
		"Tỉnh Tây Ninh tổ chức hội nghị xúc tiến đầu tư, giới thiệu quỹ đất khu công nghiệp và khu kinh tế cửa khẩu với hơn 300 doanh nghiệp trong và ngoài nước.",
		[]string{outKinhTeMK, outDongNamBo}, ""},
	{8, 19, "Bắt giữ vụ vận chuyển hàng lậu qua biên giới tại Bến Cầu",
		"Lực lượng chức năng huyện Bến Cầu bắt giữ vụ vận chuyển trái phép 2.000 bao thuốc lá ngoại qua biên giới, tạm giữ hai đối tượng.",
		[]string{outBienCuong, outTinNhanh}, ""},
	{7, 9, "Tây Ninh tổ chức tập huấn thông tin đối ngoại cho cán bộ cơ sở",
		"Sở Văn hóa, Thể thao và Du lịch tỉnh Tây Ninh tổ chức lớp tập huấn nghiệp vụ thông tin đối ngoại cho cán bộ các xã biên giới, tập trung kỹ năng cung cấp thông tin cho báo chí.",
		[]string{outDongNamBo}, ""},
	{7, 22, "Bài viết bịa đặt về tình hình tôn giáo ở Tây Ninh",
		"Một trang mạng ở nước ngoài đăng bài bịa đặt, vu khống chính quyền hạn chế tự do tôn giáo đối với tín đồ đạo Cao Đài ở Tây Ninh.",
		[]string{outMangXaHoi, outMekongObs}, "action"},
	{6, 8, "Tây Ninh đón đoàn phóng viên các tỉnh Campuchia",
		"Đoàn phóng viên các tỉnh giáp biên của Campuchia tìm hiểu về phát triển kinh tế, du lịch của Tây Ninh và thăm khu di tích căn cứ Trung ương Cục miền Nam.",
		[]string{outBienCuong, outDongNamBo}, ""},
	{6, 16, "Tay Ninh welcomes more foreign visitors to Black Virgin Mountain",
		"Tay Ninh province recorded a sharp rise in international visitors to Ba Den mountain this season, helped by new cable car routes and events.",
		[]string{outMekongObs}, ""},
	{5, 10, "Kênh Funan Techo và tác động tới vùng hạ lưu: chuyên gia lên tiếng",
		"Các chuyên gia thủy lợi đánh giá tác động của dự án kênh Funan Techo tới dòng chảy sông Mê Kông và đề nghị Campuchia chia sẻ đầy đủ thông tin.",
		[]string{outKinhTeMK, outCongLuanMT}, ""},
	{5, 20, "Lan truyền tin đồn thất thiệt về dịch bệnh ở chợ biên giới Tây Ninh",
		"Nhiều tài khoản mạng xã hội chia sẻ tin đồn thất thiệt về ổ dịch tại một chợ biên giới ở Tây Ninh; ngành y tế tỉnh khẳng định thông tin sai sự thật.",
		[]string{outTinNhanh, outBienCuong}, ""},
	{4, 9, "Thương mại biên giới Việt Nam – Campuchia: cơ hội cho doanh nghiệp Tây Ninh",
		"Kim ngạch xuất khẩu sang Campuchia qua các cửa khẩu của Tây Ninh tiếp tục tăng; doanh nghiệp kiến nghị hoàn thiện hạ tầng khu kinh tế cửa khẩu.",
		[]string{outKinhTeMK}, ""},
	{4, 15, "Hồ Dầu Tiếng vào mùa đẹp nhất năm",
		"Mặt hồ Dầu Tiếng những ngày cuối năm thu hút nhiều bạn trẻ đến cắm trại, chụp ảnh và trải nghiệm du lịch sinh thái.",
		[]string{outDongNamBo}, ""},
	{3, 8, "Họp báo công bố chương trình Hội xuân núi Bà Đen",
		"Ban tổ chức họp báo công bố chương trình Hội xuân núi Bà Đen với nhiều hoạt động văn hóa, nghệ thuật, thể thao, dự kiến đón hàng triệu lượt khách.",
		[]string{outDongNamBo, outTinNhanh}, ""},
	{3, 19, "Cambodian investors eye Tay Ninh industrial parks",
		"A delegation of Cambodian investors visited industrial parks in Tay Ninh province to explore foreign direct investment opportunities near the border.",
		[]string{outAngkorBiz}, ""},
	{2, 9, "Tây Ninh tuyên truyền về biên giới hòa bình, hữu nghị tại các xã biên giới",
		"Các đơn vị tổ chức tuyên truyền lưu động về biên giới Việt Nam - Campuchia hòa bình, hữu nghị, phát tờ rơi song ngữ cho cư dân hai bên biên giới.",
		[]string{outBienCuong}, ""},
	{2, 21, "Trang mạng kích động người dân tụ tập đông người ở cửa khẩu",
		"Một số trang mạng kêu gọi người dân tụ tập đông người tại cửa khẩu Mộc Bài để phản đối chính sách thuế, với nội dung kích động, sai sự thật.",
		[]string{outMangXaHoi, outTinNhanh}, ""},
	{1, 8, "Khánh thành cột mốc biên giới mới tại Tân Biên",
		"Hai bên tổ chức lễ khánh thành cột mốc quốc giới tại huyện Tân Biên, hoàn thành các mốc phụ còn lại trên đoạn biên giới giáp tỉnh Tbong Khmum.",
		[]string{outBienCuong, outDongNamBo, outMekongObs}, ""},
	{1, 14, "Tây Ninh kết nối tour du lịch với Campuchia",
		"Các doanh nghiệp lữ hành Tây Ninh và Campuchia ký kết hợp tác kết nối tour du lịch qua cửa khẩu Mộc Bài, hướng tới thị trường khách quốc tế.",
		[]string{outDongNamBo, outKinhTeMK}, ""},
}

// lead-ins the second and third outlets of a story put before the text.
var leadIns = []string{"", "Theo ghi nhận của phóng viên, ", "Chiều qua, "}

// background is the rest of a day's news: weather, markets, football,
// city life — nothing the watchlist looks for.
func backgroundItems(rng *rand.Rand, day, month int) [][2]string {
	cities := []string{"Hà Nội", "Huế", "Đà Nẵng", "Cần Thơ", "Nha Trang", "Đà Lạt", "Hải Phòng", "Quy Nhơn"}
	teams := []string{"Phù Đổng Xanh", "Cảng Biển", "Núi Ngự", "Hoa Lư", "Sông Hàn", "Tây Đô", "Cao Nguyên", "Thủ Đô Trẻ"} // invented clubs
	sky := []string{"mưa rào và dông", "nắng nóng", "trời se lạnh", "mưa vừa", "nắng nhẹ, có mây"}
	i, j := rng.IntN(len(teams)), rng.IntN(len(teams)-1)
	if j >= i {
		j++
	}
	items := [][2]string{
		{fmt.Sprintf("Thời tiết ngày %d/%d: Bắc Bộ %s, Nam Bộ %s", day, month, pick(rng, sky), pick(rng, sky)),
			fmt.Sprintf("Nhiệt độ cao nhất tại %s khoảng %d độ C; cơ quan khí tượng khuyến cáo người dân theo dõi các bản tin tiếp theo.", pick(rng, cities), 24+rng.IntN(12))},
		{fmt.Sprintf("Giá vàng ngày %d/%d %s %d.000 đồng mỗi lượng", day, month, pick(rng, []string{"tăng", "giảm"}), 100+50*rng.IntN(10)),
			"Giá vàng miếng trong nước biến động theo giá thế giới; các cửa hàng ghi nhận lượng khách mua bán tăng vào buổi chiều."},
		{fmt.Sprintf("%s thắng %s %d-%d ở vòng %d giải hạng Nhất", teams[i], teams[j], 1+rng.IntN(3), rng.IntN(2), 5+rng.IntN(15)),
			fmt.Sprintf("%s giành ba điểm trên sân nhà nhờ lối chơi pressing tầm cao và pha lập công ở cuối hiệp hai.", teams[i])},
		{fmt.Sprintf("Chứng khoán phiên %d/%d: chỉ số %s %d điểm", day, month, pick(rng, []string{"tăng", "giảm"}), 2+rng.IntN(18)),
			"Thanh khoản thị trường cải thiện; nhóm cổ phiếu ngân hàng và bất động sản dẫn dắt diễn biến chỉ số."},
	}
	for _, s := range pickN(rng, cityNews, 10) {
		c := pick(rng, cities)
		items = append(items, [2]string{strings.ReplaceAll(s[0], "{city}", c), strings.ReplaceAll(s[1], "{city}", c)})
	}
	return items
}

// cityNews are everyday items; {city} is replaced by a city's name.
var cityNews = [][2]string{
	{"{city} phân luồng giao thông phục vụ thi công cầu vượt", "Sở Xây dựng thông báo phân luồng các phương tiện trong ba tháng thi công, đề nghị người dân chú ý biển báo."},
	{"{city} khai trương tuyến xe buýt điện mới", "Tuyến xe buýt điện nối trung tâm với các khu dân cư phía tây, giá vé không đổi so với xe buýt thường."},
	{"Học sinh {city} bước vào kỳ kiểm tra giữa học kỳ", "Các trường trung học tổ chức kiểm tra giữa học kỳ theo đề chung; nhà trường khuyến nghị phụ huynh hỗ trợ con ôn tập."},
	{"Bệnh viện ở {city} triển khai khám bệnh từ xa", "Người bệnh có thể đặt lịch và được bác sĩ tư vấn qua ứng dụng, giảm thời gian chờ đợi tại bệnh viện."},
	{"{city} tổ chức ngày hội sách cho thiếu nhi", "Ngày hội có hàng trăm đầu sách, các buổi giao lưu với tác giả và hoạt động đọc sách cùng con."},
	{"Cháy nhà dân ở {city}, không có thương vong", "Lực lượng cứu hỏa khống chế đám cháy sau 30 phút; nguyên nhân ban đầu được xác định do chập điện."},
	{"{city} đẩy nhanh tiến độ giải ngân vốn đầu tư công", "Lãnh đạo thành phố yêu cầu các chủ đầu tư tập trung tháo gỡ vướng mắc về mặt bằng, hoàn thành kế hoạch năm."},
	{"Giá rau xanh tại {city} tăng sau mưa lớn", "Nguồn cung rau từ các vùng trồng giảm do mưa nhiều ngày, tiểu thương cho biết giá tăng từ 10 đến 20%."},
	{"{city} ra mắt ứng dụng phản ánh hiện trường", "Người dân có thể gửi ảnh, vị trí các sự cố hạ tầng; cơ quan chức năng cam kết xử lý trong 48 giờ."},
	{"Giải chạy đêm ở {city} thu hút hàng nghìn người", "Giải chạy với các cự ly 5, 10 và 21 km đi qua những tuyến phố đẹp nhất, góp phần quảng bá hình ảnh thành phố."},
	{"{city} chỉnh trang vỉa hè các tuyến phố trung tâm", "Thành phố lát lại đá vỉa hè, trồng thêm cây xanh và bố trí lại chỗ đỗ xe máy trên các tuyến phố."},
	{"Triển lãm ảnh nghệ thuật khai mạc tại {city}", "Triển lãm giới thiệu hơn 100 tác phẩm của các nhiếp ảnh gia trẻ về cuộc sống đô thị và con người."},
	{"{city} tiêm vắc xin sởi cho trẻ em", "Ngành y tế tổ chức chiến dịch tiêm bổ sung vắc xin sởi cho trẻ từ 1 đến 5 tuổi tại các trạm y tế phường."},
	{"Doanh nghiệp {city} tuyển dụng lao động cuối năm", "Nhu cầu tuyển dụng tăng ở các ngành bán lẻ, logistics và dịch vụ ăn uống trong dịp cuối năm."},
	{"{city} hoàn thành nâng cấp đường ven sông", "Tuyến đường ven sông được mở rộng, lắp đèn chiếu sáng và làm đường đi bộ, phục vụ người dân tập thể dục."},
	{"Công an {city} cảnh báo lừa đảo qua điện thoại", "Đối tượng giả danh nhân viên ngân hàng, đề nghị người dân không cung cấp mã OTP cho bất kỳ ai."},
}

// pickN returns n distinct elements of list in random order.
func pickN[T any](rng *rand.Rand, list []T, n int) []T {
	idx := rng.Perm(len(list))
	out := make([]T, 0, n)
	for _, i := range idx[:min(n, len(list))] {
		out = append(out, list[i])
	}
	return out
}
