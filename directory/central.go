package directory

import "ttdn"

// centralEntries are the central bodies Tây Ninh plans cite as issuers or
// report to.
func centralEntries() []Entry {
	return []Entry{
		unit("bo-chinh-tri", ttdn.UnitCentralAgency, "", "Bộ Chính trị", "", "BCT"),
		unit("ban-bi-thu", ttdn.UnitCentralAgency, "", "Ban Bí thư Trung ương Đảng", "Ban Bí thư", "Ban Bí thư"),
		unit("bch-tw", ttdn.UnitCentralAgency, "", "Ban Chấp hành Trung ương Đảng", "BCH TW", "Ban Chấp hành Trung ương", "Trung ương Đảng"),
		unit("quoc-hoi", ttdn.UnitCentralAgency, "", "Quốc hội", ""),
		unit("ubtvqh", ttdn.UnitCentralAgency, "quoc-hoi", "Ủy ban Thường vụ Quốc hội", "UBTVQH"),
		unit("chinh-phu", ttdn.UnitCentralAgency, "", "Chính phủ", ""),
		unit("thu-tuong", ttdn.UnitCentralAgency, "chinh-phu", "Thủ tướng Chính phủ", "Thủ tướng", "TTg", "Thủ tướng CP"),
		unit("ban-tuyen-giao-tw", ttdn.UnitCentralAgency, "bch-tw", "Ban Tuyên giáo Trung ương", "Ban Tuyên giáo TW",
			"BTGTW", "Ban TGTW", "Ban Tuyên giáo Trung ương Đảng").
			ended(reformParty2025, "ban-tgdv-tw", "Hợp nhất với Ban Dân vận Trung ương thành Ban Tuyên giáo và Dân vận Trung ương đầu năm 2025 (ngày chính xác chưa kiểm chứng)."),
		unit("ban-tgdv-tw", ttdn.UnitCentralAgency, "bch-tw", "Ban Tuyên giáo và Dân vận Trung ương", "Ban TG&DV TW",
			"Ban Tuyên giáo và Dân vận TW").
			from(reformParty2025, "Hợp nhất Ban Tuyên giáo và Ban Dân vận Trung ương đầu năm 2025 (ngày chính xác chưa kiểm chứng)."),
		unit("bo-tttt", ttdn.UnitMinistry, "chinh-phu", "Bộ Thông tin và Truyền thông", "Bộ TTTT",
			"Bộ TT&TT", "BTTTT", "Bộ TT và TT", "Bộ Thông tin - Truyền thông").
			ended(reform2025March, "bo-vhttdl", "Từ 1/3/2025 hợp nhất vào Bộ Khoa học và Công nghệ (Nghị quyết 176/2025/QH15); nhiệm vụ thông tin đối ngoại, báo chí, xuất bản chuyển sang Bộ Văn hóa, Thể thao và Du lịch."),
		unit("cuc-ttdn", ttdn.UnitCentralAgency, "bo-tttt", "Cục Thông tin đối ngoại", "Cục TTĐN", "Cục Thông tin đối ngoại, Bộ TTTT").
			ended(reform2025March, "cuc-ttcs-ttdn", "Từ 3/2025 nhập với Cục Thông tin cơ sở thành Cục Thông tin cơ sở và Thông tin đối ngoại thuộc Bộ VHTTDL (ngày chính xác chưa kiểm chứng)."),
		unit("bo-vhttdl", ttdn.UnitMinistry, "chinh-phu", "Bộ Văn hóa, Thể thao và Du lịch", "Bộ VHTTDL",
			"Bộ VH,TT&DL", "Bộ VHTT&DL", "BVHTTDL").
			noted("Từ 1/3/2025 đảm nhận nhiệm vụ thông tin đối ngoại của Bộ Thông tin và Truyền thông."),
		unit("cuc-ttcs-ttdn", ttdn.UnitCentralAgency, "bo-vhttdl", "Cục Thông tin cơ sở và Thông tin đối ngoại", "Cục TTCS&TTĐN").
			from(reform2025March, "Thành lập từ Cục Thông tin cơ sở và Cục Thông tin đối ngoại (ngày chính xác chưa kiểm chứng)."),
		unit("bo-khcn", ttdn.UnitMinistry, "chinh-phu", "Bộ Khoa học và Công nghệ", "Bộ KH&CN", "Bộ KHCN"),
		unit("bo-ngoai-giao", ttdn.UnitMinistry, "chinh-phu", "Bộ Ngoại giao", "BNG"),
		unit("bo-quoc-phong", ttdn.UnitMinistry, "chinh-phu", "Bộ Quốc phòng", "BQP"),
		unit("bo-cong-an", ttdn.UnitMinistry, "chinh-phu", "Bộ Công an", "BCA"),
		unit("bo-tai-chinh", ttdn.UnitMinistry, "chinh-phu", "Bộ Tài chính", "BTC"),
	}
}
