package archive_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore/archive"
)

// sample is a small valid archive with every kind and NULLs.
func sample(t testing.TB) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := archive.NewWriter(&buf, "export", "sqlite", []string{"0001_init.sql"}, time.Date(2019, 6, 20, 1, 2, 3, 4000, time.UTC))
	tw, err := w.Table("units", []archive.Column{{"id", archive.KindInt}, {"name", archive.KindText}, {"active", archive.KindBool},
		{"at", archive.KindTime}, {"data", archive.KindBytes}, {"ratio", archive.KindFloat}})
	if err != nil {
		t.Fatal(err)
	}
	rows := [][]any{
		{int64(1), "Sở Ngoại vụ \"SNV\"\n<b>", true, time.Date(2019, 6, 20, 8, 0, 0, 123000, time.UTC), []byte{0, 1, 0xff}, 0.5},
		{int64(2), nil, int64(0), nil, nil, int64(3)},
	}
	for _, r := range rows {
		if err := tw.Write(r); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Table("empty", []archive.Column{{"x", archive.KindInt}}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func readAll(data []byte) (map[string][][]any, error) {
	r, err := archive.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	out := map[string][][]any{}
	m := r.Manifest()
	for i := range m.Tables {
		t := &m.Tables[i]
		if err := r.Rows(t, func(row []any) error { out[t.Name] = append(out[t.Name], row); return nil }); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func TestRoundTrip(t *testing.T) {
	got, err := readAll(sample(t))
	if err != nil {
		t.Fatal(err)
	}
	u := got["units"]
	if len(u) != 2 || u[0][1] != "Sở Ngoại vụ \"SNV\"\n<b>" || u[0][2] != true || !bytes.Equal(u[0][4].([]byte), []byte{0, 1, 0xff}) {
		t.Fatalf("rows: %#v", u)
	}
	if at := u[0][3].(time.Time); !at.Equal(time.Date(2019, 6, 20, 8, 0, 0, 123000, time.UTC)) {
		t.Fatalf("time %v", at)
	}
	if u[1][2] != false || u[1][1] != nil || u[1][5] != 3.0 {
		t.Fatalf("second row: %#v", u[1])
	}
}

// Damaged archives are refused with a clear, bilingual message.
func TestRefusesDamage(t *testing.T) {
	good := sample(t)
	cases := map[string][]byte{
		"not a zip": []byte("hello"),
		"truncated": good[:len(good)/2],
		"empty":     nil,
	}
	for name, data := range cases {
		_, err := readAll(data)
		if ttdn.ErrorCode(err) != ttdn.EINVALID || !strings.Contains(ttdn.ErrorMessage(err, "vi"), "không hợp lệ") {
			t.Errorf("%s: %v", name, err)
		}
	}
}
