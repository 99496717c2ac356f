package sqlstore_test

import (
	"archive/zip"
	"bytes"
	"io"
	"strings"
	"testing"
)

// rewriteEntry returns the zip data with the table file whose name ends in
// "-table.jsonl" passed through change (the manifest left as it was).
func rewriteEntry(t *testing.T, data []byte, table string, change func([]byte) []byte) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		if strings.HasSuffix(f.Name, "-"+table+".jsonl") {
			b = change(b)
		}
		w, _ := zw.Create(f.Name)
		w.Write(b)
	}
	zw.Close()
	return out.Bytes()
}
