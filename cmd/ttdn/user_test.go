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

// TestUserUnlinkSignOn: `ttdn user unlink-signon` removes an account's link
// to a sign-on subject on either engine, so that the next sign-on links the
// new one; audited as done by the system; a missing name is refused.
func TestUserUnlinkSignOn(t *testing.T) {
	for _, engine := range sqltest.Engines() {
		t.Run(engine, func(t *testing.T) {
			db, dsn := sqltest.OpenDSN(t, engine)
			sqltest.MustCreateUser(t, db, &ttdn.User{Username: "can-bo", Name: "Cán bộ", Role: ttdn.RoleMonitor}, "mat-khau-rat-dai-1")
			auth := sqlstore.NewAuthService(db)
			ctx := context.Background()
			idp := "https://sso.example.gov.vn/realms/tinh"
			if _, err := auth.FindSignOnUser(ctx, ttdn.SignOnIdentity{Issuer: idp, Subject: "cu", Username: "can-bo"}); err != nil {
				t.Fatalf("first sign-on: %v", err)
			}
			if _, err := auth.FindSignOnUser(ctx, ttdn.SignOnIdentity{Issuer: idp, Subject: "moi", Username: "can-bo"}); ttdn.SignOnRefusal(err) != ttdn.SignOnOtherIdentity {
				t.Fatalf("another subject: %v", err)
			}
			var out bytes.Buffer
			if err := run(ctx, []string{"user", "unlink-signon", "--db", dsn, "--username", "Can-Bo"}, nil, &out, io.Discard); err != nil {
				t.Fatalf("user unlink-signon: %v", err)
			}
			if !strings.Contains(out.String(), "Đã gỡ 1 liên kết đăng nhập một cửa của can-bo") {
				t.Fatalf("output: %q", out.String())
			}
			if u, err := auth.FindSignOnUser(ctx, ttdn.SignOnIdentity{Issuer: idp, Subject: "moi", Username: "can-bo"}); err != nil || u.Username != "can-bo" {
				t.Fatalf("after unlinking: %v %v", u, err)
			}
			action := "sso_unlink"
			events, _, err := sqlstore.NewAuditService(db).FindAuditEvents(sqltest.SystemContext(), ttdn.AuditFilter{Action: &action})
			if err != nil || len(events) != 1 || events[0].Username != "system" {
				t.Fatalf("audit: %v %+v", err, events)
			}
			if err := run(ctx, []string{"user", "unlink-signon", "--db", dsn}, nil, io.Discard, io.Discard); ttdn.ErrorCode(err) != ttdn.EINVALID {
				t.Fatalf("no --username: %v", err)
			}
		})
	}
}
