package sqlstore_test

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// actWorld is world plus the catalogues and a stored plan, for activity tests.
type actWorld struct {
	*world
	acts     *sqlstore.ActivityService
	channels *sqlstore.ChannelService
	plan     *ttdn.Plan
	portal   *ttdn.Channel
}

func newActWorld(t testing.TB, db *sqlstore.DB) *actWorld {
	t.Helper()
	w := &actWorld{world: newWorld(t, db), acts: sqlstore.NewActivityService(db), channels: sqlstore.NewChannelService(db)}
	if err := sqlstore.SeedCatalogs(context.Background(), db); err != nil {
		t.Fatal(err)
	}
	// Without section V, so that plan numbers do not depend on whether
	// duties are tracked as tasks.
	p := w.plan2019()
	p.Responsibilities = nil
	w.plan = sqltest.MustCreatePlan(t, db, p)
	code := "cong-ttdt-tinh"
	for _, c := range mustChannels(t, w.channels) {
		if c.Code == code {
			w.portal = c
		}
	}
	if w.portal == nil {
		t.Fatal("seeded portal missing")
	}
	return w
}

func mustChannels(t testing.TB, s *sqlstore.ChannelService) []*ttdn.Channel {
	t.Helper()
	cs, _, err := s.FindChannels(sqltest.SystemContext(), ttdn.ChannelFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return cs
}

// sample returns one activity of type typ with its details filled.
func (w *actWorld) sample(typ ttdn.ActivityType) *ttdn.Activity {
	a := &ttdn.Activity{Type: typ, Title: typ.Label() + " về biên giới", Summary: "Tóm tắt", Place: "Tây Ninh",
		StartDate: date(2019, 6, 10), EndDate: date(2019, 6, 11), UnitIDs: []int64{w.unitA.ID, w.unitB.ID},
		TaskIDs: []int64{w.plan.Tasks[0].ID}, Themes: []string{"campuchia", "bien-gioi"}, Classification: ttdn.Internal}
	switch typ {
	case ttdn.ActivityPressConference, ttdn.ActivityPressBriefing:
		a.Details = &ttdn.PressDetails{Speaker: "Phó Chủ tịch UBND tỉnh", Spokesperson: "Chánh Văn phòng",
			Outlets: []string{"Báo Tây Ninh", "TTXVN"}, Reporters: 25}
	case ttdn.ActivityTraining:
		a.Details = &ttdn.TrainingDetails{Topic: "Thông tin đối ngoại", Trainers: []string{"Cục TTĐN"},
			Attendance: []ttdn.Attendance{{UnitID: w.unitA.ID, Count: 3, Names: []string{"Nguyễn Văn Ân"}}}}
	case ttdn.ActivityFair, ttdn.ActivityExhibition, ttdn.ActivityConference, ttdn.ActivityCultural:
		a.Details = &ttdn.EventDetails{Country: "Campuchia", Partners: []string{"Tỉnh Svay Rieng"}, Visitors: 1200}
	case ttdn.ActivityPublication:
		a.Details = &ttdn.PublicationDetails{Format: ttdn.FormatLeaflet, Titles: []string{"Biên giới hòa bình"},
			Languages: []string{"vi", "km"}, Copies: 5000, DistributionAreas: []string{"Xã Phước Chỉ", "Xã Hòa Hiệp"}}
	case ttdn.ActivityMedia:
		a.Details = &ttdn.MediaDetails{Format: ttdn.FormatProgramme, ChannelID: w.portal.ID, PublishedOn: date(2019, 6, 10),
			URL: "https://example.vn/a", Language: "km", Minutes: 15}
	case ttdn.ActivityDelegation:
		a.Details = &ttdn.DelegationDetails{Incoming: true, Members: []ttdn.DelegationMember{
			{Name: "Sok Dara", Nationality: "Campuchia", Outlet: "TVK"}, {Name: "Anna Lee", Nationality: "Hoa Kỳ"}},
			Outlets: []string{"TVK"}, EscortUnitIDs: []int64{w.unitB.ID}, Articles: 7}
	case ttdn.ActivityPortalPost:
		a.Details = &ttdn.PortalPostDetails{ChannelID: w.portal.ID, URL: "https://www.tayninh.gov.vn/x"}
	}
	return a
}

func TestActivityRoundTrip(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newActWorld(t, db)
		for _, e := range ttdn.ActivityTypes {
			a := w.sample(e.Type)
			if err := w.acts.CreateActivity(as(w.coordinator), a); err != nil {
				t.Fatalf("%s: %v", e.Type, err)
			}
			got, err := w.acts.FindActivityByID(as(w.officerB), a.ID)
			if err != nil {
				t.Fatalf("%s: %v", e.Type, err)
			}
			if !reflect.DeepEqual(got.Details, a.Details) || got.Title != a.Title || got.EndDate != a.EndDate ||
				!reflect.DeepEqual(got.UnitIDs, a.UnitIDs) || !reflect.DeepEqual(got.Themes, a.Themes) ||
				!reflect.DeepEqual(got.TaskIDs, a.TaskIDs) || got.Version != 1 {
				t.Errorf("%s round trip:\n got %+v %+v\nwant %+v %+v", e.Type, got, got.Details, a, a.Details)
			}
		}
	})
}

func TestActivityValidation(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newActWorld(t, db)
		tests := []struct {
			name   string
			change func(a *ttdn.Activity)
			want   string // part of the Vietnamese message
		}{
			{"end before start", func(a *ttdn.Activity) { a.EndDate = date(2019, 6, 1) }, "Ngày kết thúc"},
			{"negative copies", func(a *ttdn.Activity) { a.Details.(*ttdn.PublicationDetails).Copies = -5 }, "số bản"},
			{"unknown type", func(a *ttdn.Activity) { a.Type = "picnic" }, "Loại hoạt động"},
			{"unknown unit", func(a *ttdn.Activity) { a.UnitIDs = []int64{w.unitA.ID, 999999} }, "999999"},
			{"unknown theme", func(a *ttdn.Activity) { a.Themes = []string{"mat-trang"} }, "mat-trang"},
			{"unknown task", func(a *ttdn.Activity) { a.TaskIDs = []int64{888888} }, "888888"},
			{"wrong details", func(a *ttdn.Activity) { a.Details = &ttdn.PressDetails{} }, "không khớp"},
			{"no unit", func(a *ttdn.Activity) { a.UnitIDs = nil }, "đơn vị tổ chức"},
		}
		for _, tt := range tests {
			a := w.sample(ttdn.ActivityPublication)
			tt.change(a)
			err := w.acts.CreateActivity(as(w.coordinator), a)
			if ttdn.ErrorCode(err) != ttdn.EINVALID || !strings.Contains(ttdn.ErrorMessage(err, "vi"), tt.want) ||
				ttdn.ErrorMessage(err, "en") == ttdn.ErrorMessage(err, "vi") {
				t.Errorf("%s: got %v (%q), want EINVALID mentioning %q", tt.name, err, ttdn.ErrorMessage(err, "vi"), tt.want)
			}
		}
		if n, _ := db.QueryIntTest(`SELECT COUNT(*) FROM activities`); n != 0 {
			t.Fatalf("%d activities stored by invalid input", n)
		}
	})
}

func TestActivityAccess(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newActWorld(t, db)
		secret := w.sample(ttdn.ActivityDelegation)
		secret.UnitIDs, secret.Classification = []int64{w.unitB.ID}, ttdn.Secret
		if err := w.acts.CreateActivity(as(w.officerB), secret); err != nil {
			t.Fatal(err)
		}
		if _, err := w.acts.FindActivityByID(as(w.officerA), secret.ID); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Fatalf("officer of another unit reads a secret activity: %v", err)
		}
		for _, c := range []struct {
			u    *ttdn.User
			want int
		}{{w.officerA, 0}, {w.officerB, 1}, {w.coordinator, 1}, {w.leader, 1}, {nil, 0}} {
			_, n, err := w.acts.FindActivities(as(c.u), ttdn.ActivityFilter{})
			if err != nil || n != c.want {
				t.Errorf("user %v sees %d activities (%v), want %d", c.u, n, err, c.want)
			}
		}
		other := w.sample(ttdn.ActivityTraining)
		other.UnitIDs = []int64{w.unitB.ID}
		if err := w.acts.CreateActivity(as(w.officerA), other); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("officer A logs an activity of unit B: %v", err)
		}
		own := w.sample(ttdn.ActivityTraining)
		own.UnitIDs = []int64{w.unitA1.ID}
		if err := w.acts.CreateActivity(as(w.officerA), own); err != nil {
			t.Fatalf("officer A logs an activity of a unit below A: %v", err)
		}
		if err := w.acts.DeleteActivity(as(w.officerB), own.ID); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
			t.Fatalf("officer B deletes A1's activity: %v", err)
		}
		if err := w.acts.DeleteActivity(as(w.officerA), own.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := w.acts.FindActivityByID(as(w.coordinator), own.ID); ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Fatalf("deleted activity still found: %v", err)
		}
	})
}

func TestActivityConflict(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newActWorld(t, db)
		a := w.sample(ttdn.ActivityPressConference)
		if err := w.acts.CreateActivity(as(w.coordinator), a); err != nil {
			t.Fatal(err)
		}
		title := "Họp báo quý II"
		got, err := w.acts.UpdateActivity(as(w.coordinator), a.ID, ttdn.ActivityUpdate{Version: 1, Title: &title})
		if err != nil || got.Version != 2 || got.Title != title {
			t.Fatalf("update: %v %+v", err, got)
		}
		stale := "Bản cũ"
		if _, err := w.acts.UpdateActivity(as(w.coordinator), a.ID, ttdn.ActivityUpdate{Version: 1, Title: &stale}); ttdn.ErrorCode(err) != ttdn.ECONFLICT {
			t.Fatalf("stale update: %v", err)
		}
		bad := ttdn.Date{Year: 2019, Month: 1, Day: 1}
		if _, err := w.acts.UpdateActivity(as(w.coordinator), a.ID, ttdn.ActivityUpdate{Version: 2, EndDate: &bad}); ttdn.ErrorCode(err) != ttdn.EINVALID {
			t.Fatalf("invalid update: %v", err)
		}
		back, _ := w.acts.FindActivityByID(as(w.coordinator), a.ID)
		if back.Title != title || back.Version != 2 {
			t.Fatalf("after refused updates: %+v", back)
		}
	})
}

func TestTrainingAbsentees(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		w := newActWorld(t, db)
		// Task III.1 is led by A with the group (A, B) coordinating: A and B
		// are expected; A attended.
		a := w.sample(ttdn.ActivityTraining)
		if err := w.acts.CreateActivity(as(w.coordinator), a); err != nil {
			t.Fatal(err)
		}
		absent, err := w.acts.FindTrainingAbsentees(as(w.coordinator), a.ID)
		if err != nil || len(absent) != 1 || absent[0].ID != w.unitB.ID {
			t.Fatalf("absentees = %v, %v; want unit B", absent, err)
		}
		d := a.Details.(*ttdn.TrainingDetails)
		d.ExpectedUnitIDs = []int64{w.unitA.ID, w.unitA1.ID, w.unitB.ID}
		d.Attendance = append(d.Attendance, ttdn.Attendance{UnitID: w.unitB.ID, Count: 2})
		var details ttdn.ActivityDetails = d
		if _, err := w.acts.UpdateActivity(as(w.coordinator), a.ID, ttdn.ActivityUpdate{Version: 1, Details: &details}); err != nil {
			t.Fatal(err)
		}
		absent, err = w.acts.FindTrainingAbsentees(as(w.coordinator), a.ID)
		if err != nil || len(absent) != 1 || absent[0].ID != w.unitA1.ID {
			t.Fatalf("absentees = %v, %v; want unit A1", absent, err)
		}
	})
}
