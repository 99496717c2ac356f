package ttdn

import (
	"context"
	"fmt"
	"path"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// DefaultAttachmentMaxBytes is the size limit of one attachment unless the
// setting says otherwise.
const DefaultAttachmentMaxBytes = 20 << 20

// maxNameBytes caps a stored file name (most file systems allow 255).
const maxNameBytes = 180

// Attachment is evidence attached to a record (a progress update, a task):
// a file stored in the database so that every instance serves it. Its type
// is what its content is, never what its name claims. Data is set on upload
// and on download only.
type Attachment struct {
	ID          int64        `json:"id,omitempty"`
	OwnerKind   ResourceKind `json:"owner_kind"`
	OwnerID     int64        `json:"owner_id"`
	Name        string       `json:"name"`
	ContentType string       `json:"content_type"`
	Size        int64        `json:"size"`
	SHA256      string       `json:"sha256"`
	CreatedBy   int64        `json:"created_by,omitempty"`
	CreatedAt   time.Time    `json:"created_at,omitzero"`
	Data        []byte       `json:"-"`
}

// CheckAttachment sanitises a's name and sets its content type from its
// content, refusing an empty, oversized or disguised file with a message
// for the user.
func CheckAttachment(a *Attachment, maxBytes int64) error {
	a.Name = SanitizeFilename(a.Name)
	if maxBytes <= 0 {
		maxBytes = DefaultAttachmentMaxBytes
	}
	if len(a.Data) == 0 {
		return Errorf(EINVALID, "Tệp %q rỗng.", "The file %q is empty.", a.Name)
	} else if int64(len(a.Data)) > maxBytes {
		return Errorf(ETOOLARGE, "Tệp %q quá lớn: %s, tối đa %s.", "The file %q is too large: %s, at most %s.",
			a.Name, formatBytes(int64(len(a.Data))), formatBytes(maxBytes))
	}
	ct, err := SniffAttachment(a.Name, a.Data)
	if err != nil {
		return err
	}
	a.ContentType, a.Size = ct, int64(len(a.Data))
	return nil
}

func formatBytes(n int64) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%d KB", (n+1023)/1024)
}

// SanitizeFilename returns a name safe to store and to send back: no
// directory, no control or bidirectional-override characters, no characters
// Windows refuses, at most maxNameBytes bytes with the extension kept, and
// never empty.
func SanitizeFilename(name string) string {
	name = strings.ToValidUTF8(name, "")
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	name = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsControl(r), unicode.Is(unicode.Bidi_Control, r), r == '\u200b', r == '\ufeff':
			return -1
		case strings.ContainsRune(`<>:"|?*`, r):
			return '_'
		}
		return r
	}, name)
	name = strings.Trim(name, " .")
	if name == "" {
		return "tep-dinh-kem"
	}
	if len(name) <= maxNameBytes {
		return name
	}
	ext := path.Ext(name)
	if len(ext) > 16 {
		ext = ""
	}
	base := name[:maxNameBytes-len(ext)]
	for !utf8.ValidString(base) {
		base = base[:len(base)-1]
	}
	return base + ext
}

// ContentDisposition returns the Content-Disposition header value that makes
// a browser download name rather than display it: an ASCII fallback and the
// UTF-8 name encoded per RFC 5987.
func ContentDisposition(name string) string {
	name = SanitizeFilename(name)
	fallback := strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '%' || r == ';' {
			return '_'
		}
		return r
	}, name)
	return `attachment; filename="` + fallback + `"; filename*=UTF-8''` + rfc5987(name)
}

// rfc5987 percent-encodes everything but RFC 5987's attr-char.
func rfc5987(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$&+-.^_`|~", c) >= 0) {
			b.WriteByte(c)
			continue
		}
		fmt.Fprintf(&b, "%%%02X", c)
	}
	return b.String()
}

// AttachmentService stores and serves attachments. Reading one goes
// through the access policy of the record that owns it.
type AttachmentService interface {
	CreateAttachment(ctx context.Context, a *Attachment) error
	// CreateAttachments stores files for one owner: all, or none.
	CreateAttachments(ctx context.Context, kind ResourceKind, ownerID int64, list []*Attachment) error
	// FindAttachmentByID returns the attachment with its Data.
	FindAttachmentByID(ctx context.Context, id int64) (*Attachment, error)
	// FindAttachments lists an owner's attachments, without Data.
	FindAttachments(ctx context.Context, kind ResourceKind, ownerID int64) ([]*Attachment, error)
	// DeleteAttachment removes a file of an activity or a unit report
	// (AttachmentRemovable) that the user may update, and returns what
	// it removed (without Data), so the caller knows its owner.
	DeleteAttachment(ctx context.Context, id int64) (*Attachment, error)
}

// AttachmentRemovable reports whether files of owners of kind may be
// removed: an activity's and a unit report's files are what their unit
// shows of them and can be corrected; the evidence of a progress update,
// an estimate, a difficulty or a case records a step taken.
func AttachmentRemovable(kind ResourceKind) bool {
	return kind == ResourceActivity || kind == ResourceUnitReport
}
