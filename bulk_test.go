package ttdn_test

import (
	"fmt"
	"strings"
	"testing"

	"ttdn"
)

func TestParseProgressCSVHeaders(t *testing.T) {
	for name, in := range map[string]string{
		"codes, comma":           "ma_nhiem_vu,trang_thai,ty_le,ngay,noi_dung\nIII.5,done,100,20/06/2019,Xong\n",
		"Vietnamese, semicolon":  "\ufeffMã nhiệm vụ;Trạng thái;Tỷ lệ (%);Ngày;Nội dung\nIII.5;Hoàn thành;100%;20/06/2019;Xong\n",
		"no diacritics, CRLF":    "Ma nhiem vu;Trang thai;Ti le;Ngay;Noi dung\r\nIII.5;hoan thanh;100;2019-06-20;Xong\r\n",
		"English, quoted commas": "Task,Status,Percent,Date,Notes\n\"III.5\",Done,\"100\",20/6/2019,\"Xong\"\n",
		"decomposed diacritics":  "Ma\u0303 nhie\u0323\u0302m vu\u0323,Tra\u0323ng tha\u0301i\nIII.5,Hoa\u0300n tha\u0300nh\n",
	} {
		c, err := ttdn.ParseProgressCSV(strings.NewReader(in))
		if err != nil || len(c.Errors) != 0 || len(c.Rows) != 1 {
			t.Errorf("%s: %+v, %v", name, c, err)
			continue
		}
		r := c.Rows[0]
		if r.TaskRef != "III.5" || r.Status == nil || *r.Status != ttdn.TaskDone || r.Line != 2 {
			t.Errorf("%s: row %+v", name, r)
		}
	}
}

func TestParseProgressCSVErrors(t *testing.T) {
	for name, in := range map[string]string{
		"empty":           "",
		"header only":     "ma_nhiem_vu,ty_le\n",
		"unknown column":  "ma_nhiem_vu,ty_le,ghi chu 2\nIII.1,5,x\n",
		"no task column":  "trang_thai,ty_le\ndone,100\n",
		"only task":       "ma_nhiem_vu\nIII.1\n",
		"repeated column": "ma_nhiem_vu,ty_le,percent\nIII.1,5,5\n",
	} {
		if _, err := ttdn.ParseProgressCSV(strings.NewReader(in)); ttdn.ErrorCode(err) != ttdn.EINVALID || ttdn.ErrorMessage(err, "vi") == "" {
			t.Errorf("%s: %v", name, err)
		}
	}
	c, err := ttdn.ParseProgressCSV(strings.NewReader("ma_nhiem_vu;trang_thai;ty_le;ngay;noi_dung\n" +
		";done;;;\n" + // missing task
		"III.1;xong roi;;;\n" + // bad status
		"III.1;;-5;;\n" + // percent out of range
		"III.1;;abc;;\n" + // not a number
		"III.1;;;32/01/2019;x\n" + // bad date
		"III.1;;10\n" + // wrong columns
		"III.1;;;;\n" + // nothing to update
		";;;;\n" + // blank: skipped
		"III.2;Đã hủy;0;01/02/2019;Dừng\n"))
	if err != nil {
		t.Fatal(err)
	}
	lines := []int{}
	for _, e := range c.Errors {
		lines = append(lines, e.Line)
		if e.Message == "" || e.MessageEN == "" {
			t.Errorf("line %d: empty message", e.Line)
		}
	}
	if got := fmt.Sprint(lines); got != "[2 3 4 5 6 7 8]" {
		t.Errorf("error lines %s", got)
	}
	if len(c.Rows) != 1 || c.Rows[0].Line != 10 || *c.Rows[0].Status != ttdn.TaskCancelled || *c.Rows[0].Percent != 0 {
		t.Errorf("good row: %+v", c.Rows)
	}
}
