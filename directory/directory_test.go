package directory

import (
	"strings"
	"testing"

	"ttdn"
	"ttdn/vntext"
)

func TestEntriesValid(t *testing.T) {
	codes := map[string]bool{}
	for _, g := range Groups() {
		codes[g.Code] = true
	}
	for _, e := range Entries() {
		if err := e.Unit.Validate(); err != nil {
			t.Errorf("%s: %v", e.Unit.Code, err)
		}
		if codes[e.Unit.Code] {
			t.Errorf("code %q used twice", e.Unit.Code)
		}
		codes[e.Unit.Code] = true
	}
	for _, e := range Entries() {
		if e.ParentCode != "" && !codes[e.ParentCode] {
			t.Errorf("%s: parent %q does not exist", e.Unit.Code, e.ParentCode)
		}
		if e.SuccessorCode != "" && !codes[e.SuccessorCode] {
			t.Errorf("%s: successor %q does not exist", e.Unit.Code, e.SuccessorCode)
		}
		if e.SuccessorCode != "" && e.Unit.ValidTo.IsZero() {
			t.Errorf("%s: has a successor but no end date", e.Unit.Code)
		}
		if !e.Unit.ValidTo.IsZero() && e.Unit.Note == "" {
			t.Errorf("%s: ends without a note saying why", e.Unit.Code)
		}
	}
	for _, g := range Groups() {
		for _, m := range g.MemberCodes {
			if !codes[m] {
				t.Errorf("group %s: member %q does not exist", g.Code, m)
			}
		}
	}
}

// TestNoAliasClaimedTwice: a name may stand for two units only if they never
// existed at the same time (the old and the merged UBND tỉnh).
func TestNoAliasClaimedTwice(t *testing.T) {
	type claim struct {
		code     string
		from, to ttdn.Date
	}
	claims := map[string][]claim{}
	names := func(code string, from, to ttdn.Date, ns ...string) {
		seen := map[string]bool{}
		for _, n := range ns {
			// Exact repeats are clutter; punctuation variants ("Sở TT&TT",
			// "Sở TT-TT") are fine, they document how plans write it.
			if f := vntext.Fold(n); seen[f] {
				t.Errorf("%s: name %q listed twice", code, n)
			} else {
				seen[f] = true
			}
			k := foldedKey(n)
			if cl := claims[k]; len(cl) > 0 && cl[len(cl)-1].code == code {
				continue
			}
			claims[k] = append(claims[k], claim{code, from, to})
		}
	}
	for _, e := range Entries() {
		u := e.Unit
		ns := append([]string{u.Name, u.ShortName}, u.Aliases...)
		if u.ShortName == u.Name || u.ShortName == "" {
			ns = append([]string{u.Name}, u.Aliases...)
		}
		names(u.Code, u.ValidFrom, u.ValidTo, ns...)
	}
	for _, g := range Groups() {
		names(g.Code, ttdn.Date{}, ttdn.Date{}, append([]string{g.Name}, g.Aliases...)...)
	}
	for k, cs := range claims {
		for i := range cs {
			for j := i + 1; j < len(cs); j++ {
				if cs[i].code != cs[j].code && overlap(cs[i].from, cs[i].to, cs[j].from, cs[j].to) {
					t.Errorf("name %q claimed by %s and %s at the same time", k, cs[i].code, cs[j].code)
				}
			}
		}
	}
}

func foldedKey(s string) string {
	k := ""
	for _, w := range vntext.Words(s) {
		k += w + " "
	}
	return k
}

func overlap(f1, t1, f2, t2 ttdn.Date) bool {
	endsBefore := func(to, from ttdn.Date) bool { return !to.IsZero() && !from.IsZero() && !from.Before(to) }
	return !endsBefore(t1, f2) && !endsBefore(t2, f1)
}

// seedNames is every way the seed plan names a unit or a group.
var seedNames = map[string]string{
	"Thủ tướng Chính phủ":                        "thu-tuong",
	"Chính phủ":                                  "chinh-phu",
	"Bộ Thông tin và Truyền thông":               "bo-tttt",
	"Bộ TTTT":                                    "bo-tttt",
	"Ban Tuyên giáo Trung ương":                  "ban-tuyen-giao-tw",
	"Tỉnh ủy":                                    "tinh-uy",
	"TT Tỉnh ủy":                                 "tinh-uy",
	"Ủy ban nhân dân tỉnh":                       "ubnd-tinh",
	"UBND tỉnh":                                  "ubnd-tinh",
	"CT, các PCT UBND tỉnh":                      "ubnd-tinh",
	"TT HĐND tỉnh":                               "hdnd-tinh",
	"Ban Tuyên giáo Tỉnh ủy":                     "ban-tuyen-giao",
	"Thường trực BCD 94-16":                      "ban-tuyen-giao",
	"Thường trực BCĐ 94-16":                      "ban-tuyen-giao",
	"Ban Chỉ đạo 94-16":                          "bcd-94-16",
	"Ban Chỉ đạo 94-16 tỉnh":                     "bcd-94-16",
	"Sở Thông tin và Truyền thông":               "so-tttt",
	"Sở Văn hóa, Thể thao và Du lịch":            "so-vhttdl",
	"Sở Nông nghiệp và Phát triển nông thôn":     "so-nnptnt",
	"Sở Kế hoạch và Đầu tư":                      "so-khdt",
	"Sở Công Thương":                             "so-cong-thuong",
	"Sở Ngoại vụ":                                "so-ngoai-vu",
	"Sở Tài chính":                               "so-tai-chinh",
	"Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh":     "van-phong",
	"Văn phòng Ủy ban nhân dân tỉnh":             "van-phong",
	"PVP":                                        "van-phong",
	"P.KGVX":                                     "vp-kgvx",
	"Bộ Chỉ huy Bộ đội Biên phòng Tây Ninh":      "bdbp",
	"Bộ Chỉ huy Bộ đội Biên phòng tỉnh":          "bdbp",
	"Bộ Chỉ huy Bộ đội Biên phòng":               "bdbp",
	"Công an tỉnh":                               "cong-an",
	"Công an Tây Ninh":                           "cong-an",
	"cơ quan công an":                            "cong-an",
	"Bộ Chỉ huy Quân sự tỉnh":                    "bchqs",
	"Báo Tây Ninh":                               "bao-tay-ninh",
	"Đài Phát thanh - Truyền hình tỉnh":          "dai-ptth",
	"Đài PTTH Tây Ninh":                          "dai-ptth",
	"Đài PTTH tỉnh":                              "dai-ptth",
	"Mặt trận Tổ quốc Việt Nam tỉnh":             "mttq",
	"Các sở, ban, ngành":                         "cac-so-ban-nganh",
	"các sở, ban ngành":                          "cac-so-ban-nganh",
	"các sở, ngành liên quan":                    "cac-so-ban-nganh",
	"Các sở, ban, ngành tỉnh":                    "cac-so-ban-nganh",
	"UBND các huyện, thành phố":                  "ubnd-cac-huyen",
	"Ủy ban nhân dân các huyện, thành phố":       "ubnd-cac-huyen",
	"UBND huyện, thành phố":                      "ubnd-cac-huyen",
	"Đài Truyền thanh các huyện, thành phố":      "dai-tt-huyen",
	"Đài Truyền thanh cấp huyện":                 "dai-tt-huyen",
	"Đài Truyền thanh các huyện biên giới":       "dai-tt-huyen-bien-gioi",
	"hệ thống Đài Truyền thanh các xã biên giới": "dai-tt-cac-xa-bien-gioi",
	"Đài Truyền thanh cơ sở":                     "dai-tt-co-so",
	"các cơ quan báo chí":                        "co-quan-bao-chi",
	"cơ quan báo chí":                            "co-quan-bao-chi",
	"các cơ quan thông tấn báo chí":              "co-quan-bao-chi",
	"các tổ chức chính trị-xã hội":               "to-chuc-ctxh",
	"các tổ chức chính trị":                      "to-chuc-ctxh",
	"các doanh nghiệp trong và ngoài tỉnh":       "doanh-nghiep",
	"Cụm thông tin đối ngoại":                    "cum-ttdn",
	"Cùm thông tin đối ngoại":                    "cum-ttdn",
	"Cụm thông tin đối ngoại tại cửa khẩu quốc tế Mộc Bài": "cum-moc-bai",
}

func TestSeedNamesResolve(t *testing.T) {
	r := Default().On(ttdn.Date{Year: 2019, Month: 1, Day: 1})
	for name, code := range seedNames {
		ref, ok := r.Resolve(name)
		if !ok || ref.Code != code {
			t.Errorf("Resolve(%q) = %+v, %v; want %s", name, ref, ok, code)
		}
		if ok && ref.Text != name {
			t.Errorf("Resolve(%q).Text = %q", name, ref.Text)
		}
	}
}

func TestShortFormsResolve(t *testing.T) {
	r := Default()
	for name, code := range map[string]string{
		"Sở TT&TT": "so-tttt", "STTTT": "so-tttt", "Sở TTTT": "so-tttt", "sở thông tin và truyền thông": "so-tttt",
		"Sở VHTTDL": "so-vhttdl", "Sở VH,TT&DL": "so-vhttdl", "Sở NN&PTNT": "so-nnptnt", "Sở KH&ĐT": "so-khdt",
		"BCH BĐBP": "bdbp", "Bộ đội Biên phòng tỉnh": "bdbp", "Bộ CHQS tỉnh": "bchqs", "BCĐ 94-16": "bcd-94-16",
		"BCD 94-16": "bcd-94-16", "Ủy ban MTTQ Việt Nam tỉnh": "mttq", "Cụm TTĐN Xa Mát": "cum-xa-mat",
		"UBND huyện Tân Biên": "ubnd-tan-bien", "UBND TP Tây Ninh": "ubnd-tp-tay-ninh", "UBND huyện Hòa Thành": "ubnd-hoa-thanh",
		"UBND thị xã Trảng Bàng": "ubnd-trang-bang", "Đài Truyền thanh huyện Bến Cầu": "dai-tt-ben-cau",
		"xã Lợi Thuận": "xa-loi-thuan", "Đài Truyền thanh xã Tân Lập": "dai-tt-xa-tan-lap",
		"Ban Tuyên giáo và Dân vận Tỉnh ủy": "ban-tgdv", "Sở Nông nghiệp và Môi trường": "so-nnmt",
		"Bộ Văn hóa, Thể thao và Du lịch": "bo-vhttdl", "Báo và Phát thanh, Truyền hình Tây Ninh": "bao-ptth",
		"UBND TỈNH TÂY NINH":         "ubnd-tinh-2025", // Default resolves as of now
		"UBND các huyện, thành phou": "ubnd-cac-huyen", // typo tolerated
	} {
		if ref, ok := r.Resolve(name); !ok || ref.Code != code {
			t.Errorf("Resolve(%q) = %+v, %v; want %s", name, ref, ok, code)
		}
	}
}

func TestResolveOnDate(t *testing.T) {
	for _, tc := range []struct {
		on   ttdn.Date
		code string
	}{
		{ttdn.Date{Year: 2019, Month: 1, Day: 15}, "ubnd-tinh"},
		{ttdn.Date{Year: 2025, Month: 6, Day: 30}, "ubnd-tinh"},
		{ttdn.Date{Year: 2025, Month: 7, Day: 1}, "ubnd-tinh-2025"},
		{ttdn.Date{}, "ubnd-tinh-2025"},
	} {
		if ref, _ := Default().On(tc.on).Resolve("UBND tỉnh"); ref.Code != tc.code {
			t.Errorf("on %v: %s, want %s", tc.on, ref.Code, tc.code)
		}
	}
}

func TestEnded(t *testing.T) {
	r := Default().On(ttdn.Date{Year: 2026, Month: 1, Day: 1})
	ref, _ := r.Resolve("Sở Thông tin và Truyền thông")
	if note, ended := r.Ended(ref); !ended || !strings.Contains(note, "Sở Văn hóa, Thể thao và Du lịch") {
		t.Errorf("Sở TTTT in 2026: ended %v, note %q", ended, note)
	}
	ref, _ = r.Resolve("Sở VHTTDL")
	if _, ended := r.Ended(ref); ended {
		t.Error("Sở VHTTDL ended in 2026")
	}
	old := Default().On(ttdn.Date{Year: 2019, Month: 1, Day: 1})
	ref, _ = old.Resolve("Sở Thông tin và Truyền thông")
	if _, ended := old.Ended(ref); ended {
		t.Error("Sở TTTT ended in 2019")
	}
}

func TestResolveRejects(t *testing.T) {
	for _, s := range []string{"", "Sở Thông tin", "Phòng Văn hóa huyện X", "Sở Nội vụ Bình Dương", "thành phố"} {
		if ref, ok := Default().Resolve(s); ok {
			t.Errorf("Resolve(%q) = %+v, want unresolved", s, ref)
		}
	}
}

func TestResolveListTricky(t *testing.T) {
	r := Default().On(ttdn.Date{Year: 2019, Month: 1, Day: 1})
	for _, tc := range []struct {
		in   string
		want []string // code, or "?text" for an unresolved piece
	}{
		{"Công an tỉnh, Sở Thông tin và Truyền thông, Sở Ngoại vụ, Bộ Chỉ huy Bộ đội Biên phòng Tây Ninh, Bộ Chỉ huy Quân sự tỉnh, các sở, ban ngành và cơ quan báo chí",
			[]string{"cong-an", "so-tttt", "so-ngoai-vu", "bdbp", "bchqs", "cac-so-ban-nganh", "co-quan-bao-chi"}},
		{"Sở Văn hóa, Thể thao và Du lịch, Sở Nông nghiệp và Phát triển nông thôn.", []string{"so-vhttdl", "so-nnptnt"}},
		{"Các sở, ban, ngành, UBND các huyện, thành phố.", []string{"cac-so-ban-nganh", "ubnd-cac-huyen"}},
		{"UBND các huyện, thành phou, Văn phòng Đoàn ĐBQH, HĐND và UBND tỉnh", []string{"ubnd-cac-huyen", "van-phong"}},
		{"Sở Thông tin và Truyền thông, Ủy ban nhân dân các huyện, thành phố, các cơ quan báo chí, các doanh nghiệp trong và ngoài tỉnh",
			[]string{"so-tttt", "ubnd-cac-huyen", "co-quan-bao-chi", "doanh-nghiep"}},
		{"Sở Thông tin và Truyền thông, Đài Truyền thanh các huyện biên giới và hệ thống Đài Truyền thanh các xã biên giới",
			[]string{"so-tttt", "dai-tt-huyen-bien-gioi", "dai-tt-cac-xa-bien-gioi"}},
		{"Ban Tuyên giáo Tỉnh ủy (Thường trực BCD 94-16)", []string{"ban-tuyen-giao"}},
		{"Mặt trận Tổ quốc Việt Nam tỉnh và các tổ chức chính trị", []string{"mttq", "to-chuc-ctxh"}},
		{"Báo Tây Ninh, Đài Phát thanh - Truyền hình tỉnh", []string{"bao-tay-ninh", "dai-ptth"}},
		{"Sở Thông tin và Truyền thông, Trung tâm Xúc tiến ABC, Sở Ngoại vụ và Hội Doanh nhân trẻ",
			[]string{"so-tttt", "?Trung tâm Xúc tiến ABC", "so-ngoai-vu", "?Hội Doanh nhân trẻ"}},
		{"Phòng Văn hóa và Thông tin, Sở Công Thương", []string{"?Phòng Văn hóa và Thông tin", "so-cong-thuong"}},
		{"tinh uy, so tttt", []string{"tinh-uy", "so-tttt"}},
	} {
		got := r.ResolveList(tc.in)
		var codes []string
		for _, ref := range got {
			if ref.Resolved() {
				codes = append(codes, ref.Code)
			} else {
				if ref.Name != ref.Text || ref.ID != 0 {
					t.Errorf("%q: unresolved ref %+v", tc.in, ref)
				}
				codes = append(codes, "?"+ref.Text)
			}
		}
		if !equal(codes, tc.want) {
			t.Errorf("ResolveList(%q)\n got %q\nwant %q", tc.in, codes, tc.want)
		}
	}
}

func TestResolveListGroupsAndText(t *testing.T) {
	refs := Default().ResolveList("Các sở, ban, ngành, UBND các huyện, thành phố.")
	if len(refs) != 2 || !refs[0].Group || !refs[1].Group {
		t.Fatalf("refs = %+v", refs)
	}
	if refs[0].Text != "Các sở, ban, ngành" || refs[1].Text != "UBND các huyện, thành phố" {
		t.Errorf("texts = %q, %q", refs[0].Text, refs[1].Text)
	}
	if refs[1].Name != "Ủy ban nhân dân các huyện, thị xã, thành phố" {
		t.Errorf("canonical name = %q", refs[1].Name)
	}
}

func TestNewResolverCarriesIDs(t *testing.T) {
	r := NewResolver(
		[]*ttdn.Unit{{ID: 7, Code: "so-tttt", Name: "Sở Thông tin và Truyền thông", ShortName: "Sở TTTT", Aliases: []string{"STTTT"}}},
		[]*ttdn.UnitGroup{{ID: 3, Code: "g", Name: "Các sở, ban, ngành"}})
	refs := r.ResolveList("STTTT và các sở, ban, ngành")
	if len(refs) != 2 || refs[0].ID != 7 || refs[1].ID != 3 || !refs[1].Group || refs[0].Group {
		t.Errorf("refs = %+v", refs)
	}
}

func TestResolvePrefix(t *testing.T) {
	text := "UBND tỉnh triển khai thực hiện Đề án"
	ref, end, ok := Default().ResolvePrefix(text)
	if !ok || ref.Code != "ubnd-tinh-2025" || text[:end] != "UBND tỉnh" {
		t.Errorf("ResolvePrefix = %+v, %d, %v", ref, end, ok)
	}
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func BenchmarkResolveList(b *testing.B) {
	r := Default()
	s := "Công an tỉnh, Sở Thông tin và Truyền thông, Sở Ngoại vụ, Bộ Chỉ huy Bộ đội Biên phòng Tây Ninh, Bộ Chỉ huy Quân sự tỉnh, các sở, ban ngành và cơ quan báo chí"
	b.ReportAllocs()
	for b.Loop() {
		if len(r.ResolveList(s)) != 7 {
			b.Fatal("wrong split")
		}
	}
}

// TestOtherProvince: a directory of another province, built from a small
// list, resolves that province's names: the province's name after a unit
// is learnt from its people's committee, not assumed to be Tây Ninh.
func TestOtherProvince(t *testing.T) {
	units := []*ttdn.Unit{
		{Code: "ubnd", Kind: ttdn.UnitPeoplesCommittee, Name: "Ủy ban nhân dân tỉnh Bình Dương", ShortName: "UBND tỉnh"},
		{Code: "so-nv", Kind: ttdn.UnitDepartment, Name: "Sở Ngoại vụ", ShortName: "Sở Ngoại vụ"},
		{Code: "bao", Kind: ttdn.UnitPressAgency, Name: "Báo Điện Biên", ShortName: "Báo Điện Biên"},
	}
	groups := []*ttdn.UnitGroup{{Code: "huyen", Name: "UBND các huyện, thị xã, thành phố", Aliases: []string{"UBND các huyện, thành phố"}}}
	r := NewResolver(units, groups)
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"Sở Ngoại vụ tỉnh Bình Dương, UBND tỉnh Bình Dương", []string{"so-nv", "ubnd"}},
		{"Sở Ngoại vụ Tây Ninh", []string{"?Sở Ngoại vụ Tây Ninh"}}, // not assumed to be this province
		{"UBND các huyện, thành phố, thị xã", []string{"huyen"}},
		{"Sở Văn hóa và Thể thao, Hội Nhà báo và Hội Văn nghệ", []string{"?Sở Văn hóa và Thể thao", "?Hội Nhà báo", "?Hội Văn nghệ"}},
		{"Báo Điện Biên Phủ, Sở Ngoại vụ", []string{"?Báo Điện Biên Phủ", "so-nv"}},
	} {
		var got []string
		for _, ref := range r.ResolveList(tc.in) {
			if ref.Resolved() {
				got = append(got, ref.Code)
			} else {
				got = append(got, "?"+ref.Text)
			}
		}
		if !equal(got, tc.want) {
			t.Errorf("ResolveList(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
