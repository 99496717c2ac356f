package ttdn_test

import (
	"strings"
	"testing"
	"unicode/utf8"

	"ttdn"
)

func TestCleanText(t *testing.T) {
	for in, want := range map[string]string{
		"":                        "",
		"Hội nghị":                "Hội nghị",
		"a\x00b":                  "ab",
		"\x00\x00":                "",
		"Tây\xffNinh":             "TâyNinh",
		"\xc3":                    "",
		"\xe1\xbb":                "",
		"a\x00\xfe\x00b\tc\nd":    "ab\tc\nd",
		"\xed\xa0\x80 surrogate":  " surrogate",
		"\U0001F600 và \u00a0 ok": "\U0001F600 và \u00a0 ok",
	} {
		got := ttdn.CleanText(in)
		if got != want {
			t.Errorf("CleanText(%q) = %q, want %q", in, got, want)
		}
		if !ttdn.IsCleanText(got) || !utf8.ValidString(got) {
			t.Errorf("CleanText(%q) = %q is not clean", in, got)
		}
		if ttdn.IsCleanText(in) != (in == want) {
			t.Errorf("IsCleanText(%q) = %v", in, ttdn.IsCleanText(in))
		}
	}
}

// TestProgressCSVCleansText: a CSV read outside the web forms (which clean
// their fields themselves) comes out clean too.
func TestProgressCSVCleansText(t *testing.T) {
	in := "ma_nhiem_vu;trang_thai;ty_le;ngay;noi_dung\nIII.1\x00;Đang thực hiện;40;15/06/2019;Đã tổ\x00 chức\xff hội nghị\n"
	got, err := ttdn.ParseProgressCSV(strings.NewReader(in))
	if err != nil || len(got.Rows) != 1 || len(got.Errors) != 0 {
		t.Fatalf("parse: %+v, %v", got, err)
	}
	if r := got.Rows[0]; r.TaskRef != "III.1" || r.Text != "Đã tổ chức hội nghị" {
		t.Errorf("row = %+v", r)
	}
}
