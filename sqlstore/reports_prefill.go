package sqlstore

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"ttdn"
)

// Pre-filling counts what a unit recorded inside the period's cut-off
// window: the activities it organised (activity_units position 0, so an
// activity is counted once across units and sums add up in the
// consolidated report) and its task progress updates. Every value carries
// its source in words and the IDs of the records it counted.

// prefillEnv is what the rules look up besides the activity itself, and
// the budget and press figures of the report's units (nil when no
// indicator of the plan needs them).
type prefillEnv struct {
	channels map[int64]*ttdn.Channel
	themes   map[string]string // code → name
	units    []int64           // the report's units (reportingUnits)
	budget   *budgetFigures
	press    *pressFigures
	cases    *caseFigures
}

// tally accumulates one indicator: its total and, per breakdown, its items
// in first-seen order.
type tally struct {
	total int64
	ids   []int64
	items map[ttdn.Breakdown][]*itemTally
}

type itemTally struct {
	item    string
	value   int64
	ids     []int64
	uncited int // records counted without an ID (press items)
}

func (t *tally) add(id, amount int64) {
	t.total += amount
	if n := len(t.ids); n == 0 || t.ids[n-1] != id {
		t.ids = append(t.ids, id)
	}
}

func (t *tally) addItem(b ttdn.Breakdown, item string, id, amount int64) {
	if item == "" {
		return
	}
	if t.items == nil {
		t.items = map[ttdn.Breakdown][]*itemTally{}
	}
	for _, it := range t.items[b] {
		if it.item == item {
			it.value += amount
			if n := len(it.ids); n == 0 || it.ids[n-1] != id {
				it.ids = append(it.ids, id)
			}
			return
		}
	}
	t.items[b] = append(t.items[b], &itemTally{item: item, value: amount, ids: []int64{id}})
}

// addUncited adds amount to a breakdown item for a record whose ID the
// report does not carry.
func (t *tally) addUncited(b ttdn.Breakdown, item string, amount int64) {
	if item == "" {
		return
	}
	if t.items == nil {
		t.items = map[ttdn.Breakdown][]*itemTally{}
	}
	for _, it := range t.items[b] {
		if it.item == item {
			it.value += amount
			it.uncited++
			return
		}
	}
	t.items[b] = append(t.items[b], &itemTally{item: item, value: amount, uncited: 1})
}

// activityRule counts one activity into a tally; what names the records
// counted in the source text.
type activityRule struct {
	what  string
	apply func(env *prefillEnv, a *ttdn.Activity, t *tally)
}

func media(a *ttdn.Activity, formats ...ttdn.MediaFormat) *ttdn.MediaDetails {
	d, ok := a.Details.(*ttdn.MediaDetails)
	if !ok {
		return nil
	}
	for _, f := range formats {
		if d.Format == f {
			return d
		}
	}
	return nil
}

func (env *prefillEnv) channelName(id int64) string {
	if c := env.channels[id]; c != nil {
		return c.Name
	}
	return ""
}

// topic is a training's topic, else the activity's first theme.
func (env *prefillEnv) topic(a *ttdn.Activity) string {
	if d, ok := a.Details.(*ttdn.TrainingDetails); ok && strings.TrimSpace(d.Topic) != "" {
		return strings.TrimSpace(d.Topic)
	}
	if len(a.Themes) > 0 {
		if name := env.themes[a.Themes[0]]; name != "" {
			return name
		}
		return a.Themes[0]
	}
	return ""
}

var activityRules = map[string]activityRule{
	ttdn.SourceArticles: {"tin, bài và bài đăng cổng thông tin", func(env *prefillEnv, a *ttdn.Activity, t *tally) {
		if d := media(a, ttdn.FormatArticle); d != nil {
			t.add(a.ID, 1)
			t.addItem(ttdn.ByChannel, env.channelName(d.ChannelID), a.ID, 1)
			t.addItem(ttdn.ByLanguage, d.Language, a.ID, 1)
		} else if d, ok := a.Details.(*ttdn.PortalPostDetails); ok {
			t.add(a.ID, 1)
			t.addItem(ttdn.ByChannel, env.channelName(d.ChannelID), a.ID, 1)
		}
	}},
	ttdn.SourceProgrammes: {"chương trình, chuyên mục phát thanh, truyền hình", func(env *prefillEnv, a *ttdn.Activity, t *tally) {
		if d := media(a, ttdn.FormatProgramme, ttdn.FormatColumn); d != nil {
			t.add(a.ID, 1)
			t.addItem(ttdn.ByChannel, env.channelName(d.ChannelID), a.ID, 1)
			t.addItem(ttdn.ByLanguage, d.Language, a.ID, 1)
		}
	}},
	ttdn.SourceMinutes: {"chương trình phát sóng (tổng số phút)", func(env *prefillEnv, a *ttdn.Activity, t *tally) {
		if d := media(a, ttdn.FormatProgramme, ttdn.FormatColumn); d != nil && d.Minutes > 0 {
			t.add(a.ID, int64(d.Minutes))
			t.addItem(ttdn.ByChannel, env.channelName(d.ChannelID), a.ID, int64(d.Minutes))
		}
	}},
	ttdn.SourcePressConferences: countType("họp báo", ttdn.ActivityPressConference),
	ttdn.SourcePressBriefings:   countType("lượt cung cấp thông tin cho báo chí", ttdn.ActivityPressBriefing),
	ttdn.SourceTrainings:        countType("lớp tập huấn", ttdn.ActivityTraining),
	ttdn.SourceAttendees: {"lớp tập huấn (tổng số người dự)", func(env *prefillEnv, a *ttdn.Activity, t *tally) {
		if d, ok := a.Details.(*ttdn.TrainingDetails); ok {
			n := int64(d.Attendees())
			t.add(a.ID, n)
			t.addItem(ttdn.ByTopic, env.topic(a), a.ID, n)
		}
	}},
	ttdn.SourceDelegations: countType("đoàn phóng viên nước ngoài", ttdn.ActivityDelegation),
	ttdn.SourceReporters: {"đoàn phóng viên nước ngoài (tổng số thành viên)", func(env *prefillEnv, a *ttdn.Activity, t *tally) {
		if d, ok := a.Details.(*ttdn.DelegationDetails); ok {
			t.add(a.ID, int64(len(d.Members)))
			for _, m := range d.Members {
				t.addItem(ttdn.ByCountry, m.Nationality, a.ID, 1)
			}
		}
	}},
	ttdn.SourceDelegationPieces: {"đoàn phóng viên nước ngoài (tin, bài đã đăng)", func(env *prefillEnv, a *ttdn.Activity, t *tally) {
		if d, ok := a.Details.(*ttdn.DelegationDetails); ok {
			t.add(a.ID, int64(d.Articles))
		}
	}},
	ttdn.SourcePubTitles: {"ấn phẩm (số đầu ấn phẩm)", func(env *prefillEnv, a *ttdn.Activity, t *tally) {
		if d, ok := a.Details.(*ttdn.PublicationDetails); ok {
			t.add(a.ID, int64(len(d.Titles)))
			for _, l := range d.Languages {
				t.addItem(ttdn.ByLanguage, l, a.ID, int64(len(d.Titles)))
			}
		}
	}},
	ttdn.SourcePubCopies: {"ấn phẩm (tổng số bản)", func(env *prefillEnv, a *ttdn.Activity, t *tally) {
		if d, ok := a.Details.(*ttdn.PublicationDetails); ok {
			t.add(a.ID, int64(d.Copies))
			for _, l := range d.Languages {
				t.addItem(ttdn.ByLanguage, l, a.ID, int64(d.Copies))
			}
		}
	}},
	ttdn.SourceEvents: countType("sự kiện, hội chợ, triển lãm, hội thảo", ttdn.ActivityFair, ttdn.ActivityExhibition,
		ttdn.ActivityConference, ttdn.ActivityCultural),
	ttdn.SourceCluster: {"tin, bài đăng tại Cụm thông tin đối ngoại", func(env *prefillEnv, a *ttdn.Activity, t *tally) {
		if c := env.channels[a.ChannelID()]; c != nil && c.Kind == ttdn.ChannelCluster {
			t.add(a.ID, 1)
			t.addItem(ttdn.ByChannel, c.Name, a.ID, 1)
		}
	}},
}

// countType counts activities of the types, split by topic and country
// where the activity has them.
func countType(what string, types ...ttdn.ActivityType) activityRule {
	return activityRule{what, func(env *prefillEnv, a *ttdn.Activity, t *tally) {
		for _, typ := range types {
			if a.Type != typ {
				continue
			}
			t.add(a.ID, 1)
			t.addItem(ttdn.ByTopic, env.topic(a), a.ID, 1)
			if d, ok := a.Details.(*ttdn.EventDetails); ok {
				t.addItem(ttdn.ByCountry, d.Country, a.ID, 1)
			}
			if d, ok := a.Details.(*ttdn.DelegationDetails); ok {
				for _, c := range d.Nationalities() {
					t.addItem(ttdn.ByCountry, c, a.ID, 1)
				}
			}
		}
	}}
}

// window returns the period's window as the source texts write it.
func window(rp *ttdn.ReportPeriod) string {
	return fmt.Sprintf("từ %s đến %s", rp.CutOffFrom, rp.CutOffTo)
}

// reportingUnits returns the units whose budget and press records count
// for unitID's report: the unit and the units below it, except those that
// are themselves expected to report in rp (and the units below them), so
// a record is counted in one report only and the consolidated sums add up.
func reportingUnits(ctx context.Context, tx *Tx, rp *ttdn.ReportPeriod, unitID int64) ([]int64, error) {
	sub, err := unitSubtree(ctx, tx, unitID)
	if err != nil {
		return nil, err
	}
	excluded := map[int64]bool{}
	for _, id := range sub {
		if id == unitID || excluded[id] || !slices.Contains(rp.ExpectedUnitIDs, id) {
			continue
		}
		below, err := unitSubtree(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		for _, b := range below {
			excluded[b] = true
		}
	}
	out := []int64{unitID}
	for _, id := range sub {
		if id != unitID && !excluded[id] {
			out = append(out, id)
		}
	}
	return out, nil
}

// unitsText says which units a value counts when units below the
// reporting one are included.
func unitsText(units []int64) string {
	if len(units) <= 1 {
		return ""
	}
	return fmt.Sprintf(" (gồm %d đơn vị trực thuộc)", len(units)-1)
}
