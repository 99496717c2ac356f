package http

import (
	"net/http"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestPublicationOfAReclassifiedSource: a publication is a child of its
// source. Once the published activity is made secret, its publication
// (whose texts were written from it) disappears at once from the list and
// the record, page and API, for users who may not read the activity —
// answered as one that does not exist — while the coordinator still sees
// it, marked as no longer shown on the site.
func TestPublicationOfAReclassifiedSource(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newAPIFixture(t, db)
		const title = "Họp báo ZQXPUB về hội chợ biên giới"
		a := f.officer.call("POST", "/api/v1/activities", map[string]any{"type": "press_conference", "title": title,
			"start_date": "2019-06-05", "classification": "public"}).want(t, http.StatusCreated)
		p := f.coord.call("POST", "/api/v1/publications", map[string]any{"source_kind": "activity", "source_id": a.id()}).want(t, http.StatusCreated)
		cur := f.coord.call("GET", "/api/v1/activities/"+itoa(a.id()), nil).want(t, http.StatusOK)
		f.coord.call("PATCH", "/api/v1/activities/"+itoa(a.id()), map[string]any{"classification": "secret"}, "If-Match", cur.etag()).want(t, http.StatusOK)
		admin := newAPIClient(t, f.h, mustToken(t, db, f.users["admin"], ttdn.TokenScope{}))
		for who, c := range map[string]*apiClient{"admin": admin, "finance": f.finance} {
			if l := c.call("GET", "/api/v1/publications", nil).want(t, http.StatusOK); strings.Contains(string(l.raw), "ZQXPUB") || l.body["total"].(float64) != 0 {
				t.Errorf("%s lists the publication of a secret activity: %s", who, l.raw)
			}
			one := c.call("GET", "/api/v1/publications/"+itoa(p.id()), nil)
			none := c.call("GET", "/api/v1/publications/999999999", nil)
			if one.status != http.StatusNotFound || one.str("message") != none.str("message") {
				t.Errorf("%s reads the publication of a secret activity: %d %s", who, one.status, one.raw)
			}
			for _, page := range []string{"/publications", "/publications/" + itoa(p.id())} {
				if w := f.do(f.request("GET", page, who, nil)); strings.Contains(w.Body.String(), "ZQXPUB") {
					t.Errorf("%s sees the publication of a secret activity on %s", who, page)
				}
			}
		}
		if l := f.coord.call("GET", "/api/v1/publications", nil).want(t, http.StatusOK); l.body["total"].(float64) != 1 || l.items()[0]["visible"] != false {
			t.Errorf("the coordinator's list: %s", l.raw)
		}
	})
}
