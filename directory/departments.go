package directory

import "ttdn"

// dept builds a provincial department (sở, ban, ngành) under UBND tỉnh.
func dept(code, name, short string, aliases ...string) Entry {
	return unit(code, ttdn.UnitDepartment, "ubnd-tinh", name, short, aliases...)
}

// departmentEntries are the province's departments: every sở the seed names
// and the other usual ones, so that "các sở, ban, ngành" means something.
func departmentEntries() []Entry {
	return []Entry{
		dept("so-tttt", "Sở Thông tin và Truyền thông", "Sở TTTT",
			"Sở Thông tin và Truyền thông tỉnh Tây Ninh", "Sở Thông tin và Truyền thông tỉnh", "Sở TT&TT", "Sở TT và TT",
			"STTTT", "Sở Thông tin - Truyền thông", "Sở TT-TT").
			ended(reform2025March, "so-vhttdl", "Từ 1/3/2025 nhiệm vụ thông tin đối ngoại, báo chí, xuất bản chuyển sang Sở Văn hóa, Thể thao và Du lịch; phần còn lại nhập vào Sở Khoa học và Công nghệ."),
		dept("so-vhttdl", "Sở Văn hóa, Thể thao và Du lịch", "Sở VHTTDL",
			"Sở Văn hóa, Thể thao và Du lịch tỉnh Tây Ninh", "Sở Văn hóa, Thể thao và Du lịch tỉnh", "Sở VH,TT&DL", "Sở VHTT&DL",
			"Sở VH-TT-DL", "Sở VHTT và DL", "SVHTTDL").
			noted("Từ 1/3/2025 là cơ quan thường trực công tác thông tin đối ngoại của UBND tỉnh (nhận nhiệm vụ của Sở TTTT); tiếp tục sau hợp nhất tỉnh 1/7/2025."),
		dept("so-nnptnt", "Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT",
			"Sở NN và PTNT", "Sở NNPTNT", "Sở Nông nghiệp và PTNT", "Sở Nông nghiệp - Phát triển nông thôn").
			ended(reform2025March, "so-nnmt", "Từ 1/3/2025 hợp nhất với Sở Tài nguyên và Môi trường thành Sở Nông nghiệp và Môi trường."),
		dept("so-tnmt", "Sở Tài nguyên và Môi trường", "Sở TN&MT", "Sở TNMT", "Sở TN và MT").
			ended(reform2025March, "so-nnmt", "Từ 1/3/2025 hợp nhất với Sở Nông nghiệp và Phát triển nông thôn thành Sở Nông nghiệp và Môi trường."),
		dept("so-nnmt", "Sở Nông nghiệp và Môi trường", "Sở NN&MT", "Sở NNMT", "Sở NN và MT").
			from(reform2025March, "Hợp nhất Sở NN&PTNT và Sở TN&MT từ 1/3/2025."),
		dept("so-khdt", "Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", "Sở KHĐT", "Sở KH và ĐT", "Sở Kế hoạch - Đầu tư").
			ended(reform2025March, "so-tai-chinh", "Từ 1/3/2025 hợp nhất vào Sở Tài chính."),
		dept("so-tai-chinh", "Sở Tài chính", "Sở TC", "STC").
			noted("Từ 1/3/2025 nhận thêm nhiệm vụ của Sở Kế hoạch và Đầu tư. Thẩm định dự toán kinh phí."),
		dept("so-cong-thuong", "Sở Công Thương", "Sở Công Thương", "Sở CT", "SCT"),
		dept("so-ngoai-vu", "Sở Ngoại vụ", "Sở Ngoại vụ", "SNgV").
			noted("Việc sắp xếp Sở Ngoại vụ năm 2025 chưa kiểm chứng nên chưa ghi ngày kết thúc."),
		dept("so-noi-vu", "Sở Nội vụ", "Sở Nội vụ", "SNV").
			noted("Từ 1/3/2025 nhận thêm phần lớn nhiệm vụ của Sở Lao động - Thương binh và Xã hội."),
		dept("so-ldtbxh", "Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TB&XH", "Sở LĐTBXH", "Sở Lao động, Thương binh và Xã hội").
			ended(reform2025March, "so-noi-vu", "Từ 1/3/2025 hợp nhất vào Sở Nội vụ (một số nhiệm vụ chuyển Sở Y tế, Sở Giáo dục và Đào tạo)."),
		dept("so-tu-phap", "Sở Tư pháp", "Sở Tư pháp", "STP"),
		dept("so-gddt", "Sở Giáo dục và Đào tạo", "Sở GD&ĐT", "Sở GDĐT", "Sở GD và ĐT"),
		dept("so-y-te", "Sở Y tế", "Sở Y tế", "SYT"),
		dept("so-khcn", "Sở Khoa học và Công nghệ", "Sở KH&CN", "Sở KHCN", "Sở KH và CN").
			noted("Từ 1/3/2025 nhận các nhiệm vụ còn lại của Sở Thông tin và Truyền thông."),
		dept("so-xay-dung", "Sở Xây dựng", "Sở Xây dựng", "SXD").
			noted("Từ 1/3/2025 nhận thêm nhiệm vụ của Sở Giao thông vận tải."),
		dept("so-gtvt", "Sở Giao thông vận tải", "Sở GTVT", "Sở Giao thông - Vận tải").
			ended(reform2025March, "so-xay-dung", "Từ 1/3/2025 hợp nhất vào Sở Xây dựng."),
		dept("thanh-tra", "Thanh tra tỉnh", "Thanh tra tỉnh"),
		dept("ban-qlkkt", "Ban Quản lý Khu kinh tế tỉnh Tây Ninh", "Ban Quản lý Khu kinh tế tỉnh",
			"BQL Khu kinh tế tỉnh", "Ban QLKKT tỉnh", "BQLKKT"),
	}
}
