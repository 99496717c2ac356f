package ttdn

import (
	"context"
	"net/url"
	"strings"
	"sync"
	"time"
)

// An OPML import adds many sources at once. Each outline's URL is a
// request the server will make, so an import is capped, every outline
// passes the same checks as a source added by hand, and what became of
// each one is recorded: the import runs in the background while its page
// shows the progress, then the outlines refused or skipped, page by page.

// MaxSourcesPerImport caps one OPML import; a larger file is refused whole.
const MaxSourcesPerImport = 500

// ErrTooManySources is the refusal of an import over the cap.
func ErrTooManySources(n int) error {
	return Errorf(EINVALID, "Tệp OPML có %d nguồn tin, vượt giới hạn %d nguồn mỗi lần nhập. Hãy chia tệp thành nhiều phần; chưa nguồn nào được nhập.",
		"The OPML file lists %d sources, over the limit of %d per import. Split the file; nothing was imported.", n, MaxSourcesPerImport)
}

// SourceImportState is where an import stands.
type SourceImportState string

// The states of an import.
const (
	ImportRunning SourceImportState = "running"
	ImportDone    SourceImportState = "done"
	ImportFailed  SourceImportState = "failed" // stopped by an internal error
)

// importStall is how long a running import may go without progress before
// it is shown as interrupted (its instance stopped).
const importStall = 10 * time.Minute

// OutlineOutcome is what became of one outline.
type OutlineOutcome string

// The outcomes of an outline.
const (
	OutlineAdded     OutlineOutcome = "added"
	OutlineDuplicate OutlineOutcome = "duplicate" // a source with this URL exists
	OutlineRefused   OutlineOutcome = "refused"   // invalid, or a URL the feed guard refuses
)

// SourceImport is one OPML import and, when read, a page of its outlines.
type SourceImport struct {
	ID         int64             `json:"id"`
	FileName   string            `json:"file_name"`
	UserID     int64             `json:"user_id,omitempty"`
	State      SourceImportState `json:"state"`
	Total      int               `json:"total"`
	Added      int               `json:"added"`
	Duplicates int               `json:"duplicates"`
	Refused    int               `json:"refused"`
	CreatedAt  time.Time         `json:"created_at"`
	UpdatedAt  time.Time         `json:"updated_at"`

	Lines     []SourceImportLine `json:"lines,omitempty"` // the page the filter asked for
	LineTotal int                `json:"line_total"`      // the outlines the filter selects
}

// Done is the number of outlines handled so far.
func (i *SourceImport) Done() int { return i.Added + i.Duplicates + i.Refused }

// Stalled reports a running import that has made no progress for a while:
// the instance running it stopped, and the rest of the file was not read.
func (i *SourceImport) Stalled(now time.Time) bool {
	return i.State == ImportRunning && now.Sub(i.UpdatedAt) > importStall
}

// SourceImportLine is what became of one outline (numbered from 1 in file
// order). Message says why an outline was not added.
type SourceImportLine struct {
	Line      int            `json:"line"`
	Name      string         `json:"name"`
	FeedURL   string         `json:"feed_url"`
	Outcome   OutlineOutcome `json:"outcome"`
	Message   string         `json:"message,omitempty"`
	MessageEN string         `json:"message_en,omitempty"`
	SourceID  int64          `json:"source_id,omitempty"`
}

// SourceImportFilter pages an import's outlines.
type SourceImportFilter struct {
	Problems bool // only the outlines not added
	Offset   int
	Limit    int
}

// SourceImportService records OPML imports.
type SourceImportService interface {
	StartSourceImport(ctx context.Context, fileName string, total int) (*SourceImport, error)
	RecordSourceImportLine(ctx context.Context, importID int64, line SourceImportLine) error
	FinishSourceImport(ctx context.Context, importID int64, state SourceImportState) error
	FindSourceImport(ctx context.Context, id int64, f SourceImportFilter) (*SourceImport, error)
}

// importBatch is how many outlines are checked at once: checking resolves
// host names, which may each take seconds.
const importBatch = 8

// RunSourceImport adds the sources of an import started with
// StartSourceImport: each URL is checked (check, the feed guard's early
// check), then created; every outline's outcome is recorded as it goes,
// and progress, if not nil, is told after each. An internal error stops
// the import (state failed); refusals and duplicates do not.
func RunSourceImport(ctx context.Context, sources SourceService, imports SourceImportService,
	check func(ctx context.Context, rawURL string) error, imp *SourceImport, list []*Source, progress func(done, total int)) error {
	for start := 0; start < len(list); start += importBatch {
		batch := list[start:min(start+importBatch, len(list))]
		refusals := make([]error, len(batch))
		var wg sync.WaitGroup
		for i, src := range batch {
			wg.Add(1)
			go func() {
				defer wg.Done()
				refusals[i] = check(ctx, src.FeedURL)
			}()
		}
		wg.Wait()
		for i, src := range batch {
			line := SourceImportLine{Line: start + i + 1, Name: src.Name, FeedURL: withoutUserInfo(src.FeedURL)}
			err := refusals[i]
			if err == nil {
				err = sources.CreateSource(ctx, src)
			}
			switch ErrorCode(err) {
			case "":
				line.Outcome, line.SourceID = OutlineAdded, src.ID
			case ECONFLICT:
				line.Outcome = OutlineDuplicate
				line.Message, line.MessageEN = "Đã có nguồn tin với địa chỉ này.", "A source with this feed URL exists already."
			case EINVALID:
				line.Outcome = OutlineRefused
				line.Message, line.MessageEN = ErrorMessage(err, "vi"), ErrorMessage(err, "en")
			default:
				return failImport(ctx, imports, imp.ID, err)
			}
			if err := imports.RecordSourceImportLine(ctx, imp.ID, line); err != nil {
				return failImport(ctx, imports, imp.ID, err)
			}
			if progress != nil {
				progress(start+i+1, len(list))
			}
		}
	}
	return imports.FinishSourceImport(ctx, imp.ID, ImportDone)
}

func failImport(ctx context.Context, imports SourceImportService, id int64, err error) error {
	_ = imports.FinishSourceImport(context.WithoutCancel(ctx), id, ImportFailed)
	return err
}

// withoutUserInfo drops a user name and password from a URL before it is
// recorded: such an outline is refused, and its secret is not kept.
func withoutUserInfo(raw string) string {
	u, err := url.Parse(raw)
	if err == nil && u.User != nil {
		u.User = nil
		return u.String()
	}
	if at, scheme := strings.LastIndex(raw, "@"), strings.Index(raw, "://"); err != nil && scheme >= 0 && at > scheme {
		return raw[:scheme+3] + raw[at+1:]
	}
	return raw
}
