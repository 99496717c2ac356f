package planparse

import (
	"bytes"
	"strings"
	"testing"

	"ttdn"
)

func TestRefusals(t *testing.T) {
	for _, tc := range []struct {
		name string
		data []byte
		code string
		vi   string // part of the Vietnamese message
		en   string // part of the English one
	}{
		{"empty.txt", nil, ttdn.EINVALID, "rỗng", "empty"},
		{"blank.txt", []byte(" \n\t\r\n "), ttdn.EINVALID, "rỗng", "empty"},
		{"image.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), ttdn.EINVALID, "không phải văn bản", "not text"},
		// "KẾ HOẠCH Công tác thông tin đối ngoại" in Windows-1258 bytes.
		{"cp1258.txt", []byte("K\xcaE\xcc HO\xa1ACH\nC\xf4ng t\xe1c th\xf4ng tin \xf0\xf4\xec i ngo\xe1i\n"), ttdn.EINVALID, "không mã hóa UTF-8", "not UTF-8"},
		{"utf16.txt", []byte("\xff\xfeK\x00\xbf\x1e"), ttdn.EINVALID, "UTF-16", "UTF-16"},
		{"bien-ban.txt", []byte("BIÊN BẢN\nHọp giao ban tuần\n\nThành phần: lãnh đạo Sở.\n"), ttdn.EINVALID, "không phải là một kế hoạch", "not a plan"},
		{"no-sections.txt", []byte("KẾ HOẠCH\nTổ chức hội nghị\n\nNội dung sẽ được thông báo sau.\n"), ttdn.EINVALID, "La Mã", "Roman"},
		{"huge.txt", bytes.Repeat([]byte("a"), maxInputBytes+1), ttdn.ETOOLARGE, "quá lớn", "too large"},
	} {
		res, err := Parse(tc.data, tc.name, nil)
		if err == nil {
			t.Errorf("%s: accepted (%d tasks)", tc.name, len(res.Tasks))
			continue
		}
		if code := ttdn.ErrorCode(err); code != tc.code {
			t.Errorf("%s: code %q, want %q (%v)", tc.name, code, tc.code, err)
		}
		vi, en := ttdn.ErrorMessage(err, "vi"), ttdn.ErrorMessage(err, "en")
		if !strings.Contains(vi, tc.vi) || !strings.Contains(en, tc.en) || !strings.Contains(vi, tc.name) {
			t.Errorf("%s: messages %q / %q", tc.name, vi, en)
		}
	}
}

// TestHugeLine: one enormous line must neither hang nor be refused as
// binary; it parses (as not a plan) in linear time.
func TestHugeLine(t *testing.T) {
	line := strings.Repeat("Sở Thông tin và Truyền thông, 12/QĐ-UBND ngày 01/01/2020 của UBND tỉnh; ", 40000)
	data := []byte("KẾ HOẠCH\nThử\n\nI. MỤC ĐÍCH\n1. Mục đích\n" + line + "\n")
	res, err := Parse(data, "huge-line.txt", nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.References) != 1 {
		t.Errorf("%d references, want 1 (deduplicated)", len(res.References))
	}
}
