package http

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"ttdn"
	"ttdn/ical"
)

// calendarRoutes registers the calendar feed (read by calendar
// applications, which cannot log in: the secret address is the key) and
// the account's buttons that make, rotate and revoke that address.
func (s *Server) calendarRoutes(auth func(string, http.HandlerFunc)) {
	if s.cfg.CalendarFeeds == nil {
		return
	}
	s.mux.HandleFunc("GET /calendar/{token}", s.handleCalendarFeed)
	auth("POST /account/calendar", s.handleCalendarRotate)
	auth("POST /account/calendar/revoke", s.handleCalendarRevoke)
}

// calendarWindow is how far back the feed reaches: a year of past
// deadlines and events is history enough for a calendar application.
const calendarWindow = 366 * 24 * time.Hour

// handleCalendarFeed answers the feed as the address's owner: every list
// goes through the same services, with the same user, as the pages, so the
// feed holds exactly what that user may read.
func (s *Server) handleCalendarFeed(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Referrer-Policy", "no-referrer")
	raw, _ := strings.CutSuffix(r.PathValue("token"), ".ics")
	ctx := ttdn.NewContextWithAddr(r.Context(), clientAddr(r))
	u, err := s.cfg.CalendarFeeds.FindCalendarUser(ctx, raw)
	if err != nil {
		if ttdn.ErrorCode(err) == ttdn.EINTERNAL {
			s.log.Error("calendar", "err", err)
			http.Error(w, ttdn.ErrorMessage(err, langVI), http.StatusInternalServerError)
			return
		}
		// An unknown, rotated or revoked address: nothing, not even why.
		http.NotFound(w, r)
		return
	}
	setRequestUser(r, u.ID)
	ctx = ttdn.NewContextWithUser(ctx, u)
	events, err := s.calendarEvents(ctx, u, s.origin(r))
	if err != nil {
		s.log.Error("calendar", "err", err)
		http.Error(w, ttdn.ErrorMessage(err, langVI), errorStatus(err))
		return
	}
	cal := ical.Calendar{Name: translate(langVI, "calendar.name", u.Name), ProdID: "-//ttdn//ttdn//VI",
		Stamp: s.now(), Events: events}
	w.Header().Set("Content-Type", "text/calendar; charset=utf-8")
	w.Header().Set("Cache-Control", "private, no-store")
	if err := cal.Write(w); err != nil {
		s.log.Error("calendar", "err", err)
	}
}

// origin is the scheme and host the links of the feed point to.
func (s *Server) origin(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil || s.cfg.SecureCookies {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// calendarEvents gathers the user's deadlines and events, read as u.
func (s *Server) calendarEvents(ctx context.Context, u *ttdn.User, origin string) ([]ical.Event, error) {
	from := ttdn.DateOf(s.now().In(vietnam).Add(-calendarWindow))
	var events []ical.Event
	if u.UnitID != 0 {
		unit := u.UnitID
		tasks, _, err := s.cfg.Tasks.FindTasks(ctx, ttdn.TaskFilter{UnitID: &unit})
		if err != nil {
			return nil, err
		}
		for _, t := range tasks {
			if t.Deadline.IsZero() || t.Deadline.Before(from) {
				continue
			}
			events = append(events, taskEvent(t, origin))
		}
		if s.cfg.Activities != nil {
			acts, _, err := s.cfg.Activities.FindActivities(ctx, ttdn.ActivityFilter{UnitID: &unit, From: &from})
			if err != nil {
				return nil, err
			}
			for _, a := range acts {
				events = append(events, activityEvent(a, origin))
			}
		}
	}
	if s.cfg.Periods != nil {
		periods, _, err := s.cfg.Periods.FindPeriods(ctx, ttdn.PeriodFilter{})
		if err != nil {
			return nil, err
		}
		for _, p := range periods {
			if p.DueDate.IsZero() || p.DueDate.Before(from) {
				continue
			}
			events = append(events, ical.Event{UID: fmt.Sprintf("period-%d@ttdn", p.ID), Start: p.DueDate.Time(time.UTC),
				Summary: translate(langVI, "calendar.period_due", p.Name), URL: fmt.Sprintf("%s/reports/periods/%d", origin, p.ID),
				Categories: translate(langVI, "calendar.cat_report")})
		}
	}
	return events, nil
}

// taskEvent is a task's deadline. A secret task's title stays in ttdn:
// calendar applications copy what they read to phones and clouds, so the
// event names only its reference and says where to read it.
func taskEvent(t *ttdn.Task, origin string) ical.Event {
	e := ical.Event{UID: fmt.Sprintf("task-%d@ttdn", t.ID), Start: t.Deadline.Time(time.UTC),
		URL: fmt.Sprintf("%s/tasks/%d", origin, t.ID), Categories: translate(langVI, "calendar.cat_task")}
	if t.Classification >= ttdn.Secret {
		e.Summary = translate(langVI, "calendar.task_secret", t.Ref)
		return e
	}
	e.Summary = translate(langVI, "calendar.task_due", t.Ref, t.Title)
	e.Description = t.DeadlineText
	return e
}

// activityEvent is an activity's days, secret ones unnamed as tasks are.
func activityEvent(a *ttdn.Activity, origin string) ical.Event {
	e := ical.Event{UID: fmt.Sprintf("activity-%d@ttdn", a.ID), Start: a.StartDate.Time(time.UTC),
		URL: fmt.Sprintf("%s/activities/%d", origin, a.ID), Categories: translate(langVI, "calendar.cat_activity")}
	if !a.EndDate.IsZero() {
		e.End = a.EndDate.Time(time.UTC)
	}
	if a.Classification >= ttdn.Secret {
		e.Summary = translate(langVI, "calendar.activity_secret")
		return e
	}
	e.Summary, e.Location = a.Title, a.Place
	return e
}

// handleCalendarRotate makes (or remakes) the address and shows it once.
func (s *Server) handleCalendarRotate(w http.ResponseWriter, r *http.Request) {
	raw, err := s.cfg.CalendarFeeds.RotateCalendarFeed(r.Context(), reqOf(r).user.ID)
	if err != nil {
		s.renderAccount(w, r, err)
		return
	}
	s.renderAccountWith(w, r, func(v *accountView) { v.CalendarURL = s.origin(r) + "/calendar/" + raw + ".ics" })
}

func (s *Server) handleCalendarRevoke(w http.ResponseWriter, r *http.Request) {
	if err := s.cfg.CalendarFeeds.RevokeCalendarFeed(r.Context(), reqOf(r).user.ID); err != nil {
		s.renderAccount(w, r, err)
		return
	}
	s.redirectWithFlash(w, r, "/account", "flash.calendar_revoked")
}
