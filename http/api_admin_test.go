package http

import (
	"net/http"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestAPIDirectory registers a channel and sets a unit's contacts through
// the API: the coordinator keeps the channels, a unit its own contacts.
func TestAPIDirectory(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newAPIFixture(t, db)
		ch := map[string]any{"code": "cum-ttdn-moc-bai", "name": "Cụm thông tin đối ngoại cửa khẩu Mộc Bài", "kind": "cluster", "languages": []string{"vi", "km"}}
		f.officer.call("POST", "/api/v1/channels", ch).want(t, http.StatusForbidden)
		c := f.coord.call("POST", "/api/v1/channels", ch).want(t, http.StatusCreated)
		f.coord.call("POST", "/api/v1/channels", ch).want(t, http.StatusConflict)
		p := "/api/v1/channels/" + itoa(c.id())
		off := f.coord.call("PATCH", p, map[string]any{"active": false}, "If-Match", c.etag()).want(t, http.StatusOK)
		if off.body["active"] != false {
			t.Fatalf("channel: %s", off.raw)
		}
		if l := f.coord.call("GET", "/api/v1/channels?kind=cluster&active=false", nil).want(t, http.StatusOK); len(l.items()) != 1 {
			t.Fatalf("filtered channels: %s", l.raw)
		}

		own := "/api/v1/units/" + itoa(f.units["cong-an"].ID) + "/contacts"
		other := "/api/v1/units/" + itoa(f.units["so-ngoai-vu"].ID) + "/contacts"
		spokes := map[string]any{"role": "spokesperson", "name": "Nguyễn Văn Bình", "position": "Phó Giám đốc", "phone": "0276 3822 000"}
		f.officer.call("PUT", other, spokes).want(t, http.StatusForbidden)
		f.officer.call("PUT", own, map[string]any{"role": "mayor", "name": "x"}).want(t, http.StatusBadRequest)
		set := f.officer.call("PUT", own, spokes).want(t, http.StatusOK)
		if len(set.items()) != 1 || set.items()[0]["name"] != "Nguyễn Văn Bình" {
			t.Fatalf("contacts: %s", set.raw)
		}
		if got := f.coord.call("GET", own, nil).want(t, http.StatusOK); len(got.items()) != 1 {
			t.Fatalf("contacts read: %s", got.raw)
		}
	})
}

// TestAPIUsersAndAudit manages an account through the API as the
// administrator, reads what it did in the audit log, and shows that
// nobody else may; a user reads and clears their notifications.
func TestAPIUsersAndAudit(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newAPIFixture(t, db)
		adm := newAPIClient(t, f.h, mustToken(t, db, f.users["admin"], ttdn.TokenScope{}))
		leader := newAPIClient(t, f.h, mustToken(t, db, f.users["leader"], ttdn.TokenScope{}))
		nu := map[string]any{"username": "canbo.bdbp", "name": "Cán bộ Bộ đội Biên phòng", "role": "unit_officer",
			"unit_id": f.units["bdbp"].ID, "password": "Mật-khẩu-dài-đủ-2019"}
		f.coord.call("POST", "/api/v1/users", nu).want(t, http.StatusForbidden)
		f.coord.call("GET", "/api/v1/users", nil).want(t, http.StatusForbidden)
		weak := adm.call("POST", "/api/v1/users", map[string]any{"username": "yeu", "name": "Yếu", "role": "unit_officer",
			"unit_id": f.units["bdbp"].ID, "password": "123"}).want(t, http.StatusBadRequest)
		if weak.str("field") != "password" {
			t.Fatalf("a weak password: %s", weak.raw)
		}
		u := adm.call("POST", "/api/v1/users", nu).want(t, http.StatusCreated)
		up := "/api/v1/users/" + itoa(u.id())
		if got := adm.call("GET", up, nil).want(t, http.StatusOK); got.str("username") != "canbo.bdbp" {
			t.Fatalf("user: %s", got.raw)
		}
		ed := adm.call("PATCH", up, map[string]any{"email": "canbo@bdbp.tayninh.gov.vn"}, "If-Match", u.etag()).want(t, http.StatusOK)
		adm.call("PATCH", up, map[string]any{"disabled": true}, "If-Match", u.etag()).want(t, http.StatusPreconditionFailed)
		if ed.str("email") != "canbo@bdbp.tayninh.gov.vn" {
			t.Fatalf("edit: %s", ed.raw)
		}
		if st := adm.call("POST", up+"/password", map[string]any{"password": "Mật-khẩu-mới-đủ-dài-2019"}).want(t, http.StatusOK); st.str("status") != "done" {
			t.Fatalf("password: %s", st.raw)
		}
		adm.call("POST", up+"/unlock", nil).want(t, http.StatusOK)
		if l := adm.call("GET", "/api/v1/users?role=unit_officer", nil).want(t, http.StatusOK); len(l.items()) < 2 {
			t.Fatalf("users: %s", l.raw)
		}

		// The audit log holds the creation, to administrators and leaders.
		q := "/api/v1/audit-events?entity=user&entity_id=" + itoa(u.id())
		f.officer.call("GET", q, nil).want(t, http.StatusForbidden)
		adm.call("GET", "/api/v1/audit-events?from=01/06/2019", nil).want(t, http.StatusBadRequest)
		for _, c := range []*apiClient{adm, leader} {
			ev := c.call("GET", q, nil).want(t, http.StatusOK)
			var actions []string
			for _, e := range ev.items() {
				actions = append(actions, e["action"].(string))
			}
			if !strings.Contains(strings.Join(actions, " "), "create") || !strings.Contains(strings.Join(actions, " "), "update") {
				t.Fatalf("audit of the new user: %v", actions)
			}
		}

		// The chain verifies for them too; not for an officer.
		f.officer.call("GET", "/api/v1/audit-chain", nil).want(t, http.StatusForbidden)
		for _, c := range []*apiClient{adm, leader} {
			if v := c.call("GET", "/api/v1/audit-chain", nil).want(t, http.StatusOK); v.body["intact"] != true || v.body["head_seq"].(float64) < 1 {
				t.Fatalf("audit chain: %s", v.raw)
			}
		}
		if v := adm.call("GET", "/api/v1/audit-chain?full=true", nil).want(t, http.StatusOK); v.body["intact"] != true ||
			v.str("scope") != "full" || v.body["entries"] != v.body["head_seq"] || v.body["from_seq"].(float64) != 1 {
			t.Fatalf("full audit chain check: %s", v.raw)
		}
		if v := adm.call("GET", "/api/v1/audit-chain?full=yes", nil).want(t, http.StatusBadRequest); !strings.Contains(string(v.raw), "true hoặc false") {
			t.Fatalf("a bad full parameter: %s", v.raw)
		}

		// Notifications are the caller's own: a raised difficulty tells the
		// coordinator, who reads one and then the rest.
		f.officer.call("POST", "/api/v1/difficulties", map[string]any{"title": "Thiếu máy quay", "text": "Đơn vị chưa có máy quay phim."}).want(t, http.StatusCreated)
		unread := f.coord.call("GET", "/api/v1/notifications?unread=true", nil).want(t, http.StatusOK)
		n := int(unread.body["total"].(float64))
		if n == 0 {
			t.Fatalf("the coordinator was not told: %s", unread.raw)
		}
		f.officer.call("POST", "/api/v1/notifications/"+itoa(int64(unread.items()[0]["id"].(float64)))+"/read", nil).want(t, http.StatusOK)
		if l := f.coord.call("GET", "/api/v1/notifications?unread=true", nil).want(t, http.StatusOK); int(l.body["total"].(float64)) != n {
			t.Fatalf("another user marked the coordinator's notification read: %s", l.raw)
		}
		f.coord.call("POST", "/api/v1/notifications/"+itoa(int64(unread.items()[0]["id"].(float64)))+"/read", nil).want(t, http.StatusOK)
		if l := f.coord.call("GET", "/api/v1/notifications?unread=true", nil).want(t, http.StatusOK); int(l.body["total"].(float64)) != n-1 {
			t.Fatalf("read one: %s", l.raw)
		}
		if st := f.coord.call("POST", "/api/v1/notifications/read-all", nil).want(t, http.StatusOK); st.str("status") != "done" {
			t.Fatalf("read-all: %s", st.raw)
		}
		if l := f.coord.call("GET", "/api/v1/notifications?unread=true", nil).want(t, http.StatusOK); l.body["total"].(float64) != 0 {
			t.Fatalf("unread after read-all: %s", l.raw)
		}
	})
}
