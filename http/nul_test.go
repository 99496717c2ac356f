package http

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// dirtyTexts are NUL and broken UTF-8 in the places they have been seen:
// alone, inside words, at the ends.
var dirtyTexts = []string{"\x00", "Họp\x00 báo", "Tây\xffNinh", "\xc3", "a\x00\xfe\x00b"}

// TestNULAndBrokenUTF8 sends NUL bytes and invalid UTF-8 in query strings
// (UI and API), form fields, multipart fields and file names and an
// uploaded CSV, on both engines: never a 500, and what is stored is the
// text with them removed, the same on SQLite and PostgreSQL.
func TestNULAndBrokenUTF8(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, true)
		f.ids = map[string]int64{"activity": f.mustActivity(t).ID}
		for _, q := range []string{"%00", "a%00b", "%FF", "T%C3%A2y%00Ninh%C3", "%00%00%00"} {
			for _, path := range []string{"/plans?q=", "/plans?year=2019&q=", "/activities?q=", "/units?q=", "/press?q=",
				"/plans/{plan}/tasks?q=", "/audit?q=", "/budgets?q=", "/difficulties?q=", "/users?q=", "/plans?status="} {
				w := f.do(f.request(http.MethodGet, f.expand(path+q), "coordinator", nil))
				if w.Code >= 500 {
					t.Errorf("GET %s%s: %d\n%s", path, q, w.Code, snippet(w.Body.String()))
				}
			}
			for _, path := range []string{"/api/v1/plans?q=", "/api/v1/tasks?q=", "/api/v1/units?q="} {
				w := f.do(f.request(http.MethodGet, path+q, bearer, nil))
				if w.Code >= 500 {
					t.Errorf("GET %s%s: %d\n%s", path, q, w.Code, w.Body.String())
				}
			}
		}
		// A NUL in the path is refused as a bad request.
		r := f.request(http.MethodGet, "/", "coordinator", nil)
		r.URL.Path = "/plans/\x00"
		if w := f.do(r); w.Code >= 500 || w.Code < 400 {
			t.Errorf("NUL in the path: %d", w.Code)
		}

		// Form fields: stored cleaned.
		for i, dirty := range dirtyTexts {
			w := f.do(f.request(http.MethodPost, f.expand("/tasks/{task}/progress"), "coordinator", form("text", "Cập nhật "+dirty+itoa(int64(i)))))
			if w.Code != http.StatusSeeOther {
				t.Errorf("progress with %q: %d\n%s", dirty, w.Code, snippet(w.Body.String()))
			}
			w = f.do(f.request(http.MethodPost, "/activities/new", "coordinator", form("type", "training", "title", "Tập huấn "+dirty,
				"start", "10/05/2019", "units", itoa(f.units["so-tttt"].ID), "classification", "internal", "topic", dirty+"Kỹ năng")))
			if w.Code != http.StatusSeeOther {
				t.Errorf("activity with %q: %d\n%s", dirty, w.Code, snippet(w.Body.String()))
			}
		}
		// A multipart form: a field and a file name.
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		_ = mw.WriteField(csrfField, sessionCSRF(f.sessions["coordinator"]))
		_ = mw.WriteField("text", "Có tệp\x00 kèm\xff theo")
		fw, _ := mw.CreateFormFile("files", "bao-cao\xff.txt")
		_, _ = fw.Write([]byte("Nội dung tệp kèm theo, văn bản thường.\n"))
		_ = mw.Close()
		r = httptest.NewRequest(http.MethodPost, f.expand("/tasks/{task}/progress"), &body)
		r.Header.Set("Content-Type", mw.FormDataContentType())
		r.AddCookie(&http.Cookie{Name: sessionCookie, Value: f.sessions["coordinator"]})
		if w := f.do(r); w.Code != http.StatusSeeOther {
			t.Errorf("multipart progress: %d\n%s", w.Code, snippet(w.Body.String()))
		}
		// A CSV upload with NUL in a cell.
		csvText := "ma_nhiem_vu;trang_thai;ty_le;ngay;noi_dung\nIII.1;Đang thực hiện;40;15/06/2019;Đã tổ\x00 chức\xff hội nghị\n"
		w := f.do(f.request(http.MethodPost, f.expand("/plans/{plan}/progress-csv/confirm"), "coordinator", form("csv", csvText)))
		if w.Code != http.StatusSeeOther {
			t.Errorf("csv confirm: %d\n%s", w.Code, snippet(w.Body.String()))
		}
		// The same as an uploaded file.
		body.Reset()
		mw = multipart.NewWriter(&body)
		_ = mw.WriteField(csrfField, sessionCSRF(f.sessions["coordinator"]))
		fw, _ = mw.CreateFormFile("file", "cap-nhat.csv")
		_, _ = fw.Write([]byte(strings.ReplaceAll(csvText, "hội nghị", "tập\x00 huấn")))
		_ = mw.Close()
		r = httptest.NewRequest(http.MethodPost, f.expand("/plans/{plan}/progress-csv/confirm"), &body)
		r.Header.Set("Content-Type", mw.FormDataContentType())
		r.AddCookie(&http.Cookie{Name: sessionCookie, Value: f.sessions["coordinator"]})
		if w := f.do(r); w.Code != http.StatusSeeOther {
			t.Errorf("csv file confirm: %d\n%s", w.Code, snippet(w.Body.String()))
		}
		checkNoDirtyText(t, db)
		for _, want := range []string{"Cập nhật Họp báo1", "Có tệp kèm theo", "Đã tổ chức hội nghị", "Tập huấn TâyNinh", "Cập nhật ab4", "Đã tổ chức tập huấn"} {
			if !storedText(t, db, want) {
				t.Errorf("%q was not stored", want)
			}
		}
	})
}

// textColumns lists every text column of the user tables, by engine.
func textColumns(t *testing.T, db *sqlstore.DB) [][2]string {
	t.Helper()
	q := `SELECT m.name, p.name FROM sqlite_master m, pragma_table_info(m.name) p
		WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND (upper(p.type) LIKE '%TEXT%' OR upper(p.type) LIKE '%CHAR%')`
	if db.Engine() == sqlstore.EnginePostgres {
		q = `SELECT table_name, column_name FROM information_schema.columns
			WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying')`
	}
	var out [][2]string
	queryRows(t, db, q, func(scan func(...any) error) {
		var c [2]string
		if err := scan(&c[0], &c[1]); err != nil {
			t.Fatal(err)
		}
		out = append(out, c)
	})
	return out
}

// checkNoDirtyText fails when any text column holds NUL or invalid UTF-8.
func checkNoDirtyText(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	for _, c := range textColumns(t, db) {
		queryRows(t, db, `SELECT `+c[1]+` FROM `+c[0]+` WHERE `+c[1]+` IS NOT NULL`, func(scan func(...any) error) {
			var s string
			if err := scan(&s); err != nil {
				t.Fatal(err)
			}
			if !ttdn.IsCleanText(s) {
				t.Errorf("%s.%s holds %q", c[0], c[1], s)
			}
		})
	}
}

// storedText reports whether some text column holds s.
func storedText(t *testing.T, db *sqlstore.DB, s string) bool {
	t.Helper()
	for _, c := range textColumns(t, db) {
		found := false
		queryRows(t, db, `SELECT 1 FROM `+c[0]+` WHERE `+c[1]+` = ?`, func(func(...any) error) { found = true }, s)
		if found {
			return true
		}
	}
	return false
}

func queryRows(t *testing.T, db *sqlstore.DB, q string, each func(scan func(...any) error), args ...any) {
	t.Helper()
	tx, err := db.BeginTx(context.Background(), false)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(context.Background(), q, args...)
	if err != nil {
		t.Fatalf("%s: %v", strings.TrimSpace(q), err)
	}
	defer rows.Close()
	for rows.Next() {
		each(rows.Scan)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
}
