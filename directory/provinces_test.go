package directory

import (
	"testing"
)

func TestProvinceCatalogue(t *testing.T) {
	ps := Provinces()
	if len(ps) != 34 {
		t.Fatalf("%d provinces, want 34", len(ps))
	}
	var cities, merged, land, coast int
	seen := map[string]bool{}
	for _, p := range ps {
		if seen[p.Code()] {
			t.Errorf("%s twice", p.Name)
		}
		seen[p.Code()] = true
		if p.Kind == City {
			cities++
		}
		if p.Merged() {
			merged++
		}
		if len(p.Borders) > 0 {
			land++
		}
		if p.Coastal {
			coast++
		}
	}
	// The reference: 6 centrally run cities, 23 merged units; the map: 22
	// provinces on a land border, 21 on the coast.
	if cities != 6 || merged != 23 || land != 22 || coast != 21 {
		t.Errorf("cities %d merged %d land %d coast %d, want 6 23 22 21", cities, merged, land, coast)
	}
}

func TestFindProvince(t *testing.T) {
	for _, c := range []struct {
		in, want string
		merged   bool
	}{
		{"Hà Nội", "Hà Nội", false}, {"ha noi", "Hà Nội", false}, {"TP. Hồ Chí Minh", "Hồ Chí Minh", false},
		{"Thành phố Hồ Chí Minh", "Hồ Chí Minh", false}, {"Bình Dương", "Hồ Chí Minh", true},
		{"tỉnh Long An", "Tây Ninh", true}, {"Yên Bái", "Lào Cai", true}, {"Thừa Thiên Huế", "Huế", false},
		{"Bà Rịa – Vũng Tàu", "Hồ Chí Minh", true}, {"Hòa Bình", "Phú Thọ", true}, {"Hoà Bình", "Phú Thọ", true},
	} {
		p, merged, ok := FindProvince(c.in)
		if !ok || p.Name != c.want || merged != c.merged {
			t.Errorf("FindProvince(%q) = %q, %v, %v; want %q, %v", c.in, p.Name, merged, ok, c.want, c.merged)
		}
	}
	for _, bad := range []string{"", "Sài Gòn Mới", "Paris", "tỉnh"} {
		if _, _, ok := FindProvince(bad); ok {
			t.Errorf("FindProvince(%q) found one", bad)
		}
	}
}

// TestGenerateEveryProvince checks every generated directory as the
// shipped one is checked: valid units, unique codes, links that exist, and
// no name standing for two units.
func TestGenerateEveryProvince(t *testing.T) {
	for _, p := range Provinces() {
		d := Generate(p)
		codes := map[string]bool{}
		for _, g := range d.Groups {
			codes[g.Code] = true
		}
		names := map[string]string{}
		claim := func(code, n string) {
			k := foldedKey(n)
			if k == "" {
				return
			}
			if other, ok := names[k]; ok && other != code {
				t.Errorf("%s: name %q claimed by %s and %s", p.Name, n, other, code)
			}
			names[k] = code
		}
		for _, e := range d.Entries {
			if err := e.Unit.Validate(); err != nil {
				t.Errorf("%s %s: %v", p.Name, e.Unit.Code, err)
			}
			if codes[e.Unit.Code] {
				t.Errorf("%s: code %q twice", p.Name, e.Unit.Code)
			}
			codes[e.Unit.Code] = true
			claim(e.Unit.Code, e.Unit.Name)
			claim(e.Unit.Code, e.Unit.ShortName)
			for _, a := range e.Unit.Aliases {
				claim(e.Unit.Code, a)
			}
		}
		for _, g := range d.Groups {
			claim(g.Code, g.Name)
			for _, a := range g.Aliases {
				claim(g.Code, a)
			}
		}
		for _, e := range d.Entries {
			if e.ParentCode != "" && !codes[e.ParentCode] {
				t.Errorf("%s %s: parent %q missing", p.Name, e.Unit.Code, e.ParentCode)
			}
		}
		for _, g := range d.Groups {
			for _, m := range g.MemberCodes {
				if !codes[m] {
					t.Errorf("%s group %s: member %q missing", p.Name, g.Code, m)
				}
			}
		}
		if codes["bdbp"] != p.HasBorderGuard() {
			t.Errorf("%s: border guard %v, border %v coast %v", p.Name, codes["bdbp"], p.Borders, p.Coastal)
		}
		for _, code := range []string{"ubnd-tinh", "tinh-uy", "ban-tgdv", "so-vhttdl", "so-tai-chinh", "cong-an", "bchqs", "bao-tinh", "dai-ptth", "mttq"} {
			if !codes[code] {
				t.Errorf("%s: no %s", p.Name, code)
			}
		}
	}
}

// TestGeneratedNamesResolve: the forms plans of other provinces write
// resolve to the right unit of that province's directory.
func TestGeneratedNamesResolve(t *testing.T) {
	cases := map[string]map[string]string{
		"Hà Tĩnh": {
			"Sở Văn hóa, Thể thao và Du lịch tỉnh Hà Tĩnh": "so-vhttdl", "Sở VH,TT&DL": "so-vhttdl", "Sở VHTTDL tỉnh": "so-vhttdl",
			"Báo Hà Tĩnh": "bao-tinh", "Đài PT-TH Hà Tĩnh": "dai-ptth", "Bộ Chỉ huy BĐBP tỉnh": "bdbp", "BĐBP tỉnh": "bdbp",
			"Công an tỉnh": "cong-an", "UBND tỉnh Hà Tĩnh": "ubnd-tinh", "Ban Tuyên giáo và Dân vận Tỉnh ủy": "ban-tgdv",
			"Hội LHPN tỉnh": "hoi-lhpn", "các sở, ban, ngành": "cac-so-ban-nganh", "UBND các xã, phường": "ubnd-cap-xa",
		},
		"Hà Nội": {
			"Sở Văn hóa và Thể thao Thành phố": "so-vhttdl", "Sở Du lịch": "so-du-lich", "UBND Thành phố": "ubnd-tinh", "Thành ủy Hà Nội": "tinh-uy",
			"Công an TP": "cong-an", "Bộ Tư lệnh Thủ đô": "bchqs", "Ban Tuyên giáo và Dân vận Thành ủy": "ban-tgdv", "Thành đoàn": "tinh-doan",
			"Báo Hànộimới": "bao-tinh", "Sở Ngoại vụ thành phố": "so-ngoai-vu",
		},
	}
	for name, want := range cases {
		p, _, _ := FindProvince(name)
		d := Generate(p)
		r := NewResolver(entryUnits(d.Entries), groupsOf(d.Groups))
		for text, code := range want {
			ref, ok := r.Resolve(text)
			if !ok || ref.Code != code {
				t.Errorf("%s: %q resolved to %q (%v), want %q", name, text, ref.Code, ok, code)
			}
		}
	}
}
