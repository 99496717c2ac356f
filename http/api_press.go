package http

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"ttdn"
)

// apiPressRoutes registers press monitoring (issue 7) in the API: search
// and stories, the review queue and its triage, the digest's figures,
// sources and the watchlist with its re-apply — the same services and the
// same press policy as the pages.
func (s *Server) apiPressRoutes() {
	p := s.cfg.Press
	if p == nil {
		return
	}
	s.op("GET /api/v1/press/articles", s.apiPressSearch)
	s.op("GET /api/v1/press/articles/{id}", press(ttdn.ActionRead, ttdn.ResourceArticle, readOp(p.Articles.FindArticleByID)))
	s.op("GET /api/v1/press/stories/{id}", s.apiPressStory)
	s.op("GET /api/v1/press/reviews", s.apiPressReviews)
	s.op("GET /api/v1/press/reviews/{id}", readOp(p.Reviews.FindReviewByArticle))
	s.op("PATCH /api/v1/press/reviews/{id}", press(ttdn.ActionUpdate, ttdn.ResourcePressReview, editOp(s.apiPressReviewUpdate)))
	s.op("POST /api/v1/press/reviews/triage", press(ttdn.ActionUpdate, ttdn.ResourcePressReview, s.apiPressTriage))
	s.op("GET /api/v1/press/digest", s.apiPressDigest)
	s.op("GET /api/v1/press/sources", s.apiPressSources)
	s.op("POST /api/v1/press/sources", press(ttdn.ActionCreate, ttdn.ResourcePressSource, createOp("/api/v1/press/sources/{id}", s.apiPressSourceCreate)))
	s.op("GET /api/v1/press/sources/{id}", readOp(p.Sources.FindSourceByID))
	s.op("PATCH /api/v1/press/sources/{id}", press(ttdn.ActionUpdate, ttdn.ResourcePressSource, editOp(s.apiPressSourceUpdate)))
	s.op("GET /api/v1/press/watch-terms", s.apiWatchTerms)
	s.op("POST /api/v1/press/watch-terms", press(ttdn.ActionCreate, ttdn.ResourceWatchTerm, createOp("/api/v1/press/watch-terms/{id}", s.apiWatchTermCreate)))
	s.op("GET /api/v1/press/watch-terms/{id}", readOp(p.Watch.FindWatchTermByID))
	s.op("PATCH /api/v1/press/watch-terms/{id}", press(ttdn.ActionUpdate, ttdn.ResourceWatchTerm, editOp(s.apiWatchTermUpdate)))
	s.op("POST /api/v1/press/watch-terms/{id}/exclusions", press(ttdn.ActionUpdate, ttdn.ResourceWatchTerm, editOp(s.apiWatchTermExclude)))
	s.op("POST /api/v1/press/watch-terms/{id}/reapply", press(ttdn.ActionUpdate, ttdn.ResourceWatchTerm, s.apiWatchTermReapply))
	s.op("GET /api/v1/press/reapply-jobs/{id}", readOp(p.Watch.FindReapplyJob))
}

// press refuses, before reading the request, whoever the press policy does
// not let act on kind — the check the press pages make first.
func press(act ttdn.Action, kind ttdn.ResourceKind, op apiOp) apiOp {
	return func(r *http.Request) (*apiResult, error) {
		if !ttdn.Can(ttdn.UserFromContext(r.Context()), act, ttdn.PressResource(kind)) {
			return nil, ttdn.Errorf(ttdn.EFORBIDDEN, "Bạn không có quyền thực hiện thao tác này.", "You are not allowed to do this.")
		}
		return op(r)
	}
}

// apiPressSearch searches the articles with the search page's filters:
// q, from, to (YYYY-MM-DD), source, lang, origin (domestic, foreign),
// theme, term, tone, hits.
func (s *Server) apiPressSearch(r *http.Request) (*apiResult, error) {
	p, err := apiPage(r)
	if err != nil {
		return nil, err
	}
	_, err1 := queryDate(r, "from")
	_, err2 := queryDate(r, "to")
	if err := firstErr(err1, err2); err != nil {
		return nil, err
	}
	f, err := pressFilterFrom(r.URL.Query()).filter()
	if err != nil {
		return nil, err
	}
	f.Offset, f.Limit = p.offset, p.limit
	rows, total, err := s.cfg.Press.Articles.SearchArticles(r.Context(), f)
	if err != nil {
		return nil, err
	}
	return listOf(p, rows, total)
}

// apiPressStory is one story: the articles that tell it.
func (s *Server) apiPressStory(r *http.Request) (*apiResult, error) {
	id, err := apiPathID(r)
	if err != nil {
		return nil, err
	}
	p, err := apiPage(r)
	if err != nil {
		return nil, err
	}
	rows, total, err := s.cfg.Press.Articles.SearchArticles(r.Context(), ttdn.ArticleFilter{StoryID: &id, Offset: p.offset, Limit: p.limit})
	if err != nil {
		return nil, err
	} else if total == 0 {
		return nil, errNotFound
	}
	return listOf(p, rows, total)
}

// apiPressReviews is the review queue: status (new, reviewed, dismissed),
// needs_action, min_priority, theme.
func (s *Server) apiPressReviews(r *http.Request) (*apiResult, error) {
	p, err := apiPage(r)
	if err != nil {
		return nil, err
	}
	prio, err := queryInt(r, "min_priority")
	if err != nil {
		return nil, err
	}
	f := ttdn.ReviewFilter{Status: queryStr[ttdn.ReviewStatus](r, "status"), Theme: queryStr[string](r, "theme"), Offset: p.offset, Limit: p.limit}
	if f.Status != nil && !f.Status.Valid() {
		return nil, apiField("status", ttdn.Errorf(ttdn.EINVALID, "Trạng thái %q không hợp lệ.", "Invalid status %q.", *f.Status))
	}
	if prio != nil {
		f.MinPriority = *prio
	}
	if v := r.URL.Query().Get("needs_action"); v != "" {
		yes := v == "true"
		f.NeedsAction = &yes
	}
	rows, total, err := s.cfg.Press.Reviews.FindReviews(r.Context(), f)
	if err != nil {
		return nil, err
	}
	return listOf(p, rows, total)
}

type reviewPatch struct {
	Status      *ttdn.ReviewStatus `json:"status"`
	Tone        *ttdn.Tone         `json:"tone"`
	Relevance   *ttdn.Relevance    `json:"relevance"`
	NeedsAction *bool              `json:"needs_action"`
	Note        *string            `json:"note"`
}

func (s *Server) apiPressReviewUpdate(ctx context.Context, id int64, version int, in *reviewPatch) (*ttdn.Review, error) {
	return s.cfg.Press.Reviews.UpdateReview(ctx, id, ttdn.ReviewUpdate{Version: version, Status: in.Status, Tone: in.Tone,
		Relevance: in.Relevance, NeedsAction: in.NeedsAction, Note: in.Note})
}

type triageInput struct {
	Triage ttdn.Triage `json:"triage"`
	Items  []struct {
		ArticleID int64 `json:"article_id"`
		Version   int   `json:"version"`
	} `json:"items"`
}

// apiPressTriage judges many queued articles at once; each carries the
// version the reviewer saw, and a stale one is reported, not overwritten.
func (s *Server) apiPressTriage(r *http.Request) (*apiResult, error) {
	var in triageInput
	if err := decodeJSON(r, &in); err != nil {
		return nil, err
	}
	if len(in.Items) > ttdn.MaxTriage {
		return nil, apiField("items", ttdn.Errorf(ttdn.EINVALID, "Mỗi lần chỉ đánh giá được tối đa %d tin bài.", "At most %d articles can be judged at once.", ttdn.MaxTriage))
	}
	refs := make([]ttdn.ReviewRef, len(in.Items))
	for i, it := range in.Items {
		refs[i] = ttdn.ReviewRef{ArticleID: it.ArticleID, Version: it.Version}
	}
	res, err := s.cfg.Press.Reviews.TriageReviews(r.Context(), refs, in.Triage)
	if err != nil {
		return nil, err
	}
	res.Updated = nonNil(res.Updated)
	return ok(res, 0)
}

// apiPressDigest is the digest's figures: kind (daily, weekly) and day
// (YYYY-MM-DD, today by default).
func (s *Server) apiPressDigest(r *http.Request) (*apiResult, error) {
	if _, err := queryDate(r, "day"); err != nil {
		return nil, err
	}
	kind, day, _, err := s.digestQuery(r.URL.Query())
	if err != nil {
		return nil, err
	}
	return okOrErr(s.cfg.Press.Digests.PressDigest(r.Context(), kind, day))
}

func okOrErr[T any](v T, err error) (*apiResult, error) {
	if err != nil {
		return nil, err
	}
	return ok(v, recordVersion(v))
}

func (s *Server) apiPressSources(r *http.Request) (*apiResult, error) {
	p, err := apiPage(r)
	if err != nil {
		return nil, err
	}
	f := ttdn.SourceFilter{Failing: r.URL.Query().Get("failing") == "true", Offset: p.offset, Limit: p.limit}
	for name, dst := range map[string]**bool{"enabled": &f.Enabled, "foreign": &f.Foreign} {
		if v := r.URL.Query().Get(name); v != "" {
			b := v == "true"
			*dst = &b
		}
	}
	rows, total, err := s.cfg.Press.Sources.FindSources(r.Context(), f)
	if err != nil {
		return nil, err
	}
	return listOf(p, rows, total)
}

type sourceInput struct {
	Name        string `json:"name"`
	Outlet      string `json:"outlet"`
	Country     string `json:"country"`
	Language    string `json:"language"`
	Foreign     bool   `json:"foreign"`
	FeedURL     string `json:"feed_url"`
	UnitID      int64  `json:"unit_id"`
	PollMinutes int    `json:"poll_minutes"`
	Enabled     *bool  `json:"enabled"`
}

// apiPressSourceCreate adds a source; the feed URL passes the same guard
// as on the page (no internal addresses).
func (s *Server) apiPressSourceCreate(ctx context.Context, in *sourceInput) (*ttdn.Source, error) {
	src := &ttdn.Source{Name: strings.TrimSpace(in.Name), Outlet: strings.TrimSpace(in.Outlet), Country: strings.ToUpper(strings.TrimSpace(in.Country)),
		Language: strings.TrimSpace(in.Language), Foreign: in.Foreign, FeedURL: strings.TrimSpace(in.FeedURL), UnitID: in.UnitID,
		PollMinutes: in.PollMinutes, Enabled: in.Enabled == nil || *in.Enabled}
	if src.Country == "" {
		src.Country = "VN"
	}
	if src.Language == "" {
		src.Language = "vi"
	}
	if src.FeedURL != "" {
		if err := s.checkFeedURL(ctx, src.FeedURL); err != nil {
			return nil, apiField("feed_url", err)
		}
	}
	if err := s.cfg.Press.Sources.CreateSource(ctx, src); err != nil {
		return nil, err
	}
	return s.cfg.Press.Sources.FindSourceByID(ctx, src.ID)
}

type sourcePatch struct {
	Name        *string `json:"name"`
	Outlet      *string `json:"outlet"`
	Country     *string `json:"country"`
	Language    *string `json:"language"`
	Foreign     *bool   `json:"foreign"`
	FeedURL     *string `json:"feed_url"`
	UnitID      *int64  `json:"unit_id"`
	PollMinutes *int    `json:"poll_minutes"`
	Enabled     *bool   `json:"enabled"`
}

func (s *Server) apiPressSourceUpdate(ctx context.Context, id int64, version int, in *sourcePatch) (*ttdn.Source, error) {
	if in.FeedURL != nil && strings.TrimSpace(*in.FeedURL) != "" {
		if err := s.checkFeedURL(ctx, strings.TrimSpace(*in.FeedURL)); err != nil {
			return nil, apiField("feed_url", err)
		}
	}
	return s.cfg.Press.Sources.UpdateSource(ctx, id, ttdn.SourceUpdate{Version: version, Name: in.Name, Outlet: in.Outlet,
		Country: in.Country, Language: in.Language, Foreign: in.Foreign, FeedURL: in.FeedURL, UnitID: in.UnitID,
		PollMinutes: in.PollMinutes, Enabled: in.Enabled})
}

func (s *Server) apiWatchTerms(r *http.Request) (*apiResult, error) {
	rows, err := s.cfg.Press.Watch.FindWatchTerms(r.Context())
	if err != nil {
		return nil, err
	}
	return ok(map[string]any{"items": nonNil(rows)}, 0)
}

type watchTermInput struct {
	Code     string   `json:"code"`
	Name     string   `json:"name"`
	Aliases  []string `json:"aliases"`
	Kind     string   `json:"kind"`
	Priority int      `json:"priority"`
	Themes   []string `json:"themes"`
	Folded   bool     `json:"folded"`
	Exclude  []string `json:"exclude"`
	Context  []string `json:"context"`
	Within   int      `json:"within"`
	Enabled  *bool    `json:"enabled"`
}

func (s *Server) apiWatchTermCreate(ctx context.Context, in *watchTermInput) (*ttdn.WatchTerm, error) {
	t := &ttdn.WatchTerm{Code: strings.TrimSpace(in.Code), Name: strings.TrimSpace(in.Name), Aliases: in.Aliases, Kind: in.Kind,
		Priority: in.Priority, Themes: in.Themes, Folded: in.Folded, Exclude: in.Exclude, Context: in.Context, Within: in.Within,
		Enabled: in.Enabled == nil || *in.Enabled}
	if t.Kind == "" {
		t.Kind = "topic"
	}
	if err := s.cfg.Press.Watch.CreateWatchTerm(ctx, t); err != nil {
		return nil, err
	}
	return s.cfg.Press.Watch.FindWatchTermByID(ctx, t.ID)
}

type watchTermPatch struct {
	Name     *string   `json:"name"`
	Aliases  *[]string `json:"aliases"`
	Kind     *string   `json:"kind"`
	Priority *int      `json:"priority"`
	Themes   *[]string `json:"themes"`
	Folded   *bool     `json:"folded"`
	Exclude  *[]string `json:"exclude"`
	Context  *[]string `json:"context"`
	Within   *int      `json:"within"`
	Enabled  *bool     `json:"enabled"`
}

func (s *Server) apiWatchTermUpdate(ctx context.Context, id int64, version int, in *watchTermPatch) (*ttdn.WatchTerm, error) {
	return s.cfg.Press.Watch.UpdateWatchTerm(ctx, id, ttdn.WatchTermUpdate{Version: version, Name: in.Name, Aliases: in.Aliases,
		Kind: in.Kind, Priority: in.Priority, Themes: in.Themes, Folded: in.Folded, Exclude: in.Exclude, Context: in.Context,
		Within: in.Within, Enabled: in.Enabled})
}

type exclusionInput struct {
	Phrase string `json:"phrase"`
}

// apiWatchTermExclude teaches a term a phrase it must not match (from a
// dismissed hit); re-applying it is a separate call.
func (s *Server) apiWatchTermExclude(ctx context.Context, id int64, version int, in *exclusionInput) (*ttdn.WatchTerm, error) {
	phrase := strings.TrimSpace(in.Phrase)
	if phrase == "" {
		return nil, apiField("phrase", ttdn.Errorf(ttdn.EINVALID, "Hãy chọn hoặc nhập cụm từ loại trừ.", "Choose or type the phrase to exclude."))
	}
	t, err := s.cfg.Press.Watch.FindWatchTermByID(ctx, id)
	if err != nil || slices.Contains(t.Exclude, phrase) {
		return t, err
	}
	exclude := append(slices.Clone(t.Exclude), phrase)
	return s.cfg.Press.Watch.UpdateWatchTerm(ctx, id, ttdn.WatchTermUpdate{Exclude: &exclude, Version: version})
}

type reapplyInput struct {
	Days int `json:"days"` // 0: every stored article
}

// apiWatchTermReapply starts matching the term again against the stored
// articles (all, or those of the last days) and answers 202 with the job,
// as the page does after waiting a moment for a small one to finish; GET
// /press/reapply-jobs/{id} follows it.
func (s *Server) apiWatchTermReapply(r *http.Request) (*apiResult, error) {
	id, err := apiPathID(r)
	if err != nil {
		return nil, err
	}
	var in reapplyInput
	if err := decodeJSON(r, &in); err != nil {
		return nil, err
	}
	var since time.Time
	if in.Days < 0 || in.Days > 3660 {
		return nil, apiField("days", ttdn.Errorf(ttdn.EINVALID, "Số ngày áp dụng lại phải từ 1 đến 3660, hoặc 0 để áp dụng cho mọi tin bài.",
			"The number of days to re-apply must be 1 to 3660, or 0 for every stored article."))
	} else if in.Days > 0 {
		since = s.now().Add(-time.Duration(in.Days) * 24 * time.Hour)
	}
	job, err := s.cfg.Press.Watch.StartReapply(r.Context(), id, since)
	if err != nil {
		return nil, err
	}
	s.runReapply(r, job)
	if cur, err := s.cfg.Press.Watch.FindReapplyJob(r.Context(), job.ID); err == nil {
		job = cur
	}
	return &apiResult{status: http.StatusAccepted, body: job, location: "/api/v1/press/reapply-jobs/" + itoa(job.ID)}, nil
}
