package planparse

import "testing"

func TestParseDeadline(t *testing.T) {
	for _, tc := range []struct {
		text    string
		want    string // ISO date, "" for none
		ok, bad bool
	}{
		{"trước ngày 15 tháng 8 năm 2026", "2026-08-15", true, false},
		{"Trước ngày 30/6/2026", "2026-06-30", true, false},
		{"15-01-2027", "2027-01-15", true, false},
		{"Quý II/2026", "2026-06-30", true, false},
		{"quý IV năm 2025", "2025-12-31", true, false},
		{"Quý 1/2026", "2026-03-31", true, false},
		{"Tháng 6/2026", "2026-06-30", true, false},
		{"tháng 2 năm 2028", "2028-02-29", true, false},
		{"Năm 2026", "2026-12-31", true, false},
		{"Thường xuyên", "", true, false},
		{"Hằng năm", "", true, false},
		{"Định kỳ hằng quý", "", true, false},
		{"31/02/2026", "", false, true},
		{"ngày 32 tháng 1 năm 2026", "", false, true},
		{"sau khi có kinh phí", "", false, false},
		{"Quý V/2026", "", false, false},
		{"tháng 13/2026", "", false, false},
		{"", "", false, false},
	} {
		d, ok, bad := parseDeadline(tc.text)
		if d.ISO() != tc.want || ok != tc.ok || bad != tc.bad {
			t.Errorf("parseDeadline(%q) = %q, ok %v, bad %v; want %q, %v, %v", tc.text, d.ISO(), ok, bad, tc.want, tc.ok, tc.bad)
		}
	}
}
