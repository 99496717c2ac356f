package http

import (
	"net/http"
	"regexp"
	"strconv"
	"testing"

	"ttdn"
	"ttdn/sqlstore/sqltest"
)

// TestAuditFieldsNamed: every change the audit log lists, after the
// English walk's records of every kind were written, names its field in
// words (never the stored key, "source id") in Vietnamese and English. The
// fields come from what the storage really audits, not from a list.
func TestAuditFieldsNamed(t *testing.T) {
	db := sqltest.Open(t, sqltest.Engines()[0])
	f := permFixture(t, db, ttdn.Internal)
	englishWalkData(t, f)
	field := regexp.MustCompile(`<th scope="row">([^<]*)</th><td class="before">`)
	key := regexp.MustCompile(`^[a-z][a-z0-9 ]*$`)
	seen := 0
	for _, lang := range []string{langVI, langEN} {
		for page := 1; page < 100; page++ {
			r := f.request(http.MethodGet, "/audit?page="+strconv.Itoa(page), "admin", nil)
			r.AddCookie(&http.Cookie{Name: langCookie, Value: lang})
			res := f.do(r)
			if res.Code != http.StatusOK {
				t.Fatalf("/audit page %d: %d", page, res.Code)
			}
			ms := field.FindAllStringSubmatch(res.Body.String(), -1)
			if len(ms) == 0 {
				break
			}
			for _, m := range ms {
				seen++
				if key.MatchString(m[1]) {
					t.Errorf("/audit (%s) names a field by its key: %q", lang, m[1])
				}
			}
		}
	}
	if seen < 20 {
		t.Fatalf("only %d changes seen", seen)
	}
}
