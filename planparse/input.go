package planparse

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"ttdn"
	"ttdn/vntext"
)

// Limits against pathological input. A real plan is 20–100 KB of text; a
// DOCX of one is well under 1 MB.
const (
	maxInputBytes = 16 << 20 // the file as uploaded
	maxTextBytes  = 8 << 20  // the text, after unzipping a DOCX
)

var zipMagic = []byte("PK\x03\x04")

// decode turns an uploaded file into NFC text, or refuses it with a message
// for the official who uploaded it. The format is decided by content, not by
// the file name: offices rename files freely.
func decode(data []byte, filename string) (string, error) {
	if len(data) > maxInputBytes {
		return "", ttdn.Errorf(ttdn.ETOOLARGE, "Tệp %q quá lớn (tối đa %d MB).", "The file %q is too large (at most %d MB).", filename, maxInputBytes>>20)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return "", ttdn.Errorf(ttdn.EINVALID, "Tệp %q rỗng.", "The file %q is empty.", filename)
	}
	var text string
	switch {
	case bytes.HasPrefix(data, zipMagic):
		t, err := readDocx(data, filename)
		if err != nil {
			return "", err
		}
		text = t
	case bytes.HasPrefix(data, pdfMagic):
		t, err := readPDF(data, filename)
		if err != nil {
			return "", err
		}
		text = t
	default:
		t, err := decodeText(data, filename)
		if err != nil {
			return "", err
		}
		text = t
	}
	if strings.TrimSpace(text) == "" {
		return "", ttdn.Errorf(ttdn.EINVALID, "Tệp %q không có nội dung chữ.", "The file %q contains no text.", filename)
	}
	return vntext.NFC(text), nil
}

func decodeText(data []byte, filename string) (string, error) {
	switch {
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		return "", ttdn.Errorf(ttdn.EINVALID,
			"Tệp %q mã hóa UTF-16; hãy lưu lại dưới dạng UTF-8.",
			"The file %q is UTF-16 encoded; save it as UTF-8.", filename)
	case looksBinary(data):
		return "", ttdn.Errorf(ttdn.EINVALID,
			"Tệp %q không phải văn bản (có thể là tệp nhị phân). Hãy tải lên tệp .txt (UTF-8), .docx hoặc .pdf.",
			"The file %q is not text (it looks binary). Upload a .txt (UTF-8), .docx or .pdf file.", filename)
	case !utf8.Valid(data):
		return "", ttdn.Errorf(ttdn.EINVALID,
			"Tệp %q không mã hóa UTF-8 (có thể là Windows-1258, TCVN3 hoặc VNI). Hãy chuyển sang Unicode UTF-8.",
			"The file %q is not UTF-8 (it may be Windows-1258, TCVN3 or VNI). Convert it to Unicode UTF-8.", filename)
	}
	return string(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))), nil
}

// looksBinary reports NUL bytes or many control characters in the first
// 8 KB: text files have neither.
func looksBinary(data []byte) bool {
	head := data[:min(len(data), 8<<10)]
	ctrl := 0
	for _, c := range head {
		switch {
		case c == 0:
			return true
		case c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f':
			ctrl++
		}
	}
	return ctrl*100 > len(head)
}

// notAPlan refuses a readable file that is not a plan, saying why.
func notAPlan(filename, why, whyEN string) error {
	return &ttdn.Error{
		Code:      ttdn.EINVALID,
		Message:   fmt.Sprintf("Tệp %q không phải là một kế hoạch: %s.", filename, why),
		MessageEN: fmt.Sprintf("The file %q is not a plan: %s.", filename, whyEN),
	}
}
