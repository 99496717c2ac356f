package sqlstore_test

import (
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

func TestAuthenticate(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		ctx := as(nil)
		u, err := w.users.Authenticate(ctx, "can-bo-a", "mat-khau-du-dai-2019")
		if err != nil || u.ID != w.officerA.ID || len(u.ScopeUnitIDs) != 2 {
			t.Fatalf("right password: %+v, %v", u, err)
		}
		hash := mustString(t, db, `SELECT password_hash FROM users WHERE id = ?`, u.ID)
		if !strings.HasPrefix(hash, "$argon2id$v=19$m=") || strings.Contains(hash, "mat-khau") {
			t.Fatalf("stored hash %q", hash)
		}
		_, errWrong := w.users.Authenticate(ctx, "can-bo-a", "sai-mat-khau-roi")
		_, errUnknown := w.users.Authenticate(ctx, "khong-co-ai", "mat-khau-du-dai-2019")
		disabled := true
		if _, err := w.users.UpdateUser(as(w.admin), w.officerB.ID, ttdn.UserUpdate{Version: 1, Disabled: &disabled}); err != nil {
			t.Fatal(err)
		}
		_, errDisabled := w.users.Authenticate(ctx, "can-bo-b", "mat-khau-du-dai-2019")
		for _, err := range []error{errWrong, errUnknown, errDisabled} {
			if ttdn.ErrorCode(err) != ttdn.EUNAUTHORIZED || err.Error() != errWrong.Error() {
				t.Fatalf("login failure %v differs from %v", err, errWrong)
			}
		}
	})
}

func TestUserWrites(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		nu := &ttdn.User{Username: "moi", Role: ttdn.RoleUnitOfficer, UnitID: w.unitB.ID}
		if err := w.users.CreateUser(as(w.officerA), nu, "mat-khau-du-dai-2019"); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("officer creates a user: %v", err)
		}
		if err := w.users.CreateUser(as(w.admin), nu, "ngan"); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("short password: %v", err)
		}
		if err := w.users.CreateUser(as(w.admin), &ttdn.User{Username: "can-bo-a", Role: ttdn.RoleLeader}, "mat-khau-du-dai-2019"); ttdn.ErrorCode(err) != ttdn.ECONFLICT {
			t.Fatalf("duplicate username: %v", err)
		}
		if err := w.users.SetPassword(as(w.officerA), w.officerA.ID, "mat-khau-moi-2020"); err != nil {
			t.Fatalf("own password: %v", err)
		}
		if _, err := w.users.Authenticate(as(nil), "can-bo-a", "mat-khau-moi-2020"); err != nil {
			t.Fatal(err)
		}
		if err := w.users.SetPassword(as(w.officerA), w.officerB.ID, "mat-khau-moi-2020"); ttdn.ErrorCode(err) == "" {
			t.Fatal("officer set another user's password")
		}
		if _, err := w.users.FindUserByID(as(w.officerA), w.officerB.ID); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Fatalf("officer reads another user: %v", err)
		}
		if users, total, _ := w.users.FindUsers(as(w.officerA), ttdn.UserFilter{}); total != 1 || users[0].ID != w.officerA.ID {
			t.Fatalf("officer lists %d users", total)
		}
		if _, total, _ := w.users.FindUsers(as(w.admin), ttdn.UserFilter{UnitID: &w.unitA.ID}); total != 2 {
			t.Fatalf("admin lists %d users of unit A, want 2", total)
		}
		name := "Nguyễn Văn A"
		if _, err := w.users.UpdateUser(as(w.admin), w.officerA.ID, ttdn.UserUpdate{Version: 9, Name: &name}); ttdn.ErrorCode(err) != ttdn.ECONFLICT {
			t.Fatalf("stale user update: %v", err)
		}
	})
}

func mustString(t testing.TB, db *sqlstore.DB, query string, args ...any) string {
	t.Helper()
	s, err := db.QueryStringTest(query, args...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// clock is a settable clock for DB.Now.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestSessions(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		c := &clock{t: time.Date(2019, 6, 20, 8, 0, 0, 0, time.UTC)}
		db.Now = c.now
		token := sqltest.MustCreateSession(t, db, w.officerA)
		if n := mustInt(t, db, `SELECT COUNT(*) FROM sessions WHERE token_hash = ?`, token); n != 0 {
			t.Fatal("raw session token stored")
		}
		ctx := as(nil)
		for range 11 { // active every 1h59: alive until the 12 h limit
			c.advance(time.Hour + 59*time.Minute)
			if c.t.Sub(time.Date(2019, 6, 20, 8, 0, 0, 0, time.UTC)) >= sqlstore.SessionMaxAge {
				break
			}
			if u, err := w.auth.FindSessionUser(ctx, token); err != nil || u.ID != w.officerA.ID {
				t.Fatalf("at %v: %v", c.t, err)
			}
		}
		if _, err := w.auth.FindSessionUser(ctx, token); ttdn.ErrorCode(err) != ttdn.EUNAUTHORIZED {
			t.Fatalf("after 12 h: %v", err)
		}

		idle := sqltest.MustCreateSession(t, db, w.officerA)
		c.advance(2*time.Hour + time.Second)
		if _, err := w.auth.FindSessionUser(ctx, idle); ttdn.ErrorCode(err) != ttdn.EUNAUTHORIZED {
			t.Fatalf("after 2 h idle: %v", err)
		}
		out := sqltest.MustCreateSession(t, db, w.officerA)
		if err := w.auth.DeleteSession(ctx, out); err != nil {
			t.Fatal(err)
		}
		if _, err := w.auth.FindSessionUser(ctx, out); ttdn.ErrorCode(err) != ttdn.EUNAUTHORIZED {
			t.Fatalf("after logout: %v", err)
		}
	})
}

func TestAPITokens(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		c := &clock{t: time.Date(2019, 6, 20, 8, 0, 0, 0, time.UTC)}
		db.Now = c.now
		if _, _, err := w.auth.CreateToken(as(w.officerA), w.officerA.ID, "bot", 0); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("officer creates a token: %v", err)
		}
		raw, tok, err := w.auth.CreateToken(as(w.admin), w.officerA.ID, "báo cáo tự động", 30*24*time.Hour)
		if err != nil || !strings.HasPrefix(raw, sqlstore.TokenPrefix) || tok.ID == 0 {
			t.Fatalf("create: %q %+v %v", raw, tok, err)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM api_tokens WHERE token_hash = ?`, raw); n != 0 {
			t.Fatal("raw token stored")
		}
		ctx := as(nil)
		if u, err := w.auth.FindTokenUser(ctx, raw); err != nil || u.ID != w.officerA.ID || len(u.ScopeUnitIDs) == 0 {
			t.Fatalf("token user: %+v, %v", u, err)
		}
		if _, err := w.auth.FindTokenUser(ctx, raw+"x"); ttdn.ErrorCode(err) != ttdn.EUNAUTHORIZED {
			t.Fatalf("wrong token: %v", err)
		}
		if err := w.auth.RevokeToken(as(w.admin), tok.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := w.auth.FindTokenUser(ctx, raw); ttdn.ErrorCode(err) != ttdn.EUNAUTHORIZED {
			t.Fatalf("revoked token: %v", err)
		}
		short, _, err := w.auth.CreateToken(as(w.admin), w.officerA.ID, "tạm", time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		c.advance(time.Hour)
		if _, err := w.auth.FindTokenUser(ctx, short); ttdn.ErrorCode(err) != ttdn.EUNAUTHORIZED {
			t.Fatalf("expired token: %v", err)
		}
	})
}
