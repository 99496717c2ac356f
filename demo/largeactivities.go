package demo

import (
	"fmt"
	"time"

	"ttdn"
)

// activityMix weights the types as a province's year looks: mostly media
// content and portal posts, fewer events, rare delegations.
var activityMix = []struct {
	typ    ttdn.ActivityType
	weight int
}{
	{ttdn.ActivityMedia, 38}, {ttdn.ActivityPortalPost, 20}, {ttdn.ActivityPressConference, 5},
	{ttdn.ActivityPressBriefing, 5}, {ttdn.ActivityTraining, 8}, {ttdn.ActivityPublication, 6},
	{ttdn.ActivityFair, 3}, {ttdn.ActivityExhibition, 4}, {ttdn.ActivityConference, 3},
	{ttdn.ActivityCultural, 5}, {ttdn.ActivityDelegation, 3},
}

var places = []string{"Thành phố Tây Ninh", "Cửa khẩu quốc tế Mộc Bài", "Cửa khẩu quốc tế Xa Mát", "Núi Bà Đen",
	"Tòa Thánh Cao Đài", "Tỉnh Svay Rieng, Campuchia", "Tỉnh Tbong Khmum, Campuchia", "Thành phố Hồ Chí Minh"}

var nationalities = []string{"Campuchia", "Nhật Bản", "Hàn Quốc", "Hoa Kỳ", "Pháp", "Trung Quốc", "Lào", "Thái Lan"}

// activities returns n generated activities of varied types, units, themes
// and dates over the plans' years, a third linked to a task of their year.
func (g *generator) activities(n int) []*ttdn.Activity {
	acting := g.actingUnits()
	out := make([]*ttdn.Activity, 0, n)
	for range n {
		out = append(out, g.activity(pick(g.rng, g.plans), g.activityType(), acting))
	}
	return out
}

// activity returns one activity of type typ under plan by units of acting.
func (g *generator) activity(plan *ttdn.Plan, typ ttdn.ActivityType, acting []*ttdn.Unit) *ttdn.Activity {
	a := &ttdn.Activity{Type: typ, StartDate: g.day(plan), Place: pick(g.rng, places),
		Classification: g.classification()}
	subject := pick(g.rng, subjects)
	a.Title = typ.Label() + " về " + subject
	a.Summary = fmt.Sprintf("%s về %s, năm %d.", typ.Label(), subject, plan.Year)
	for k := 0; k <= g.rng.IntN(3); k++ {
		a.UnitIDs = append(a.UnitIDs, pick(g.rng, acting).ID)
	}
	for k := 0; k <= g.rng.IntN(2); k++ {
		a.Themes = appendNew(a.Themes, pick(g.rng, g.themes))
	}
	if g.rng.IntN(3) == 0 {
		a.TaskIDs = []int64{pick(g.rng, plan.Tasks).ID}
	}
	if typ == ttdn.ActivityTraining || typ == ttdn.ActivityDelegation || typ == ttdn.ActivityFair {
		a.EndDate = ttdn.DateOf(a.StartDate.Time(time.UTC).AddDate(0, 0, 1+g.rng.IntN(3)))
	}
	a.Details = g.details(a, acting)
	return a
}

// day returns the day of an activity under plan: in the plan's year, or
// from g.window when set (the living year's months behind today).
func (g *generator) day(plan *ttdn.Plan) ttdn.Date {
	if g.window != nil {
		return g.window()
	}
	return g.dayIn(plan.Year)
}

func (g *generator) activityType() ttdn.ActivityType {
	n := g.rng.IntN(100)
	for _, m := range activityMix {
		if n < m.weight {
			return m.typ
		}
		n -= m.weight
	}
	return ttdn.ActivityMedia
}

// details returns the type's details with plausible values.
func (g *generator) details(a *ttdn.Activity, acting []*ttdn.Unit) ttdn.ActivityDetails {
	switch a.Type {
	case ttdn.ActivityPressConference, ttdn.ActivityPressBriefing:
		return &ttdn.PressDetails{Speaker: "Lãnh đạo UBND tỉnh", Spokesperson: "Người phát ngôn", Outlets: []string{"Báo Tây Ninh", "Đài PTTH Tây Ninh", "TTXVN"}, Reporters: 5 + g.rng.IntN(40)}
	case ttdn.ActivityTraining:
		d := &ttdn.TrainingDetails{Topic: "Nghiệp vụ thông tin đối ngoại", Trainers: []string{"Cục Thông tin đối ngoại"}}
		for _, id := range a.UnitIDs {
			d.Attendance = appendAttendance(d.Attendance, id, 1+g.rng.IntN(6))
		}
		return d
	case ttdn.ActivityFair, ttdn.ActivityExhibition, ttdn.ActivityConference, ttdn.ActivityCultural:
		return &ttdn.EventDetails{Country: pick(g.rng, []string{"Việt Nam", "Campuchia"}), Partners: []string{"Tỉnh Svay Rieng"}, Visitors: g.rng.IntN(5000)}
	case ttdn.ActivityPublication:
		return &ttdn.PublicationDetails{Format: pick(g.rng, []ttdn.PublicationFormat{ttdn.FormatLeaflet, ttdn.FormatBook, ttdn.FormatCD, ttdn.FormatDVD}),
			Titles: []string{a.Title}, Languages: []string{"vi", "km"}, Copies: 500 * (1 + g.rng.IntN(20)),
			DistributionAreas: []string{"Các xã biên giới"}}
	case ttdn.ActivityMedia:
		ch := pick(g.rng, g.channels)
		return &ttdn.MediaDetails{Format: pick(g.rng, []ttdn.MediaFormat{ttdn.FormatArticle, ttdn.FormatProgramme, ttdn.FormatColumn}),
			ChannelID: ch.ID, PublishedOn: a.StartDate, Language: pick(g.rng, ch.Languages), Minutes: g.rng.IntN(30)}
	case ttdn.ActivityDelegation:
		d := &ttdn.DelegationDetails{Incoming: g.rng.IntN(4) > 0, Articles: g.rng.IntN(15), EscortUnitIDs: []int64{pick(g.rng, acting).ID}}
		for k := 0; k <= g.rng.IntN(5); k++ {
			d.Members = append(d.Members, ttdn.DelegationMember{Name: fmt.Sprintf("Phóng viên %d", k+1), Nationality: pick(g.rng, nationalities)})
		}
		return d
	case ttdn.ActivityPortalPost:
		return &ttdn.PortalPostDetails{ChannelID: g.portal().ID}
	}
	return nil
}

// portal returns a random portal channel.
func (g *generator) portal() *ttdn.Channel {
	for {
		if c := pick(g.rng, g.channels); c.Kind == ttdn.ChannelPortal {
			return c
		}
	}
}

func appendNew(list []string, s string) []string {
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}

func appendAttendance(list []ttdn.Attendance, unitID int64, n int) []ttdn.Attendance {
	for _, a := range list {
		if a.UnitID == unitID {
			return list
		}
	}
	return append(list, ttdn.Attendance{UnitID: unitID, Count: n})
}
