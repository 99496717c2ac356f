package ttdn

import (
	"archive/zip"
	"bytes"
	"io"
	"path"
	"strings"
	"unicode/utf8"
)

// File types accepted as evidence, decided by content. Each entry lists the
// extensions a file of that type may carry: a file whose name says
// otherwise is refused, so a renamed executable never passes as a PDF.
type fileType struct {
	contentType string
	exts        []string
}

var (
	typePDF  = fileType{"application/pdf", []string{".pdf"}}
	typePNG  = fileType{"image/png", []string{".png"}}
	typeJPEG = fileType{"image/jpeg", []string{".jpg", ".jpeg"}}
	typeGIF  = fileType{"image/gif", []string{".gif"}}
	typeDOCX = fileType{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", []string{".docx"}}
	typeXLSX = fileType{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", []string{".xlsx"}}
	typePPTX = fileType{"application/vnd.openxmlformats-officedocument.presentationml.presentation", []string{".pptx"}}
	typeODT  = fileType{"application/vnd.oasis.opendocument.text", []string{".odt"}}
	typeODS  = fileType{"application/vnd.oasis.opendocument.spreadsheet", []string{".ods"}}
	typeOLE  = fileType{"application/octet-stream", []string{".doc", ".xls", ".ppt"}} // type set from the extension
	typeText = fileType{"text/plain; charset=utf-8", []string{".txt"}}
	typeCSV  = fileType{"text/csv; charset=utf-8", []string{".csv"}}
)

var oleTypes = map[string]string{".doc": "application/msword", ".xls": "application/vnd.ms-excel", ".ppt": "application/vnd.ms-powerpoint"}

// Magic numbers of executables and scripts, refused whatever their name.
var executableMagic = [][]byte{
	[]byte("MZ"), []byte("\x7fELF"), []byte("#!"),
	{0xfe, 0xed, 0xfa, 0xce}, {0xfe, 0xed, 0xfa, 0xcf}, {0xce, 0xfa, 0xed, 0xfe}, {0xcf, 0xfa, 0xed, 0xfe}, {0xca, 0xfe, 0xba, 0xbe},
	[]byte("\x00asm"),
}

// SniffAttachment returns the content type of data named name, or an
// EINVALID error naming the problem: an executable, HTML or SVG, a type not
// accepted, or content that disagrees with the extension.
func SniffAttachment(name string, data []byte) (string, error) {
	for _, m := range executableMagic {
		if bytes.HasPrefix(data, m) {
			return "", Errorf(EINVALID, "Tệp %q là chương trình hoặc mã lệnh, không được phép đính kèm.", "The file %q is a program or script and may not be attached.", name)
		}
	}
	ft, ok := sniffType(data)
	if !ok {
		if looksLikeMarkup(data) {
			return "", Errorf(EINVALID, "Tệp %q là HTML/SVG/XML, không được phép đính kèm vì có thể chứa mã độc.", "The file %q is HTML/SVG/XML, which may carry scripts, and may not be attached.", name)
		}
		return "", errFileType(name)
	}
	ext := strings.ToLower(path.Ext(name))
	if ft.contentType == typeText.contentType && ext == ".csv" {
		ft = typeCSV
	}
	for _, e := range ft.exts {
		if e == ext {
			if ct, ok := oleTypes[ext]; ok && ft.contentType == typeOLE.contentType {
				return ct, nil
			}
			return ft.contentType, nil
		}
	}
	return "", Errorf(EINVALID, "Nội dung tệp %q không khớp với phần mở rộng %q (nội dung là %s).", "The content of %q does not match its extension %q (it is %s).", name, ext, ft.exts[0])
}

func errFileType(name string) error {
	return Errorf(EINVALID, "Tệp %q không thuộc loại được chấp nhận (PDF, ảnh PNG/JPEG/GIF, Word, Excel, PowerPoint, ODT/ODS, TXT, CSV).",
		"The file %q is not of an accepted type (PDF, PNG/JPEG/GIF image, Word, Excel, PowerPoint, ODT/ODS, TXT, CSV).", name)
}

// sniffType recognises the accepted types by their leading bytes (and, for
// zip containers, by the parts inside).
func sniffType(data []byte) (fileType, bool) {
	switch {
	case bytes.HasPrefix(data, []byte("%PDF-")):
		return typePDF, true
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return typePNG, true
	case bytes.HasPrefix(data, []byte{0xff, 0xd8, 0xff}):
		return typeJPEG, true
	case bytes.HasPrefix(data, []byte("GIF87a")), bytes.HasPrefix(data, []byte("GIF89a")):
		return typeGIF, true
	case bytes.HasPrefix(data, []byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}):
		return typeOLE, true
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return sniffZip(data)
	case isPlainText(data) && !looksLikeMarkup(data):
		return typeText, true
	}
	return fileType{}, false
}

// sniffZip tells an Office Open XML or OpenDocument file from any other zip
// (refused: a zip may hold anything).
func sniffZip(data []byte) (fileType, bool) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return fileType{}, false
	}
	var contentTypes bool
	prefixes := map[string]bool{}
	for _, f := range zr.File {
		switch {
		case f.Name == "[Content_Types].xml":
			contentTypes = true
		case f.Name == "mimetype":
			return sniffODF(f)
		}
		if i := strings.IndexByte(f.Name, '/'); i > 0 {
			prefixes[f.Name[:i]] = true
		}
	}
	switch {
	case !contentTypes:
		return fileType{}, false
	case prefixes["word"]:
		return typeDOCX, true
	case prefixes["xl"]:
		return typeXLSX, true
	case prefixes["ppt"]:
		return typePPTX, true
	}
	return fileType{}, false
}

func sniffODF(f *zip.File) (fileType, bool) {
	rc, err := f.Open()
	if err != nil {
		return fileType{}, false
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, 128))
	switch strings.TrimSpace(string(b)) {
	case typeODT.contentType:
		return typeODT, true
	case typeODS.contentType:
		return typeODS, true
	}
	return fileType{}, false
}

// isPlainText reports whether data is UTF-8 text without control
// characters other than tab, line breaks and form feed.
func isPlainText(data []byte) bool {
	if !utf8.Valid(data) {
		return false
	}
	for _, c := range data {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' || c == 0x7f {
			return false
		}
	}
	return true
}

// looksLikeMarkup reports whether text starts like HTML, SVG or XML, or
// carries a script element anywhere: browsers sniff such files into pages.
func looksLikeMarkup(data []byte) bool {
	head := bytes.ToLower(bytes.TrimLeft(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")), " \t\r\n"))
	for _, p := range []string{"<!doctype", "<html", "<svg", "<?xml", "<script", "<head", "<body", "<iframe"} {
		if bytes.HasPrefix(head, []byte(p)) {
			return true
		}
	}
	lower := bytes.ToLower(data)
	return bytes.Contains(lower, []byte("<script")) || bytes.Contains(lower, []byte("<svg"))
}
