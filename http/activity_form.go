package http

import (
	"net/http"
	"strconv"
	"strings"

	"ttdn"
)

// activityForm is an activity's form exactly as typed: the common fields,
// then the fields of its type. Lists typed one per line stay text until
// saved, so nothing the user wrote is reshaped on an error.
type activityForm struct {
	ID             int64
	Version        int
	Type           ttdn.ActivityType
	Title, Summary string
	Start, End     string
	Place          string
	Units          []string // unit IDs, organiser first
	Tasks          []string // task IDs
	Themes         []string // theme codes
	Classification string
	Conflict       bool

	Speaker, Spokesperson, Outlets, Reporters   string // press conference, briefing
	Topic, Trainers                             string // training
	Attendance                                  []attendanceRow
	Expected                                    []string
	Country, Partners, Visitors                 string // fair, exhibition, conference, cultural
	PubFormat, Titles, Languages, Copies, Areas string // publication
	MediaFormat, Channel, PublishedOn, URL      string // media content, portal post
	Language, Minutes                           string
	Incoming, Members, Articles                 string // press delegation
	Escorts                                     []string

	opts *activityOptions
}

// attendanceRow is one line of a training's attendance table.
type attendanceRow struct {
	Unit, Count, Names string
}

// blankAttendance is how many empty attendance rows the form offers
// beyond the filled ones (the form works without JavaScript).
const blankAttendance = 6

func newActivityForm(a *ttdn.Activity) *activityForm {
	f := &activityForm{ID: a.ID, Version: a.Version, Type: a.Type, Title: a.Title, Summary: a.Summary,
		Start: a.StartDate.String(), End: a.EndDate.String(), Place: a.Place, Units: idStrings(a.UnitIDs),
		Tasks: idStrings(a.TaskIDs), Themes: a.Themes, Classification: a.Classification.String()}
	f.setDetails(a.Details)
	f.padAttendance()
	return f
}

func idStrings(ids []int64) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = itoa(id)
	}
	return out
}

// setDetails copies the type's details into the form's fields.
func (f *activityForm) setDetails(d ttdn.ActivityDetails) {
	switch d := d.(type) {
	case *ttdn.PressDetails:
		f.Speaker, f.Spokesperson, f.Outlets, f.Reporters = d.Speaker, d.Spokesperson, strings.Join(d.Outlets, "\n"), strconv.Itoa(d.Reporters)
	case *ttdn.TrainingDetails:
		f.Topic, f.Trainers, f.Expected = d.Topic, strings.Join(d.Trainers, "\n"), idStrings(d.ExpectedUnitIDs)
		for _, a := range d.Attendance {
			f.Attendance = append(f.Attendance, attendanceRow{itoa(a.UnitID), strconv.Itoa(a.Count), strings.Join(a.Names, "; ")})
		}
	case *ttdn.EventDetails:
		f.Country, f.Partners, f.Visitors = d.Country, strings.Join(d.Partners, "\n"), strconv.Itoa(d.Visitors)
	case *ttdn.PublicationDetails:
		f.PubFormat, f.Titles, f.Languages = string(d.Format), strings.Join(d.Titles, "\n"), strings.Join(d.Languages, ", ")
		f.Copies, f.Areas = strconv.Itoa(d.Copies), strings.Join(d.DistributionAreas, "\n")
	case *ttdn.MediaDetails:
		f.MediaFormat, f.Channel, f.PublishedOn, f.URL = string(d.Format), itoa(d.ChannelID), d.PublishedOn.String(), d.URL
		f.Language, f.Minutes = d.Language, strconv.Itoa(d.Minutes)
	case *ttdn.DelegationDetails:
		f.Incoming, f.Articles, f.Escorts = strconv.FormatBool(d.Incoming), strconv.Itoa(d.Articles), idStrings(d.EscortUnitIDs)
		var b strings.Builder
		for _, m := range d.Members {
			b.WriteString(m.Name + " | " + m.Nationality + " | " + m.Outlet + "\n")
		}
		f.Members = b.String()
	case *ttdn.PortalPostDetails:
		f.Channel, f.URL = itoa(d.ChannelID), d.URL
	}
}

func (f *activityForm) padAttendance() {
	for i := 0; i < blankAttendance; i++ {
		f.Attendance = append(f.Attendance, attendanceRow{})
	}
}

// activityFormFrom reads the posted form.
func activityFormFrom(r *http.Request, id int64) *activityForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	f := &activityForm{ID: id, Type: ttdn.ActivityType(v("type")), Title: v("title"), Summary: v("summary"),
		Start: v("start"), End: v("end"), Place: v("place"), Units: r.PostForm["units"], Tasks: r.PostForm["tasks"],
		Themes: r.PostForm["themes"], Classification: v("classification"),
		Speaker: v("speaker"), Spokesperson: v("spokesperson"), Outlets: v("outlets"), Reporters: v("reporters"),
		Topic: v("topic"), Trainers: v("trainers"), Expected: r.PostForm["expected"],
		Country: v("country"), Partners: v("partners"), Visitors: v("visitors"),
		PubFormat: v("pub_format"), Titles: v("titles"), Languages: v("languages"), Copies: v("copies"), Areas: v("areas"),
		MediaFormat: v("media_format"), Channel: v("channel"), PublishedOn: v("published_on"), URL: v("url"),
		Language: v("language"), Minutes: v("minutes"),
		Incoming: v("incoming"), Members: v("members"), Articles: v("articles"), Escorts: r.PostForm["escorts"]}
	f.Version, _ = strconv.Atoi(v("version"))
	units, counts, names := r.PostForm["att_unit"], r.PostForm["att_count"], r.PostForm["att_names"]
	for i := range units {
		row := attendanceRow{Unit: units[i]}
		if i < len(counts) {
			row.Count = strings.TrimSpace(counts[i])
		}
		if i < len(names) {
			row.Names = strings.TrimSpace(names[i])
		}
		if row.Unit != "" || row.Count != "" || row.Names != "" {
			f.Attendance = append(f.Attendance, row)
		}
	}
	f.padAttendance()
	return f
}
