package directory

import (
	"ttdn"
)

// ProvinceDirectory is the starting unit directory of a province: what
// `ttdn province setup` stores. The communes and wards are not in it —
// the admin loads them from a file (they change too often to ship).
type ProvinceDirectory struct {
	Province ProvinceInfo
	Entries  []Entry
	Groups   []Group
}

// Generate builds the starting directory of p as its bodies are named
// after the 2025 reorganisation: the central bodies plans cite, the
// province's party committee and its boards, council and committee, the
// standard departments, police and military commands, the border guard
// where there is a border or a coast, the press agencies and the mass
// organisations, each with the short forms plans write. Codes are the
// shipped directory's, so roles and demo data find the same units.
func Generate(p ProvinceInfo) ProvinceDirectory {
	g := gen{p: p, lv: string(p.Kind), abbr: "tỉnh"}
	if p.Kind == City {
		g.abbr = "TP"
	}
	var es []Entry
	es = append(es, currentCentralEntries()...)
	es = append(es, g.party()...)
	es = append(es, g.government()...)
	es = append(es, g.departments()...)
	es = append(es, g.forces()...)
	es = append(es, g.press()...)
	es = append(es, g.massOrganisations()...)
	return ProvinceDirectory{Province: p, Entries: es, Groups: g.groups(es)}
}

// currentCentralEntries are the central bodies still in existence: a new
// province's plans are of 2025 and later.
func currentCentralEntries() []Entry {
	var out []Entry
	for _, e := range centralEntries() {
		if e.Unit.ValidTo.IsZero() {
			e.SuccessorCode = ""
			out = append(out, e)
		}
	}
	return out
}

// gen holds the province's words while building its entries.
type gen struct {
	p    ProvinceInfo
	lv   string // "tỉnh" or "thành phố"
	abbr string // "tỉnh" or "TP"
}

// of is " tỉnh Hà Tĩnh", the suffix a body's full name ends with.
func (g gen) of() string { return " " + g.lv + " " + g.p.Name }

// forms returns a body's usual short forms: "X tỉnh", "X Hà Tĩnh",
// "X tỉnh Hà Tĩnh", and for a city also "X TP", "X TP. Hà Nội".
func (g gen) forms(bodies ...string) []string {
	var out []string
	for _, b := range bodies {
		out = append(out, b+" "+g.lv, b+" "+g.p.Name, b+g.of())
		if g.p.Kind == City {
			out = append(out, b+" TP", b+" TP "+g.p.Name, b+" TP. "+g.p.Name, b+" Thành phố")
		}
	}
	return out
}

// committee is the party committee's name: Tỉnh ủy or Thành ủy.
func (g gen) committee() string {
	if g.p.Kind == City {
		return "Thành ủy"
	}
	return "Tỉnh ủy"
}

func (g gen) party() []Entry {
	cu := g.committee()
	board := func(code, name, short string, aliases ...string) Entry {
		full := name + " " + cu + " " + g.p.Name
		base := []string{name + " " + cu, short, name}
		return unit(code, ttdn.UnitPartyBody, "tinh-uy", full, short+" "+cu, append(base, aliases...)...)
	}
	return []Entry{
		unit("tinh-uy", ttdn.UnitPartyBody, "", cu+" "+g.p.Name, cu,
			cu, "Thường trực "+cu, "TT "+cu, "Ban Thường vụ "+cu, "BTV "+cu, "Ban Chấp hành Đảng bộ"+g.of()),
		unit("vp-tinh-uy", ttdn.UnitPartyBody, "tinh-uy", "Văn phòng "+cu+" "+g.p.Name, "Văn phòng "+cu, "VP "+cu),
		board("ban-tgdv", "Ban Tuyên giáo và Dân vận", "Ban TG&DV", "Ban TGDV "+cu, "Ban Tuyên giáo và Dân vận", "BTGDV "+cu,
			"Ban Tuyên giáo "+cu, "Ban Tuyên giáo"),
		board("ban-to-chuc", "Ban Tổ chức", "Ban TC", "BTC "+cu),
		board("ban-noi-chinh", "Ban Nội chính", "Ban NC", "BNC "+cu),
		board("ubkt-tinh-uy", "Ủy ban Kiểm tra", "UBKT", "UBKT "+cu),
		unit("bcd-ttdn", ttdn.UnitSteeringCommittee, "tinh-uy", "Ban Chỉ đạo công tác thông tin đối ngoại"+g.of(), "BCĐ TTĐN",
			append(g.forms("Ban Chỉ đạo công tác thông tin đối ngoại", "Ban Chỉ đạo TTĐN", "BCĐ TTĐN"),
				"Ban Chỉ đạo công tác thông tin đối ngoại", "Ban Chỉ đạo TTĐN", "Thường trực Ban Chỉ đạo TTĐN")...).
			noted("Tên và số hiệu của Ban Chỉ đạo khác nhau theo từng địa phương; quản trị viên sửa cho đúng."),
	}
}

func (g gen) government() []Entry {
	lv, n := g.lv, g.p.Name
	ubnd := []string{"Ủy ban nhân dân " + lv, "UBND " + g.lv + " " + n, "UBND " + n, "Chủ tịch UBND " + lv,
		"Chủ tịch Ủy ban nhân dân " + lv, "CT UBND " + lv, "Chủ tịch, các PCT UBND " + lv, "Chủ tịch, các Phó Chủ tịch UBND " + lv, "Lãnh đạo UBND " + lv, "CT, các PCT UBND " + lv, "UBND " + lv}
	hdnd := []string{"Hội đồng nhân dân " + lv, "HĐND " + lv + " " + n, "HĐND " + n, "Thường trực HĐND " + lv, "TT HĐND " + lv}
	vp := []string{"Văn phòng Ủy ban nhân dân " + lv, "Văn phòng UBND " + lv, "VP UBND " + lv, "VP UBND", "Văn phòng UBND"}
	if g.p.Kind == City {
		ubnd = append(ubnd, "UBND TP", "UBND TP. "+n, "UBND Thành phố", "Ủy ban nhân dân Thành phố", "CT, các PCT UBND Thành phố",
			"Chủ tịch, các PCT UBND Thành phố", "Chủ tịch UBND Thành phố", "CT, các PCT UBND TP", "Chủ tịch, các PCT UBND TP", "Chủ tịch UBND TP")
		hdnd = append(hdnd, "HĐND TP", "HĐND Thành phố", "Thường trực HĐND TP", "TT HĐND TP", "Thường trực HĐND Thành phố", "TT HĐND Thành phố")
		vp = append(vp, "Văn phòng UBND TP", "VP UBND TP", "Văn phòng UBND Thành phố")
	}
	return []Entry{
		unit("hdnd-tinh", ttdn.UnitPeoplesCouncil, "", "Hội đồng nhân dân"+g.of(), "HĐND "+g.lv, hdnd...),
		unit("ubnd-tinh", ttdn.UnitPeoplesCommittee, "", "Ủy ban nhân dân"+g.of(), "UBND "+g.lv, ubnd...),
		unit("van-phong", ttdn.UnitOffice, "ubnd-tinh", "Văn phòng Ủy ban nhân dân"+g.of(), "Văn phòng UBND "+g.lv, vp...),
		unit("doan-dbqh", ttdn.UnitOther, "", "Đoàn đại biểu Quốc hội"+g.of(), "Đoàn ĐBQH "+g.lv, g.forms("Đoàn ĐBQH", "Đoàn đại biểu Quốc hội")...),
	}
}

// standardDepartment is one agency of a provincial People's Committee
// after Nghị định 45/2025 and 150/2025, with the short forms plans use.
type standardDepartment struct {
	code, name, short string
	aliases           []string
	note              string
}

var standardDepartments = []standardDepartment{
	{code: "so-noi-vu", name: "Sở Nội vụ", short: "Sở Nội vụ", aliases: []string{"SNV"}},
	{code: "so-tu-phap", name: "Sở Tư pháp", short: "Sở Tư pháp", aliases: []string{"STP"}},
	{code: "so-tai-chinh", name: "Sở Tài chính", short: "Sở TC", aliases: []string{"STC"}, note: "Nhận nhiệm vụ của Sở Kế hoạch và Đầu tư từ năm 2025. Thẩm định dự toán kinh phí."},
	{code: "so-cong-thuong", name: "Sở Công Thương", short: "Sở Công Thương", aliases: []string{"Sở CT", "SCT"}},
	{code: "so-nnmt", name: "Sở Nông nghiệp và Môi trường", short: "Sở NN&MT", aliases: []string{"Sở NNMT", "Sở NN và MT", "Sở Nông nghiệp - Môi trường"}},
	{code: "so-xay-dung", name: "Sở Xây dựng", short: "Sở Xây dựng", aliases: []string{"SXD"}},
	{code: "so-khcn", name: "Sở Khoa học và Công nghệ", short: "Sở KH&CN", aliases: []string{"Sở KHCN", "Sở KH và CN", "Sở Khoa học - Công nghệ"}},
	{code: "so-gddt", name: "Sở Giáo dục và Đào tạo", short: "Sở GD&ĐT", aliases: []string{"Sở GDĐT", "Sở GD và ĐT", "Sở Giáo dục - Đào tạo"}},
	{code: "so-y-te", name: "Sở Y tế", short: "Sở Y tế", aliases: []string{"SYT"}},
	{code: "so-vhttdl", name: "Sở Văn hóa, Thể thao và Du lịch", short: "Sở VHTTDL",
		aliases: []string{"Sở VH,TT&DL", "Sở VHTT&DL", "Sở VH-TT-DL", "Sở VHTT và DL", "SVHTTDL", "Sở Văn hóa - Thể thao và Du lịch", "Sở Văn hóa, Thể thao, Du lịch"},
		note:    "Cơ quan thường trực công tác thông tin đối ngoại của UBND từ năm 2025 (nhận nhiệm vụ báo chí, xuất bản, thông tin đối ngoại của Sở Thông tin và Truyền thông)."},
	{code: "thanh-tra", name: "Thanh tra", short: "Thanh tra"},
	{code: "so-ngoai-vu", name: "Sở Ngoại vụ", short: "Sở Ngoại vụ", aliases: []string{"SNgV"},
		note: "Chỉ một số tỉnh, thành phố còn Sở Ngoại vụ sau năm 2025; nếu không có, quản trị viên cho đơn vị kết thúc và ghi đơn vị kế thừa."},
	{code: "so-dttg", name: "Sở Dân tộc và Tôn giáo", short: "Sở DT&TG", aliases: []string{"Sở DTTG", "Sở Dân tộc - Tôn giáo"},
		note: "Chỉ một số tỉnh, thành phố có Sở Dân tộc và Tôn giáo; nếu không có, quản trị viên cho đơn vị kết thúc."},
}

// splitCulture are the cities whose culture and tourism are two
// departments (Sở Văn hóa và Thể thao, Sở Du lịch), as before 2025.
var splitCulture = map[string]bool{"Hà Nội": true, "Hồ Chí Minh": true}

var (
	cultureAndSport = standardDepartment{code: "so-vhttdl", name: "Sở Văn hóa và Thể thao", short: "Sở VH&TT",
		aliases: []string{"Sở VHTT", "Sở VH-TT", "Sở Văn hóa - Thể thao"},
		note:    "Cơ quan thường trực công tác thông tin đối ngoại của UBND từ năm 2025 (nhận nhiệm vụ báo chí, xuất bản, thông tin đối ngoại của Sở Thông tin và Truyền thông)."}
	tourism = standardDepartment{code: "so-du-lich", name: "Sở Du lịch", short: "Sở Du lịch", aliases: []string{"SDL"}}
)

func (g gen) departments() []Entry {
	var es []Entry
	list := standardDepartments
	if splitCulture[g.p.Name] {
		list = nil
		for _, d := range standardDepartments {
			if d.code == "so-vhttdl" {
				list = append(list, cultureAndSport, tourism)
				continue
			}
			list = append(list, d)
		}
	}
	for _, d := range list {
		name := d.name + g.of()
		aliases := append([]string{d.name}, g.forms(d.name)...)
		if d.short != d.name {
			aliases = append(aliases, g.forms(d.short)...)
		}
		aliases = append(aliases, d.aliases...)
		short := d.short
		if d.code == "thanh-tra" {
			short = "Thanh tra " + g.lv
		}
		e := unit(d.code, ttdn.UnitDepartment, "ubnd-tinh", name, short, aliases...)
		e.Unit.Note = d.note
		es = append(es, e)
	}
	return es
}

func (g gen) forces() []Entry {
	n := g.p.Name
	es := []Entry{
		unit("cong-an", ttdn.UnitPolice, "", "Công an"+g.of(), "Công an "+g.lv, append(g.forms("Công an", "CA"), "cơ quan công an")...),
	}
	switch n {
	case "Hà Nội":
		es = append(es, unit("bchqs", ttdn.UnitArmedForce, "", "Bộ Tư lệnh Thủ đô Hà Nội", "BTL Thủ đô",
			"Bộ Tư lệnh Thủ đô", "Bộ Tư lệnh Thủ đô Hà Nội", "BTL Thủ đô Hà Nội", "BTLTĐ"))
	case "Hồ Chí Minh":
		es = append(es, unit("bchqs", ttdn.UnitArmedForce, "", "Bộ Tư lệnh Thành phố Hồ Chí Minh", "BTL TP",
			"Bộ Tư lệnh Thành phố", "Bộ Tư lệnh TP. Hồ Chí Minh", "Bộ Tư lệnh TP.HCM", "BTL TP.HCM", "Bộ Tư lệnh TP"))
	default:
		es = append(es, unit("bchqs", ttdn.UnitArmedForce, "", "Bộ Chỉ huy Quân sự"+g.of(), "Bộ CHQS "+g.lv,
			append(g.forms("Bộ Chỉ huy Quân sự", "Bộ CHQS", "BCH Quân sự", "BCHQS"), "Bộ Chỉ huy Quân sự")...))
	}
	if g.p.HasBorderGuard() {
		e := unit("bdbp", ttdn.UnitArmedForce, "", "Bộ Chỉ huy Bộ đội Biên phòng"+g.of(), "BCH BĐBP "+g.lv,
			append(g.forms("Bộ Chỉ huy Bộ đội Biên phòng", "BCH BĐBP", "Bộ Chỉ huy BĐBP", "BCH Bộ đội Biên phòng", "BĐBP", "Bộ đội Biên phòng", "Biên phòng"),
				"Bộ Chỉ huy Bộ đội Biên phòng", "BCH BĐBP", "BCHBĐBP", "Bộ đội Biên phòng")...)
		e.Unit.Note = g.borderNote()
		es = append(es, e)
	}
	return es
}

func (g gen) borderNote() string {
	note := ""
	if len(g.p.Borders) > 0 {
		note = "Biên giới đất liền với " + joinVI(g.p.Borders) + "."
	}
	if g.p.Coastal {
		if note != "" {
			note += " "
		}
		note += "Có biên giới biển."
	}
	return note
}

func joinVI(xs []string) string {
	out := ""
	for i, x := range xs {
		switch {
		case i == 0:
		case i == len(xs)-1:
			out += " và "
		default:
			out += ", "
		}
		out += x
	}
	return out
}

// pressNames are the province's newspaper and broadcaster where their
// names are not "Báo X" and "Đài Phát thanh - Truyền hình X".
var pressNames = map[string][2]string{
	"Hà Nội":      {"Báo Hànộimới", "Đài Phát thanh và Truyền hình Hà Nội"},
	"Hồ Chí Minh": {"Báo Sài Gòn Giải Phóng", "Đài Truyền hình Thành phố Hồ Chí Minh"},
}

// PressNames are the names of p's newspaper and broadcaster.
func PressNames(p ProvinceInfo) (paper, radio string) {
	if names, ok := pressNames[p.Name]; ok {
		return names[0], names[1]
	}
	return "Báo " + p.Name, "Đài Phát thanh - Truyền hình " + p.Name
}

func (g gen) press() []Entry {
	n := g.p.Name
	paper, radio := PressNames(g.p)
	radioForms := []string{"Đài Phát thanh và Truyền hình " + n, "Đài PTTH " + n, "Đài PT-TH " + n, "Đài PT&TH " + n,
		"Đài Phát thanh - Truyền hình " + g.lv, "Đài PTTH " + g.lv, "Đài PT-TH " + g.lv, "Đài PTTH"}
	const note = "Năm 2025 nhiều tỉnh hợp nhất báo và đài thành Báo và Phát thanh, Truyền hình; quản trị viên cho đơn vị kết thúc và ghi đơn vị kế thừa nếu địa phương đã hợp nhất (ngày theo quyết định của tỉnh)."
	es := []Entry{
		unit("bao-tinh", ttdn.UnitPressAgency, "tinh-uy", paper, paper, "Báo "+g.lv, paper+" Online", paper+" điện tử").noted(note),
		unit("dai-ptth", ttdn.UnitPressAgency, "ubnd-tinh", radio, "Đài PTTH "+g.lv, radioForms...).noted(note),
	}
	if _, kept := pressNames[n]; !kept {
		merged := "Báo và Phát thanh, Truyền hình " + n
		es = append(es, unit("bao-ptth", ttdn.UnitPressAgency, "tinh-uy", merged, "Báo và PTTH "+n,
			"Báo và Phát thanh, Truyền hình "+g.lv, "Báo và PT,TH "+n, "Báo và PTTH "+g.lv, "Báo và Phát thanh - Truyền hình "+n).
			noted("Cơ quan báo chí hợp nhất từ báo và đài của tỉnh năm 2025 ở nhiều địa phương; nếu tỉnh chưa hợp nhất, quản trị viên xóa hoặc cho đơn vị kết thúc."))
	}
	return es
}

func (g gen) massOrganisations() []Entry {
	youth := "Tỉnh đoàn"
	if g.p.Kind == City {
		youth = "Thành đoàn"
	}
	mass := func(code, name, short string, aliases ...string) Entry {
		return unit(code, ttdn.UnitMassOrganisation, "mttq", name+g.of(), short+" "+g.lv, append(g.forms(name, short), aliases...)...)
	}
	return []Entry{
		unit("mttq", ttdn.UnitMassOrganisation, "", "Ủy ban Mặt trận Tổ quốc Việt Nam"+g.of(), "Ủy ban MTTQ Việt Nam "+g.lv,
			append(g.forms("Ủy ban Mặt trận Tổ quốc Việt Nam", "Ủy ban MTTQ", "UBMTTQ Việt Nam", "UBMTTQVN", "MTTQ", "MTTQ Việt Nam",
				"MTTQVN", "Mặt trận Tổ quốc", "Mặt trận Tổ quốc Việt Nam", "Ủy ban MTTQ Việt Nam"), "Ủy ban MTTQ Việt Nam")...),
		unit("tinh-doan", ttdn.UnitMassOrganisation, "mttq", youth+" "+g.p.Name, youth,
			youth, "Đoàn TNCS Hồ Chí Minh "+g.lv, "Ban Thường vụ "+youth, "BTV "+youth),
		mass("hoi-lhpn", "Hội Liên hiệp Phụ nữ", "Hội LHPN"),
		mass("hoi-nong-dan", "Hội Nông dân", "Hội ND"),
		mass("hoi-ccb", "Hội Cựu chiến binh", "Hội CCB"),
		mass("ldld", "Liên đoàn Lao động", "LĐLĐ"),
		mass("lhhn", "Liên hiệp các tổ chức hữu nghị", "Liên hiệp các TCHN", "Liên hiệp các tổ chức hữu nghị", "LHCTCHN"),
	}
}

func (g gen) groups(es []Entry) []Group {
	codesOf := func(kind ttdn.UnitKind, except ...string) []string {
		var codes []string
		for _, e := range es {
			if e.Unit.Kind == kind && !contains(except, e.Unit.Code) {
				codes = append(codes, e.Unit.Code)
			}
		}
		return codes
	}
	lv := g.lv
	var border []Group
	if len(g.p.Borders) > 0 {
		// Its members are the border communes, which the admin marks: the
		// commune list carries no border flag.
		border = append(border, Group{Code: "ubnd-xa-bien-gioi", Name: "Ủy ban nhân dân các xã biên giới",
			Aliases: []string{"UBND các xã biên giới", "các xã biên giới", "UBND các xã, phường biên giới", "các xã, phường biên giới",
				"UBND các xã, phường, cửa khẩu biên giới"}})
	}
	sbn := []string{"các sở, ban, ngành", "các sở, ban ngành", "các sở ban ngành", "các sở, ngành",
		"các sở, ngành liên quan", "các sở, ngành có liên quan", "các sở, ban, ngành liên quan",
		"các sở, ban, ngành của " + lv, "Thủ trưởng các sở, ban, ngành", "các sở, ban, ngành, đoàn thể", "sở, ban, ngành",
		"các sở, ngành " + lv, "các cơ quan chuyên môn thuộc UBND " + lv, "các cơ quan, đơn vị"}
	return append([]Group{
		{Code: "cac-so-ban-nganh", Name: "Các sở, ban, ngành " + lv, Aliases: sbn,
			MemberCodes: append(codesOf(ttdn.UnitDepartment), "van-phong")},
		{Code: "ubnd-cap-xa", Name: "Ủy ban nhân dân các xã, phường",
			Aliases: []string{"UBND các xã, phường", "UBND các xã, phường, đặc khu", "Ủy ban nhân dân các xã, phường, đặc khu",
				"UBND cấp xã", "Ủy ban nhân dân cấp xã", "các xã, phường", "các xã, phường, đặc khu", "Chủ tịch UBND các xã, phường",
				// "các sở, ngành, địa phương": since 2025 the local level is the communes.
				"các địa phương", "địa phương", "chính quyền địa phương cấp xã"}},
		{Code: "co-quan-bao-chi", Name: "Các cơ quan báo chí",
			Aliases: []string{"cơ quan báo chí", "các cơ quan báo chí " + lv, "các cơ quan báo chí trong " + lv,
				"các cơ quan thông tấn báo chí", "các cơ quan báo chí địa phương", "các cơ quan truyền thông"},
			MemberCodes: codesOf(ttdn.UnitPressAgency)},
		{Code: "to-chuc-ctxh", Name: "Các tổ chức chính trị - xã hội",
			Aliases: []string{"các tổ chức chính trị - xã hội " + lv, "các đoàn thể", "các đoàn thể chính trị - xã hội",
				"các tổ chức đoàn thể", "các đoàn thể " + lv, "Ủy ban MTTQ Việt Nam và các đoàn thể"},
			MemberCodes: codesOf(ttdn.UnitMassOrganisation, "mttq")},
		{Code: "doanh-nghiep", Name: "Các doanh nghiệp trong và ngoài " + lv,
			Aliases: []string{"các doanh nghiệp", "doanh nghiệp trong và ngoài " + lv, "các doanh nghiệp trong " + lv}},
	}, border...)
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// Units returns the directory's entries as units (no IDs), for a Resolver.
func (d ProvinceDirectory) Units() []*ttdn.Unit { return entryUnits(d.Entries) }

// UnitGroups returns the directory's groups as unit groups (no IDs).
func (d ProvinceDirectory) UnitGroups() []*ttdn.UnitGroup { return groupsOf(d.Groups) }

func entryUnits(es []Entry) []*ttdn.Unit {
	us := make([]*ttdn.Unit, len(es))
	for i := range es {
		us[i] = &es[i].Unit
	}
	return us
}

func groupsOf(gs []Group) []*ttdn.UnitGroup {
	out := make([]*ttdn.UnitGroup, len(gs))
	for i, g := range gs {
		out[i] = &ttdn.UnitGroup{Code: g.Code, Name: g.Name, Aliases: g.Aliases}
	}
	return out
}
