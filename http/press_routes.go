package http

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"ttdn"
	"ttdn/feed"
)

// PressConfig wires press monitoring (issue 7: "theo dõi và tổng hợp dư
// luận báo chí trong và ngoài nước"). sqlstore.PressService implements
// every service; cmd/ttdn wires it once per field.
type PressConfig struct {
	Sources  ttdn.SourceService
	Articles ttdn.ArticleService
	Watch    ttdn.WatchTermService
	Reviews  ttdn.ReviewService
	Digests  ttdn.PressDigestService

	// ReadOPML and WriteOPML convert a source list (pressingest); they are
	// functions so that http does not import the ingest pipeline. Nil hides
	// OPML import and export.
	ReadOPML  func(r io.Reader) ([]*ttdn.Source, error)
	WriteOPML func(w io.Writer, title string, sources []*ttdn.Source) error
	// Imports records OPML imports; nil hides OPML import.
	Imports ttdn.SourceImportService

	// FeedGuard checks a feed URL when a source is added or changed; nil is
	// the default guard, which refuses every internal address. cmd/ttdn
	// builds it from --feed-allow-host, as it does the fetcher's.
	FeedGuard *feed.Guard
}

// checkFeedURL is the early check of a feed URL a person typed.
func (s *Server) checkFeedURL(ctx context.Context, raw string) error {
	g := s.cfg.Press.FeedGuard
	if g == nil {
		g = defaultFeedGuard
	}
	return g.CheckURL(ctx, raw)
}

var defaultFeedGuard = feed.MustGuard()

// registerPressRoutes registers the monitors' pages: search (their main
// page), stories, the review queue, the digest, sources and the watchlist.
// Without the services nothing is registered.
func (s *Server) registerPressRoutes(auth func(string, http.HandlerFunc)) {
	if s.cfg.Press == nil {
		return
	}
	auth("GET /press", s.handlePressSearch)
	auth("GET /press/stories/{id}", s.handlePressStory)
	auth("GET /press/articles/{id}", s.handlePressArticle)

	auth("GET /press/review", s.handlePressReview)
	auth("POST /press/review/{id}", s.handlePressReviewUpdate)
	auth("POST /press/review/bulk", s.handlePressReviewBulk)

	auth("GET /press/digest", s.handlePressDigest)
	auth("GET /press/digest/export/{format}", s.handlePressDigestExport)

	auth("GET /press/sources", s.handlePressSources)
	auth("GET /press/sources/new", s.handlePressSourceNewForm)
	auth("POST /press/sources/new", s.handlePressSourceCreate)
	auth("GET /press/sources/{id}/edit", s.handlePressSourceEditForm)
	auth("POST /press/sources/{id}/edit", s.handlePressSourceEdit)
	auth("POST /press/sources/{id}/enabled", s.handlePressSourceEnabled)
	auth("GET /press/sources/opml", s.handlePressOPMLExport)
	auth("POST /press/sources/opml", s.handlePressOPMLImport)
	auth("GET /press/source-imports/{id}", s.handlePressOPMLImportView)

	auth("GET /press/watch", s.handlePressWatchList)
	auth("GET /press/watch/new", s.handlePressWatchNewForm)
	auth("POST /press/watch/new", s.handlePressWatchCreate)
	auth("GET /press/watch/{id}/edit", s.handlePressWatchEditForm)
	auth("POST /press/watch/{id}/edit", s.handlePressWatchEdit)
	auth("POST /press/watch/{id}/reapply", s.handlePressWatchReapply)
	auth("POST /press/watch/{id}/exclude", s.handlePressWatchExclude)
	auth("GET /press/reapply/{id}", s.handlePressReapplyView)
}

// CanPress shows the press menu item to the roles that follow the press;
// the services decide again on every request.
func (p *page) CanPress() bool {
	return p.User != nil && ttdn.Can(p.User, ttdn.ActionRead, ttdn.PressResource(ttdn.ResourceArticle))
}

// CanManagePress shows the buttons that change sources, terms and reviews.
func (p *page) CanManagePress() bool {
	return p.User != nil && ttdn.Can(p.User, ttdn.ActionUpdate, ttdn.PressResource(ttdn.ResourceWatchTerm))
}

// requirePress refuses a user the policy keeps from act on press records
// of kind k before a form is shown or read, so such a user never learns
// what the form would have accepted; the services check again.
func (s *Server) requirePress(w http.ResponseWriter, r *http.Request, act ttdn.Action, k ttdn.ResourceKind) bool {
	if ttdn.Can(reqOf(r).user, act, ttdn.PressResource(k)) {
		return true
	}
	s.renderError(w, r, ttdn.Errorf(ttdn.EFORBIDDEN, "Bạn không có quyền thực hiện thao tác này.", "You are not allowed to do this."))
	return false
}

// toneLabel and friends translate the press enums for templates.
func (p *page) Tone(t ttdn.Tone) string { return label(p.Lang, "tone", t, string(t)) }

func (p *page) ReviewStatus(st ttdn.ReviewStatus) string {
	return translate(p.Lang, "press.status_"+string(st))
}

// IngestNote says in words what ingestion repaired in an item.
func (p *page) IngestNote(n ttdn.IngestNote) string {
	value := n.Value
	switch n.Kind {
	case "":
		return value // a note of a form this version does not know: as stored
	case ttdn.NoteDateOutOfRange:
		if t, err := time.Parse(time.RFC3339, value); err == nil {
			value = formatDateTime(t)
		}
	case ttdn.NoteTitleCut, ttdn.NoteSummaryCut:
		if b, err := strconv.ParseInt(value, 10, 64); err == nil {
			value = formatBytes(b)
		}
	}
	return translate(p.Lang, "press.note."+string(n.Kind), value)
}

// pressTab is one link of the press pages' sub-menu.
type pressTab struct {
	Href, Key string
	Current   bool
}

// PressTabs is the sub-menu every press page shows.
func (p *page) PressTabs() []pressTab {
	tabs := []pressTab{{"/press", "press.search_title", false}, {"/press/review", "press.review_title", false},
		{"/press/digest", "press.digest_title", false}, {"/press/watch", "press.watch_title", false},
		{"/press/sources", "press.sources_title", false}}
	path, _, _ := strings.Cut(p.Path, "?")
	if strings.HasPrefix(path, "/press/source-imports/") { // an OPML import belongs to the sources
		path = "/press/sources"
	}
	for i := len(tabs) - 1; i >= 0; i-- {
		if strings.HasPrefix(path, tabs[i].Href) && (i > 0 || path == "/press") {
			tabs[i].Current = true
			break
		}
	}
	return tabs
}
