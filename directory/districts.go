package directory

import (
	"ttdn"
	"ttdn/vntext"
)

// district is one of Tây Ninh's nine district-level units before 1/7/2025.
type district struct {
	slug   string // code suffix: "tan-bien"
	level  string // "huyện", "thị xã", "thành phố"
	name   string // "Tân Biên"
	border bool   // borders Cambodia
	was    string // its level before an upgrade, when it had one
	note   string
}

// districts lists them; Hòa Thành and Trảng Bàng became thị xã on 1/2/2020
// (Nghị quyết 857/NQ-UBTVQH14, as we recall it; the date is not verified).
var districts = []district{
	{slug: "tp-tay-ninh", level: "thành phố", name: "Tây Ninh"},
	{slug: "hoa-thanh", level: "thị xã", name: "Hòa Thành", was: "huyện", note: "Huyện Hòa Thành lên thị xã từ 1/2/2020 (Nghị quyết 857/NQ-UBTVQH14; ngày chưa kiểm chứng)."},
	{slug: "trang-bang", level: "thị xã", name: "Trảng Bàng", was: "huyện", border: true, note: "Huyện Trảng Bàng lên thị xã từ 1/2/2020 (Nghị quyết 857/NQ-UBTVQH14; ngày chưa kiểm chứng)."},
	{slug: "tan-bien", level: "huyện", name: "Tân Biên", border: true},
	{slug: "tan-chau", level: "huyện", name: "Tân Châu", border: true},
	{slug: "duong-minh-chau", level: "huyện", name: "Dương Minh Châu"},
	{slug: "chau-thanh", level: "huyện", name: "Châu Thành", border: true},
	{slug: "go-dau", level: "huyện", name: "Gò Dầu"},
	{slug: "ben-cau", level: "huyện", name: "Bến Cầu", border: true},
}

const districtEndNote = "Cấp huyện chấm dứt hoạt động từ 1/7/2025 (chính quyền địa phương hai cấp); nhiệm vụ chuyển cho tỉnh và các xã, phường mới."

// districtEntries are UBND of each district and its Đài Truyền thanh.
func districtEntries() []Entry {
	var es []Entry
	for _, d := range districts {
		es = append(es, d.committee(), d.radio())
	}
	return es
}

func (d district) committee() Entry {
	full := d.level + " " + d.name
	aliases := []string{"UBND " + full, full, "Ủy ban nhân dân " + abbreviate(d.level) + " " + d.name, "UBND " + abbreviate(d.level) + " " + d.name}
	if d.was != "" {
		aliases = append(aliases, "UBND "+d.was+" "+d.name, "Ủy ban nhân dân "+d.was+" "+d.name, d.was+" "+d.name)
	}
	note := districtEndNote
	if d.note != "" {
		note = d.note + " " + districtEndNote
	}
	return unit("ubnd-"+d.slug, ttdn.UnitDistrict, "ubnd-tinh", "Ủy ban nhân dân "+full, "UBND "+full, aliases...).
		ended(reform2025July, "", note)
}

func (d district) radio() Entry {
	full := d.level + " " + d.name
	aliases := []string{"Đài Truyền thanh " + d.name, "Đài TT " + full, "Đài Truyền thanh " + abbreviate(d.level) + " " + d.name}
	if d.was != "" {
		aliases = append(aliases, "Đài Truyền thanh "+d.was+" "+d.name)
	}
	return unit("dai-tt-"+d.slug, ttdn.UnitRadioStation, "ubnd-"+d.slug, "Đài Truyền thanh "+full, "Đài TT "+d.name, aliases...).
		ended(reform2025July, "", "Việc sáp nhập Đài Truyền thanh cấp huyện vào Trung tâm Văn hóa - Thể thao và Truyền thanh chưa kiểm chứng. "+districtEndNote)
}

// abbreviate gives the short level plans use: "TP", "TX", "H.".
func abbreviate(level string) string {
	switch level {
	case "thành phố":
		return "TP"
	case "thị xã":
		return "TX"
	}
	return "H."
}

// districtCodes returns the UBND codes of the districts, border ones only
// when border is set.
func districtCodes(prefix string, borderOnly bool) []string {
	var codes []string
	for _, d := range districts {
		if !borderOnly || d.border {
			codes = append(codes, prefix+d.slug)
		}
	}
	return codes
}

// commune is a border commune (xã biên giới) before the 1/7/2025 reform.
type commune struct{ name, district string }

// borderCommunes are Tây Ninh's communes on the Cambodian border, as we know
// them (20 communes in five districts); the list is from memory, not from an
// official register, and is said so in each Note.
var borderCommunes = []commune{
	{"Lợi Thuận", "ben-cau"}, {"Long Thuận", "ben-cau"}, {"Long Khánh", "ben-cau"}, {"Long Phước", "ben-cau"}, {"Tiên Thuận", "ben-cau"},
	{"Phước Chỉ", "trang-bang"}, {"Phước Bình", "trang-bang"},
	{"Tân Lập", "tan-bien"}, {"Hòa Hiệp", "tan-bien"}, {"Tân Bình", "tan-bien"},
	{"Tân Đông", "tan-chau"}, {"Tân Hà", "tan-chau"}, {"Suối Ngô", "tan-chau"}, {"Tân Hòa", "tan-chau"},
	{"Biên Giới", "chau-thanh"}, {"Hòa Thạnh", "chau-thanh"}, {"Hòa Hội", "chau-thanh"}, {"Thành Long", "chau-thanh"},
	{"Ninh Điền", "chau-thanh"}, {"Phước Vinh", "chau-thanh"},
}

const communeNote = "Xã biên giới (danh sách theo hiểu biết, chưa đối chiếu văn bản chính thức). Xã được sắp xếp lại từ 1/7/2025."

// communeEntries are the border communes, their radio stations and the
// border-gate information clusters.
func communeEntries() []Entry {
	var es []Entry
	for _, c := range borderCommunes {
		slug := slugify(c.name)
		es = append(es,
			unit("xa-"+slug, ttdn.UnitCommune, "ubnd-"+c.district, "Ủy ban nhân dân xã "+c.name, "UBND xã "+c.name, "xã "+c.name).
				ended(reform2025July, "", communeNote),
			unit("dai-tt-xa-"+slug, ttdn.UnitRadioStation, "xa-"+slug, "Đài Truyền thanh xã "+c.name, "Đài TT xã "+c.name).
				ended(reform2025July, "", communeNote))
	}
	es = append(es,
		unit("cum-moc-bai", ttdn.UnitInformationCluster, "", "Cụm thông tin đối ngoại tại cửa khẩu quốc tế Mộc Bài", "Cụm TTĐN Mộc Bài",
			"Cụm TTĐN cửa khẩu Mộc Bài", "Cụm thông tin đối ngoại Mộc Bài", "Cụm TTĐN tại cửa khẩu quốc tế Mộc Bài").
			noted("Cửa khẩu quốc tế Mộc Bài (xã Lợi Thuận, huyện Bến Cầu cũ). Đơn vị quản lý cụm chưa kiểm chứng nên chưa ghi đơn vị cha."),
		unit("cum-xa-mat", ttdn.UnitInformationCluster, "", "Cụm thông tin đối ngoại tại cửa khẩu quốc tế Xa Mát", "Cụm TTĐN Xa Mát",
			"Cụm TTĐN cửa khẩu Xa Mát", "Cụm thông tin đối ngoại Xa Mát", "Cụm TTĐN tại cửa khẩu quốc tế Xa Mát").
			noted("Cửa khẩu quốc tế Xa Mát (xã Tân Lập, huyện Tân Biên cũ). Đơn vị quản lý cụm chưa kiểm chứng nên chưa ghi đơn vị cha."),
	)
	return es
}

// slugify turns a Vietnamese name into a code fragment: "Lợi Thuận" → "loi-thuan".
func slugify(s string) string {
	out := []byte(vntext.Fold(s))
	for i, c := range out {
		if c == ' ' {
			out[i] = '-'
		}
	}
	return string(out)
}
