package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestUserSetRoleAndPassword: on the server, the CLI grants a role that
// reads secrets and resets such an account's password at once (what the app
// only does with a leader's confirmation), audited and notified.
func TestUserSetRoleAndPassword(t *testing.T) {
	for _, engine := range sqltest.Engines() {
		t.Run(engine, func(t *testing.T) {
			db, dsn := sqltest.OpenDSN(t, engine)
			u := sqltest.MustCreateUser(t, db, &ttdn.User{Username: "can-bo", Name: "Cán bộ", Role: ttdn.RoleAdmin}, "mat-khau-rat-dai-1")
			ctx := context.Background()
			var out bytes.Buffer
			if err := run(ctx, []string{"user", "set-role", "--db", dsn, "--username", "Can-Bo", "--role", "leader"}, nil, &out, io.Discard); err != nil {
				t.Fatalf("set-role: %v", err)
			}
			sys := sqltest.SystemContext()
			got, err := sqlstore.NewUserService(db).FindUserByID(sys, u.ID)
			if err != nil || got.Role != ttdn.RoleLeader || !strings.Contains(out.String(), "Lãnh đạo") {
				t.Fatalf("role after set-role: %v %v %q", got.Role, err, out.String())
			}
			if err := run(ctx, []string{"user", "set-role", "--db", dsn, "--username", "can-bo", "--role", "king"}, nil, io.Discard, io.Discard); ttdn.ErrorCode(err) != ttdn.EINVALID {
				t.Fatalf("bad role: %v", err)
			}
			in := strings.NewReader("mat-khau-moi-tu-may-chu-2026\n")
			if err := run(ctx, []string{"user", "set-password", "--db", dsn, "--username", "can-bo", "--password-stdin"}, in, io.Discard, io.Discard); err != nil {
				t.Fatalf("set-password: %v", err)
			}
			if _, err := sqlstore.NewUserService(db).Authenticate(sys, "can-bo", "mat-khau-moi-tu-may-chu-2026"); err != nil {
				t.Fatalf("new password: %v", err)
			}
			var n int
			tx, err := db.BeginTx(ctx, false)
			if err != nil {
				t.Fatal(err)
			}
			defer tx.Rollback()
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM notifications WHERE user_id = ? AND kind = 'account_change'`, u.ID).Scan(&n); err != nil || n < 1 {
				t.Fatalf("notifications to the account: %d %v", n, err)
			}
		})
	}
}
