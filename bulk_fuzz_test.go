package ttdn_test

import (
	"bytes"
	"testing"

	"ttdn"
)

// FuzzParseProgressCSV checks the parser never panics and that whatever it
// accepts is well formed. The committed corpus is in
// testdata/fuzz/FuzzParseProgressCSV.
func FuzzParseProgressCSV(f *testing.F) {
	f.Add([]byte("ma_nhiem_vu,trang_thai,ty_le,ngay,noi_dung\nIII.5,done,100,20/06/2019,Xong\n"))
	f.Add([]byte("\ufeffMã nhiệm vụ;Trạng thái;Tỷ lệ (%)\nIII.1;Đang thực hiện;40%\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := ttdn.ParseProgressCSV(bytes.NewReader(data))
		if err != nil {
			if ttdn.ErrorCode(err) != ttdn.EINVALID || ttdn.ErrorMessage(err, "vi") == "" {
				t.Fatalf("error without a user message: %v", err)
			}
			return
		}
		if len(c.Rows)+len(c.Errors) == 0 {
			t.Fatal("accepted a file with nothing in it")
		}
		for _, r := range c.Rows {
			if r.Line < 2 || r.TaskRef == "" {
				t.Fatalf("bad row %+v", r)
			} else if r.Percent != nil && (*r.Percent < 0 || *r.Percent > 100) {
				t.Fatalf("percent %d accepted", *r.Percent)
			} else if r.Status != nil && !r.Status.Valid() {
				t.Fatalf("status %q accepted", *r.Status)
			} else if r.Status == nil && r.Percent == nil && r.Text == "" {
				t.Fatalf("row with nothing to update accepted: %+v", r)
			}
		}
		for _, e := range c.Errors {
			if e.Line < 2 || e.Message == "" || e.MessageEN == "" {
				t.Fatalf("bad row error %+v", e)
			}
		}
	})
}
