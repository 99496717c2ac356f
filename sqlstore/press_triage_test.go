package sqlstore_test

import (
	"slices"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestTriageReviews: several hits judged at once; a hit someone changed
// meanwhile is left as it is, a dismissed one cannot be judged relevant,
// and only monitors may judge.
func TestTriageReviews(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		d := newPressDesk(t, db)
		ctx := sqltest.SystemContext()
		vt := d.term(&ttdn.WatchTerm{Code: "viet-tan", Name: "Việt Tân"})
		ids := d.store(1, titles(5, "Tin %d về Việt Tân"), vt)
		monitor := sqltest.MustCreateUser(t, db, &ttdn.User{Username: "theo-doi", Name: "Theo dõi", Role: ttdn.RoleMonitor}, "")
		leader := sqltest.MustCreateUser(t, db, &ttdn.User{Username: "lanh-dao", Name: "Lãnh đạo", Role: ttdn.RoleLeader}, "")
		mctx := sqltest.UserContext(monitor)
		refs := make([]ttdn.ReviewRef, len(ids))
		for i, id := range ids {
			refs[i] = ttdn.ReviewRef{ArticleID: id, Version: 1}
		}
		// Someone judges the first meanwhile; the last was dismissed before.
		if _, err := d.press.TriageReviews(ctx, refs[:1], ttdn.TriageRelevant); err != nil {
			t.Fatal(err)
		}
		if _, err := d.press.TriageReviews(ctx, refs[4:], ttdn.TriageIrrelevant); err != nil {
			t.Fatal(err)
		}
		refs[4].Version = 2
		if _, err := d.press.TriageReviews(sqltest.UserContext(leader), refs, ttdn.TriageAction); ttdn.ErrorCode(err) != ttdn.EFORBIDDEN && ttdn.ErrorCode(err) != ttdn.ENOTFOUND {
			t.Errorf("a leader triaged: %v", err)
		}
		res, err := d.press.TriageReviews(mctx, refs, ttdn.TriageAction)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(res.Updated, ids[1:4]) || !slices.Equal(res.Stale, ids[:1]) || !slices.Equal(res.Refused, ids[4:]) {
			t.Errorf("triage %+v", res)
		}
		for i, id := range ids {
			r, err := d.press.FindReviewByArticle(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			want := map[int]string{0: "reviewed relevant false", 4: "dismissed irrelevant false"}[i]
			if want == "" {
				want = "reviewed relevant true"
				if r.ReviewerID != monitor.ID {
					t.Errorf("review %d by %d, want the monitor", id, r.ReviewerID)
				}
			}
			if got := strings.Join([]string{string(r.Status), string(r.Relevance), map[bool]string{true: "true", false: "false"}[r.NeedsAction]}, " "); got != want {
				t.Errorf("article %d: %s, want %s", i, got, want)
			}
		}
		for _, bad := range []struct {
			refs []ttdn.ReviewRef
			t    ttdn.Triage
		}{{refs, "maybe"}, {nil, ttdn.TriageRelevant}, {make([]ttdn.ReviewRef, ttdn.MaxTriage+1), ttdn.TriageRelevant}} {
			if _, err := d.press.TriageReviews(mctx, bad.refs, bad.t); ttdn.ErrorCode(err) != ttdn.EINVALID {
				t.Errorf("triage %d refs %q: %v", len(bad.refs), bad.t, err)
			}
		}
	})
}

// TestReviewMarksAndSuggestions: the queue carries where each hit is in the
// title and summary, and a hit judged not relevant suggests the phrases
// around it as exclusions of its term.
func TestReviewMarksAndSuggestions(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		d := newPressDesk(t, db)
		ctx := sqltest.SystemContext()
		vt := d.term(&ttdn.WatchTerm{Code: "viet-tan", Name: "Việt Tân"})
		tn := d.term(&ttdn.WatchTerm{Code: "tay-ninh", Name: "Tây Ninh", Aliases: []string{"tỉnh Tây Ninh"}})
		title := "Doanh nhân Trần Việt Tân xây dựng ở tỉnh Tây Ninh"
		ids := d.store(1, []string{title, "Doanh nhân Trần Việt Tân <script>"}, vt, tn)
		r, err := d.press.FindReviewByArticle(ctx, ids[0])
		if err != nil {
			t.Fatal(err)
		}
		var marked []string
		for _, sp := range r.TitleMarks {
			marked = append(marked, title[sp.Start:sp.End])
		}
		if strings.Join(marked, "|") != "Việt Tân|tỉnh Tây Ninh" {
			t.Errorf("marks %q (%+v)", marked, r.TitleMarks)
		}
		sg, err := d.press.ExclusionSuggestions(ctx, ids[0])
		if err != nil || len(sg) != 2 {
			t.Fatalf("suggestions %+v, %v", sg, err)
		}
		byTerm := map[int64]*ttdn.ExclusionSuggestion{sg[0].TermID: sg[0], sg[1].TermID: sg[1]}
		if s := byTerm[vt.ID]; s == nil || s.Match != "Việt Tân" || s.TermVersion != 1 ||
			strings.Join(s.Phrases, "|") != "Trần Việt Tân|Việt Tân xây|Trần Việt Tân xây" {
			t.Errorf("Việt Tân: %+v", s)
		}
		// Not "tỉnh Tây Ninh": a form of the term itself.
		if s := byTerm[tn.ID]; s == nil || s.Match != "tỉnh Tây Ninh" || strings.Join(s.Phrases, "|") != "ở tỉnh Tây Ninh" {
			t.Errorf("Tây Ninh: %+v", s)
		}
		// Taught, the term no longer marks the hit, nor suggests it again.
		excl := []string{"Trần Việt Tân"}
		if _, err := d.press.UpdateWatchTerm(ctx, vt.ID, ttdn.WatchTermUpdate{Exclude: &excl, Version: vt.Version}); err != nil {
			t.Fatal(err)
		}
		r, _ = d.press.FindReviewByArticle(ctx, ids[1])
		if len(r.TitleMarks) != 0 {
			t.Errorf("an excluded hit is marked: %+v", r.TitleMarks)
		}
	})
}
