package ical

import (
	"fmt"
	"strings"
)

// Property is one unfolded content line: its name, parameters and
// unescaped value.
type Property struct {
	Name, Params, Value string
}

// Component is a parsed VEVENT (or the VCALENDAR itself): its properties
// by name, first occurrence.
type Component map[string]Property

// Parse reads back a calendar Write made, strictly: lines must end in CRLF
// and be at most 75 octets. It serves the tests of whoever serves a feed
// (and any tool that checks one).
func Parse(text string) (cal Component, events []Component, err error) {
	if !strings.HasSuffix(text, "\r\n") {
		return nil, nil, fmt.Errorf("ical: the last line does not end in CRLF")
	}
	var lines []string
	for i, l := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		if strings.Contains(l, "\n") {
			return nil, nil, fmt.Errorf("ical: line %d has a bare LF", i+1)
		} else if len(l) > 75 {
			return nil, nil, fmt.Errorf("ical: line %d is %d octets long", i+1, len(l))
		}
		if strings.HasPrefix(l, " ") && len(lines) > 0 {
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	cal = Component{}
	var cur Component
	for _, l := range lines {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			return nil, nil, fmt.Errorf("ical: no colon in %q", l)
		}
		name, params, _ := strings.Cut(name, ";")
		p := Property{Name: name, Params: params, Value: unescape(value)}
		switch {
		case name == "BEGIN" && value == "VEVENT":
			cur = Component{}
		case name == "END" && value == "VEVENT":
			events = append(events, cur)
			cur = nil
		case cur != nil:
			if _, dup := cur[name]; !dup {
				cur[name] = p
			}
		default:
			cal[name] = p
		}
	}
	return cal, events, nil
}

func unescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if s[i] == 'n' || s[i] == 'N' {
				b.WriteByte('\n')
			} else {
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
