package demo_test

import (
	"context"
	"testing"
	"time"

	"ttdn"
	"ttdn/demo"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestLivingPublicSite: the living year puts public activities on the
// public site, some in three languages, and only public ones.
func TestLivingPublicSite(t *testing.T) {
	db := sqltest.Open(t, sqlstore.EngineSQLite)
	today := time.Date(2026, 12, 4, 10, 0, 0, 0, ttdn.VietnamZone())
	if _, err := demo.LoadLiving(context.Background(), db, demo.Options{Today: today}); err != nil {
		t.Fatal(err)
	}
	items, err := sqlstore.NewPublicSite(db).PublicItems(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	three := 0
	for _, p := range items {
		if len(p.Langs()) == 3 {
			three++
		}
	}
	if len(items) == 0 || three == 0 {
		t.Fatalf("the demo's public site: %d items, %d in three languages", len(items), three)
	}
}
