package sqlstore_test

import (
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestTokenLifetimeBounds: the service refuses a token that would never
// expire (ttl 0 or negative: -5s made one) or one that lives absurdly long,
// whoever asks (the CLI, a future UI or API), and stores nothing.
func TestTokenLifetimeBounds(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newWorld(t, db)
		for _, ttl := range []time.Duration{-5 * time.Second, 0, -time.Hour, time.Second, ttdn.MaxTokenTTL + time.Hour, 10 * 365 * 24 * time.Hour} {
			if _, _, err := w.auth.CreateToken(as(w.admin), w.officerA.ID, "bot", ttl); ttdn.ErrorCode(err) != ttdn.EINVALID {
				t.Errorf("ttl %v: %v", ttl, err)
			}
			if _, _, err := w.auth.CreateScopedToken(as(w.admin), w.officerA.ID, "bot", ttl, ttdn.TokenScope{}); ttdn.ErrorCode(err) != ttdn.EINVALID {
				t.Errorf("scoped, ttl %v: %v", ttl, err)
			}
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM api_tokens`); n != 0 {
			t.Fatalf("%d tokens stored", n)
		}
		_, tok, err := w.auth.CreateToken(as(w.admin), w.officerA.ID, "bot", ttdn.MaxTokenTTL)
		if err != nil || tok.ExpiresAt.IsZero() {
			t.Fatalf("a year: %+v %v", tok, err)
		}
		if n := mustInt(t, db, `SELECT COUNT(*) FROM api_tokens WHERE expires_at IS NULL`); n != 0 {
			t.Fatalf("%d tokens never expire", n)
		}
	})
}
