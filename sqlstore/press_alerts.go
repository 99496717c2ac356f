package sqlstore

import (
	"context"
	"fmt"
	"strconv"

	"ttdn"
)

// Alerts for high-priority hits are derived from the review queue like the
// other notifications: each unalerted high-priority review is claimed by
// flipping its alerted flag (so two instances never alert twice) and one
// notification per monitor is inserted under a unique key in the same
// transaction. E-mail goes out through the existing claim flow
// (NotificationService.ClaimEmails) run by jobs.Scheduler.

// GeneratePressAlerts creates the alerts not yet created and returns how
// many notifications it created. Only the system runs it.
func (s *PressService) GeneratePressAlerts(ctx context.Context) (int, error) {
	if !ttdn.UserFromContext(ctx).IsSystem() {
		return 0, errSystemOnly()
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `UPDATE press_reviews SET alerted = TRUE
		WHERE alerted = FALSE AND priority >= ? AND status <> 'dismissed' RETURNING article_id`, ttdn.PriorityHigh)
	if err != nil {
		return 0, err
	}
	var ids []any
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return 0, err
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(ids) == 0 {
		return 0, err
	}
	users, err := findUsers(ctx, tx, `disabled = FALSE AND role = ? ORDER BY id`, string(ttdn.RoleMonitor))
	if err != nil {
		return 0, err
	}
	// The alert names the terms matched as people know them (an article
	// stores their codes).
	terms, err := findWatchTerms(ctx, tx, `1 = 1`)
	if err != nil {
		return 0, err
	}
	names := map[string]string{}
	for _, t := range terms {
		names[t.Code] = t.Name
	}
	created := 0
	for start := 0; start < len(ids); start += 500 {
		part := ids[start:min(start+500, len(ids))]
		arts, err := findArticles(ctx, tx, `a.id IN (`+placeholders(len(part))+`) ORDER BY a.id`, part...)
		if err != nil {
			return 0, err
		}
		for _, a := range arts {
			named := make([]string, len(a.Terms))
			for i, c := range a.Terms {
				if named[i] = names[c]; named[i] == "" {
					named[i] = c
				}
			}
			a.Terms = named
			n, err := alertMonitors(ctx, tx, users, a)
			if err != nil {
				return 0, err
			}
			created += n
		}
	}
	return created, tx.Commit()
}

// alertMonitors inserts one notification per monitor for article a.
func alertMonitors(ctx context.Context, tx *Tx, users []*ttdn.User, a *ttdn.Article) (int, error) {
	subject, text := ttdn.PressHitNotice(a)
	created := 0
	for _, u := range users {
		if !ttdn.Can(u, ttdn.ActionRead, ttdn.PressResource(ttdn.ResourceArticle)) {
			continue
		}
		state, err := emailState(ctx, tx, u.ID)
		if err != nil {
			return 0, err
		}
		key := fmt.Sprintf("%d:%s:article:%d", u.ID, ttdn.NotifyPressHit, a.ID)
		res, err := tx.exec(ctx, `INSERT INTO notifications (dedup_key, user_id, kind, day, subject, text, email_text,
			created_at, email_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedup_key) DO NOTHING`,
			key, u.ID, string(ttdn.NotifyPressHit), ttdn.DateOf(a.Published.In(vietnamZone)).ISO(), subject, text,
			text+"\n\nMã tin bài: "+strconv.FormatInt(a.ID, 10), tx.now, state)
		if err != nil {
			return 0, err
		}
		if k, _ := res.RowsAffected(); k == 1 {
			created++
		}
	}
	return created, nil
}
