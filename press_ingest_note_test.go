package ttdn

import (
	"reflect"
	"testing"
)

// TestIngestNotesRoundTrip: every kind is stored and read back as it was,
// and a value cannot break the one-note-a-line form.
func TestIngestNotesRoundTrip(t *testing.T) {
	notes := []IngestNote{
		{Kind: NoteFetchedUnreadable, Value: `"hôm qua; lúc 3: 00"`},
		{Kind: NotePublishedUnreadable, Value: `"32/13/2025"`},
		{Kind: NoteDateOutOfRange, Value: "1970-01-01T00:00:00Z"},
		{Kind: NoteTitleCut, Value: "2049"},
		{Kind: NoteSummaryCut, Value: "1048577"},
	}
	if got := ParseIngestNotes(EncodeIngestNotes(notes)); !reflect.DeepEqual(got, notes) {
		t.Errorf("round trip:\n got %+v\nwant %+v", got, notes)
	}
	broken := []IngestNote{{Kind: NoteTitleCut, Value: "12\nsummary-cut: 9"}}
	if got := ParseIngestNotes(EncodeIngestNotes(broken)); len(got) != 1 || got[0].Kind != NoteTitleCut {
		t.Errorf("a newline in a value made %+v", got)
	}
	if got := ParseIngestNotes(""); got != nil {
		t.Errorf("no notes read as %+v", got)
	}
}

// TestIngestNotesLegacy: the English sentences stored before notes had
// kinds are read as kinds, so old rows are shown in words too.
func TestIngestNotesLegacy(t *testing.T) {
	for stored, want := range map[string][]IngestNote{
		`unreadable date replaced by fetch time: fetched "x; y", published "hôm qua"; title cut from 3000 bytes`: {
			{Kind: NoteFetchedUnreadable, Value: `"x; y"`}, {Kind: NotePublishedUnreadable, Value: `"hôm qua"`}, {Kind: NoteTitleCut, Value: "3000"}},
		`unreadable date replaced by fetch time: published "a"`: {{Kind: NotePublishedUnreadable, Value: `"a"`}},
		`published 1969-12-31T00:00:00Z replaced by fetch time; summary cut from 5000000 bytes`: {
			{Kind: NoteDateOutOfRange, Value: "1969-12-31T00:00:00Z"}, {Kind: NoteSummaryCut, Value: "5000000"}},
		`something else`: {{Value: "something else"}},
	} {
		if got := ParseIngestNotes(stored); !reflect.DeepEqual(got, want) {
			t.Errorf("%s:\n got %+v\nwant %+v", stored, got, want)
		}
	}
}
