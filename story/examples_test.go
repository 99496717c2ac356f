package story

import (
	"testing"
	"time"
)

// TestIssueExamples reproduces the examples of issue 11 in the shape of
// the shared sample: cross-outlet headlines of one event group; daily
// columns of other days and items with error-page summaries do not.
func TestIssueExamples(t *testing.T) {
	at := time.Date(2025, 11, 3, 8, 0, 0, 0, time.UTC)
	const errPage = "Đã có lỗi xảy ra, mời bạn quay lại bài viết và thực hiện lại thao tác"
	cases := []struct {
		name string
		a, b Item
		same bool
	}{
		{"obituary, two outlets an hour apart",
			Item{URL: "https://tuoitre.vn/a-2025110308000001.htm", Source: "Tuổi Trẻ", Title: "Nghệ sĩ cải lương Minh Hoàng qua đời",
				Summary: "Nghệ sĩ cải lương Minh Hoàng đã qua đời tại nhà riêng ở TP.HCM, hưởng thọ 70 tuổi.", Time: at},
			Item{URL: "https://thanhnien.vn/b-185251103090000001.htm", Source: "Thanh Niên", Title: "Nghệ sĩ cải lương Minh Hoàng qua đời",
				Summary: "Gia đình cho biết ông mất sau thời gian dài chống chọi bệnh tật; lễ viếng diễn ra tại quê nhà.", Time: at.Add(time.Hour)},
			true},
		{"border clash, two outlets",
			Item{URL: "https://vnexpress.net/a-4960001.html", Source: "VnExpress - Thế Giới", Title: "Campuchia sơ tán hàng trăm dân sau vụ đấu súng biên giới với Thái Lan",
				Summary: "Chính quyền tỉnh Banteay Meanchey sơ tán người dân sau vụ nổ súng.", Time: at},
			Item{URL: "https://thanhnien.vn/b-185251103100000002.htm", Source: "Thanh Niên", Title: "Campuchia sơ tán hàng trăm dân sau vụ đấu súng với Thái Lan",
				Summary: "Binh sĩ hai nước đã đấu súng rạng sáng nay ở khu vực biên giới tranh chấp.", Time: at.Add(2 * time.Hour)},
			true},
		{"lottery, other day",
			Item{URL: "https://thanhnien.vn/xs-185260101.htm", Source: "Thanh Niên", Title: "Xổ số miền Nam ngày 1 tháng 1 - Kết quả xổ số hôm nay",
				Summary: "Kết quả xổ số miền Nam hôm nay của các đài TP.HCM, Đồng Tháp, Cà Mau được cập nhật trực tiếp.", Time: at},
			Item{URL: "https://thanhnien.vn/xs-185260102.htm", Source: "Thanh Niên", Title: "Xổ số miền Nam ngày 2 tháng 1 - Kết quả xổ số hôm nay",
				Summary: "Kết quả xổ số miền Nam hôm nay của các đài TP.HCM, Đồng Tháp, Cà Mau được cập nhật trực tiếp.", Time: at.Add(24 * time.Hour)},
			false},
		{"error-page summaries",
			Item{URL: "https://tuoitre.vn/dien-2025110308000003.htm", Source: "Tuổi Trẻ", Title: "Điện về thắp sáng những mùa điều vàng Bình Phước", Summary: errPage, Time: at},
			Item{URL: "https://tuoitre.vn/luoi-2025110308000004.htm", Source: "Tuổi Trẻ", Title: "Đảm bảo an toàn lưới điện trong mọi tình huống", Summary: errPage, Time: at},
			false},
		{"edited slug, same article number",
			Item{URL: "https://tuoitre.vn/nghe-si-qua-doi-2025110308000001.htm", Source: "Tuổi Trẻ", Title: "Nghệ sĩ qua đời", Time: at},
			Item{URL: "https://tuoitre.vn/nghe-si-cai-luong-minh-hoang-qua-doi-2025110308000001.htm", Source: "Tuổi Trẻ", Title: "Nghệ sĩ cải lương Minh Hoàng qua đời", Time: at},
			true},
	}
	for _, c := range cases {
		g := New(Options{})
		a, b := g.Add(&c.a), g.Add(&c.b)
		if got := a.Story == b.Story; got != c.same {
			t.Errorf("%s: same story %v, want %v (similarity %.2f)", c.name, got, c.same, b.Similarity)
		}
	}
}
