package http

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestActivityExportDefusesFormulas: an activity titled like the issue's
// DDE payload comes out of the CSV export with an apostrophe in front, and
// as a plain string (no formula) in the XLSX one; its id stays a number.
func TestActivityExportDefusesFormulas(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		const payload = `-1+1+cmd|' /C calc'!A0`
		a := &ttdn.Activity{Type: ttdn.ActivityPressConference, Title: payload, Summary: "@SUM(1+1)*cmd|' /C calc'!A0",
			StartDate: ttdn.Date{Year: 2019, Month: 6, Day: 20}, UnitIDs: []int64{f.units["so-tttt"].ID}, Classification: ttdn.Internal,
			Details: &ttdn.PressDetails{Speaker: "=cmd|' /C calc'!A0", Reporters: 25}}
		if err := sqlstore.NewActivityService(db).CreateActivity(sqltest.UserContext(f.users["coordinator"]), a); err != nil {
			t.Fatal(err)
		}
		w := f.do(f.request(http.MethodGet, "/activities?format=csv", "coordinator", nil))
		if w.Code != http.StatusOK {
			t.Fatalf("csv: %d", w.Code)
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(w.Body.Bytes(), []byte("\uFEFF")))).ReadAll()
		if err != nil || len(recs) != 2 {
			t.Fatalf("csv: %d records, %v", len(recs), err)
		}
		if recs[1][2] != "'"+payload || recs[1][9] != "'"+a.Summary || recs[1][0] != itoa(a.ID) {
			t.Errorf("csv row = %q", recs[1])
		}
		w = f.do(f.request(http.MethodGet, "/activities?format=xlsx", "coordinator", nil))
		x, err := excelize.OpenReader(w.Body)
		if err != nil {
			t.Fatal(err)
		}
		defer x.Close()
		sheet := x.GetSheetList()[0]
		if typ, _ := x.GetCellType(sheet, "C3"); typ != excelize.CellTypeInlineString {
			t.Errorf("xlsx title cell type %v, want an inline string", typ)
		}
		if v, _ := x.GetCellValue(sheet, "C3"); v != payload {
			t.Errorf("xlsx title %q", v)
		}
		if fm, _ := x.GetCellFormula(sheet, "C3"); fm != "" || strings.Contains(w.Body.String(), "<f>") {
			t.Errorf("xlsx title is a formula %q", fm)
		}
	})
}
