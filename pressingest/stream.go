package pressingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"ttdn"
)

// News files are read as a stream: a JSON array is decoded one element
// at a time (json.Decoder tokens), a JSON-lines file one line at a time,
// so a year of news never sits in memory. One bad record costs only
// itself: it is reported with its file and position and skipped.

// maxLine is the longest JSON line read; a longer line is skipped whole.
const maxLine = 16 << 20

// Problem is a record that could not be used as it was.
type Problem struct {
	File   string
	Record int   // 1-based position of the record in the file
	Offset int64 // byte offset where it ends (arrays) or starts (lines)
	Err    string
}

func (p Problem) String() string {
	return fmt.Sprintf("%s: bản ghi %d (byte %d) / record %d (byte %d): %s", p.File, p.Record, p.Offset, p.Record, p.Offset, p.Err)
}

// rawRecord is a record as written: dates as text, parsed leniently later.
type rawRecord struct {
	ID        string `json:"id"`
	Title     string `json:"title"`
	Link      string `json:"link"`
	Summary   string `json:"summary"`
	Source    string `json:"source"`
	Category  string `json:"category"`
	Published string `json:"published"`
	Fetched   string `json:"fetched"`
}

// StreamNews reads the news records of r — a JSON array or JSON lines —
// calling yield for each usable record and problem for each record it
// skipped or had to repair (a bad date). now is the time used when a
// record has no usable fetch time. It stops early when yield returns
// false, and returns an error only when the stream cannot be read on.
func StreamNews(r io.Reader, name string, now time.Time, yield func(NewsRecord) bool, problem func(Problem)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	first, err := firstByte(br)
	if errors.Is(err, io.EOF) {
		return nil
	} else if err != nil {
		return err
	}
	if first == '[' {
		return streamArray(br, name, now, yield, problem)
	}
	return streamLines(br, name, now, yield, problem)
}

// firstByte peeks at the first byte that is not white space (or a BOM).
func firstByte(br *bufio.Reader) (byte, error) {
	for {
		b, err := br.Peek(1)
		if err != nil {
			return 0, err
		}
		switch b[0] {
		case ' ', '\t', '\r', '\n':
			br.ReadByte()
		case 0xEF:
			if bom, _ := br.Peek(3); bytes.Equal(bom, []byte{0xEF, 0xBB, 0xBF}) {
				br.Discard(3)
				continue
			}
			return b[0], nil
		default:
			return b[0], nil
		}
	}
}

func streamArray(br *bufio.Reader, name string, now time.Time, yield func(NewsRecord) bool, problem func(Problem)) error {
	dec := json.NewDecoder(br)
	if _, err := dec.Token(); err != nil { // [
		return err
	}
	for n := 1; dec.More(); n++ {
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			// A broken array cannot be resynchronised: what came before
			// is kept, the rest of this file is reported unread.
			problem(Problem{File: name, Record: n, Offset: dec.InputOffset(), Err: "JSON hỏng, phần còn lại của tệp không đọc được / broken JSON, the rest of the file is unread: " + err.Error()})
			return nil
		}
		if !handle(raw, name, n, dec.InputOffset(), now, yield, problem) {
			return nil
		}
	}
	return nil
}

func streamLines(br *bufio.Reader, name string, now time.Time, yield func(NewsRecord) bool, problem func(Problem)) error {
	var offset int64
	for n := 1; ; n++ {
		line, size, err := readLine(br)
		start := offset
		offset += size
		if len(bytes.TrimSpace(line)) > 0 || size > maxLine {
			if size > maxLine {
				problem(Problem{File: name, Record: n, Offset: start, Err: fmt.Sprintf("dòng dài quá %d MB, bỏ qua / line longer than %d MB, skipped", maxLine>>20, maxLine>>20)})
			} else if !handle(line, name, n, start, now, yield, problem) {
				return nil
			}
		} else {
			n--
		}
		if errors.Is(err, io.EOF) {
			return nil
		} else if err != nil {
			return err
		}
	}
}

// readLine returns the next line (without its newline; nil when longer
// than maxLine) and the bytes it took.
func readLine(br *bufio.Reader) ([]byte, int64, error) {
	var line []byte
	var size int64
	for {
		chunk, err := br.ReadSlice('\n')
		size += int64(len(chunk))
		if size <= maxLine {
			line = append(line, chunk...)
		} else {
			line = nil
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return bytes.TrimRight(line, "\r\n"), size, err
	}
}

// handle decodes one record and passes it on; false stops the stream.
func handle(raw []byte, name string, n int, offset int64, now time.Time, yield func(NewsRecord) bool, problem func(Problem)) bool {
	var r rawRecord
	if err := json.Unmarshal(raw, &r); err != nil {
		problem(Problem{File: name, Record: n, Offset: offset, Err: "bản ghi không hợp lệ, bỏ qua / invalid record, skipped: " + err.Error()})
		return true
	}
	rec := NewsRecord{ID: r.ID, Title: r.Title, Link: r.Link, Summary: r.Summary, Source: r.Source, Category: r.Category}
	var notes []ttdn.IngestNote
	fetched, ok := ParseTime(r.Fetched)
	if !ok || fetched.Before(earliest) || fetched.After(now.Add(24*time.Hour)) {
		if strings.TrimSpace(r.Fetched) != "" {
			notes = append(notes, ttdn.IngestNote{Kind: ttdn.NoteFetchedUnreadable, Value: quoteShort(r.Fetched)})
		}
		fetched = now
	}
	rec.Fetched = fetched
	if p, ok := ParseTime(r.Published); ok {
		rec.Published = p
	} else if strings.TrimSpace(r.Published) != "" {
		notes = append(notes, ttdn.IngestNote{Kind: ttdn.NotePublishedUnreadable, Value: quoteShort(r.Published)})
	}
	if len(notes) > 0 {
		rec.Notes = notes
		given := make([]string, len(notes))
		for i, note := range notes {
			given[i] = note.Value
		}
		problem(Problem{File: name, Record: n, Offset: offset, Err: "ngày không đọc được, dùng thời điểm thu thập / unreadable date, fetch time used: " + strings.Join(given, ", ")})
	}
	return yield(rec)
}

func quoteShort(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return fmt.Sprintf("%q", s)
}
