package http

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"ttdn"
)

// caseNewView is the form that opens a case: from a press item or a story
// (their text shown, kept by the case) or by hand.
type caseNewView struct {
	Form            caseForm
	Item            *ttdn.Article // the item (or the story's first item) the case opens from
	Story           *ttdn.Story
	Existing        []*ttdn.Case // open cases of the same story
	Classifications []ttdn.Classification
	Platforms       []string
}

// caseForm is the form as typed.
type caseForm struct {
	Article, Story, Title, Claim, URL, Platform, SourceTitle, Summary string
	DetectedDate, DetectedTime, Classification                        string
	Touches                                                           bool
}

// casePlatforms are offered for a case opened by hand; any other may be
// typed.
var casePlatforms = []string{"Facebook", "YouTube", "TikTok", "Zalo", "X (Twitter)", "Telegram", "Trang tin điện tử", "Tờ rơi", "Video"}

// requireCaseOpen refuses the form to a user who may not open cases, before
// it is shown or read.
func (s *Server) requireCaseOpen(w http.ResponseWriter, r *http.Request) bool {
	p := &page{User: reqOf(r).user}
	if p.CanOpenCase() {
		return true
	}
	s.renderError(w, r, ttdn.Errorf(ttdn.EFORBIDDEN, "Bạn không có quyền mở vụ việc.", "You are not allowed to open a case."))
	return false
}

func (s *Server) handleCaseNewForm(w http.ResponseWriter, r *http.Request) {
	if !s.requireCaseOpen(w, r) {
		return
	}
	q := r.URL.Query()
	v := s.newCaseView(caseForm{Article: q.Get("article"), Story: q.Get("story"), Classification: ttdn.Internal.String()})
	if err := s.loadCaseItem(r, v); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "case_new", "case.new_title", v)
}

func (s *Server) newCaseView(f caseForm) *caseNewView {
	return &caseNewView{Form: f, Classifications: ttdn.Classifications, Platforms: casePlatforms}
}

// loadCaseItem shows the press item or story the form opens from, and the
// open cases of its story.
func (s *Server) loadCaseItem(r *http.Request, v *caseNewView) error {
	if s.cfg.Press == nil || v.Form.Article == "" && v.Form.Story == "" {
		v.Form.Article, v.Form.Story = "", ""
		return nil
	}
	ctx := r.Context()
	if id, err := strconv.ParseInt(v.Form.Article, 10, 64); err == nil {
		a, err := s.cfg.Press.Articles.FindArticleByID(ctx, id)
		if err != nil {
			return err
		}
		v.Item, v.Form.Story = a, ""
	} else if id, err := strconv.ParseInt(v.Form.Story, 10, 64); err == nil {
		stories, err := s.cfg.Press.Articles.FindStories(ctx, ttdn.StoryFilter{IDs: []int64{id}, Limit: 1})
		if err != nil {
			return err
		} else if len(stories) == 0 {
			return errNotFound
		}
		v.Story = stories[0]
		if v.Item, err = s.cfg.Press.Articles.FindArticleByID(ctx, id); err != nil && ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			return err
		}
	} else {
		return errNotFound
	}
	story := int64(0)
	if v.Item != nil {
		story = v.Item.StoryID
	} else if v.Story != nil {
		story = v.Story.ID
	}
	list, _, err := s.cfg.Cases.FindCases(ctx, ttdn.CaseFilter{StoryID: &story, OpenOnly: true, Limit: 5})
	v.Existing = list
	return err
}

func caseFormFrom(r *http.Request) caseForm {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	return caseForm{Article: v("article"), Story: v("story"), Title: v("title"), Claim: v("claim"), URL: v("url"),
		Platform: v("platform"), SourceTitle: v("source_title"), Summary: v("summary"), DetectedDate: v("detected_date"),
		DetectedTime: v("detected_time"), Classification: v("classification"), Touches: v("touches_secrets") == "1"}
}

// dateTimeFrom reads a Vietnam date (dd/mm/yyyy) and time (hh:mm); both
// empty is the zero time, a time without a date is refused.
func dateTimeFrom(date, clock string) (time.Time, error) {
	if date == "" && clock == "" {
		return time.Time{}, nil
	}
	d, err := ttdn.ParseDate(date)
	if err != nil {
		return time.Time{}, err
	} else if d.IsZero() {
		return time.Time{}, ttdn.Errorf(ttdn.EINVALID, "Hãy ghi ngày (ngày/tháng/năm) kèm giờ.", "Give the date (dd/mm/yyyy) with the time.")
	}
	at := d.Time(vietnam)
	if clock == "" {
		return at, nil
	}
	hm, err := time.Parse("15:04", clock)
	if err != nil {
		return time.Time{}, ttdn.Errorf(ttdn.EINVALID, "Giờ %q không hợp lệ (giờ:phút, ví dụ 14:30).", "Invalid time %q (hh:mm, e.g. 14:30).", clock)
	}
	return at.Add(time.Duration(hm.Hour())*time.Hour + time.Duration(hm.Minute())*time.Minute), nil
}

// toCase turns the form into a case to open.
func (f caseForm) toCase() (*ttdn.Case, error) {
	c := &ttdn.Case{Title: f.Title, Claim: f.Claim, TouchesSecrets: f.Touches}
	var err error
	if c.Classification, err = ttdn.ParseClassification(f.Classification); err != nil {
		return nil, err
	}
	if c.DetectedAt, err = dateTimeFrom(f.DetectedDate, f.DetectedTime); err != nil {
		return nil, err
	}
	if id, err := strconv.ParseInt(f.Article, 10, 64); err == nil {
		c.ArticleID = id
	} else if id, err := strconv.ParseInt(f.Story, 10, 64); err == nil {
		c.StoryID = id
	} else {
		c.Source = ttdn.CaseSource{URL: f.URL, Outlet: f.Platform, Title: f.SourceTitle, Summary: f.Summary}
	}
	return c, nil
}

func (s *Server) handleCaseCreate(w http.ResponseWriter, r *http.Request) {
	if !s.requireCaseOpen(w, r) {
		return
	}
	form := caseFormFrom(r)
	c, err := form.toCase()
	if err == nil {
		var files []*ttdn.Attachment
		if files, err = readEvidence(r); err == nil {
			err = s.cfg.Cases.OpenCase(r.Context(), c, files)
		}
	}
	if err != nil {
		v := s.newCaseView(form)
		if lerr := s.loadCaseItem(r, v); lerr != nil {
			s.renderError(w, r, lerr)
			return
		}
		s.renderWithError(w, r, err, "case_new", "case.new_title", v)
		return
	}
	s.redirectWithFlash(w, r, "/cases/"+itoa(c.ID), "flash.case_opened")
}
