package http

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// publicWorld is the permission fixture with records at every
// classification, each carrying a marker in its title and text, and the
// public ones published through the coordinator's form.
type publicWorld struct {
	*fixture
	shown   []string // markers that must appear on the public site
	never   []string // markers that must never appear there
	pubIDs  []int64  // every publication ever made, visible or not
	fileIDs []int64  // every attachment, public or not
	fairID  int64    // the published fair (three languages)
	rebutID int64    // the published rebuttal
}

func newPublicWorld(t *testing.T, db *sqlstore.DB) *publicWorld {
	t.Helper()
	w := &publicWorld{fixture: permFixture(t, db, ttdn.Internal)}
	acts, files := sqlstore.NewActivityService(db), sqlstore.NewAttachmentService(db)
	coord := sqltest.UserContext(w.users["coordinator"])
	for _, c := range ttdn.Classifications {
		for _, typ := range []ttdn.ActivityType{ttdn.ActivityFair, ttdn.ActivityPublication} {
			marker := fmt.Sprintf("HĐ-%s-%s", c, typ)
			a := &ttdn.Activity{Type: typ, Title: "Hoạt động " + marker, Summary: "Tóm tắt " + marker + "-tt",
				StartDate: ttdn.Date{Year: 2019, Month: 7, Day: 20}, Place: "Nơi " + marker + "-nơi",
				UnitIDs: []int64{w.units["so-tttt"].ID}, Classification: c}
			if err := acts.CreateActivity(coord, a); err != nil {
				t.Fatal(err)
			}
			f := &ttdn.Attachment{OwnerKind: ttdn.ResourceActivity, OwnerID: a.ID, Name: "tep-" + marker + ".pdf",
				Data: []byte("%PDF-1.4\n" + marker + "\n%%EOF\n")}
			if err := files.CreateAttachment(coord, f); err != nil {
				t.Fatal(err)
			}
			w.fileIDs = append(w.fileIDs, f.ID)
			id, code := w.publishForm(t, "activity", a.ID, marker)
			if c != ttdn.Public {
				w.never = append(w.never, marker)
				if code == http.StatusSeeOther {
					t.Fatalf("a %s activity was published", c)
				}
				continue
			}
			if code != http.StatusSeeOther {
				t.Fatalf("publishing a public activity: %d", code)
			}
			w.shown, w.pubIDs = append(w.shown, marker), append(w.pubIDs, id)
			if typ == ttdn.ActivityFair {
				w.fairID = id
			}
		}
	}
	for _, c := range ttdn.Classifications {
		marker := fmt.Sprintf("PB-%s", c)
		r := w.approvedResponse(t, c, marker)
		id, code := w.publishForm(t, "response", r.ID, marker)
		if c != ttdn.Public {
			w.never = append(w.never, marker)
			if code == http.StatusSeeOther {
				t.Fatalf("a %s response was published", c)
			}
			continue
		}
		w.shown, w.pubIDs, w.rebutID = append(w.shown, marker), append(w.pubIDs, id), id
	}
	w.hideLater(t, acts, coord)
	return w
}

// hideLater publishes a public activity and a public case's response, then
// makes the activity internal and the case secret through the services:
// both must leave the site with nobody unpublishing them.
func (w *publicWorld) hideLater(t *testing.T, acts *sqlstore.ActivityService, coord context.Context) {
	t.Helper()
	a := &ttdn.Activity{Type: ttdn.ActivityPressConference, Title: "Họp báo HĐ-later", StartDate: ttdn.Date{Year: 2019, Month: 8, Day: 1},
		UnitIDs: []int64{w.units["so-tttt"].ID}, Classification: ttdn.Public}
	if err := acts.CreateActivity(coord, a); err != nil {
		t.Fatal(err)
	}
	id, code := w.publishForm(t, "activity", a.ID, "HĐ-later")
	if code != http.StatusSeeOther {
		t.Fatalf("publish: %d", code)
	}
	internal := ttdn.Internal
	if _, err := acts.UpdateActivity(coord, a.ID, ttdn.ActivityUpdate{Version: a.Version, Classification: &internal}); err != nil {
		t.Fatal(err)
	}
	r := w.approvedResponse(t, ttdn.Public, "PB-later")
	rid, code := w.publishForm(t, "response", r.ID, "PB-later")
	if code != http.StatusSeeOther {
		t.Fatalf("publish: %d", code)
	}
	cases := sqlstore.NewCaseService(w.db)
	c, err := cases.FindCaseByID(coord, r.CaseID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cases.AssessCase(sqltest.UserContext(w.users["monitor"]), c.ID, ttdn.CaseAssessment{Version: c.Version, Claim: c.Claim,
		Verdict: c.Verdict, Severity: c.Severity, Topics: c.Topics, TouchesSecrets: true, Classification: ttdn.Public}); err != nil {
		t.Fatal(err)
	}
	w.never = append(w.never, "HĐ-later", "PB-later")
	w.pubIDs = append(w.pubIDs, id, rid)
}

// approvedResponse opens a case by hand at level c, assesses it as false,
// assigns it to Công an tỉnh, and has the unit's officer draft a press
// release a leader approves; marker is in the claim, title and text.
func (w *publicWorld) approvedResponse(t *testing.T, c ttdn.Classification, marker string) *ttdn.CaseResponse {
	t.Helper()
	s := sqlstore.NewCaseService(w.db)
	mon, off, lead := sqltest.UserContext(w.users["monitor"]), sqltest.UserContext(w.users["officer"]), sqltest.UserContext(w.users["leader"])
	k := &ttdn.Case{Claim: "Tin đồn " + marker + "-claim về cửa khẩu.", Source: ttdn.CaseSource{URL: "https://facebook.example/" + marker, Outlet: "Facebook"}}
	if err := s.OpenCase(mon, k, nil); err != nil {
		t.Fatal(err)
	}
	k, err := s.AssessCase(mon, k.ID, ttdn.CaseAssessment{Version: k.Version, Claim: k.Claim, Verdict: ttdn.VerdictFalse,
		Severity: ttdn.SeverityHigh, Topics: []ttdn.CaseTopic{ttdn.TopicBorder}, Classification: c})
	if err != nil {
		t.Fatal(err)
	}
	if k, err = s.AssignCase(mon, k.ID, ttdn.CaseAssignment{Version: k.Version, LeadUnitID: w.units["cong-an"].ID}); err != nil {
		t.Fatal(err)
	}
	r := &ttdn.CaseResponse{Kind: ttdn.ResponsePressRelease, Title: "Thông cáo " + marker, Body: "Nội dung " + marker + "-body.",
		OwnClassification: c}
	if err := s.DraftResponse(off, k.ID, r); err != nil {
		t.Fatal(err)
	}
	if r, err = s.UpdateResponse(off, r.ID, ttdn.ResponseUpdate{Version: r.Version, Submit: true}); err != nil {
		t.Fatal(err)
	}
	if r, err = s.ReviewResponse(lead, r.ID, ttdn.ResponseReview{Version: r.Version, Approve: true}); err != nil {
		t.Fatal(err)
	}
	return r
}

var publicationLocation = regexp.MustCompile(`^/publications/(\d+)$`)

// publishForm posts the coordinator's publish form for a record with a
// Vietnamese, an English and a Khmer version; it returns the new
// publication's id (0 when refused) and the status.
func (w *publicWorld) publishForm(t *testing.T, field string, id int64, marker string) (int64, int) {
	t.Helper()
	form := url.Values{field: {itoa(id)}, "author": {"Sở Văn hóa, Thể thao và Du lịch"},
		"title_vi": {"Tin " + marker}, "summary_vi": {"Tóm tắt " + marker + "-tt"}, "body_vi": {"Nội dung " + marker + "-body"},
		"title_en": {"News " + marker}, "summary_en": {"Summary " + marker + "-en"}, "status_en": {"approved"},
		"title_km": {"ព័ត៌មាន " + marker}, "summary_km": {"សេចក្តីសង្ខេប " + marker + "-km"}, "status_km": {"translated"}}
	rec := w.do(w.request(http.MethodPost, "/publications/new", "coordinator", form))
	m := publicationLocation.FindStringSubmatch(rec.Header().Get("Location"))
	if rec.Code != http.StatusSeeOther || m == nil {
		return 0, rec.Code
	}
	n, _ := parseID(m[1])
	return n, rec.Code
}

// parseID reads a decimal id.
func parseID(s string) (int64, error) {
	var n int64
	_, err := fmt.Sscan(s, &n)
	return n, err
}

// publicLinks are the site-relative links of a body.
var publicLinks = regexp.MustCompile(`(?:href|src)="(/public/[^"#]*)"`)

// crawlPublic fetches every public route of the route table, each {lang},
// {section}, {id} (every publication ever made, and one that never was)
// and {file} (every attachment), and every /public/ link the answers hold.
// It returns the bodies by path.
func (w *publicWorld) crawlPublic(t *testing.T, h http.Handler, who string) map[string]string {
	t.Helper()
	var todo []string
	ids := append(append([]int64{}, w.pubIDs...), 999999)
	for _, pattern := range w.srv.Routes() {
		path, ok := strings.CutPrefix(pattern, "GET ")
		if !ok || !strings.HasPrefix(path, "/public/") {
			continue
		}
		paths := []string{strings.ReplaceAll(path, "{$}", "")}
		expand := func(key string, values []string) {
			var next []string
			for _, p := range paths {
				if !strings.Contains(p, key) {
					next = append(next, p)
					continue
				}
				for _, v := range values {
					next = append(next, strings.ReplaceAll(p, key, v))
				}
			}
			paths = next
		}
		expand("{lang}", ttdn.PublicLanguages)
		expand("{section}", []string{"activities", "materials", "rebuttals", "nothing"})
		expand("{id}", int64Strings(ids))
		expand("{file}", int64Strings(w.fileIDs))
		todo = append(todo, paths...)
	}
	bodies := map[string]string{}
	for len(todo) > 0 {
		p := todo[0]
		todo = todo[1:]
		if _, done := bodies[p]; done {
			continue
		}
		r := w.request(http.MethodGet, p, who, nil)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if c := rec.Header().Values("Set-Cookie"); len(c) > 0 {
			t.Errorf("%s sets a cookie: %q", p, c)
		}
		if rec.Code >= 500 {
			t.Errorf("%s: %d", p, rec.Code)
		}
		body := rec.Body.String()
		bodies[p] = body
		for _, m := range publicLinks.FindAllStringSubmatch(body, -1) {
			todo = append(todo, m[1])
		}
	}
	return bodies
}

func int64Strings(ids []int64) []string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = itoa(id)
	}
	return out
}
