package http

import (
	"strings"
	"testing"

	"ttdn"
)

// apiCoverage maps each UI action to the API operation that does the same
// through the same service. Issue 17 asks that a program can do whatever a
// person can.
var apiCoverage = map[string]string{
	"GET /plans":                                             "GET /api/v1/plans",
	"GET /plans/{id}":                                        "GET /api/v1/plans/{id}",
	"GET /plans/{id}/tasks":                                  "GET /api/v1/tasks",
	"GET /plans/{id}/tree":                                   "GET /api/v1/plans/{id}",
	"GET /tasks/{id}":                                        "GET /api/v1/tasks/{id}",
	"POST /tasks/{id}/progress":                              "POST /api/v1/tasks/{id}/progress",
	"GET /units":                                             "GET /api/v1/units",
	"GET /units/{id}":                                        "GET /api/v1/units",
	"GET /plans/{id}/indicators":                             "GET /api/v1/indicators",
	"POST /plans/{id}/indicators":                            "PUT /api/v1/plans/{id}/indicators",
	"GET /reports":                                           "GET /api/v1/report-periods",
	"POST /reports/periods/new":                              "POST /api/v1/report-periods",
	"GET /reports/periods/{id}":                              "GET /api/v1/report-periods/{id}",
	"POST /reports/periods/{id}/edit":                        "PATCH /api/v1/report-periods/{id}",
	"POST /reports/periods/{id}/expected":                    "POST /api/v1/report-periods/{id}/expected-units",
	"POST /reports/periods/{id}/start":                       "POST /api/v1/report-periods/{id}/unit-reports",
	"GET /reports/{id}":                                      "GET /api/v1/unit-reports/{id}",
	"POST /reports/{id}":                                     "PATCH /api/v1/unit-reports/{id}",
	"POST /reports/{id}/refresh":                             "POST /api/v1/unit-reports/{id}/refresh",
	"POST /reports/{id}/review":                              "POST /api/v1/unit-reports/{id}/transitions",
	"GET /reports/completeness":                              "GET /api/v1/completeness",
	"GET /reports/indicators":                                "GET /api/v1/indicators",
	"POST /reports/indicators":                               "POST /api/v1/indicators",
	"POST /reports/indicators/{id}/retire":                   "POST /api/v1/indicators/{id}/retire",
	"GET /reports/periods/{id}/consolidated":                 "GET /api/v1/report-periods/{id}/consolidated",
	"POST /reports/periods/{id}/consolidated":                "PATCH /api/v1/report-periods/{id}/consolidated",
	"POST /reports/periods/{id}/consolidated/issue":          "POST /api/v1/report-periods/{id}/consolidated/issue",
	"GET /budgets":                                           "GET /api/v1/budgets",
	"POST /budgets/new":                                      "POST /api/v1/budgets",
	"GET /budgets/summary":                                   "GET /api/v1/budgets/summary",
	"POST /budgets/settings":                                 "PUT /api/v1/budget-settings",
	"GET /budgets/{id}":                                      "GET /api/v1/budgets/{id}",
	"POST /budgets/{id}/edit":                                "PATCH /api/v1/budgets/{id}",
	"POST /budgets/{id}/advance":                             "POST /api/v1/budgets/{id}/steps",
	"POST /budgets/{id}/appraise":                            "POST /api/v1/budgets/{id}/appraisal",
	"POST /budgets/{id}/entries":                             "POST /api/v1/budgets/{id}/entries",
	"GET /budgets/{id}/diff":                                 "GET /api/v1/budgets/{id}/revisions",
	"GET /reports/periods/{id}/consolidated/export/{format}": "GET /api/v1/report-periods/{id}/consolidated/figures",
	// issue 17, more of the API
	"POST /plans/{id}/edit":                 "PATCH /api/v1/plans/{id}",
	"POST /plans/{id}/issue":                "POST /api/v1/plans/{id}/issue",
	"POST /plans/{id}/close":                "POST /api/v1/plans/{id}/close",
	"POST /plans/{id}/reopen":               "POST /api/v1/plans/{id}/reopen",
	"POST /plans/{id}/copy":                 "POST /api/v1/plans/{id}/copy",
	"POST /plans/{id}/links":                "PUT /api/v1/plans/{id}/links",
	"POST /tasks/{id}/edit":                 "PATCH /api/v1/tasks/{id}",
	"GET /activities":                       "GET /api/v1/activities",
	"GET /activities/{id}":                  "GET /api/v1/activities/{id}",
	"POST /activities/new":                  "POST /api/v1/activities",
	"POST /activities/{id}/edit":            "PATCH /api/v1/activities/{id}",
	"POST /activities/{id}/files":           "POST /api/v1/activities/{id}/files",
	"GET /difficulties":                     "GET /api/v1/difficulties",
	"GET /difficulties/{id}":                "GET /api/v1/difficulties/{id}",
	"GET /difficulty-groups/{id}":           "GET /api/v1/difficulty-groups/{id}",
	"POST /difficulties/new":                "POST /api/v1/difficulties",
	"POST /difficulties/{id}/close":         "POST /api/v1/difficulties/{id}/close",
	"POST /difficulties/{id}/edit":          "PATCH /api/v1/difficulties/{id}",
	"POST /difficulties/{id}/files":         "POST /api/v1/difficulties/{id}/files",
	"POST /difficulty-groups":               "POST /api/v1/difficulty-groups",
	"POST /difficulty-groups/{id}/answer":   "POST /api/v1/difficulty-groups/{id}/answer",
	"POST /difficulty-groups/{id}/forward":  "POST /api/v1/difficulty-groups/{id}/forward",
	"GET /channels":                         "GET /api/v1/channels",
	"POST /channels":                        "POST /api/v1/channels",
	"POST /units/{id}/contacts":             "PUT /api/v1/units/{id}/contacts",
	"GET /notifications":                    "GET /api/v1/notifications",
	"POST /notifications/read-all":          "POST /api/v1/notifications/read-all",
	"POST /notifications/{id}/read":         "POST /api/v1/notifications/{id}/read",
	"GET /users":                            "GET /api/v1/users",
	"GET /users/{id}/edit":                  "GET /api/v1/users/{id}",
	"POST /users/new":                       "POST /api/v1/users",
	"POST /users/{id}/edit":                 "PATCH /api/v1/users/{id}",
	"POST /users/{id}/password":             "POST /api/v1/users/{id}/password",
	"POST /users/{id}/unlock":               "POST /api/v1/users/{id}/unlock",
	"GET /audit":                            "GET /api/v1/audit-events",
	"POST /audit/checks":                    "GET /api/v1/audit-chain",
	"GET /press":                            "GET /api/v1/press/articles",
	"GET /press/articles/{id}":              "GET /api/v1/press/articles/{id}",
	"GET /press/digest":                     "GET /api/v1/press/digest",
	"GET /press/review":                     "GET /api/v1/press/reviews",
	"GET /press/reapply/{id}":               "GET /api/v1/press/reapply-jobs/{id}",
	"GET /press/sources":                    "GET /api/v1/press/sources",
	"GET /press/sources/{id}/edit":          "GET /api/v1/press/sources/{id}",
	"GET /press/stories/{id}":               "GET /api/v1/press/stories/{id}",
	"GET /press/watch":                      "GET /api/v1/press/watch-terms",
	"GET /press/watch/{id}/edit":            "GET /api/v1/press/watch-terms/{id}",
	"POST /press/review/bulk":               "POST /api/v1/press/reviews/triage",
	"POST /press/review/{id}":               "PATCH /api/v1/press/reviews/{id}",
	"POST /press/sources/new":               "POST /api/v1/press/sources",
	"POST /press/sources/{id}/edit":         "PATCH /api/v1/press/sources/{id}",
	"POST /press/sources/{id}/enabled":      "PATCH /api/v1/press/sources/{id}",
	"POST /press/watch/new":                 "POST /api/v1/press/watch-terms",
	"POST /press/watch/{id}/edit":           "PATCH /api/v1/press/watch-terms/{id}",
	"POST /press/watch/{id}/exclude":        "POST /api/v1/press/watch-terms/{id}/exclusions",
	"POST /press/watch/{id}/reapply":        "POST /api/v1/press/watch-terms/{id}/reapply",
	"GET /cases":                            "GET /api/v1/cases",
	"GET /cases/{id}":                       "GET /api/v1/cases/{id}",
	"POST /cases/new":                       "POST /api/v1/cases",
	"POST /cases/{id}/assess":               "POST /api/v1/cases/{id}/assess",
	"POST /cases/{id}/assign":               "POST /api/v1/cases/{id}/assign",
	"POST /cases/{id}/close":                "POST /api/v1/cases/{id}/close",
	"POST /cases/{id}/files":                "POST /api/v1/cases/{id}/files",
	"POST /cases/{id}/responses":            "POST /api/v1/cases/{id}/responses",
	"POST /case-responses/{id}":             "PATCH /api/v1/case-responses/{id}",
	"POST /case-responses/{id}/review":      "POST /api/v1/case-responses/{id}/review",
	"POST /case-responses/{id}/publish":     "POST /api/v1/case-responses/{id}/publish",
	"GET /account-requests":                 "GET /api/v1/account-requests",
	"POST /account-requests/{id}/confirm":   "POST /api/v1/account-requests/{id}/confirm",
	"POST /account-requests/{id}/reject":    "POST /api/v1/account-requests/{id}/reject",
	"POST /account/tokens/{id}/revoke":      "POST /api/v1/tokens/{id}/revoke",
	"GET /attachments/{id}":                 "GET /api/v1/attachments/{id}",
	"POST /attachments/{id}/delete":         "DELETE /api/v1/attachments/{id}",
	"GET /budgets/{id}/files/{file}":        "GET /api/v1/budgets/{id}/files/{file}",
	"POST /budgets/{id}/files":              "POST /api/v1/budgets/{id}/files",
	"GET /difficulties/{id}/files/{file}":   "GET /api/v1/difficulties/{id}/files/{file}",
	"GET /cases/{id}/files/{file}":          "GET /api/v1/cases/{id}/files/{file}",
	"GET /cases/{id}/report/{format}":       "GET /api/v1/cases/{id}/report/{format}",
	"GET /press/digest/export/{format}":     "GET /api/v1/press/digest/export/{format}",
	"GET /dashboard":                        "GET /api/v1/dashboard",
	"POST /plans/import":                    "POST /api/v1/plans/import/preview",
	"POST /plans/import/confirm":            "POST /api/v1/plans/import",
	"POST /plans/{id}/tasks/bulk":           "POST /api/v1/plans/{id}/tasks/bulk",
	"POST /plans/{id}/progress-csv":         "POST /api/v1/plans/{id}/progress-csv/preview",
	"POST /plans/{id}/progress-csv/confirm": "POST /api/v1/plans/{id}/progress-csv",
	"GET /press/sources/opml":               "GET /api/v1/press/sources/opml",
	"POST /press/sources/opml":              "POST /api/v1/press/sources/opml",
	"GET /press/source-imports/{id}":        "GET /api/v1/press/source-imports/{id}",
	"GET /budgets/{id}/appraisal.docx":      "GET /api/v1/budgets/{id}/appraisal.docx",
	// the last ten: a unit report's files, the directory file, the public site
	"POST /reports/{id}/files":          "POST /api/v1/unit-reports/{id}/files",
	"GET /units/export/{format}":        "GET /api/v1/units/export",
	"POST /units/import":                "POST /api/v1/units/import/preview",
	"POST /units/import/confirm":        "POST /api/v1/units/import",
	"GET /publications":                 "GET /api/v1/publications",
	"GET /publications/{id}":            "GET /api/v1/publications/{id}",
	"POST /publications/new":            "POST /api/v1/publications",
	"POST /publications/{id}":           "PATCH /api/v1/publications/{id}",
	"POST /publications/{id}/unpublish": "POST /api/v1/publications/{id}/unpublish",
}

// uiOnly are UI routes that are not actions on the province's records:
// each has its reason.
var uiOnly = map[string]string{
	"GET /{$}":                   "the home page gathers other lists",
	"GET /assets/":               "stylesheets and images",
	"GET /healthz":               "liveness probe, not an action",
	"GET /readyz":                "readiness probe, not an action",
	"GET /metrics":               "Prometheus scrape, not an action",
	"GET /lang/{lang}":           "the UI's language cookie; the API uses Accept-Language",
	"GET /login":                 "browser log-in; the API authenticates with tokens",
	"POST /login":                "browser log-in; the API authenticates with tokens",
	"GET /login/totp":            "browser second factor",
	"POST /login/totp":           "browser second factor",
	"POST /logout":               "ends a browser session",
	"GET /account":               "a person's own account page (password, sessions, tokens)",
	"GET /account/totp":          "a person enrols their own second factor with an authenticator app",
	"POST /account/totp":         "a person enrols their own second factor with an authenticator app",
	"POST /account/totp/confirm": "a person enrols their own second factor with an authenticator app",
	"POST /account/totp/disable": "needs the person's code; not for programs",
	"POST /account/password":     "needs the person's current password; not for programs",
	"POST /account/notify-email": "a person's own choice of e-mail for notices, made on the account page",
	"POST /account/logout-all":   "ends browser sessions",
	"GET /budgets/new":           "the empty form of POST /api/v1/budgets",
	"GET /budgets/{id}/edit":     "the form of PATCH /api/v1/budgets/{id}",
	"GET /reports/periods/new":   "the form of POST /api/v1/report-periods (defaults are applied there)",
	"GET /setup/province":        "the admin's once-in-a-lifetime first run; on the server it is `ttdn province setup`",
	"POST /setup/province":       "the admin's once-in-a-lifetime first run; on the server it is `ttdn province setup`",
	// The public site (issue 14 §2) is for anonymous readers; its feeds
	// and sitemap are its machine-readable form.
	"GET /public/{$}": "the public site's entrance", "GET /public/robots.txt": "the public site, for crawlers",
	"GET /public/sitemap.xml": "the public site, for crawlers", "GET /public/site.css": "the public site's stylesheet",
	"GET /public/khmer.ttf": "the public site's Khmer font", "GET /public/{lang}/{$}": "a public page",
	"GET /public/{lang}/{section}": "a public page", "GET /public/{lang}/events": "a public page",
	"GET /public/{lang}/items/{id}": "a public page", "GET /public/{lang}/items/{id}/files/{file}": "a public download",
	"GET /public/{lang}/feed.atom": "a public feed", "GET /public/{lang}/feed.json": "a public feed",
	"GET /public/{lang}/events.ics":    "a public calendar feed",
	"GET /publications/new":            "the form of POST /api/v1/publications (the draft it shows is what publishing takes from the record)",
	"GET /login/oidc":                  "browser single sign-on; the API authenticates with tokens",
	"GET /login/oidc/callback":         "browser single sign-on; the API authenticates with tokens",
	"GET /calendar/{token}":            "the iCalendar feed itself, read by calendar applications with its secret address",
	"POST /account/calendar":           "a person makes their own calendar address, shown once in the browser",
	"POST /account/calendar/revoke":    "a person revokes their own calendar address",
	"GET /admin/webhooks":              "server integration set up by IT staff in the browser (secret shown once)",
	"POST /admin/webhooks":             "server integration set up by IT staff in the browser (secret shown once)",
	"GET /admin/webhooks/{id}":         "the deliveries of an endpoint, for IT staff",
	"POST /admin/webhooks/{id}/delete": "server integration set up by IT staff in the browser",
	"GET /plans/{id}/edit":             "the form of PATCH /api/v1/plans/{id}",
	"GET /tasks/{id}/edit":             "the form of PATCH /api/v1/tasks/{id}",
	"GET /activities/new":              "the empty form of POST /api/v1/activities",
	"GET /activities/{id}/edit":        "the form of PATCH /api/v1/activities/{id}",
	"GET /difficulties/new":            "the empty form of POST /api/v1/difficulties",
	"GET /difficulties/{id}/edit":      "the form of PATCH /api/v1/difficulties/{id}",
	"GET /users/new":                   "the empty form of POST /api/v1/users",
	"GET /press/sources/new":           "the empty form of POST /api/v1/press/sources",
	"GET /press/watch/new":             "the empty form of POST /api/v1/press/watch-terms",
	"GET /cases/new":                   "the empty form of POST /api/v1/cases",
	"POST /account/totp/require":       "a security setting: the accounts service refuses it to API tokens (sqlstore/totp_store.go), so it is changed in a signed-in session",
	"GET /plans/import":                "the upload form of POST /api/v1/plans/import",
	"GET /plans/{id}/progress-csv":     "the upload form and its CSV template (the template's rows are GET /api/v1/tasks?plan=)",
	"GET /units/import":                "the upload form of POST /api/v1/units/import",
}

// apiPending are UI actions not yet in the API. It is empty: every UI
// action of issue 17 has its operation. It stays declared so that a new UI
// route must be given an operation, a reason, or be listed here in sight.
var apiPending = map[string]bool{}

// TestAPICoverage walks the UI's route table: every UI action has an API
// operation that is served, or is UI-only with a reason, or is pending.
func TestAPICoverage(t *testing.T) {
	f := permFixture(t, sqltestOpen(t), ttdn.Internal)
	served := map[string]bool{}
	for _, p := range f.srv.Routes() {
		served[p] = true
	}
	ui := 0
	for _, p := range f.srv.Routes() {
		if strings.HasPrefix(p, "/") || strings.Contains(p, " /api/") {
			continue // the catch-alls and the API itself
		}
		ui++
		op, covered := apiCoverage[p]
		switch {
		case covered && !served[op]:
			t.Errorf("%s: its API operation %s is not served", p, op)
		case covered && (uiOnly[p] != "" || apiPending[p]):
			t.Errorf("%s is covered by %s and listed as UI-only or pending: take it off", p, op)
		case !covered && uiOnly[p] == "" && !apiPending[p]:
			t.Errorf("UI action %s has no API operation (apiCoverage) and is not UI-only with a reason", p)
		}
	}
	for _, m := range []map[string]bool{apiPending, keys(uiOnly), keys(apiCoverage)} {
		for p := range m {
			if !served[p] {
				t.Errorf("%s is listed but is no longer a UI route", p)
			}
		}
	}
	t.Logf("UI actions %d: in the API %d, UI-only %d, pending %d", ui, len(apiCoverage), len(uiOnly), len(apiPending))
}

func keys[V any](m map[string]V) map[string]bool {
	out := map[string]bool{}
	for k := range m {
		out[k] = true
	}
	return out
}
