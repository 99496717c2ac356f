package archive_test

import (
	"archive/zip"
	"bytes"
	"testing"

	"ttdn"
)

// FuzzReader feeds the archive reader arbitrary bytes, and valid archives
// with changed bytes: it must answer with an error (a ttdn EINVALID one
// for anything malformed), never panic or hang.
func FuzzReader(f *testing.F) {
	f.Add(sample(f))
	f.Add([]byte("PK\x03\x04"))
	f.Add(zipOf(f, map[string]string{"manifest.json": `{"format":"ttdn-archive","version":1,"tables":[{"name":"t","file":"t.jsonl","columns":[{"name":"a","kind":"int"}],"rows":1,"sha256":"` + sha("[1]\n") + `"}]}`, "t.jsonl": "[1]\n"}))
	f.Add(zipOf(f, map[string]string{"manifest.json": `{"format":"ttdn-archive","version":9}`}))
	f.Add(zipOf(f, map[string]string{"manifest.json": `{"format":"ttdn-archive","version":1,"tables":[{"name":"Robert'); DROP TABLE x;--","file":"a","columns":[],"rows":0}]}`, "a": ""}))
	f.Fuzz(func(t *testing.T, data []byte) {
		_, err := readAll(data)
		if err != nil && ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("error of code %s: %v", ttdn.ErrorCode(err), err)
		}
	})
}

func zipOf(tb testing.TB, files map[string]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range files {
		w, err := zw.Create(name)
		if err != nil {
			tb.Fatal(err)
		}
		w.Write([]byte(body))
	}
	zw.Close()
	return buf.Bytes()
}
