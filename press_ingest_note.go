package ttdn

import (
	"regexp"
	"slices"
	"strings"
)

// IngestNoteKind names what ingestion repaired in an item so that it could
// be stored rather than lost (issue 11 §4).
type IngestNoteKind string

// The repairs ingestion makes.
const (
	// NotePublishedUnreadable and NoteFetchedUnreadable: a date the news
	// file gave could not be read; the fetch time (for an unreadable fetch
	// time, the time of ingestion) stands in. Value: the text as given
	// (quoted, cut).
	NotePublishedUnreadable IngestNoteKind = "published-unreadable"
	NoteFetchedUnreadable   IngestNoteKind = "fetched-unreadable"
	// NoteDateOutOfRange: the publication date was before 1990 or more
	// than a day after the fetch; the fetch time stands in. Value: the
	// date as given (RFC 3339).
	NoteDateOutOfRange IngestNoteKind = "date-out-of-range"
	// NoteTitleCut and NoteSummaryCut: the text was cut to the stored
	// limit. Value: its length before, in bytes.
	NoteTitleCut   IngestNoteKind = "title-cut"
	NoteSummaryCut IngestNoteKind = "summary-cut"
)

// IngestNoteKinds lists every kind, for the pages' words and their tests.
var IngestNoteKinds = []IngestNoteKind{NotePublishedUnreadable, NoteFetchedUnreadable, NoteDateOutOfRange, NoteTitleCut, NoteSummaryCut}

// IngestNote is one repair, stored with the article (ingest_notes) and
// shown on its page in the reader's language.
type IngestNote struct {
	Kind  IngestNoteKind `json:"kind"`
	Value string         `json:"value"`
}

// EncodeIngestNotes writes notes as stored: one "kind: value" a line.
func EncodeIngestNotes(notes []IngestNote) string {
	var b strings.Builder
	for i, n := range notes {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(string(n.Kind))
		b.WriteString(": ")
		b.WriteString(strings.ReplaceAll(n.Value, "\n", " "))
	}
	return b.String()
}

// legacyNotes reads the English sentences stored before notes had kinds
// (04–05/12/2026), joined with "; ", so old rows are shown in words too.
var legacyNotes = []struct {
	re   *regexp.Regexp
	kind IngestNoteKind
}{
	{regexp.MustCompile(`^published (\S+) replaced by fetch time$`), NoteDateOutOfRange},
	{regexp.MustCompile(`^title cut from (\d+) bytes$`), NoteTitleCut},
	{regexp.MustCompile(`^summary cut from (\d+) bytes$`), NoteSummaryCut},
}

// ParseIngestNotes reads stored notes. A line of no known kind is kept
// whole with an empty kind (shown as written).
func ParseIngestNotes(s string) []IngestNote {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	var out []IngestNote
	for _, line := range strings.Split(s, "\n") {
		if kind, value, ok := strings.Cut(line, ": "); ok && IngestNoteKind(kind).known() {
			out = append(out, IngestNote{Kind: IngestNoteKind(kind), Value: value})
			continue
		}
		out = append(out, parseLegacyNotes(line)...)
	}
	return out
}

func parseLegacyNotes(line string) []IngestNote {
	// "; " also occurs inside a quoted unreadable date, which was always
	// the first note: take the known notes off the end, then the rest whole.
	parts := strings.Split(line, "; ")
	var tail []IngestNote
	for len(parts) > 1 {
		n := legacyNote(parts[len(parts)-1])
		if n.Kind == "" {
			break
		}
		tail = append([]IngestNote{n}, tail...)
		parts = parts[:len(parts)-1]
	}
	head := strings.Join(parts, "; ")
	if m := legacyUnreadable.FindStringSubmatch(head); m != nil {
		var out []IngestNote
		if m[1] != "" {
			out = append(out, IngestNote{Kind: NoteFetchedUnreadable, Value: m[1]})
		}
		if m[2] != "" {
			out = append(out, IngestNote{Kind: NotePublishedUnreadable, Value: m[2]})
		}
		return append(out, tail...)
	}
	return append([]IngestNote{legacyNote(head)}, tail...)
}

var legacyUnreadable = regexp.MustCompile(`^unreadable date replaced by fetch time: (?:fetched (".*?"))?(?:, )?(?:published (".*"))?$`)

func legacyNote(s string) IngestNote {
	for _, l := range legacyNotes {
		if m := l.re.FindStringSubmatch(s); m != nil {
			return IngestNote{Kind: l.kind, Value: m[1]}
		}
	}
	return IngestNote{Value: s}
}

func (k IngestNoteKind) known() bool { return slices.Contains(IngestNoteKinds, k) }
