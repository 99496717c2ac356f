package ttdn_test

import (
	"archive/zip"
	"bytes"
	"strings"
	"testing"
	"time"

	"ttdn"
)

func d(y, m, day int) ttdn.Date { return ttdn.Date{Year: y, Month: time.Month(m), Day: day} }

func TestRecurrenceNext(t *testing.T) {
	for _, c := range []struct {
		r    ttdn.Recurrence
		from ttdn.Date
		want ttdn.Date
	}{
		{ttdn.Recurrence{Freq: ttdn.Monthly, Day: 20}, d(2019, 3, 5), d(2019, 3, 20)},
		{ttdn.Recurrence{Freq: ttdn.Monthly, Day: 20}, d(2019, 3, 21), d(2019, 4, 20)},
		{ttdn.Recurrence{Freq: ttdn.Monthly, Day: 31}, d(2019, 2, 1), d(2019, 2, 28)},
		{ttdn.Recurrence{Freq: ttdn.Quarterly, Day: 15, Month: 3}, d(2019, 3, 16), d(2019, 6, 15)},
		{ttdn.Recurrence{Freq: ttdn.HalfYearly, Day: 20, Month: 6}, d(2019, 6, 20), d(2019, 6, 20)},
		{ttdn.Recurrence{Freq: ttdn.HalfYearly, Day: 5, Month: 6}, d(2019, 7, 1), d(2019, 12, 5)},
		{ttdn.Recurrence{Freq: ttdn.Yearly, Day: 5, Month: 12}, d(2019, 12, 6), d(2020, 12, 5)},
		{ttdn.Recurrence{Freq: ttdn.Yearly, Day: 29, Month: 2}, d(2019, 1, 1), d(2019, 2, 28)},
	} {
		if got := c.r.Next(c.from); got != c.want {
			t.Errorf("%v after %v = %v, want %v", c.r, c.from, got, c.want)
		}
	}
	if p := (ttdn.Recurrence{Freq: ttdn.Monthly, Day: 20}).Prev(d(2019, 3, 21)); p != d(2019, 3, 20) {
		t.Errorf("prev = %v", p)
	}
	r, err := ttdn.ParseRecurrence("quarterly:15:3")
	if err != nil || r.String() != "quarterly:15:3" {
		t.Fatalf("parse: %v %v", r, err)
	}
	for _, bad := range []string{"weekly:1", "monthly:32", "quarterly:1:4", "monthly", "monthly:x"} {
		if _, err := ttdn.ParseRecurrence(bad); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Errorf("%q: %v", bad, err)
		}
	}
	if got := d(2020, 2, 29).ShiftYears(1); got != d(2021, 2, 28) {
		t.Errorf("29/02 shifted: %v", got)
	}
}

func TestDeriveProgress(t *testing.T) {
	task := func(s ttdn.TaskStatus, p int) *ttdn.Task { return &ttdn.Task{Status: s, Percent: p} }
	for _, c := range []struct {
		children []*ttdn.Task
		status   ttdn.TaskStatus
		percent  int
	}{
		{nil, ttdn.TaskNotStarted, 0},
		{[]*ttdn.Task{task(ttdn.TaskNotStarted, 0), task(ttdn.TaskNotStarted, 0)}, ttdn.TaskNotStarted, 0},
		{[]*ttdn.Task{task(ttdn.TaskDone, 100), task(ttdn.TaskNotStarted, 0)}, ttdn.TaskInProgress, 50},
		{[]*ttdn.Task{task(ttdn.TaskDone, 100), task(ttdn.TaskCancelled, 0)}, ttdn.TaskDone, 100},
		{[]*ttdn.Task{task(ttdn.TaskCancelled, 0)}, ttdn.TaskCancelled, 0},
		{[]*ttdn.Task{task(ttdn.TaskInProgress, 30), task(ttdn.TaskInProgress, 60), task(ttdn.TaskNotStarted, 0)}, ttdn.TaskInProgress, 30},
	} {
		if s, p := ttdn.DeriveProgress(c.children); s != c.status || p != c.percent {
			t.Errorf("derive %d children: %s %d, want %s %d", len(c.children), s, p, c.status, c.percent)
		}
	}
}

func zipWith(t *testing.T, files map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	zw.Close()
	return buf.Bytes()
}

func TestSniffAttachment(t *testing.T) {
	docx := zipWith(t, map[string]string{"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"})
	xlsx := zipWith(t, map[string]string{"[Content_Types].xml": "<Types/>", "xl/workbook.xml": "<workbook/>"})
	odt := zipWith(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})
	plainZip := zipWith(t, map[string]string{"virus.exe": "MZ"})
	ole := append([]byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}, make([]byte, 64)...)
	for _, c := range []struct {
		name string
		data []byte
		want string // "" = refused
	}{
		{"a.pdf", []byte("%PDF-1.4\n"), "application/pdf"},
		{"a.PNG", []byte("\x89PNG\r\n\x1a\n...."), "image/png"},
		{"a.jpeg", []byte{0xff, 0xd8, 0xff, 0xe0, 0, 0x10}, "image/jpeg"},
		{"a.gif", []byte("GIF89a...."), "image/gif"},
		{"bao-cao.docx", docx, "application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
		{"so-lieu.xlsx", xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
		{"bao-cao.odt", odt, "application/vnd.oasis.opendocument.text"},
		{"cu.doc", ole, "application/msword"},
		{"cu.xls", ole, "application/vnd.ms-excel"},
		{"ghi-chu.txt", []byte("Báo cáo tiến độ quý I"), "text/plain; charset=utf-8"},
		{"so-lieu.csv", []byte("a;b\n1;2\n"), "text/csv; charset=utf-8"},
		{"bao-cao.pdf", []byte("MZ\x90\x00"), ""},
		{"x.pdf", []byte("\x7fELF\x02"), ""},
		{"run.sh.txt", []byte("#!/bin/sh\nrm -rf /"), ""},
		{"trang.html", []byte("<!DOCTYPE html><html>"), ""},
		{"anh.svg", []byte("<?xml version=\"1.0\"?><svg/>"), ""},
		{"ghi-chu.txt", []byte("xin chào <script>alert(1)</script>"), ""},
		{"word.docx", xlsx, ""},
		{"a.zip", plainZip, ""},
		{"a.docx", plainZip, ""},
		{"a.pdf", []byte("\x89PNG\r\n\x1a\n...."), ""},
		{"a.bin", []byte{0, 1, 2, 3}, ""},
		{"no-ext", []byte("%PDF-1.4"), ""},
	} {
		got, err := ttdn.SniffAttachment(c.name, c.data)
		if got != c.want || (c.want == "") != (err != nil) {
			t.Errorf("%s: %q, %v; want %q", c.name, got, err, c.want)
		}
		if err != nil && (ttdn.ErrorCode(err) != ttdn.EINVALID || ttdn.ErrorMessage(err, "vi") == "") {
			t.Errorf("%s: error %v", c.name, err)
		}
	}
}

func TestSanitizeFilename(t *testing.T) {
	for in, want := range map[string]string{
		"../../etc/passwd":                "passwd",
		`C:\Users\a\Báo cáo.pdf`:          "Báo cáo.pdf",
		"ảnh\u202egnp.exe":                "ảnhgnp.exe",
		"a\x00b\nc.txt":                   "abc.txt",
		"  ..  ":                          "tep-dinh-kem",
		"":                                "tep-dinh-kem",
		`a<b>:"c"|?*.pdf`:                 "a_b___c____.pdf",
		strings.Repeat("ả", 200) + ".pdf": strings.Repeat("ả", 58) + ".pdf",
	} {
		if got := ttdn.SanitizeFilename(in); got != want {
			t.Errorf("SanitizeFilename(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestContentDisposition(t *testing.T) {
	got := ttdn.ContentDisposition(`Báo cáo "quý I"; 2019.pdf`)
	// Quotes are sanitised away; the fallback is ASCII, the UTF-8 name exact.
	want := `attachment; filename="B_o c_o _qu_ I__ 2019.pdf"; filename*=UTF-8''B%C3%A1o%20c%C3%A1o%20_qu%C3%BD%20I_%3B%202019.pdf`
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
}

func TestNotificationKindsHaveLabels(t *testing.T) {
	for _, k := range []ttdn.NotificationKind{ttdn.NotifyTaskDueSoon, ttdn.NotifyTaskOverdue, ttdn.NotifyUnitStale,
		ttdn.NotifyReportDueSoon, ttdn.NotifyReportOverdue, ttdn.NotifyPressHit} {
		if k.Label() == string(k) {
			t.Errorf("notification kind %s has no Vietnamese label", k)
		}
	}
}
