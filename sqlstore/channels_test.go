package sqlstore_test

import (
	"context"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

func TestCatalogsChannelsContactsThemes(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		sqltest.MustSeed(t, db)
		w := newActWorld(t, db) // seeds the catalogues once
		if err := sqlstore.SeedCatalogs(context.Background(), db); err != nil {
			t.Fatal(err)
		}
		cs := mustChannels(t, w.channels)
		if len(cs) != 20 {
			t.Fatalf("%d channels after seeding twice, want 20", len(cs))
		}
		kind := ttdn.ChannelCluster
		clusters, _, err := w.channels.FindChannels(as(nil), ttdn.ChannelFilter{Kind: &kind})
		if err != nil || len(clusters) != 2 || clusters[0].UnitID == 0 {
			t.Fatalf("clusters = %+v %v", clusters, err)
		}
		name := "Cụm TTĐN Mộc Bài"
		if _, err := w.channels.UpdateChannel(as(w.officerA), clusters[0].ID, ttdn.ChannelUpdate{Version: 1, Name: &name}); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("officer edits a channel: %v", err)
		}
		if c, err := w.channels.UpdateChannel(as(w.coordinator), clusters[0].ID, ttdn.ChannelUpdate{Version: 1, Name: &name}); err != nil || c.Version != 2 {
			t.Fatalf("coordinator edits a channel: %v", err)
		}
		if _, err := w.channels.UpdateChannel(as(w.coordinator), clusters[0].ID, ttdn.ChannelUpdate{Version: 1, Name: &name}); ttdn.ErrorCode(err) != ttdn.ECONFLICT {
			t.Fatalf("stale channel edit: %v", err)
		}

		contacts := sqlstore.NewContactService(db)
		c := &ttdn.Contact{UnitID: w.unitA.ID, Role: ttdn.ContactSpokesperson, Name: "Trần Thị Bình", Phone: "0276 3822 000"}
		if err := contacts.UpsertContact(as(w.officerA), c); err != nil {
			t.Fatal(err)
		}
		c.Name = "Lê Văn Cường"
		if err := contacts.UpsertContact(as(w.officerA), c); err != nil {
			t.Fatal(err)
		}
		if err := contacts.UpsertContact(as(w.officerB), &ttdn.Contact{UnitID: w.unitA.ID, Role: ttdn.ContactOfficer, Name: "X"}); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("officer B names A's contact: %v", err)
		}
		list, err := contacts.FindContacts(as(w.officerB), ttdn.ContactFilter{UnitID: &w.unitA.ID})
		if err != nil || len(list) != 1 || list[0].Name != "Lê Văn Cường" {
			t.Fatalf("contacts = %+v %v", list, err)
		}
		if _, err := contacts.FindContacts(as(nil), ttdn.ContactFilter{}); ttdn.ErrorCode(err) != ttdn.EUNAUTHORIZED {
			t.Fatalf("anonymous reads contacts: %v", err)
		}

		themes := sqlstore.NewThemeService(db)
		all, err := themes.FindThemes(as(nil))
		if err != nil || len(all) != len(ttdn.DefaultThemes) {
			t.Fatalf("themes = %d %v", len(all), err)
		}
		task := w.plan.Tasks[0].ID
		if err := themes.SetTaskThemes(as(w.officerA), task, []string{"bien-dao", "campuchia"}); err != nil {
			t.Fatal(err)
		}
		if err := themes.SetTaskThemes(as(w.officerA), task, []string{"khong-co"}); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("unknown theme: %v", err)
		}
		got, err := themes.FindTaskThemes(as(w.officerB), task)
		if err != nil || !equalStrings(got, []string{"campuchia", "bien-dao"}) {
			t.Fatalf("task themes = %v %v", got, err)
		}
	})
}
