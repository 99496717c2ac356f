package http

import (
	"net/http"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestTOTPRequirementCache: the requirement is read once per
// requirementLife; once expired, requests arriving while one of them reads
// the new value keep the old one instead of queueing behind that read; the
// read then stores the new value; forget (a change on this instance) makes
// the very next request read it.
func TestTOTPRequirementCache(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f := newFixture(t, db, false)
		c := &f.srv.totpReq
		admin := ttdn.NewContextWithUser(t.Context(), f.users["admin"])
		r, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, "/", nil)
		set := func(on bool) {
			t.Helper()
			if err := sqlstore.NewAccountService(db).SetRequireTOTP(admin, on); err != nil {
				t.Fatal(err)
			}
		}
		c.forget()
		if c.get(f.srv, r) {
			t.Fatal("required before anyone asked for it")
		}
		set(true) // as another instance would
		if c.get(f.srv, r) {
			t.Fatal("a fresh value was read again")
		}
		c.mu.Lock()
		c.at, c.reading = time.Now().Add(-requirementLife-time.Second), true
		c.mu.Unlock()
		if c.get(f.srv, r) {
			t.Fatal("while another request reads, an expired value should be served, not waited for")
		}
		c.mu.Lock()
		c.reading = false
		c.mu.Unlock()
		if !c.get(f.srv, r) {
			t.Fatal("an expired value was not read again")
		}
		c.mu.Lock()
		fresh := time.Since(c.at) < requirementLife && c.on && !c.reading
		c.mu.Unlock()
		if !fresh {
			t.Fatal("the value read was not kept")
		}
		set(false)
		c.forget()
		if c.get(f.srv, r) {
			t.Fatal("after forget the old value was used")
		}
	})
}
