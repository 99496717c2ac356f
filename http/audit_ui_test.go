package http

import (
	"net/url"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// The audit log page: administrators and leaders only (through the
// policy), filters, paging, CSV/XLSX export, and updates shown field by
// field.
func TestAuditLogPage(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		leader := sqltest.MustCreateUser(t, db, &ttdn.User{Username: "lanhdao", Name: "Lãnh đạo", Role: ttdn.RoleLeader,
			UnitID: f.units["so-tttt"].ID}, testPassword)
		f.users["leader"], f.sessions["leader"] = leader, sqltest.MustCreateSession(t, db, leader)
		name := "Tên đã đổi"
		u := f.users["officer"]
		if _, err := sqlstore.NewUserService(db).UpdateUser(sqltest.SystemContext(), u.ID, ttdn.UserUpdate{Version: u.Version, Name: &name}); err != nil {
			t.Fatal(err)
		}
		f.run(t, []scenario{
			{name: "admin sees the log", path: "/audit", who: "admin", status: 200,
				contains: []string{`id="audit-list"`, "lanhdao", `href="/audit"`}},
			{name: "leader sees the log", path: "/audit?entity=user&action=update", who: "leader", status: 200,
				contains: []string{"<del>Người dùng officer</del>", "<ins>Tên đã đổi</ins>", "version"},
				absent:   []string{"<td>create</td>"}},
			{name: "filter by user and dates", path: "/audit?user=system&from=01/01/2000&to=31/12/2999", who: "admin", status: 200,
				contains: []string{"<code>system</code>"}},
			{name: "an empty range", path: "/audit?from=01/01/2000&to=02/01/2000", who: "admin", status: 200,
				contains: []string{`class="empty"`}},
			{name: "bad date", path: "/audit?from=31/02/x", who: "admin", status: 422},
			{name: "coordinator refused", path: "/audit", who: "coordinator", status: 403, absent: []string{"audit-list"}},
			{name: "officer refused", path: "/audit", who: "officer", status: 403},
			{name: "no menu link for the officer", path: "/plans", who: "officer", status: 200, absent: []string{`href="/audit"`}},
			{name: "anonymous to login", path: "/audit", who: anon, status: 303},
			{name: "csv export", path: "/audit?format=csv&entity=user", who: "admin", status: 200, contains: []string{"Tên đã đổi", "lanhdao"}},
			{name: "xlsx export", path: "/audit?format=xlsx", who: "leader", status: 200},
			{name: "export refused", path: "/audit?format=csv", who: "officer", status: 403},
		})
	})
}

func TestDiffJSON(t *testing.T) {
	got := diffJSON(`{"name":"A","n":1,"same":true,"gone":"x"}`, `{"name":"B","n":2,"same":true,"new":[1]}`)
	want := []fieldChange{{"gone", "x", ""}, {"n", "1", "2"}, {"name", "A", "B"}, {"new", "", "[1]"}}
	if len(got) != len(want) {
		t.Fatalf("got %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
	if d := diffJSON("", ""); d != nil {
		t.Fatalf("a read has no changes: %v", d)
	}
	if d := diffJSON("not json", ""); len(d) != 1 || d[0].Before != "not json" {
		t.Fatalf("raw text: %v", d)
	}
}

// The audit page says whether the chain is intact: never checked, then
// intact after "check now", then the tampering a full check found — which
// the API's quick check repeats, however many events come after.
func TestAuditChainOnPage(t *testing.T) {
	for _, engine := range sqltest.Engines() {
		t.Run(engine, func(t *testing.T) { testAuditChainOnPage(t, engine) })
	}
}

func testAuditChainOnPage(t *testing.T, engine string) {
	{
		db, dsn := sqltest.OpenDSN(t, engine)
		f := newFixture(t, db, false)
		leader := sqltest.MustCreateUser(t, db, &ttdn.User{Username: "lanhdao", Name: "Lãnh đạo", Role: ttdn.RoleLeader,
			UnitID: f.units["so-tttt"].ID}, testPassword)
		f.run(t, []scenario{
			{name: "never checked", path: "/audit", who: "admin", status: 200,
				contains: []string{`id="audit-chain"`, `data-state="never"`, "chưa được kiểm tra lần nào", `action="/audit/checks"`}},
			{name: "check now", method: "POST", path: "/audit/checks", who: "admin", form: url.Values{}, status: 303},
			{name: "intact", path: "/audit", who: "admin", status: 200,
				contains: []string{`data-state="intact"`, "Nguyên vẹn", "Người yêu cầu: admin"}},
			{name: "officer may not check", method: "POST", path: "/audit/checks", who: "officer", form: url.Values{}, status: 403},
		})
		sqltest.ExecRaw(t, dsn, `UPDATE audit_events SET username = 'ke-gian' WHERE seq = 1`)
		svc, admin := sqlstore.NewAuditService(db), sqltest.UserContext(f.users["admin"])
		if v, err := svc.VerifyAuditChain(admin, false); err != nil || !v.Intact || v.Scope != ttdn.AuditCheckTail {
			t.Fatalf("a quick check reads only what is new: %+v %v", v, err)
		}
		f.run(t, []scenario{
			{name: "a full check finds the edit", method: "POST", path: "/audit/checks", who: "admin", form: url.Values{}, status: 303},
			{name: "the page says so", path: "/audit", who: "admin", status: 200,
				contains: []string{`data-state="broken"`, "bị can thiệp", "đã bị sửa sau khi ghi"}},
			{name: "in English", path: "/audit", who: "admin", status: 200,
				header:   map[string]string{"Cookie": "lang=en; " + sessionCookie + "=" + f.sessions["admin"]},
				contains: []string{"was changed after it was written"}},
		})
		if v, err := svc.VerifyAuditChain(admin, false); err != nil || v.Intact || v.Break.Kind != "edited" {
			t.Fatalf("after the full check, a quick check: %+v %v", v, err)
		}
		// A leader is told once, however many checks find the break again;
		// an officer is not told.
		f.run(t, []scenario{{name: "check again", method: "POST", path: "/audit/checks", who: "admin", form: url.Values{}, status: 303}})
		told := func(u *ttdn.User) int {
			rows, _, err := sqlstore.NewNotificationService(db).FindNotifications(sqltest.UserContext(u), ttdn.NotificationFilter{Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, r := range rows {
				if r.Kind == ttdn.NotifyAuditBroken && r.Link == "/audit" && strings.Contains(r.Text, "đã bị sửa sau khi ghi") {
					n++
				}
			}
			return n
		}
		if n := told(leader); n != 1 {
			t.Fatalf("the leader was told %d times of the break", n)
		}
		if n := told(f.users["officer"]); n != 0 {
			t.Fatalf("an officer was told of the break")
		}
	}
}
