package sqlstore

import (
	"context"
	"slices"
	"strings"
)

// maxPrefixWords bounds a prefix's expansion: a prefix that starts more
// indexed words than this stays an FTS5 prefix query.
const maxPrefixWords = 64

// sqliteExpandPrefixes returns the FTS5 MATCH expression of terms with
// each prefix replaced by an OR of the indexed words it starts
// (press_fts_words, migration 0049), and false when a prefix starts no
// word (nothing can match). An FTS5 prefix query merges the postings of
// every word with the prefix before it returns a row; an OR of the words
// is walked newest first and stopped when the ranking pool is full. The
// articles matched are the same.
func sqliteExpandPrefixes(ctx context.Context, tx *Tx, terms []queryTerm) (string, bool, error) {
	words := map[string][]string{}
	for _, t := range terms {
		if !t.prefix || words[t.word] != nil {
			continue
		}
		list, err := tx.queryStrings(ctx, `SELECT word FROM press_fts_words WHERE word >= ? AND word < ?`+
			limitClause(maxPrefixWords+1, 0), t.word, t.word+"\U0010FFFF")
		if err != nil || len(list) == 0 {
			return "", false, err
		}
		words[t.word] = list
	}
	return sqliteMatch(terms, func(t queryTerm) string {
		list := words[t.word]
		if len(list) > maxPrefixWords {
			return "" // a prefix query
		}
		quoted := make([]string, len(list))
		for i, w := range list {
			quoted[i] = `"` + w + `"`
		}
		return "(" + strings.Join(quoted, " OR ") + ")"
	}), true, nil
}

// addSearchWords records on SQLite the words of index texts in
// press_fts_words (0049), which sqliteExpandPrefixes reads: every write to
// press_fts calls it with the texts it indexed. PostgreSQL needs no list.
func addSearchWords(ctx context.Context, tx *Tx, bodies ...string) error {
	if tx.db.engine != EngineSQLite {
		return nil
	}
	seen := map[string]bool{}
	var words []string
	for _, b := range bodies {
		for _, w := range strings.Fields(b) {
			if !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	slices.Sort(words) // neighbours in the index: fewer pages touched
	const chunk = 500
	for start := 0; start < len(words); start += chunk {
		part := words[start:min(start+chunk, len(words))]
		args := make([]any, len(part))
		for i, w := range part {
			args[i] = w
		}
		if _, err := tx.exec(ctx, `INSERT OR IGNORE INTO press_fts_words (word) VALUES `+
			strings.Repeat("(?), ", len(part)-1)+"(?)", args...); err != nil {
			return err
		}
	}
	return nil
}
