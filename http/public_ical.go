package http

import (
	"context"
	"net/url"
	"strings"
	"time"

	"ttdn"
)

// renderICal writes the public events (published activities with a date)
// as an iCalendar feed (RFC 5545) in the reader's language: all-day
// events, as the registry keeps dates, not times.
func (s *Server) renderICal(ctx context.Context, q *publicReq) (string, []byte, error) {
	items, err := s.cfg.Public.PublicItems(ctx, ttdn.PublishedActivity)
	if err != nil {
		return "", nil, err
	}
	host := q.Base
	if u, err := url.Parse(q.Base); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	var b strings.Builder
	line := func(s string) { b.WriteString(foldICal(s)) }
	line("BEGIN:VCALENDAR")
	line("VERSION:2.0")
	line("PRODID:-//ttdn//public events//" + strings.ToUpper(q.Lang))
	line("CALSCALE:GREGORIAN")
	line("X-WR-CALNAME:" + icalText(publicT(q.Lang, "nav.events")))
	for _, p := range items {
		if p.StartDate.IsZero() {
			continue
		}
		t, _ := p.Text(q.Lang)
		end := lastDay(p).Time(time.UTC).AddDate(0, 0, 1) // DTEND of an all-day event is exclusive
		line("BEGIN:VEVENT")
		line("UID:publication-" + itoa(p.ID) + "@" + host)
		line("DTSTAMP:" + p.UpdatedAt.UTC().Format("20060102T150405Z"))
		line("DTSTART;VALUE=DATE:" + p.StartDate.Time(time.UTC).Format("20060102"))
		line("DTEND;VALUE=DATE:" + end.Format("20060102"))
		line("SUMMARY:" + icalText(t.Title))
		if p.Place != "" {
			line("LOCATION:" + icalText(p.Place))
		}
		if t.Summary != "" {
			line("DESCRIPTION:" + icalText(t.Summary))
		}
		line("URL:" + itemURL(q, q.Lang, p))
		line("END:VEVENT")
	}
	line("END:VCALENDAR")
	return "text/calendar; charset=utf-8", []byte(b.String()), nil
}

// icalText escapes a TEXT value.
func icalText(s string) string {
	r := strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)
	return r.Replace(s)
}

// foldICal ends a content line with CRLF, folded at 75 octets without
// splitting a UTF-8 character.
func foldICal(s string) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		size := len(string(r))
		if n+size > 75 {
			b.WriteString("\r\n ")
			n = 1
		}
		b.WriteRune(r)
		n += size
	}
	b.WriteString("\r\n")
	return b.String()
}
