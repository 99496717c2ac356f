package http

import (
	"net/http"
	"slices"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// TestAPIPress drives press monitoring through the API alone, as a
// monitor: search, an item and its story, the review queue judged one by
// one and in bulk (stale versions reported), the digest's figures, a
// source refused for an internal address then added and switched off, and
// a watch term taught an exclusion and re-applied. A unit officer may not
// read the press, a leader may read but not change it.
func TestAPIPress(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		f, art := newPressFixture(t, db)
		mon := newAPIClient(t, f.h, mustToken(t, db, f.users["monitor"], ttdn.TokenScope{}))
		leader := newAPIClient(t, f.h, mustToken(t, db, f.users["leader"], ttdn.TokenScope{}))
		officer := newAPIClient(t, f.h, mustToken(t, db, f.users["officer"], ttdn.TokenScope{}))

		officer.call("GET", "/api/v1/press/articles?q=T%C3%A2y+Ninh", nil).want(t, http.StatusForbidden)
		found := mon.call("GET", "/api/v1/press/articles?q=M%E1%BB%99c+B%C3%A0i&from=2025-11-14&to=2025-11-14", nil).want(t, http.StatusOK)
		if !slices.ContainsFunc(found.items(), func(a map[string]any) bool { return int64(a["id"].(float64)) == art.ID }) {
			t.Fatalf("search for Mộc Bài misses the foreign item: %s", found.raw)
		}
		mon.call("GET", "/api/v1/press/articles?from=14/11/2025", nil).want(t, http.StatusBadRequest)
		one := mon.call("GET", "/api/v1/press/articles/"+itoa(art.ID), nil).want(t, http.StatusOK)
		story := mon.call("GET", "/api/v1/press/stories/"+itoa(int64(one.body["story_id"].(float64))), nil).want(t, http.StatusOK)
		if len(story.items()) < 3 {
			t.Fatalf("the story has %d items: %s", len(story.items()), story.raw)
		}
		mon.call("GET", "/api/v1/press/stories/999999", nil).want(t, http.StatusNotFound)

		// The queue: the foreign item judged on its own, two others in bulk.
		rv := mon.call("GET", "/api/v1/press/reviews/"+itoa(art.ID), nil).want(t, http.StatusOK)
		judge := map[string]any{"status": "reviewed", "tone": "negative", "relevance": "relevant", "needs_action": true, "note": "Cần phản bác"}
		leader.call("PATCH", "/api/v1/press/reviews/"+itoa(art.ID), judge, "If-Match", rv.etag()).want(t, http.StatusForbidden)
		done := mon.call("PATCH", "/api/v1/press/reviews/"+itoa(art.ID), judge, "If-Match", rv.etag()).want(t, http.StatusOK)
		if done.str("tone") != "negative" || done.body["needs_action"] != true {
			t.Fatalf("review: %s", done.raw)
		}
		mon.call("PATCH", "/api/v1/press/reviews/"+itoa(art.ID), judge, "If-Match", rv.etag()).want(t, http.StatusPreconditionFailed)
		queue := mon.call("GET", "/api/v1/press/reviews?status=new", nil).want(t, http.StatusOK)
		if len(queue.items()) < 2 {
			t.Fatalf("the queue: %s", queue.raw)
		}
		var items []map[string]any
		for _, r := range queue.items()[:2] {
			items = append(items, map[string]any{"article_id": r["article_id"], "version": r["version"]})
		}
		tr := mon.call("POST", "/api/v1/press/reviews/triage", map[string]any{"triage": "irrelevant", "items": items}).want(t, http.StatusOK)
		if n := len(tr.body["updated"].([]any)); n != 2 {
			t.Fatalf("triage: %s", tr.raw)
		}
		again := mon.call("POST", "/api/v1/press/reviews/triage", map[string]any{"triage": "relevant", "items": items}).want(t, http.StatusOK)
		if n := len(again.body["stale"].([]any)); n != 2 {
			t.Fatalf("a stale triage was not reported: %s", again.raw)
		}
		dg := mon.call("GET", "/api/v1/press/digest?kind=daily&day=2025-11-14", nil).want(t, http.StatusOK)
		if dg.body["articles"].(float64) == 0 || dg.body["needs_action"].(float64) < 1 {
			t.Fatalf("digest: %s", dg.raw)
		}

		if doc := leader.call("GET", "/api/v1/press/digest/export/pdf?kind=weekly&day=2025-11-14", nil).want(t, http.StatusOK); !strings.HasPrefix(string(doc.raw), "%PDF") {
			t.Fatalf("digest export: %q", doc.raw[:min(8, len(doc.raw))])
		}
		officer.call("GET", "/api/v1/press/digest/export/docx", nil).want(t, http.StatusForbidden)

		// Sources: the feed guard holds here as on the page.
		bad := mon.call("POST", "/api/v1/press/sources", map[string]any{"name": "Nội bộ", "feed_url": "http://127.0.0.1/rss"}).want(t, http.StatusBadRequest)
		if bad.str("field") != "feed_url" {
			t.Fatalf("an internal feed: %s", bad.raw)
		}
		src := mon.call("POST", "/api/v1/press/sources", map[string]any{"name": "Tin biên giới", "outlet": "Tin biên giới", "feed_url": "https://news.example/rss"}).want(t, http.StatusCreated)
		if src.str("country") != "VN" || src.body["enabled"] != true {
			t.Fatalf("source: %s", src.raw)
		}
		sp := "/api/v1/press/sources/" + itoa(src.id())
		leader.call("PATCH", sp, map[string]any{"enabled": false}, "If-Match", src.etag()).want(t, http.StatusForbidden)
		if off := mon.call("PATCH", sp, map[string]any{"enabled": false}, "If-Match", src.etag()).want(t, http.StatusOK); off.body["enabled"] != false {
			t.Fatalf("source off: %s", off.raw)
		}
		if l := leader.call("GET", "/api/v1/press/sources?enabled=false", nil).want(t, http.StatusOK); len(l.items()) != 1 {
			t.Fatalf("disabled sources: %s", l.raw)
		}

		// Watch terms: a new term, taught an exclusion, re-applied.
		term := mon.call("POST", "/api/v1/press/watch-terms", map[string]any{"code": "cua-khau-moc-bai", "name": "cửa khẩu Mộc Bài", "priority": 3}).want(t, http.StatusCreated)
		wp := "/api/v1/press/watch-terms/" + itoa(term.id())
		ex := mon.call("POST", wp+"/exclusions", map[string]any{"phrase": "Mộc Bài Resort"}, "If-Match", term.etag()).want(t, http.StatusOK)
		if !strings.Contains(string(ex.raw), "Mộc Bài Resort") {
			t.Fatalf("exclusion: %s", ex.raw)
		}
		mon.call("POST", wp+"/reapply", map[string]any{"days": 9999}).want(t, http.StatusBadRequest)
		job := mon.call("POST", wp+"/reapply", map[string]any{"days": 0}).want(t, http.StatusAccepted)
		jp := job.header.Get("Location")
		if jp != "/api/v1/press/reapply-jobs/"+itoa(job.id()) {
			t.Fatalf("re-apply Location %q", jp)
		}
		if st := mon.call("GET", jp, nil).want(t, http.StatusOK); st.str("state") != "done" || st.body["total"].(float64) == 0 {
			t.Fatalf("re-apply: %s", st.raw)
		}
		if l := mon.call("GET", "/api/v1/press/watch-terms", nil).want(t, http.StatusOK); len(l.items()) < 2 {
			t.Fatalf("watchlist: %s", l.raw)
		}
	})
}
