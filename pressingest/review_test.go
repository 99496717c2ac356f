package pressingest_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"ttdn"
	"ttdn/document"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// sampleNow is a clock just after the news sample (1–14/11/2025).
var sampleNow = time.Date(2025, 11, 15, 3, 0, 0, 0, time.UTC)

func checkPreviewReapply(t *testing.T, in *ingested) {
	ctx := sqltest.SystemContext()
	in.db.Now = func() time.Time { return sampleNow }
	term := &ttdn.WatchTerm{Code: "lu-lut", Name: "lũ lụt", Aliases: []string{"mưa lũ"}, Kind: "topic",
		Priority: ttdn.PriorityNormal, Themes: []string{"moi-truong"}, Enabled: true}
	prev, total, err := in.store.PreviewWatchTerm(ctx, term, 30, 10)
	if err != nil {
		t.Fatal(err)
	}
	want := countPhrase(t, in, " lũ lụt ", " mưa lũ ")
	if total != want || len(prev) != min(10, want) || want == 0 {
		t.Fatalf("preview: %d (%d shown), reference %d", total, len(prev), want)
	}
	if !strings.Contains(strings.ToLower(prev[0].Snippet), "lũ") {
		t.Errorf("snippet %q", prev[0].Snippet)
	}
	if err := in.store.CreateWatchTerm(ctx, term); err != nil {
		t.Fatal(err)
	}
	since := sampleNow.AddDate(0, 0, -30)
	n, err := in.store.ReapplyWatchTerm(ctx, term.ID, since)
	if err != nil || n != want {
		t.Fatalf("re-apply: %d, %v; want %d", n, err, want)
	}
	id := term.ID
	found, _, _ := in.store.SearchArticles(ctx, ttdn.ArticleFilter{TermID: &id, Limit: 200})
	if len(found) != min(200, want) {
		t.Errorf("%d articles carry the term, want %d", len(found), want)
	}
	// Narrowed and re-applied: the hits follow.
	only := []string{}
	upd, err := in.store.UpdateWatchTerm(ctx, term.ID, ttdn.WatchTermUpdate{Aliases: &only, Version: term.Version})
	if err != nil {
		t.Fatal(err)
	}
	n2, err := in.store.ReapplyWatchTerm(ctx, upd.ID, since)
	if want2 := countPhrase(t, in, " lũ lụt "); err != nil || n2 != want2 || n2 >= n {
		t.Errorf("narrowed re-apply: %d, %v; want %d (< %d)", n2, err, want2, n)
	}
}

// countPhrase counts stored articles whose title or summary holds one of
// the phrases (space-delimited lower-case words, with their diacritics),
// with no clause punctuation between the words (issue 11).
func countPhrase(t *testing.T, in *ingested, phrases ...string) int {
	n := 0
	for _, a := range referenceArticles(t, in) {
		for _, p := range phrases {
			if (strings.Contains(clauseWords(a.Title), p) || strings.Contains(clauseWords(a.Summary), p)) &&
				!a.Published.Before(sampleNow.AddDate(0, 0, -30)) {
				n++
				break
			}
		}
	}
	return n
}

var wordOrPunct = regexp.MustCompile(`[\p{L}\p{Nd}\p{Mn}]+|[.,;:!?()…"“”|]`)

// clauseWords returns the lower-case NFC words of s joined by spaces, with
// " | " where punctuation stood, so a phrase never spans it.
func clauseWords(s string) string {
	out := " "
	for _, w := range wordOrPunct.FindAllString(norm.NFC.String(strings.ToLower(s)), -1) {
		if len(w) == 1 && !unicode.IsLetter(rune(w[0])) && !unicode.IsDigit(rune(w[0])) || w == "…" || w == "“" || w == "”" {
			w = "|"
		}
		out += w + " "
	}
	return out
}

func checkReviewAlerts(t *testing.T, in *ingested) {
	ctx := sqltest.SystemContext()
	monitor := sqltest.MustCreateUser(t, in.db, &ttdn.User{Username: "theo-doi", Name: "Theo dõi", Role: ttdn.RoleMonitor,
		Email: "theodoi@example.org"}, "")
	officer := sqltest.MustCreateUser(t, in.db, &ttdn.User{Username: "can-bo", Name: "Cán bộ", Role: ttdn.RoleCoordinator}, "")
	mctx := sqltest.UserContext(monitor)
	status := ttdn.ReviewNew
	queue, total, err := in.store.FindReviews(mctx, ttdn.ReviewFilter{Status: &status, Limit: 5})
	if err != nil || total == 0 || queue[0].Article == nil || len(queue[0].Hits) == 0 {
		t.Fatalf("queue: %d, %v", total, err)
	}
	r := queue[0]
	neg, yes := ttdn.ToneNegative, true
	got, err := in.store.UpdateReview(mctx, r.ArticleID, ttdn.ReviewUpdate{Tone: &neg, NeedsAction: &yes, Version: r.Version})
	if err != nil || got.Status != ttdn.ReviewDone || got.Tone != neg || got.ToneGuess != r.ToneGuess || got.ReviewerID != monitor.ID {
		t.Fatalf("review: %+v, %v", got, err)
	}
	if _, err := in.store.UpdateReview(mctx, r.ArticleID, ttdn.ReviewUpdate{Tone: &neg, Version: r.Version}); ttdn.ErrorCode(err) != ttdn.ECONFLICT {
		t.Errorf("stale review: %v", err)
	}
	if a, _ := in.store.FindArticleByID(mctx, r.ArticleID); a.Tone != neg {
		t.Errorf("article tone %s after review", a.Tone)
	}
	dismissed, reviewed, reopened := ttdn.ReviewDismissed, ttdn.ReviewDone, ttdn.ReviewNew
	d, err := in.store.UpdateReview(mctx, r.ArticleID, ttdn.ReviewUpdate{Status: &dismissed, Version: got.Version})
	if err != nil || d.Relevance != ttdn.RelevanceIrrelevant {
		t.Fatalf("dismiss: %+v %v", d, err)
	}
	if _, err := in.store.UpdateReview(mctx, r.ArticleID, ttdn.ReviewUpdate{Status: &reviewed, Version: d.Version}); ttdn.ErrorCode(err) != ttdn.EINVALID {
		t.Errorf("dismissed → reviewed allowed: %v", err)
	}
	if o, err := in.store.UpdateReview(mctx, r.ArticleID, ttdn.ReviewUpdate{Status: &reopened, Version: d.Version}); err != nil || o.Status != ttdn.ReviewNew {
		t.Errorf("reopen: %+v %v", o, err)
	}
	leader := &ttdn.User{ID: 999, Role: ttdn.RoleLeader}
	if _, err := in.store.UpdateReview(sqltest.UserContext(leader), r.ArticleID, ttdn.ReviewUpdate{Version: d.Version + 1}); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN {
		t.Errorf("a leader changed a review: %v", err)
	}
	// Alerts: one per high-priority hit, for each monitor, once.
	high, _, _ := in.store.FindReviews(ctx, ttdn.ReviewFilter{MinPriority: ttdn.PriorityHigh})
	n, err := in.store.GeneratePressAlerts(ctx)
	if err != nil || n != len(high) || n == 0 {
		t.Fatalf("alerts: %d, %v; %d high-priority hits", n, err, len(high))
	}
	if again, _ := in.store.GeneratePressAlerts(ctx); again != 0 {
		t.Errorf("alerts raised twice: %d", again)
	}
	notes, _, err := sqlstore.NewNotificationService(in.db).FindNotifications(mctx, ttdn.NotificationFilter{})
	if err != nil || len(notes) != n || notes[0].Kind != ttdn.NotifyPressHit {
		t.Errorf("monitor sees %d notifications, %v", len(notes), err)
	}
	if other, _, _ := sqlstore.NewNotificationService(in.db).FindNotifications(sqltest.UserContext(officer), ttdn.NotificationFilter{}); len(other) != 0 {
		t.Errorf("a coordinator got %d press alerts", len(other))
	}
	mails, err := sqlstore.NewNotificationService(in.db).ClaimEmails(ctx, 1000)
	if err != nil || len(mails) != n || mails[0].To != monitor.Email {
		t.Errorf("e-mails claimed: %d, %v", len(mails), err)
	}
}

func checkDigest(t *testing.T, in *ingested) {
	ctx := sqltest.SystemContext()
	day := ttdn.Date{Year: 2025, Month: 11, Day: 14}
	d, err := in.store.PressDigest(ctx, ttdn.DigestWeekly, day)
	if err != nil {
		t.Fatal(err)
	}
	_, articles, _ := in.store.SearchArticles(ctx, ttdn.ArticleFilter{From: d.From, To: d.To})
	sum := func(list []ttdn.Count) int {
		n := 0
		for _, c := range list {
			n += c.Count
		}
		return n
	}
	if min(d.Articles, ttdn.SearchCountCap) != articles || d.Hits == 0 || d.Domestic+d.Foreign != d.Hits ||
		sum(d.BySource) != d.Hits || sum(d.ByLanguage) != d.Hits || sum(d.ByTone) != d.Hits || len(d.ByTheme) == 0 {
		t.Errorf("digest does not add up: %+v (articles by search %d)", d, articles)
	}
	if len(d.TopStories) == 0 || d.TopStories[0].Articles < d.TopStories[len(d.TopStories)-1].Articles {
		t.Errorf("top stories: %+v", d.TopStories)
	}
	c, err := in.store.PressCounts(ctx, nil, ttdn.Date{Year: 2025, Month: 11, Day: 8}, day)
	if err != nil || c.Hits != d.Hits || c.Articles != d.Articles || len(c.ArticleIDs) != c.Hits || c.NeedsAction != d.NeedsAction {
		t.Errorf("report counts %+v, %v; digest %d hits", c, err, d.Hits)
	}
	var docx, pdf bytes.Buffer
	if err := document.WriteDigestDOCX(&docx, d); err != nil || docx.Len() < 1000 {
		t.Errorf("docx: %d bytes, %v", docx.Len(), err)
	}
	if err := document.WriteDigestPDF(&pdf, d); err != nil || !bytes.HasPrefix(pdf.Bytes(), []byte("%PDF")) {
		t.Errorf("pdf: %d bytes, %v", pdf.Len(), err)
	}
}
