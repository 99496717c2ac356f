package planparse

import (
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/seed"
)

// FuzzParse: whatever the bytes, Parse returns a plan or a *ttdn.Error,
// never panics, and a plan's lists are never nil.
func FuzzParse(f *testing.F) {
	f.Add(seed.Plan2019)
	f.Add([]byte("KẾ HOẠCH\nX năm 2020\n\nI. A\n1. B\n- Đơn vị thực hiện: Sở TTTT, các sở, ban ngành.\n- Thời hạn: Quý IV/2020\nV. TỔ CHỨC THỰC HIỆN\n1. Đề nghị UBND tỉnh (BCĐ 94-16)\nĐịnh kỳ (ngày 20/6) báo cáo gửi về Sở TTTT để tổng hợp báo cáo UBND tỉnh.\nNơi nhận:\n- Lưu: VT.\nNguyễn Văn A"))
	f.Add([]byte("ỦY BAN NHÂN DÂN | CỘNG HÒA\nSố: 1/KH-UBND | Tây Ninh, ngày 31 tháng 02 năm 2020\nKẾ HOẠCH: T\nCăn cứ Quyết định số 1/QĐ-TTg ngày 1/1/2020 của (\nI. X"))
	f.Add([]byte("KẾ HOẠCH\n\nI. \nII.\n1.\n2)\n16-KL/TW/ 1/A-B/C của của của"))
	f.Fuzz(func(t *testing.T, data []byte) {
		res, err := Parse(data, "fuzz.txt", nil)
		if err != nil {
			if code := ttdn.ErrorCode(err); code != ttdn.EINVALID && code != ttdn.ETOOLARGE {
				t.Fatalf("error code %q: %v", code, err)
			}
			return
		}
		p := res.Plan
		if p.Tasks == nil || p.Responsibilities == nil || p.References == nil || p.Distribution == nil || res.Warnings == nil {
			t.Fatal("nil list in a parsed plan")
		}
		for _, task := range p.Tasks {
			if task.Lead == nil || task.Executing == nil || task.Coordinating == nil {
				t.Fatalf("nil unit list in %s", task.Ref)
			}
			for _, r := range append(append(task.Lead, task.Executing...), task.Coordinating...) {
				if strings.TrimSpace(r.Text) == "" {
					t.Fatalf("empty unit text in %s", task.Ref)
				}
			}
		}
	})
}

// FuzzReadDocx: any zip bytes give text or an error, never a panic.
func FuzzReadDocx(f *testing.F) {
	f.Add(buildDocx(f, para("KẾ HOẠCH", 3)+para("I. MỤC ĐÍCH", 2)))
	f.Add(buildDocx(f, `<w:tbl><w:tr><w:tc>`+para("a", 1)+`<w:tbl><w:tr><w:tc>`+para("b", 1)+`</w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>`))
	f.Add(buildDocx(f, `<w:p><w:r><w:t>x</w:t><w:tab/><w:br/></w:r></w:p></w:tc></w:tr>`))
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		text, err := readDocx(data, "fuzz.docx")
		if err != nil {
			if code := ttdn.ErrorCode(err); code != ttdn.EINVALID && code != ttdn.ETOOLARGE {
				t.Fatalf("error code %q: %v", code, err)
			}
			return
		}
		if len(text) > maxTextBytes+maxDocumentXML {
			t.Fatalf("text of %d bytes exceeds the caps", len(text))
		}
	})
}

// FuzzReadPDF: whatever the bytes after "%PDF-", the PDF reader gives text
// or a *ttdn.Error, never panics, and stays within its caps.
func FuzzReadPDF(f *testing.F) {
	f.Add(renderPDF(f, pdfHeaderMarkup))
	f.Add(renderPDF(f, "|STT|Nội dung|Chủ trì|\n|1|A|^|\n|2|B|Sở X|\n"))
	f.Add([]byte("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\nstartxref\n0\n%%EOF"))
	f.Add([]byte("%PDF-2.0\n%%EOF"))
	pdfTimeout = 2 * time.Second // a hostile file is killed sooner
	f.Fuzz(func(t *testing.T, data []byte) {
		text, err := readPDF(data, "fuzz.pdf")
		if err != nil {
			if code := ttdn.ErrorCode(err); code != ttdn.EINVALID && code != ttdn.ETOOLARGE {
				t.Fatalf("error code %q: %v", code, err)
			}
			return
		}
		if len(text) > maxTextBytes+1<<20 {
			t.Fatalf("text of %d bytes exceeds the cap", len(text))
		}
	})
}

// FuzzTables: any text with separators gives tables whose rows read as
// tasks without panicking, and keeps its number of lines.
func FuzzTables(f *testing.F) {
	f.Add(tableHead + "| STT | Nội dung công việc | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện | Sản phẩm |\n| 1 | A | Sở Ngoại vụ | | Quý II/2021 | x |\n|  | tiếp | | Công an tỉnh | | |\n| 2 | B | Quý III/2021 |\n" + tableTail)
	f.Add("STT\tNội dung\tChủ trì\tThời gian\nI\tNĂM 2022\t\t\n1\tA\tSở X\t\n\t\t\t\n")
	f.Add("|a|b|\n| STT | Nội dung | Đơn vị thực hiện |\n|(1)|(2)|(3)|\n|1.1.|x|y|\n|A|B|\n")
	f.Fuzz(func(t *testing.T, text string) {
		rest, tables := extractTables(text)
		if strings.Count(rest, "\n") != strings.Count(text, "\n") {
			t.Fatalf("line count changed: %d → %d", strings.Count(text, "\n"), strings.Count(rest, "\n"))
		}
		for _, tb := range tables {
			for _, tt := range tableTasks(tb) {
				if tt.number == "" {
					t.Fatal("a task without a number")
				}
			}
		}
		res, err := Parse([]byte(text), "fuzz.txt", nil)
		if err != nil {
			if code := ttdn.ErrorCode(err); code != ttdn.EINVALID && code != ttdn.ETOOLARGE {
				t.Fatalf("error code %q: %v", code, err)
			}
			return
		}
		for _, task := range res.Tasks {
			if task.Lead == nil || task.Executing == nil || task.Coordinating == nil || strings.TrimSpace(task.Title) == "" {
				t.Fatalf("task %s incomplete: %+v", task.Ref, task)
			}
		}
	})
}
