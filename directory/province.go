package directory

import "ttdn"

const mergeNote = "Từ 1/7/2025 tỉnh Tây Ninh và tỉnh Long An hợp nhất thành tỉnh Tây Ninh (Nghị quyết 202/2025/QH15)."

// provinceEntries are Tây Ninh's party, council and government bodies.
func provinceEntries() []Entry {
	return []Entry{
		unit("tinh-uy", ttdn.UnitPartyBody, "", "Tỉnh ủy Tây Ninh", "Tỉnh ủy",
			"Tỉnh ủy", "TT Tỉnh ủy", "Thường trực Tỉnh ủy", "Ban Thường vụ Tỉnh ủy", "BTV Tỉnh ủy", "TTTU").
			ended(reform2025July, "tinh-uy-2025", mergeNote),
		unit("ban-tuyen-giao", ttdn.UnitPartyBody, "tinh-uy", "Ban Tuyên giáo Tỉnh ủy Tây Ninh", "Ban Tuyên giáo Tỉnh ủy",
			"Ban Tuyên giáo Tỉnh ủy", "Ban Tuyên giáo", "BTG Tỉnh ủy", "Ban TG Tỉnh ủy", "BTGTU",
			// The Ban is the standing body of BCĐ 94-16, and plans name it so.
			"Thường trực BCĐ 94-16", "Thường trực Ban Chỉ đạo 94-16", "TT BCĐ 94-16", "Thường trực BCĐ 94-16 tỉnh").
			ended(reformParty2025, "ban-tgdv", "Hợp nhất với Ban Dân vận Tỉnh ủy thành Ban Tuyên giáo và Dân vận Tỉnh ủy đầu năm 2025 (ngày chính xác chưa kiểm chứng). Là Thường trực Ban Chỉ đạo 94-16."),
		unit("ban-dan-van", ttdn.UnitPartyBody, "tinh-uy", "Ban Dân vận Tỉnh ủy Tây Ninh", "Ban Dân vận Tỉnh ủy", "Ban Dân vận Tỉnh ủy", "BDV Tỉnh ủy").
			ended(reformParty2025, "ban-tgdv", "Hợp nhất với Ban Tuyên giáo Tỉnh ủy đầu năm 2025 (ngày chính xác chưa kiểm chứng)."),
		unit("ban-tgdv", ttdn.UnitPartyBody, "tinh-uy", "Ban Tuyên giáo và Dân vận Tỉnh ủy Tây Ninh", "Ban Tuyên giáo và Dân vận Tỉnh ủy",
			"Ban Tuyên giáo và Dân vận Tỉnh ủy", "Ban Tuyên giáo và Dân vận", "Ban TG&DV Tỉnh ủy", "Ban TGDV Tỉnh ủy").
			from(reformParty2025, "Hợp nhất Ban Tuyên giáo và Ban Dân vận Tỉnh ủy đầu năm 2025 (ngày chính xác chưa kiểm chứng)."),
		unit("bcd-94-16", ttdn.UnitSteeringCommittee, "tinh-uy", "Ban Chỉ đạo 94-16 tỉnh Tây Ninh", "BCĐ 94-16",
			"Ban Chỉ đạo 94-16", "Ban Chỉ đạo 94-16 tỉnh", "BCĐ 94-16 tỉnh", "Ban Chỉ đạo 94 - 16").
			noted("Ban Chỉ đạo công tác thông tin đối ngoại của tỉnh; Thường trực là Ban Tuyên giáo Tỉnh ủy. Tên đầy đủ chưa kiểm chứng."),
		unit("hdnd-tinh", ttdn.UnitPeoplesCouncil, "", "Hội đồng nhân dân tỉnh Tây Ninh", "HĐND tỉnh",
			"Hội đồng nhân dân tỉnh", "HĐND tỉnh Tây Ninh", "TT HĐND tỉnh", "Thường trực HĐND tỉnh", "Thường trực Hội đồng nhân dân tỉnh").
			ended(reform2025July, "hdnd-tinh-2025", mergeNote),
		unit("ubnd-tinh", ttdn.UnitPeoplesCommittee, "", "Ủy ban nhân dân tỉnh Tây Ninh", "UBND tỉnh",
			"Ủy ban nhân dân tỉnh", "UBND tỉnh Tây Ninh", "CT, các PCT UBND tỉnh", "Chủ tịch UBND tỉnh",
			"Chủ tịch Ủy ban nhân dân tỉnh", "CT UBND tỉnh", "Lãnh đạo UBND tỉnh").
			ended(reform2025July, "ubnd-tinh-2025", mergeNote),
		unit("van-phong", ttdn.UnitOffice, "ubnd-tinh", "Văn phòng Đoàn Đại biểu Quốc hội, Hội đồng nhân dân và Ủy ban nhân dân tỉnh Tây Ninh",
			"Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh",
			"Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh", "VP Đoàn ĐBQH, HĐND và UBND tỉnh", "Văn phòng Đoàn ĐBQH, HĐND và UBND",
			"Văn phòng Đoàn Đại biểu Quốc hội, Hội đồng nhân dân và Ủy ban nhân dân tỉnh",
			"Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh", "VP UBND tỉnh", "VP UBND", "PVP", "PVP UBND tỉnh", "CVP", "LĐVP").
			noted("Văn phòng hợp nhất; kế hoạch 2019 gọi cả là Văn phòng UBND tỉnh. Việc tách lại văn phòng năm 2025 chưa kiểm chứng nên chưa ghi ngày kết thúc."),
		unit("vp-kgvx", ttdn.UnitOffice, "van-phong", "Phòng Khoa giáo - Văn xã, Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh", "P.KGVX",
			"Phòng KGVX", "Phòng Khoa giáo - Văn xã", "Phòng Khoa giáo Văn xã"),
	}
}

// forceAndPressEntries are the armed forces, police, press and mass
// organisations of the province.
func forceAndPressEntries() []Entry {
	return []Entry{
		unit("bdbp", ttdn.UnitArmedForce, "", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh Tây Ninh", "BCH BĐBP tỉnh",
			"Bộ Chỉ huy Bộ đội Biên phòng Tây Ninh", "Bộ Chỉ huy Bộ đội Biên phòng tỉnh", "Bộ Chỉ huy Bộ đội Biên phòng",
			"BCH BĐBP", "BCH BĐBP Tây Ninh", "BCHBĐBP", "BĐBP tỉnh", "BĐBP Tây Ninh", "Bộ đội Biên phòng tỉnh",
			"Bộ đội Biên phòng Tây Ninh", "Bộ đội Biên phòng", "Biên phòng tỉnh"),
		unit("cong-an", ttdn.UnitPolice, "", "Công an tỉnh Tây Ninh", "Công an tỉnh",
			"Công an Tây Ninh", "CA tỉnh", "Công an tỉnh Tây Ninh", "cơ quan công an"),
		unit("bchqs", ttdn.UnitArmedForce, "", "Bộ Chỉ huy Quân sự tỉnh Tây Ninh", "Bộ CHQS tỉnh",
			"Bộ Chỉ huy Quân sự tỉnh", "Bộ Chỉ huy Quân sự Tây Ninh", "Bộ CHQS Tây Ninh", "BCH Quân sự tỉnh", "BCHQS tỉnh"),
		unit("bao-tay-ninh", ttdn.UnitPressAgency, "tinh-uy", "Báo Tây Ninh", "Báo Tây Ninh", "Báo Tây Ninh Online").
			ended(reform2025July, "bao-ptth", "Năm 2025 hợp nhất với Đài Phát thanh - Truyền hình thành Báo và Phát thanh, Truyền hình Tây Ninh; ngày chính xác chưa kiểm chứng (ghi theo ngày hợp nhất tỉnh)."),
		unit("dai-ptth", ttdn.UnitPressAgency, "ubnd-tinh", "Đài Phát thanh - Truyền hình Tây Ninh", "Đài PTTH tỉnh",
			"Đài Phát thanh - Truyền hình tỉnh", "Đài Phát thanh và Truyền hình Tây Ninh", "Đài Phát thanh và Truyền hình tỉnh",
			"Đài PTTH Tây Ninh", "Đài PT-TH Tây Ninh", "Đài PT-TH tỉnh", "Đài PT&TH tỉnh", "Đài PTTH").
			ended(reform2025July, "bao-ptth", "Năm 2025 hợp nhất với Báo Tây Ninh thành Báo và Phát thanh, Truyền hình Tây Ninh; ngày chính xác chưa kiểm chứng (ghi theo ngày hợp nhất tỉnh)."),
		unit("bao-ptth", ttdn.UnitPressAgency, "tinh-uy-2025", "Báo và Phát thanh, Truyền hình Tây Ninh", "Báo và PTTH Tây Ninh",
			"Báo và Phát thanh, Truyền hình tỉnh", "Báo và PT,TH Tây Ninh").
			from(reform2025July, "Hợp nhất Báo Tây Ninh, Đài PTTH Tây Ninh (và các cơ quan báo chí của Long An) năm 2025; ngày chính xác chưa kiểm chứng."),
		unit("mttq", ttdn.UnitMassOrganisation, "", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Tây Ninh", "Ủy ban MTTQ Việt Nam tỉnh",
			"Mặt trận Tổ quốc Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "Ủy ban MTTQ tỉnh", "UBMTTQ Việt Nam tỉnh",
			"UBMTTQVN tỉnh", "MTTQ tỉnh", "MTTQ Việt Nam tỉnh", "MTTQVN tỉnh", "Mặt trận Tổ quốc tỉnh").
			noted("Từ năm 2025 các tổ chức chính trị - xã hội trực thuộc Ủy ban MTTQ Việt Nam; ngày chưa kiểm chứng."),
		unit("tinh-doan", ttdn.UnitMassOrganisation, "", "Tỉnh đoàn Tây Ninh", "Tỉnh đoàn",
			"Tỉnh Đoàn", "Đoàn TNCS Hồ Chí Minh tỉnh", "Tỉnh đoàn Tây Ninh"),
		unit("hoi-lhpn", ttdn.UnitMassOrganisation, "", "Hội Liên hiệp Phụ nữ tỉnh Tây Ninh", "Hội LHPN tỉnh", "Hội Liên hiệp Phụ nữ tỉnh"),
		unit("hoi-nong-dan", ttdn.UnitMassOrganisation, "", "Hội Nông dân tỉnh Tây Ninh", "Hội Nông dân tỉnh", "Hội ND tỉnh"),
		unit("hoi-ccb", ttdn.UnitMassOrganisation, "", "Hội Cựu chiến binh tỉnh Tây Ninh", "Hội CCB tỉnh", "Hội Cựu chiến binh tỉnh"),
		unit("ldld", ttdn.UnitMassOrganisation, "", "Liên đoàn Lao động tỉnh Tây Ninh", "LĐLĐ tỉnh", "Liên đoàn Lao động tỉnh"),
	}
}

// mergedProvinceEntries are the bodies of the merged province (Tây Ninh +
// Long An) from 1/7/2025.
func mergedProvinceEntries() []Entry {
	return []Entry{
		// The merged province (Tây Ninh + Long An) from 1/7/2025. Its bodies
		// keep the old names, so their aliases overlap with the old bodies'
		// in text; the Resolver picks by the plan's date.
		unit("tinh-uy-2025", ttdn.UnitPartyBody, "", "Tỉnh ủy Tây Ninh", "Tỉnh ủy", "Tỉnh ủy", "TT Tỉnh ủy", "Thường trực Tỉnh ủy").
			from(reform2025July, mergeNote),
		unit("hdnd-tinh-2025", ttdn.UnitPeoplesCouncil, "", "Hội đồng nhân dân tỉnh Tây Ninh", "HĐND tỉnh",
			"Hội đồng nhân dân tỉnh", "HĐND tỉnh Tây Ninh", "TT HĐND tỉnh", "Thường trực HĐND tỉnh").
			from(reform2025July, mergeNote),
		unit("ubnd-tinh-2025", ttdn.UnitPeoplesCommittee, "", "Ủy ban nhân dân tỉnh Tây Ninh", "UBND tỉnh",
			"Ủy ban nhân dân tỉnh", "UBND tỉnh Tây Ninh", "CT, các PCT UBND tỉnh", "Chủ tịch UBND tỉnh", "Chủ tịch Ủy ban nhân dân tỉnh").
			from(reform2025July, mergeNote),
	}
}
