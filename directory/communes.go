package directory

import (
	"strings"

	"ttdn"
)

// communeLevels are the words a commune-level unit's name begins with
// since 1/7/2025 (xã, phường, đặc khu), the longest first.
var communeLevels = []string{"đặc khu", "phường", "xã"}

// CommuneEntries turns the admin's list of communes and wards ("Xã Tân
// Phú", "Phường Bến Thành", "Đặc khu Côn Đảo"), one a line, into units
// under UBND tỉnh. Blank lines and lines starting with # are skipped. A
// line without its level word is an error naming the line, so a list of
// bare names is not taken for what it is not.
func CommuneEntries(lines []string) ([]Entry, error) {
	var es []Entry
	seen := map[string]int{}
	for i, line := range lines {
		name := strings.Join(strings.Fields(line), " ")
		if name == "" || strings.HasPrefix(name, "#") {
			continue
		}
		level, rest := communeLevel(name)
		if level == "" || rest == "" {
			return nil, ttdn.Errorf(ttdn.EINVALID, "Dòng %d (%q): tên phải bắt đầu bằng “Xã”, “Phường” hoặc “Đặc khu”.",
				"Line %d (%q): a name must begin with “Xã”, “Phường” or “Đặc khu”.", i+1, name)
		}
		full := strings.ToUpper(level[:1]) + level[1:] + " " + rest
		if strings.HasPrefix(level, "đ") {
			full = "Đ" + level[len("đ"):] + " " + rest
		}
		code := "xa-" + slugify(level+" "+rest)
		if prev, ok := seen[code]; ok {
			return nil, ttdn.Errorf(ttdn.EINVALID, "Dòng %d: %q trùng với dòng %d.", "Line %d: %q repeats line %d.", i+1, name, prev)
		}
		seen[code] = i + 1
		es = append(es, unit(code, ttdn.UnitCommune, "ubnd-tinh", full, "UBND "+level+" "+rest,
			"Ủy ban nhân dân "+level+" "+rest, level+" "+rest))
	}
	return es, nil
}

func communeLevel(name string) (level, rest string) {
	lower := strings.ToLower(name)
	for _, l := range communeLevels {
		if strings.HasPrefix(lower, l+" ") {
			return l, strings.TrimSpace(name[len(l):])
		}
	}
	return "", ""
}

// CommuneGroup is the code of the group "UBND các xã, phường" the
// communes join.
const CommuneGroup = "ubnd-cap-xa"
