package http

import (
	"strconv"
	"strings"

	"ttdn"
)

// fieldError names the form field a value was refused for.
func fieldError(vi, en, value string) error {
	return ttdn.Errorf(ttdn.EINVALID, vi+" %q không hợp lệ.", en+" %q is not valid.", value)
}

// count reads a whole number; empty is 0.
func count(s, vi, en string) (int, error) {
	if s == "" {
		return 0, nil
	}
	n, err := strconv.Atoi(strings.ReplaceAll(s, ".", ""))
	if err != nil {
		return 0, fieldError(vi, en, s)
	}
	return n, nil
}

// ids reads select values as IDs.
func ids(values []string) ([]int64, error) {
	out := []int64{}
	for _, v := range values {
		if v == "" {
			continue
		}
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, fieldError("Mã", "ID", v)
		}
		out = append(out, id)
	}
	return out, nil
}

// commaList splits "vi, en, km" into its items.
func commaList(s string) []string {
	out := []string{}
	for _, p := range strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// activity turns the form into an activity, refusing what does not parse;
// the domain's Validate and storage check the rest.
func (f *activityForm) activity() (*ttdn.Activity, error) {
	start, err := ttdn.ParseDate(f.Start)
	if err != nil {
		return nil, err
	}
	end, err := ttdn.ParseDate(f.End)
	if err != nil {
		return nil, err
	}
	class, err := ttdn.ParseClassification(f.Classification)
	if err != nil {
		return nil, err
	}
	units, err1 := ids(f.Units)
	tasks, err2 := ids(f.Tasks)
	if err := firstErr(err1, err2); err != nil {
		return nil, err
	}
	a := &ttdn.Activity{ID: f.ID, Type: f.Type, Title: f.Title, Summary: f.Summary, StartDate: start, EndDate: end,
		Place: f.Place, UnitIDs: units, TaskIDs: tasks, Themes: append([]string{}, f.Themes...), Classification: class,
		Version: f.Version}
	a.Details, err = f.details()
	return a, err
}

// details builds the type's details from its fields.
func (f *activityForm) details() (ttdn.ActivityDetails, error) {
	switch f.Type {
	case ttdn.ActivityPressConference, ttdn.ActivityPressBriefing:
		n, err := count(f.Reporters, "Số phóng viên", "The number of reporters")
		return &ttdn.PressDetails{Speaker: f.Speaker, Spokesperson: f.Spokesperson, Outlets: lines(f.Outlets), Reporters: n}, err
	case ttdn.ActivityTraining:
		return f.training()
	case ttdn.ActivityFair, ttdn.ActivityExhibition, ttdn.ActivityConference, ttdn.ActivityCultural:
		n, err := count(f.Visitors, "Số khách", "The number of visitors")
		return &ttdn.EventDetails{Country: f.Country, Partners: lines(f.Partners), Visitors: n}, err
	case ttdn.ActivityPublication:
		n, err := count(f.Copies, "Số bản", "The number of copies")
		return &ttdn.PublicationDetails{Format: ttdn.PublicationFormat(f.PubFormat), Titles: lines(f.Titles),
			Languages: commaList(f.Languages), Copies: n, DistributionAreas: lines(f.Areas)}, err
	case ttdn.ActivityMedia:
		return f.media()
	case ttdn.ActivityDelegation:
		return f.delegation()
	case ttdn.ActivityPortalPost:
		ch, _ := strconv.ParseInt(f.Channel, 10, 64)
		return &ttdn.PortalPostDetails{ChannelID: ch, URL: f.URL}, nil
	}
	return nil, nil
}

func (f *activityForm) training() (ttdn.ActivityDetails, error) {
	expected, err := ids(f.Expected)
	if err != nil {
		return nil, err
	}
	d := &ttdn.TrainingDetails{Topic: f.Topic, Trainers: lines(f.Trainers), ExpectedUnitIDs: expected}
	for _, row := range f.Attendance {
		if row.Unit == "" && row.Count == "" && row.Names == "" {
			continue
		}
		id, err := strconv.ParseInt(row.Unit, 10, 64)
		if err != nil {
			return nil, ttdn.Errorf(ttdn.EINVALID, "Dòng điểm danh có số người %q nhưng chưa chọn đơn vị.", "An attendance row with count %q has no unit.", row.Count)
		}
		n, err := count(row.Count, "Số người tham dự", "The number of attendees")
		if err != nil {
			return nil, err
		}
		d.Attendance = append(d.Attendance, ttdn.Attendance{UnitID: id, Count: n, Names: commaList(row.Names)})
	}
	return d, nil
}

func (f *activityForm) media() (ttdn.ActivityDetails, error) {
	ch, _ := strconv.ParseInt(f.Channel, 10, 64)
	published, err := ttdn.ParseDate(f.PublishedOn)
	if err != nil {
		return nil, err
	}
	minutes, err := count(f.Minutes, "Số phút", "The minutes")
	lang := f.Language
	if lang == "" {
		lang = "vi"
	}
	return &ttdn.MediaDetails{Format: ttdn.MediaFormat(f.MediaFormat), ChannelID: ch, PublishedOn: published,
		URL: f.URL, Language: lang, Minutes: minutes}, err
}

// delegation reads members one per line: "name | nationality | outlet".
func (f *activityForm) delegation() (ttdn.ActivityDetails, error) {
	escorts, err := ids(f.Escorts)
	if err != nil {
		return nil, err
	}
	articles, err := count(f.Articles, "Số tin bài", "The number of articles")
	d := &ttdn.DelegationDetails{Incoming: f.Incoming != "false", EscortUnitIDs: escorts, Articles: articles}
	outlets := map[string]bool{}
	for _, line := range lines(f.Members) {
		parts := strings.Split(line, "|")
		m := ttdn.DelegationMember{Name: strings.TrimSpace(parts[0])}
		if len(parts) > 1 {
			m.Nationality = strings.TrimSpace(parts[1])
		}
		if len(parts) > 2 {
			m.Outlet = strings.TrimSpace(parts[2])
		}
		if m.Outlet != "" && !outlets[m.Outlet] {
			outlets[m.Outlet] = true
			d.Outlets = append(d.Outlets, m.Outlet)
		}
		d.Members = append(d.Members, m)
	}
	return d, err
}

// update is the form as an ActivityUpdate of every field.
func (f *activityForm) update() (ttdn.ActivityUpdate, error) {
	a, err := f.activity()
	if err != nil {
		return ttdn.ActivityUpdate{}, err
	}
	if err := a.Validate(); err != nil {
		return ttdn.ActivityUpdate{}, err
	}
	return ttdn.ActivityUpdate{Version: f.Version, Title: &a.Title, Summary: &a.Summary, StartDate: &a.StartDate,
		EndDate: &a.EndDate, Place: &a.Place, UnitIDs: &a.UnitIDs, TaskIDs: &a.TaskIDs, Themes: &a.Themes,
		Classification: &a.Classification, Details: &a.Details}, nil
}
