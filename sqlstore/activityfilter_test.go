package sqlstore_test

import (
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

func TestFindActivitiesFilters(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newActWorld(t, db)
		mk := func(typ ttdn.ActivityType, title string, day int, unit int64, themes ...string) *ttdn.Activity {
			a := w.sample(typ)
			a.Title, a.StartDate, a.EndDate, a.UnitIDs, a.Themes, a.TaskIDs = title, date(2019, 3, day), ttdn.Date{}, []int64{unit}, themes, nil
			if err := w.acts.CreateActivity(as(w.coordinator), a); err != nil {
				t.Fatal(err)
			}
			return a
		}
		press := mk(ttdn.ActivityPressConference, "Họp báo về du lịch", 5, w.unitA.ID, "du-lich")
		mk(ttdn.ActivityTraining, "Bồi dưỡng nghiệp vụ", 10, w.unitA1.ID, "bien-dao")
		media := mk(ttdn.ActivityMedia, "Chương trình tiếng Khmer", 15, w.unitB.ID, "campuchia")
		mk(ttdn.ActivityPortalPost, "Đăng tin đầu tư", 20, w.unitB.ID, "dau-tu", "du-lich")
		linked := mk(ttdn.ActivityPublication, "Ấn phẩm biên giới", 25, w.unitB.ID)
		ua := []int64{w.unitA.ID}
		if _, err := w.acts.UpdateActivity(as(w.coordinator), linked.ID, ttdn.ActivityUpdate{Version: 1, TaskIDs: &[]int64{w.plan.Tasks[1].ID}, UnitIDs: &ua}); err != nil {
			t.Fatal(err)
		}
		typ, theme, q := ttdn.ActivityMedia, "du-lich", "HOP BAO"
		from, to := date(2019, 3, 10), date(2019, 3, 20)
		task := w.plan.Tasks[1].ID
		tests := []struct {
			name string
			f    ttdn.ActivityFilter
			want []string
		}{
			{"all newest first", ttdn.ActivityFilter{}, []string{"Ấn phẩm biên giới", "Đăng tin đầu tư", "Chương trình tiếng Khmer", "Bồi dưỡng nghiệp vụ", "Họp báo về du lịch"}},
			{"type", ttdn.ActivityFilter{Type: &typ}, []string{"Chương trình tiếng Khmer"}},
			{"ids", ttdn.ActivityFilter{IDs: []int64{press.ID, media.ID, 99999999}}, []string{"Chương trình tiếng Khmer", "Họp báo về du lịch"}},
			{"no ids: none", ttdn.ActivityFilter{IDs: []int64{}}, nil},
			{"unit with units below", ttdn.ActivityFilter{UnitID: &w.unitA.ID}, []string{"Ấn phẩm biên giới", "Bồi dưỡng nghiệp vụ", "Họp báo về du lịch"}},
			{"theme", ttdn.ActivityFilter{Theme: &theme}, []string{"Đăng tin đầu tư", "Họp báo về du lịch"}},
			{"dates", ttdn.ActivityFilter{From: &from, To: &to}, []string{"Đăng tin đầu tư", "Chương trình tiếng Khmer", "Bồi dưỡng nghiệp vụ"}},
			{"task", ttdn.ActivityFilter{TaskID: &task}, []string{"Ấn phẩm biên giới"}},
			{"channel", ttdn.ActivityFilter{ChannelID: &w.portal.ID}, []string{"Đăng tin đầu tư", "Chương trình tiếng Khmer"}},
			{"folded query", ttdn.ActivityFilter{Query: &q}, []string{"Họp báo về du lịch"}},
			{"by title", ttdn.ActivityFilter{Sort: ttdn.SortByTitle}, []string{"Ấn phẩm biên giới", "Bồi dưỡng nghiệp vụ", "Chương trình tiếng Khmer", "Đăng tin đầu tư", "Họp báo về du lịch"}},
			{"by type", ttdn.ActivityFilter{Sort: ttdn.SortByType, Limit: 2}, []string{"Chương trình tiếng Khmer", "Đăng tin đầu tư"}},
			{"page", ttdn.ActivityFilter{Offset: 1, Limit: 2}, []string{"Đăng tin đầu tư", "Chương trình tiếng Khmer"}},
		}
		for _, tt := range tests {
			got, total, err := w.acts.FindActivities(as(w.officerA), tt.f)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			var titles []string
			for _, a := range got {
				titles = append(titles, a.Title)
			}
			if !equalStrings(titles, tt.want) || (tt.f.Limit == 0 && total != len(tt.want)) {
				t.Errorf("%s: got %q (total %d), want %q", tt.name, titles, total, tt.want)
			}
		}
		_ = press
		_ = media
	})
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
