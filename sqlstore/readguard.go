package sqlstore

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
)

// A read on PostgreSQL is one pooled connection, not a READ ONLY
// transaction (tx.go), so the server would run a write slipped into a read
// path, and commit it at once: SQLite refuses it (its read pool is
// query_only), PostgreSQL would not. The read is guarded here instead, in
// Go, without a round trip: ExecContext is refused, and a query must read.
//
// A statement reads when its first keyword is SELECT, WITH, VALUES, TABLE,
// SHOW or EXPLAIN and none of its words, outside string literals, quoted
// names and comments, writes or locks:
//   - INSERT, UPDATE, DELETE, MERGE, TRUNCATE (a WITH whose body writes,
//     SELECT … FOR UPDATE), INTO (SELECT … INTO creates a table);
//   - FOR SHARE, FOR KEY SHARE, FOR NO KEY UPDATE (row locks);
//   - nextval, setval, set_config, pg_notify and the advisory lock
//     functions (a session-level lock or setting would outlive the read on
//     its pooled connection).
//
// Functions written in SQL or PL/pgSQL that write are not seen.
//
// Query texts are the code's constants (with IN lists of varying length),
// so the verdict is kept per text, up to readVerdictsMax texts; past that a
// text is judged on every call (a linear scan of the text, allocation free).

// ErrWriteInRead is the error of a write in a read transaction.
// Begin the transaction with write true (BeginTx, db.update…) to write.
var ErrWriteInRead = errors.New("sqlstore: write in a read transaction")

const readVerdictsMax = 4096

var (
	readVerdicts  sync.Map // query text → string: "" reads, else why not
	readVerdictsN atomic.Int64
)

// checkRead returns an error wrapping ErrWriteInRead unless query reads.
func checkRead(query string) error {
	why, ok := readVerdicts.Load(query)
	if !ok {
		why = writeReason(query)
		if readVerdictsN.Load() < readVerdictsMax {
			if _, loaded := readVerdicts.LoadOrStore(query, why); !loaded {
				readVerdictsN.Add(1)
			}
		}
	}
	if why == "" {
		return nil
	}
	return fmt.Errorf("%w (%s): %s", ErrWriteInRead, why, abbreviate(query))
}

// refuseExec is the error of ExecContext in a read.
func refuseExec(query string) error {
	return fmt.Errorf("%w (Exec): %s", ErrWriteInRead, abbreviate(query))
}

// abbreviate returns the query's start on one line, for an error message.
func abbreviate(query string) string {
	q := strings.Join(strings.Fields(query), " ")
	if len(q) > 120 {
		cut := 120
		for cut > 0 && q[cut]&0xC0 == 0x80 { // not inside a UTF-8 sequence
			cut--
		}
		q = q[:cut] + "…"
	}
	return q
}

// readKeywords are the first keywords of a statement that reads.
var readKeywords = []string{"select", "with", "values", "table", "show", "explain"}

// writeWords are words no reading statement has.
var writeWords = []string{"insert", "update", "delete", "merge", "truncate", "into",
	"nextval", "setval", "set_config", "pg_notify"}

// writeReason returns "" when query reads, else what makes it a write.
func writeReason(query string) string {
	first, prev := "", ""
	for i := 0; i < len(query); {
		c := query[i]
		switch {
		case c == '\'' || c == '"': // a literal or a quoted name
			i = skipQuoted(query, i, c)
			prev = ""
		case c == '-' && i+1 < len(query) && query[i+1] == '-':
			for i < len(query) && query[i] != '\n' {
				i++
			}
		case c == '/' && i+1 < len(query) && query[i+1] == '*':
			i = skipBlockComment(query, i)
		case c == '$' && i+1 < len(query) && (query[i+1] == '$' || isWordStart(query[i+1])):
			i = skipDollarQuoted(query, i)
			prev = ""
		case isWordStart(c):
			j := i + 1
			for j < len(query) && isWordByte(query[j]) {
				j++
			}
			w := query[i:j]
			i = j
			if first == "" {
				first = w
				if !equalsAny(w, readKeywords) {
					return "starts with " + strings.ToUpper(w)
				}
			}
			switch {
			case equalsAny(w, writeWords):
				return strings.ToUpper(w)
			case strings.EqualFold(prev, "for") && (strings.EqualFold(w, "share") ||
				strings.EqualFold(w, "key") || strings.EqualFold(w, "no")):
				return "FOR " + strings.ToUpper(w) + " (a row lock)"
			case hasPrefixFold(w, "pg_advisory_") || hasPrefixFold(w, "pg_try_advisory_"):
				return w + " (an advisory lock)"
			}
			prev = w
		case c >= '0' && c <= '9':
			for i < len(query) && isWordByte(query[i]) {
				i++
			}
			prev = ""
		default:
			i++
			if c != ' ' && c != '\t' && c != '\n' && c != '\r' {
				prev = ""
			}
		}
	}
	if first == "" {
		return "no statement"
	}
	return ""
}

func isWordStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}

func isWordByte(c byte) bool { return isWordStart(c) || c >= '0' && c <= '9' || c == '$' }

func equalsAny(w string, words []string) bool {
	for _, k := range words {
		if strings.EqualFold(w, k) {
			return true
		}
	}
	return false
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
}

// skipQuoted returns the index past the literal or quoted name opening at
// i (quote doubled inside; a backslash escapes in an E'…' string).
func skipQuoted(q string, i int, quote byte) int {
	escapes := quote == '\'' && i > 0 && (q[i-1] == 'E' || q[i-1] == 'e')
	for i++; i < len(q); i++ {
		switch {
		case escapes && q[i] == '\\':
			i++
		case q[i] == quote:
			if i+1 < len(q) && q[i+1] == quote {
				i++
				continue
			}
			return i + 1
		}
	}
	return i
}

func skipBlockComment(q string, i int) int {
	depth := 0
	for i < len(q) {
		switch {
		case q[i] == '/' && i+1 < len(q) && q[i+1] == '*':
			depth++
			i += 2
		case q[i] == '*' && i+1 < len(q) && q[i+1] == '/':
			depth--
			i += 2
			if depth == 0 {
				return i
			}
		default:
			i++
		}
	}
	return i
}

// skipDollarQuoted returns the index past the $tag$…$tag$ string opening at
// i, or past the '$' when there is none (not a tag).
func skipDollarQuoted(q string, i int) int {
	j := i + 1
	for j < len(q) && q[j] != '$' && isWordByte(q[j]) {
		j++
	}
	if j >= len(q) || q[j] != '$' {
		return i + 1
	}
	tag := q[i : j+1]
	end := strings.Index(q[j+1:], tag)
	if end < 0 {
		return len(q)
	}
	return j + 1 + end + len(tag)
}

// refusedRow makes pgx fail a query before it is sent, with err: the one
// way to hand back a *sql.Row holding an error (QueryRowContext).
type refusedRow struct{ err error }

func (r refusedRow) RewriteQuery(context.Context, *pgx.Conn, string, []any) (string, []any, error) {
	return "", nil, r.err
}
