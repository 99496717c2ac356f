package directory

import "ttdn"

// groupList returns the collectives Tây Ninh plans address.
//
// "Các doanh nghiệp trong và ngoài tỉnh" is a group with no members: plans
// name businesses as coordinating parties, but businesses are not units of
// the system (no officer reports for them), so the name resolves — it is not
// an unknown unit — and assigns nobody.
func groupList() []Group {
	return []Group{
		{Code: "cac-so-ban-nganh", Name: "Các sở, ban, ngành tỉnh",
			Aliases: []string{"các sở, ban, ngành", "các sở, ban ngành", "các sở ban ngành", "các sở, ngành",
				"các sở, ngành liên quan", "các sở, ngành có liên quan", "các sở, ban, ngành liên quan",
				"các sở, ban, ngành của tỉnh", "Thủ trưởng các sở, ban, ngành", "các sở, ban, ngành, đoàn thể", "sở, ban, ngành",
				"các sở, ngành tỉnh"},
			MemberCodes: departmentCodes()},
		{Code: "ubnd-cac-huyen", Name: "Ủy ban nhân dân các huyện, thị xã, thành phố",
			Aliases: []string{"UBND các huyện, thành phố", "Ủy ban nhân dân các huyện, thành phố", "UBND các huyện, thị xã, thành phố",
				"UBND huyện, thành phố", "UBND các huyện, thị xã", "Chủ tịch UBND các huyện, thành phố",
				"Chủ tịch Ủy ban nhân dân các huyện, thành phố", "Chủ tịch UBND các huyện, thị xã, thành phố", "các huyện, thành phố",
				"các huyện, thị xã, thành phố"},
			MemberCodes: districtCodes("ubnd-", false)},
		{Code: "ubnd-huyen-bien-gioi", Name: "Ủy ban nhân dân các huyện biên giới",
			Aliases:     []string{"UBND các huyện biên giới", "các huyện biên giới", "UBND các huyện, thị xã biên giới"},
			MemberCodes: districtCodes("ubnd-", true)},
		{Code: "co-quan-bao-chi", Name: "Các cơ quan báo chí",
			Aliases: []string{"cơ quan báo chí", "các cơ quan báo chí tỉnh", "các cơ quan báo chí trong tỉnh", "các cơ quan thông tấn báo chí",
				"các cơ quan báo chí, phát thanh truyền hình trong tỉnh", "các cơ quan báo chí địa phương", "các cơ quan truyền thông"},
			MemberCodes: []string{"bao-tay-ninh", "dai-ptth", "bao-ptth"}},
		{Code: "dai-tt-huyen", Name: "Đài Truyền thanh các huyện, thành phố",
			Aliases: []string{"Đài Truyền thanh các huyện, thị xã, thành phố", "Đài Truyền thanh cấp huyện", "Đài Truyền thanh huyện, thành phố",
				"hệ thống Đài Truyền thanh các huyện, thành phố", "Đài TT các huyện, thành phố"},
			MemberCodes: districtCodes("dai-tt-", false)},
		{Code: "dai-tt-huyen-bien-gioi", Name: "Đài Truyền thanh các huyện biên giới",
			Aliases:     []string{"Đài TT các huyện biên giới", "hệ thống Đài Truyền thanh các huyện biên giới"},
			MemberCodes: districtCodes("dai-tt-", true)},
		{Code: "dai-tt-cac-xa-bien-gioi", Name: "Đài Truyền thanh các xã biên giới",
			Aliases:     []string{"hệ thống Đài Truyền thanh các xã biên giới", "Đài TT các xã biên giới", "Đài Truyền thanh cơ sở các xã biên giới"},
			MemberCodes: communeRadioCodes()},
		{Code: "dai-tt-co-so", Name: "Đài Truyền thanh cơ sở",
			Aliases:     []string{"hệ thống Đài Truyền thanh cơ sở", "Đài Truyền thanh các xã, phường, thị trấn", "Đài Truyền thanh cấp xã"},
			MemberCodes: communeRadioCodes()}, // only the border communes are shipped
		{Code: "cum-ttdn", Name: "Cụm thông tin đối ngoại tại cửa khẩu quốc tế Mộc Bài và Xa Mát",
			Aliases:     []string{"Cụm thông tin đối ngoại", "Cụm TTĐN", "các Cụm thông tin đối ngoại", "các Cụm TTĐN", "Cụm thông tin đối ngoại tại cửa khẩu"},
			MemberCodes: []string{"cum-moc-bai", "cum-xa-mat"}},
		{Code: "to-chuc-ctxh", Name: "Các tổ chức chính trị - xã hội",
			Aliases:     []string{"các tổ chức chính trị - xã hội tỉnh", "các tổ chức chính trị", "các đoàn thể", "các đoàn thể chính trị - xã hội", "các tổ chức đoàn thể", "các đoàn thể tỉnh"},
			MemberCodes: []string{"tinh-doan", "hoi-lhpn", "hoi-nong-dan", "hoi-ccb", "ldld"}},
		{Code: "doanh-nghiep", Name: "Các doanh nghiệp trong và ngoài tỉnh",
			Aliases: []string{"các doanh nghiệp", "doanh nghiệp trong và ngoài tỉnh", "các doanh nghiệp trong tỉnh"}},
	}
}

// departmentCodes lists the provincial departments of every period.
func departmentCodes() []string {
	var codes []string
	for _, e := range departmentEntries() {
		codes = append(codes, e.Unit.Code)
	}
	return append(codes, "van-phong")
}

func communeRadioCodes() []string {
	var codes []string
	for _, e := range communeEntries() {
		if e.Unit.Kind == ttdn.UnitRadioStation {
			codes = append(codes, e.Unit.Code)
		}
	}
	return codes
}
