package ical

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// TestVietnameseRoundTrip writes long Vietnamese text with every character
// that needs escaping and reads it back: lines of at most 75 octets ending
// in CRLF, folds never inside a character, the text unchanged.
func TestVietnameseRoundTrip(t *testing.T) {
	summary := "Hạn nộp báo cáo: Tổ chức họp báo định kỳ, cung cấp thông tin về tình hình kinh tế - xã hội; phản bác thông tin sai sự thật \\ Biển Đông"
	desc := "Đơn vị chủ trì: Sở Văn hóa, Thể thao và Du lịch.\nĐơn vị phối hợp: Sở Ngoại vụ; Công an tỉnh."
	day := time.Date(2026, 12, 5, 0, 0, 0, 0, time.UTC)
	c := Calendar{Name: "Lịch TTĐN — Nguyễn Văn Ả", ProdID: "-//ttdn//ttdn//VI", Stamp: time.Date(2026, 12, 4, 21, 30, 0, 0, time.FixedZone("ICT", 7*3600)),
		Events: []Event{{UID: "task-1@ttdn", Start: day, Summary: summary, Description: desc, Location: "Tây Ninh, Việt Nam"},
			{UID: "activity-2@ttdn", Start: day, End: day.AddDate(0, 0, 2), Summary: "Hội chợ"}}}
	var b strings.Builder
	if err := c.Write(&b); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	folded := 0
	for _, l := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		if !utf8.ValidString(l) {
			t.Errorf("a fold split a character: %q", l)
		}
		if strings.HasPrefix(l, " ") {
			folded++
		}
	}
	if folded < 3 {
		t.Errorf("only %d folded lines; the long Vietnamese lines must fold", folded)
	}
	if !strings.Contains(text, `phản bác thông tin sai sự thật \\ Biển`) && !strings.Contains(strings.ReplaceAll(text, "\r\n ", ""), `sai sự thật \\ Biển`) {
		t.Error("backslash not escaped")
	}
	if !strings.Contains(strings.ReplaceAll(text, "\r\n ", ""), `Thể thao và Du lịch.\nĐơn vị phối hợp: Sở Ngoại vụ\; Công an tỉnh.`) {
		t.Errorf("newline or semicolon not escaped:\n%s", text)
	}
	cal, events, err := Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	if cal["VERSION"].Value != "2.0" || cal["X-WR-CALNAME"].Value != c.Name {
		t.Errorf("calendar properties: %v", cal)
	}
	if len(events) != 2 {
		t.Fatalf("%d events", len(events))
	}
	e := events[0]
	if e["SUMMARY"].Value != summary || e["DESCRIPTION"].Value != desc || e["LOCATION"].Value != "Tây Ninh, Việt Nam" {
		t.Errorf("text changed on the way: %q / %q / %q", e["SUMMARY"].Value, e["DESCRIPTION"].Value, e["LOCATION"].Value)
	}
	if e["UID"].Value != "task-1@ttdn" || e["DTSTAMP"].Value != "20261204T143000Z" {
		t.Errorf("UID/DTSTAMP: %v %v", e["UID"], e["DTSTAMP"])
	}
	if e["DTSTART"].Params != "VALUE=DATE" || e["DTSTART"].Value != "20261205" || e["DTEND"].Value != "20261206" {
		t.Errorf("one-day event: %v %v", e["DTSTART"], e["DTEND"])
	}
	if events[1]["DTEND"].Value != "20261208" {
		t.Errorf("three-day event ends %v, want the day after the last (20261208)", events[1]["DTEND"])
	}
}

// TestParseRefusesLongAndBareLines: the parser the feed tests rely on
// fails on what a strict client would refuse.
func TestParseRefusesLongAndBareLines(t *testing.T) {
	for _, bad := range []string{
		"BEGIN:VCALENDAR\r\nSUMMARY:" + strings.Repeat("ả", 40) + "\r\nEND:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\nEND:VCALENDAR\r\n",
		"BEGIN:VCALENDAR\r\nEND:VCALENDAR",
	} {
		if _, _, err := Parse(bad); err == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}
