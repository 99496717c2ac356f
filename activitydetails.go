package ttdn

import (
	"encoding/json"
	"strings"
)

// ActivityDetails is what only one type of activity has. Each type's struct
// validates itself; storage keeps it as JSON beside the common columns.
type ActivityDetails interface {
	Validate() error
	fits(t ActivityType) bool
}

// PressDetails describes a press conference or information given to the
// press.
type PressDetails struct {
	Speaker      string   `json:"speaker,omitempty"`      // who presided or spoke
	Spokesperson string   `json:"spokesperson,omitempty"` // the unit's người phát ngôn
	Outlets      []string `json:"outlets,omitempty"`      // press agencies attending
	Reporters    int      `json:"reporters"`              // number of reporters
}

func (d *PressDetails) fits(t ActivityType) bool {
	return t == ActivityPressConference || t == ActivityPressBriefing
}

// Validate checks the counts.
func (d *PressDetails) Validate() error {
	return nonNegative("số phóng viên", "reporters", d.Reporters)
}

// Attendance is how many people one unit sent to a training.
type Attendance struct {
	UnitID int64    `json:"unit_id"`
	Count  int      `json:"count"`
	Names  []string `json:"names,omitempty"`
}

// TrainingDetails describes a training course (tập huấn). ExpectedUnitIDs
// are the units invited; when empty, the units of the linked tasks are.
type TrainingDetails struct {
	Topic           string       `json:"topic"`
	Trainers        []string     `json:"trainers,omitempty"`
	Attendance      []Attendance `json:"attendance,omitempty"`
	ExpectedUnitIDs []int64      `json:"expected_unit_ids,omitempty"`
}

func (d *TrainingDetails) fits(t ActivityType) bool { return t == ActivityTraining }

// Validate checks the attendance rows.
func (d *TrainingDetails) Validate() error {
	seen := map[int64]bool{}
	for _, a := range d.Attendance {
		if a.UnitID == 0 {
			return Errorf(EINVALID, "Mỗi dòng điểm danh phải có đơn vị.", "Every attendance row needs a unit.")
		} else if seen[a.UnitID] {
			return Errorf(EINVALID, "Một đơn vị được điểm danh hai lần.", "A unit appears twice in the attendance.")
		} else if err := nonNegative("số người tham dự", "attendees", a.Count); err != nil {
			return err
		}
		seen[a.UnitID] = true
	}
	return nil
}

// Attendees returns the total number of people trained.
func (d *TrainingDetails) Attendees() int {
	n := 0
	for _, a := range d.Attendance {
		n += a.Count
	}
	return n
}

// Absent returns the units of expected that sent nobody, in expected's order.
func (d *TrainingDetails) Absent(expected []int64) []int64 {
	came := map[int64]bool{}
	for _, a := range d.Attendance {
		if a.Count > 0 || len(a.Names) > 0 {
			came[a.UnitID] = true
		}
	}
	var absent []int64
	for _, id := range expected {
		if !came[id] {
			absent = append(absent, id)
			came[id] = true // report each unit once
		}
	}
	return absent
}

// EventDetails describes a fair, an exhibition, an international conference
// or seminar, or a cultural and art programme.
type EventDetails struct {
	Country  string   `json:"country,omitempty"` // host country, "Việt Nam" when held at home
	Partners []string `json:"partners,omitempty"`
	Visitors int      `json:"visitors"`
}

func (d *EventDetails) fits(t ActivityType) bool {
	return t == ActivityFair || t == ActivityExhibition || t == ActivityConference || t == ActivityCultural
}

// Validate checks the counts.
func (d *EventDetails) Validate() error {
	return nonNegative("số khách tham quan", "visitors", d.Visitors)
}

// PublicationFormat is the medium of a publication.
type PublicationFormat string

// Publication formats the seed names (III.5 "tờ rơi, đĩa CD, DVD").
const (
	FormatLeaflet PublicationFormat = "leaflet"
	FormatBook    PublicationFormat = "book"
	FormatCD      PublicationFormat = "cd"
	FormatDVD     PublicationFormat = "dvd"
)

// PublicationDetails describes leaflets, books, CDs or DVDs produced and
// where they were distributed (e.g. border communes).
type PublicationDetails struct {
	Format            PublicationFormat `json:"format"`
	Titles            []string          `json:"titles"`
	Languages         []string          `json:"languages"`
	Copies            int               `json:"copies"`
	DistributionAreas []string          `json:"distribution_areas,omitempty"`
}

func (d *PublicationDetails) fits(t ActivityType) bool { return t == ActivityPublication }

// Validate checks the format, titles, languages and copies.
func (d *PublicationDetails) Validate() error {
	switch d.Format {
	case FormatLeaflet, FormatBook, FormatCD, FormatDVD:
	default:
		return Errorf(EINVALID, "Loại ấn phẩm %q không hợp lệ (tờ rơi, sách, CD, DVD).", "Unknown publication format %q (leaflet, book, cd, dvd).", d.Format)
	}
	if len(d.Titles) == 0 || strings.TrimSpace(d.Titles[0]) == "" {
		return Errorf(EINVALID, "Ấn phẩm phải có ít nhất một tên.", "A publication needs at least one title.")
	}
	if err := nonNegative("số bản", "copies", d.Copies); err != nil {
		return err
	}
	return validLanguages(d.Languages)
}

// MediaFormat is the form of a piece of media content.
type MediaFormat string

// Media formats.
const (
	FormatArticle   MediaFormat = "article"   // tin, bài
	FormatProgramme MediaFormat = "programme" // chương trình phát thanh, truyền hình
	FormatColumn    MediaFormat = "column"    // chuyên trang, chuyên mục
)

// MediaDetails describes an article, programme or column published on a
// channel. Minutes is the air time of radio and TV content.
type MediaDetails struct {
	Format      MediaFormat `json:"format"`
	ChannelID   int64       `json:"channel_id"`
	PublishedOn Date        `json:"published_on"`
	URL         string      `json:"url,omitempty"`
	Language    string      `json:"language"`
	Minutes     int         `json:"minutes,omitempty"`
}

func (d *MediaDetails) fits(t ActivityType) bool { return t == ActivityMedia }

// Validate checks the format, channel, address, language and minutes.
func (d *MediaDetails) Validate() error {
	if d.Format != FormatArticle && d.Format != FormatProgramme && d.Format != FormatColumn {
		return Errorf(EINVALID, "Hình thức %q không hợp lệ (tin bài, chương trình, chuyên mục).", "Unknown media format %q (article, programme, column).", d.Format)
	} else if d.ChannelID == 0 {
		return Errorf(EINVALID, "Phải chọn kênh đăng, phát.", "Choose the channel the content was published on.")
	} else if d.URL != "" && !validURL(d.URL) {
		return Errorf(EINVALID, "Địa chỉ %q không hợp lệ (cần bắt đầu bằng http:// hoặc https://).", "Invalid address %q (must start with http:// or https://).", d.URL)
	} else if err := nonNegative("số phút", "minutes", d.Minutes); err != nil {
		return err
	}
	return validLanguages([]string{d.Language})
}

// DelegationMember is one person in a press delegation.
type DelegationMember struct {
	Name        string `json:"name"`
	Nationality string `json:"nationality"`
	Outlet      string `json:"outlet,omitempty"`
}

// DelegationDetails describes a foreign press delegation received
// (incoming) or a delegation of the province's reporters abroad (outgoing).
// The activity's dates are the visit's.
type DelegationDetails struct {
	Incoming      bool               `json:"incoming"`
	Members       []DelegationMember `json:"members"`
	Outlets       []string           `json:"outlets,omitempty"`
	EscortUnitIDs []int64            `json:"escort_unit_ids,omitempty"`
	Articles      int                `json:"articles"` // articles produced after the visit
}

func (d *DelegationDetails) fits(t ActivityType) bool { return t == ActivityDelegation }

// Validate checks the members and the article count.
func (d *DelegationDetails) Validate() error {
	for _, m := range d.Members {
		if strings.TrimSpace(m.Name) == "" {
			return Errorf(EINVALID, "Thành viên đoàn phải có họ tên.", "Every delegation member needs a name.")
		}
	}
	return nonNegative("số tin bài", "articles", d.Articles)
}

// Nationalities returns the distinct nationalities of the members.
func (d *DelegationDetails) Nationalities() []string {
	var out []string
	seen := map[string]bool{}
	for _, m := range d.Members {
		if m.Nationality != "" && !seen[m.Nationality] {
			seen[m.Nationality] = true
			out = append(out, m.Nationality)
		}
	}
	return out
}

// PortalPostDetails describes a post on the provincial portal or a unit's.
type PortalPostDetails struct {
	ChannelID int64  `json:"channel_id"`
	URL       string `json:"url,omitempty"`
}

func (d *PortalPostDetails) fits(t ActivityType) bool { return t == ActivityPortalPost }

// Validate checks the portal and the address.
func (d *PortalPostDetails) Validate() error {
	if d.ChannelID == 0 {
		return Errorf(EINVALID, "Phải chọn cổng thông tin đã đăng bài.", "Choose the portal the post is on.")
	} else if d.URL != "" && !validURL(d.URL) {
		return Errorf(EINVALID, "Địa chỉ %q không hợp lệ (cần bắt đầu bằng http:// hoặc https://).", "Invalid address %q (must start with http:// or https://).", d.URL)
	}
	return nil
}

// NewActivityDetails returns an empty details struct of type t's kind.
func NewActivityDetails(t ActivityType) ActivityDetails {
	switch t {
	case ActivityPressConference, ActivityPressBriefing:
		return &PressDetails{}
	case ActivityTraining:
		return &TrainingDetails{}
	case ActivityFair, ActivityExhibition, ActivityConference, ActivityCultural:
		return &EventDetails{}
	case ActivityPublication:
		return &PublicationDetails{}
	case ActivityMedia:
		return &MediaDetails{}
	case ActivityDelegation:
		return &DelegationDetails{}
	case ActivityPortalPost:
		return &PortalPostDetails{}
	}
	return nil
}

// DecodeActivityDetails decodes JSON details of an activity of type t; empty
// or null JSON gives nil.
func DecodeActivityDetails(t ActivityType, raw []byte) (ActivityDetails, error) {
	if s := strings.TrimSpace(string(raw)); s == "" || s == "null" || s == "{}" {
		return nil, nil
	}
	d := NewActivityDetails(t)
	if d == nil {
		return nil, Errorf(EINVALID, "Loại hoạt động %q không hợp lệ.", "Unknown activity type %q.", t)
	}
	if err := json.Unmarshal(raw, d); err != nil {
		return nil, Errorf(EINVALID, "Thông tin chi tiết của hoạt động không đọc được: %v.", "The activity details cannot be read: %v.", err)
	}
	return d, nil
}

func nonNegative(vi, en string, n int) error {
	if n < 0 {
		// Explicit indices let each language pick its own noun.
		return Errorf(EINVALID, "Giá trị %[1]s không được âm (%[3]d).", "The number of %[2]s must not be negative (%[3]d).", vi, en, n)
	}
	return nil
}
