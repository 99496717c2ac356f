package http

import "testing"

func TestRoutePath(t *testing.T) {
	ids := map[string]string{"plans": "7", "press/stories": "9", "reports/periods": "3"}
	for pattern, want := range map[string]string{
		"GET /plans/{id}/tasks":                                  "GET /plans/7/tasks",
		"GET /api/v1/plans/{id}":                                 "GET /api/v1/plans/7",
		"GET /press/stories/{id}":                                "GET /press/stories/9",
		"GET /reports/periods/{id}/consolidated/export/{format}": "GET /reports/periods/3/consolidated/export/csv",
		"POST /tasks/{id}/edit":                                  "POST /tasks/999999999/edit",
		"GET /{$}":                                               "GET /",
		"GET /lang/{lang}":                                       "GET /lang/en",
		"/assets/":                                               "GET /assets/style.css",
	} {
		m, p := RoutePath(pattern, func(c string) string { return ids[c] })
		if m+" "+p != want {
			t.Errorf("%s: %s %s, want %s", pattern, m, p, want)
		}
	}
}
