package ttdn

import (
	"context"
	"net/url"
	"strings"
	"time"
	"unicode/utf8"
)

// ResourcePublication names the public site's publications (issue 14 §2) in
// the policy and the audit log. Only a coordinator publishes.
const ResourcePublication ResourceKind = "publication"

// PublicationKind is the section of the public site an item appears in.
type PublicationKind string

// The public site's sections.
const (
	PublishedActivity PublicationKind = "activity" // họp báo, hội chợ, đoàn, sự kiện
	PublishedMaterial PublicationKind = "material" // ấn phẩm, tờ rơi, video
	PublishedRebuttal PublicationKind = "rebuttal" // phản bác thông tin sai sự thật
)

// PublicationKinds lists the sections in the order the site shows them.
var PublicationKinds = []PublicationKind{PublishedActivity, PublishedMaterial, PublishedRebuttal}

// Valid reports whether k is a known section.
func (k PublicationKind) Valid() bool {
	return k == PublishedActivity || k == PublishedMaterial || k == PublishedRebuttal
}

// KindOfActivity is the section an activity of type t goes to: publications
// and media are promotion material, everything else is an activity.
func KindOfActivity(t ActivityType) PublicationKind {
	if t == ActivityPublication || t == ActivityMedia {
		return PublishedMaterial
	}
	return PublishedActivity
}

// Public site languages: Vietnamese always, English and Khmer optional.
const (
	LangVI = "vi"
	LangEN = "en"
	LangKM = "km"
)

// PublicLanguages lists the site's languages, Vietnamese first.
var PublicLanguages = []string{LangVI, LangEN, LangKM}

// TranslationStatus says where a language version stands.
type TranslationStatus string

// Translation statuses (cần dịch, đã dịch, đã duyệt).
const (
	TranslationNeeded      TranslationStatus = "needed"
	TranslationDone        TranslationStatus = "translated"
	TranslationApproved    TranslationStatus = "approved"
	maxPublicTitleRunes                      = 300
	maxPublicTextBytes                       = 100000
	maxPublicLinkBytes                       = 2000
	translationStatusCount                   = 3
)

// TranslationStatuses lists the statuses in their order of progress.
var TranslationStatuses = [translationStatusCount]TranslationStatus{TranslationNeeded, TranslationDone, TranslationApproved}

// Valid reports whether s is a known status.
func (s TranslationStatus) Valid() bool {
	return s == TranslationNeeded || s == TranslationDone || s == TranslationApproved
}

// Shown reports whether a version in this status reaches readers: a
// version that still needs translating does not; the site falls back.
func (s TranslationStatus) Shown() bool { return s == TranslationDone || s == TranslationApproved }

// PublicationText is one language version of a publication.
type PublicationText struct {
	Lang    string            `json:"lang"`
	Title   string            `json:"title"`
	Summary string            `json:"summary"`
	Body    string            `json:"body"`
	Status  TranslationStatus `json:"status"`
}

// Publication is a snapshot of a public record the coordinator chose to
// show on the public site, with its language versions. The site shows it
// only while its source is still public: a source made internal or secret
// later leaves the site at once, without anyone unpublishing it.
type Publication struct {
	ID         int64             `json:"id,omitempty"`
	Kind       PublicationKind   `json:"kind"`
	SourceKind ResourceKind      `json:"source_kind"` // activity or case_response
	SourceID   int64             `json:"source_id"`
	Texts      []PublicationText `json:"texts"`
	// Activities: when and where (the events calendar), and a link to a
	// video or a download elsewhere.
	StartDate Date   `json:"start_date"`
	EndDate   Date   `json:"end_date"`
	Place     string `json:"place,omitempty"`
	LinkURL   string `json:"link_url,omitempty"`
	// Rebuttals: the claim reviewed, its verdict, where it appeared and
	// the organisation that reviewed it (ClaimReview).
	Claim    string  `json:"claim,omitempty"`
	Verdict  Verdict `json:"verdict,omitempty"`
	ClaimURL string  `json:"claim_url,omitempty"`
	Author   string  `json:"author"`
	// Files are the source activity's attachments offered as downloads.
	Files []PublicFile `json:"files,omitempty"`

	// Visible says whether the site shows it now: its source is still
	// public (the management list marks the others).
	Visible bool `json:"visible"`

	PublishedBy int64     `json:"published_by,omitempty"`
	PublishedAt time.Time `json:"published_at"`
	UpdatedAt   time.Time `json:"updated_at"`
	Version     int       `json:"version,omitempty"`
}

// PublicFile is a download of a published activity.
type PublicFile struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
}

// Text returns the version in lang a reader may see, and whether it is in
// that language; otherwise the Vietnamese one (fallback).
func (p *Publication) Text(lang string) (PublicationText, bool) {
	var vi PublicationText
	for _, t := range p.Texts {
		if t.Lang == lang && (lang == LangVI || t.Status.Shown()) {
			return t, true
		}
		if t.Lang == LangVI {
			vi = t
		}
	}
	return vi, false
}

// Langs returns the languages a reader sees the publication in.
func (p *Publication) Langs() []string {
	var out []string
	for _, l := range PublicLanguages {
		if _, ok := p.Text(l); ok {
			out = append(out, l)
		}
	}
	return out
}

// In returns the stored version in lang, or nil.
func (p *Publication) In(lang string) *PublicationText {
	for i := range p.Texts {
		if p.Texts[i].Lang == lang {
			return &p.Texts[i]
		}
	}
	return nil
}

// Validate checks the texts and the link. The Vietnamese version is
// required; the others are kept only when they have a title.
func (p *Publication) Validate() error {
	var kept []PublicationText
	for _, t := range p.Texts {
		t.Title, t.Summary, t.Body = strings.TrimSpace(t.Title), strings.TrimSpace(t.Summary), strings.TrimSpace(t.Body)
		if t.Lang != LangVI && t.Title == "" && t.Body == "" && t.Summary == "" {
			continue
		}
		if err := t.validate(); err != nil {
			return err
		}
		kept = append(kept, t)
	}
	p.Texts = kept
	if p.In(LangVI) == nil {
		return Errorf(EINVALID, "Bản tiếng Việt phải có tiêu đề.", "The Vietnamese version needs a title.").On("title_vi")
	}
	p.LinkURL = strings.TrimSpace(p.LinkURL)
	if p.LinkURL != "" && !webURL(p.LinkURL) {
		return Errorf(EINVALID, "Đường dẫn phải là địa chỉ web bắt đầu bằng http:// hoặc https://.",
			"The link must be a web address starting with http:// or https://.").On("link_url")
	}
	p.Author = strings.TrimSpace(p.Author)
	if p.Author == "" {
		return Errorf(EINVALID, "Hãy ghi cơ quan công bố.", "Name the publishing body.").On("author")
	}
	return nil
}

func (t *PublicationText) validate() error {
	field := func(f string) string { return f + "_" + t.Lang }
	switch {
	case t.Lang != LangVI && t.Lang != LangEN && t.Lang != LangKM:
		return Errorf(EINVALID, "Ngôn ngữ %q không được hỗ trợ (vi, en, km).", "Language %q is not supported (vi, en, km).", t.Lang)
	case t.Title == "":
		return Errorf(EINVALID, "Bản %s phải có tiêu đề.", "The %s version needs a title.", t.Lang).On(field("title"))
	case utf8.RuneCountInString(t.Title) > maxPublicTitleRunes:
		return Errorf(EINVALID, "Tiêu đề quá dài (tối đa 300 ký tự).", "The title is too long (at most 300 characters).").On(field("title"))
	case len(t.Summary)+len(t.Body) > maxPublicTextBytes:
		return Errorf(EINVALID, "Nội dung quá dài (tối đa 100.000 ký tự).", "The text is too long (at most 100,000 characters).").On(field("body"))
	case t.Lang == LangVI && t.Status != TranslationApproved:
		t.Status = TranslationApproved // the original is not a translation
	case !t.Status.Valid():
		return Errorf(EINVALID, "Hãy chọn tình trạng bản dịch.", "Choose the translation status.").On(field("status"))
	}
	return nil
}

func webURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" && len(s) <= maxPublicLinkBytes
}

// PublicationSource names the record to publish.
type PublicationSource struct {
	Kind ResourceKind // ResourceActivity or ResourceCaseResponse
	ID   int64
}

// PublicationUpdate changes a publication's texts and link at a version.
type PublicationUpdate struct {
	Version int
	Texts   []PublicationText
	LinkURL string
	Author  string
}

// PublicationFilter selects publications for the management list.
type PublicationFilter struct {
	Kind   PublicationKind
	Offset int
	Limit  int
}

// PublicationService is the coordinator's side: publish a public record,
// edit its language versions, unpublish it. Every step is audited.
type PublicationService interface {
	// Draft returns the publication a source would make, unsaved, for the
	// form; it refuses a source that cannot be published.
	DraftPublication(ctx context.Context, src PublicationSource) (*Publication, error)
	Publish(ctx context.Context, src PublicationSource, p *Publication) error
	UpdatePublication(ctx context.Context, id int64, upd PublicationUpdate) (*Publication, error)
	Unpublish(ctx context.Context, id int64, version int) error
	FindPublicationByID(ctx context.Context, id int64) (*Publication, error)
	FindPublications(ctx context.Context, f PublicationFilter) ([]*Publication, int, error)
	// FindPublicationBySource returns the publication of a record, or ENOTFOUND.
	FindPublicationBySource(ctx context.Context, src PublicationSource) (*Publication, error)
}

// PublicSite is the anonymous reader's side. It reads only publications
// whose source is public at the moment of reading, needs no user, and
// never reads anything else.
type PublicSite interface {
	// PublicStamp changes whenever what the site shows changes: the cache
	// key of rendered pages.
	PublicStamp(ctx context.Context) (string, error)
	PublicItems(ctx context.Context, kind PublicationKind) ([]*Publication, error)
	PublicItem(ctx context.Context, id int64) (*Publication, error)
	// PublicFile returns a download of a visible publication.
	PublicFile(ctx context.Context, pubID, fileID int64) (*PublicFile, []byte, error)
}
