package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestUserUnlock: `ttdn user unlock` lifts an account's log-in locks on
// either engine, and the audit log records it as done by the system; a
// missing or unknown name is refused with a message.
func TestUserUnlock(t *testing.T) {
	for _, engine := range sqltest.Engines() {
		t.Run(engine, func(t *testing.T) {
			db, dsn := sqltest.OpenDSN(t, engine)
			sqltest.MustCreateUser(t, db, &ttdn.User{Username: "ke-toan", Name: "Lãnh đạo", Role: ttdn.RoleLeader}, "mat-khau-rat-dai-1")
			now := time.Now()
			db.Now = func() time.Time { return now }
			th := sqlstore.NewLoginThrottle(db)
			ctx := context.Background()
			for range 100 { // fail as fast as allowed until the pair locks
				if err := th.CheckLogin(ctx, "ke-toan", "203.0.113.4"); err != nil {
					if strings.Contains(ttdn.ErrorMessage(err, "vi"), "phút") {
						break
					}
					now = now.Add(5 * time.Minute)
					continue
				}
				if err := th.LoginFailed(ctx, "ke-toan", "203.0.113.4", ttdn.LoginPassword); err != nil {
					t.Fatal(err)
				}
			}
			sys := sqltest.SystemContext()
			if l, err := th.LoginLocks(sys, "ke-toan"); err != nil || l.LockedAddrs != 1 {
				t.Fatalf("before: %+v %v", l, err)
			}
			var out bytes.Buffer
			if err := run(ctx, []string{"user", "unlock", "--db", dsn, "--username", "Ke-Toan"}, nil, &out, io.Discard); err != nil {
				t.Fatalf("user unlock: %v", err)
			}
			if !strings.Contains(out.String(), "Đã mở khóa đăng nhập cho ke-toan (1 địa chỉ") {
				t.Fatalf("output: %q", out.String())
			}
			if l, err := th.LoginLocks(sys, "ke-toan"); err != nil || l.LockedAddrs != 0 {
				t.Fatalf("after: %+v %v", l, err)
			}
			if err := th.CheckLogin(ctx, "ke-toan", "203.0.113.4"); err != nil {
				t.Fatalf("still refused: %v", err)
			}
			action := "login_unlocked"
			events, _, err := sqlstore.NewAuditService(db).FindAuditEvents(sys, ttdn.AuditFilter{Action: &action})
			if err != nil || len(events) != 1 || events[0].Username != "system" {
				t.Fatalf("audit: %v %+v", err, events)
			}
			for _, args := range [][]string{{"user", "unlock", "--db", dsn}, {"user", "unlock", "--db", dsn, "--username", "khong-co"}} {
				err := run(ctx, args, nil, io.Discard, io.Discard)
				if code := ttdn.ErrorCode(err); code != ttdn.EINVALID && code != ttdn.ENOTFOUND {
					t.Fatalf("%v: %v", args, err)
				}
			}
		})
	}
}
