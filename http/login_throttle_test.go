package http

import (
	"net/http"
	"testing"
	"time"

	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestLoginRightPasswordFromOtherAddress: an attacker at one address
// hammering the administrator's account with wrong passwords is slowed and
// then locked out, but the administrator at another address still logs in
// with the right password on the first try.
func TestLoginRightPasswordFromOtherAddress(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		refused := 0
		for range 40 {
			w := f.loginAs("admin", "doan-mo-mat-khau", "203.0.113.7")
			switch w.Code {
			case http.StatusUnauthorized:
			case http.StatusForbidden:
				refused++
			default:
				t.Fatalf("attacker: %d %s", w.Code, snippet(w.Body.String()))
			}
		}
		if refused == 0 {
			t.Fatal("40 quick wrong passwords from one address were never slowed down")
		}
		if w := f.loginAs("admin", testPassword, "203.0.113.7"); w.Code != http.StatusForbidden {
			t.Fatalf("the right password from the attacker's address during its lock: %d", w.Code)
		}
		if w := f.loginAs("admin", testPassword, "10.20.0.5"); w.Code != http.StatusSeeOther || cookieOf(w, sessionCookie) == nil {
			t.Fatalf("admin from another address: %d %s", w.Code, snippet(w.Body.String()))
		}
	})
}

// TestLoginSprayFromOneAddress: twenty failures from one address across
// many names (some of them a real user's) block neither that user at
// another address nor a user who has logged in from the same address
// before; new names from that address are refused for a while.
func TestLoginSprayFromOneAddress(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		clock := time.Now()
		db.Now = func() time.Time { return clock }
		const office = "198.51.100.20"
		if w := f.loginAs("officer", testPassword, office); w.Code != http.StatusSeeOther {
			t.Fatalf("officer's usual log-in: %d", w.Code)
		}
		names := []string{"finance", "finance", "finance", "admin", "root", "quan-tri", "finance", "finance",
			"coordinator", "test", "finance", "user1", "admin1", "leader", "so-tttt", "van-thu", "ke-toan", "nguyen-van-a", "tran-thi-b", "le-van-c"}
		for i, name := range names {
			clock = clock.Add(70 * time.Second) // a patient guesser: no waits
			if w := f.loginAs(name, "sai-mat-khau-"+itoa(int64(i)), office); w.Code != http.StatusUnauthorized {
				t.Fatalf("spray %d (%s): %d", i, name, w.Code)
			}
		}
		if w := f.loginAs("ai-do-moi", "mat-khau-bat-ky", office); w.Code != http.StatusForbidden {
			t.Fatalf("a new name from the spraying address: %d", w.Code)
		}
		if w := f.loginAs("finance", testPassword, "10.30.0.9"); w.Code != http.StatusSeeOther {
			t.Fatalf("finance from another address: %d %s", w.Code, snippet(w.Body.String()))
		}
		if w := f.loginAs("officer", testPassword, office); w.Code != http.StatusSeeOther {
			t.Fatalf("officer behind the spraying address: %d %s", w.Code, snippet(w.Body.String()))
		}
	})
}
