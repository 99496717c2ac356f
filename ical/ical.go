// Package ical writes iCalendar (RFC 5545) calendars of all-day events:
// the deadlines and events a user's calendar application subscribes to.
// It is written by hand because it is small: CRLF line ends, content lines
// folded at 75 octets without splitting a UTF-8 character, TEXT values
// escaped, a UID and DTSTAMP on every event, dates as VALUE=DATE.
package ical

import (
	"io"
	"strings"
	"time"
	"unicode/utf8"
)

// Event is one all-day event. End is the last day it covers (inclusive);
// zero means a one-day event.
type Event struct {
	UID         string // stable across refreshes: "task-12@ttdn"
	Start, End  time.Time
	Summary     string
	Description string
	Location    string
	URL         string
	Categories  string
}

// Calendar is a named list of events.
type Calendar struct {
	Name   string // X-WR-CALNAME, what the application shows
	ProdID string
	Stamp  time.Time // DTSTAMP of every event: when the feed was made
	Events []Event
}

// Write writes c as text/calendar.
func (c *Calendar) Write(w io.Writer) error {
	var b strings.Builder
	line := func(name, value string) { b.WriteString(fold(name + ":" + value)) }
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", escape(c.ProdID))
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	if c.Name != "" {
		line("X-WR-CALNAME", escape(c.Name))
	}
	stamp := c.Stamp.UTC().Format("20060102T150405Z")
	for _, e := range c.Events {
		end := e.End
		if end.IsZero() || end.Before(e.Start) {
			end = e.Start
		}
		line("BEGIN", "VEVENT")
		line("UID", escape(e.UID))
		line("DTSTAMP", stamp)
		line("DTSTART;VALUE=DATE", date(e.Start))
		// DTEND of an all-day event is exclusive: the day after the last.
		line("DTEND;VALUE=DATE", date(end.AddDate(0, 0, 1)))
		line("SUMMARY", escape(e.Summary))
		if e.Description != "" {
			line("DESCRIPTION", escape(e.Description))
		}
		if e.Location != "" {
			line("LOCATION", escape(e.Location))
		}
		if e.URL != "" {
			line("URL", e.URL)
		}
		if e.Categories != "" {
			line("CATEGORIES", escape(e.Categories))
		}
		line("TRANSP", "TRANSPARENT")
		line("END", "VEVENT")
	}
	line("END", "VCALENDAR")
	_, err := io.WriteString(w, b.String())
	return err
}

func date(t time.Time) string { return t.Format("20060102") }

// escape escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon,
// comma and newline; other control characters are dropped.
func escape(s string) string {
	var b strings.Builder
	for _, r := range strings.ReplaceAll(s, "\r\n", "\n") {
		switch {
		case r == '\\', r == ';', r == ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == 0x7f:
			// not allowed in a content line
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// fold splits a content line into lines of at most 75 octets (the CRLF
// aside), continuation lines starting with one space, never inside a
// UTF-8 character (§3.1).
func fold(s string) string {
	var b strings.Builder
	limit := 75
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}
