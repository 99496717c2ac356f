package main

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"ttdn/bench"
	"ttdn/sqlstore"
)

// mixSteps is the officers' day: mostly reading, a quarter writing. Every
// write carries a unique text starting with run, so lostWrites can find it.
func mixSteps(run string) []bench.Step {
	get := func(path func(*mixActor, int) string) func(context.Context, *bench.Actor, int) (string, error) {
		return func(ctx context.Context, a *bench.Actor, n int) (string, error) {
			_, _, err := mixDo(ctx, a, http.MethodGet, path(a.Data.(*mixActor), n), nil)
			return "", err
		}
	}
	fixed := func(p string) func(*mixActor, int) string { return func(*mixActor, int) string { return p } }
	today := time.Now().In(time.FixedZone("ICT", 7*3600)).Format("02/01/2006")
	return []bench.Step{
		{Name: "dashboard", Weight: 3, Do: get(fixed("/dashboard"))},
		{Name: "unit tasks", Weight: 2, Do: get(func(m *mixActor, _ int) string { return fmt.Sprintf("/units/%d", m.unitID) })},
		{Name: "task view", Weight: 2, Do: get(func(m *mixActor, n int) string { return fmt.Sprintf("/tasks/%d", m.tasks[n%len(m.tasks)]) })},
		{Name: "activities", Weight: 2, Do: get(fixed("/activities"))},
		{Name: "plan list", Weight: 1, Do: get(fixed("/plans"))},
		{Name: "reports", Weight: 1, Do: get(fixed("/reports"))},
		{Name: "progress update (write)", Weight: 2, Do: func(ctx context.Context, a *bench.Actor, n int) (string, error) {
			m := a.Data.(*mixActor)
			text := fmt.Sprintf("%s p%d", run, n)
			form := url.Values{"text": {text}, "date": {today}}
			_, _, err := mixDo(ctx, a, http.MethodPost, fmt.Sprintf("/tasks/%d/progress", m.tasks[n%len(m.tasks)]), form)
			return ack("p:"+text, err)
		}},
		{Name: "activity created (write)", Weight: 1, Do: func(ctx context.Context, a *bench.Actor, n int) (string, error) {
			m := a.Data.(*mixActor)
			title := fmt.Sprintf("%s a%d", run, n)
			form := url.Values{"type": {"training"}, "title": {title}, "start": {today}, "units": {fmt.Sprint(m.unitID)},
				"classification": {"internal"}, "topic": {"Tập huấn nghiệp vụ TTĐN"}}
			_, _, err := mixDo(ctx, a, http.MethodPost, "/activities/new", form)
			return ack("a:"+title, err)
		}},
	}
}

func ack(key string, err error) (string, error) {
	if err != nil {
		return "", err
	}
	return key, nil
}

// lostWrites counts acknowledged writes that are not in the database.
func lostWrites(ctx context.Context, db *sqlstore.DB, run string, acks []string) (int, error) {
	tx, err := db.BeginTx(ctx, false)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	stored := map[string]bool{}
	for _, q := range []struct{ prefix, sql string }{
		{"p:", `SELECT text FROM progress_updates WHERE text LIKE ?`},
		{"a:", `SELECT title FROM activities WHERE title LIKE ?`},
	} {
		rows, err := tx.QueryContext(ctx, q.sql, run+" %")
		if err != nil {
			return 0, err
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				rows.Close()
				return 0, err
			}
			stored[q.prefix+s] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return 0, err
		}
	}
	lost := 0
	for _, a := range acks {
		if !stored[a] && strings.HasPrefix(a[2:], run) {
			lost++
		}
	}
	return lost, nil
}
