package sqlstore

import (
	"context"
	"slices"
	"strings"

	"ttdn/vntext"
)

// Full-text search is the one engine-specific part of press storage. Both
// engines index the same text: the folded words of title and summary
// (vntext.Words), joined by single spaces, so FTS5's unicode61 tokenizer and
// PostgreSQL's 'simple' parser split it into the same tokens. Queries are
// an AND of folded words, a trailing * making a word a prefix, and phrases
// (for watch-term previews) are consecutive words.

// SearchText returns the text both engines index for an article.
func SearchText(title, summary string) string {
	return strings.Join(SearchWords(title, summary), " ")
}

// SearchWords returns the words SearchText joins: the folded words of the
// title and the summary.
func SearchWords(title, summary string) []string {
	return vntext.Words(title + " \n " + summary)
}

// ftsInsertSQL adds one article's words to the index.
func (db *DB) ftsInsertSQL() string {
	if db.engine == EnginePostgres {
		return `INSERT INTO press_search (article_id, body) VALUES (?, to_tsvector('simple', ?))`
	}
	return `INSERT INTO press_fts (rowid, body) VALUES (?, ?)`
}

// ftsDeleteSQL removes one article from the index (PostgreSQL cascades).
func (db *DB) ftsDeleteSQL() string {
	if db.engine == EnginePostgres {
		return ``
	}
	return `DELETE FROM press_fts WHERE rowid = ?`
}

// queryTerm is one word of a query, maybe a prefix.
type queryTerm struct {
	word   string
	prefix bool
}

// parseQuery folds a user's query into words; "tay ninh*" gives "tay" and
// the prefix "ninh". Quotes are dropped: the index finds the articles
// holding every word, and searchrank keeps those where a quoted phrase's
// words stand in a row. (Asking the index for the phrase was tried: a rare
// phrase of two common words, "thắng dễ", then walked every article
// holding both, 150–260 ms at 812,000 articles, where the newest 1,000
// holding both bound the work.)
func parseQuery(q string) []queryTerm {
	var out []queryTerm
	for _, f := range strings.Fields(q) {
		prefix := strings.HasSuffix(f, "*")
		words := vntext.Words(f)
		for i, w := range words {
			out = append(out, queryTerm{word: w, prefix: prefix && i == len(words)-1})
		}
	}
	return out
}

// ftsMatch returns the SQL that selects the ids of articles containing
// every term (an IN subquery), and its argument.
func (db *DB) ftsMatch(terms []queryTerm) (string, any) {
	if db.engine == EnginePostgres {
		parts := make([]string, len(terms))
		for i, t := range terms {
			parts[i] = t.word
			if t.prefix {
				parts[i] += ":*"
			}
		}
		return `SELECT article_id FROM press_search WHERE body @@ to_tsquery('simple', ?)`, strings.Join(parts, " & ")
	}
	return `SELECT rowid FROM press_fts WHERE press_fts MATCH ?`, sqliteMatch(terms, nil)
}

// sqliteMatch returns the FTS5 expression of terms: an AND of words and
// prefixes. A prefix is expand(t) when expand is given and returns
// something.
func sqliteMatch(terms []queryTerm, expand func(queryTerm) string) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		if t.prefix && expand != nil {
			if e := expand(t); e != "" {
				parts[i] = e
				continue
			}
		}
		parts[i] = `"` + t.word + `"`
		if t.prefix {
			parts[i] += "*"
		}
	}
	return strings.Join(parts, " AND ")
}

// ftsPhrase returns the SQL that selects the ids of articles containing the
// folded words of one of the phrases consecutively, and its argument.
func (db *DB) ftsPhrase(phrases [][]string) (string, any) {
	parts := make([]string, 0, len(phrases))
	if db.engine == EnginePostgres {
		for _, p := range phrases {
			parts = append(parts, "("+strings.Join(p, " <-> ")+")")
		}
		return `SELECT article_id FROM press_search WHERE body @@ to_tsquery('simple', ?)`, strings.Join(parts, " | ")
	}
	for _, p := range phrases {
		parts = append(parts, `"`+strings.Join(p, " ")+`"`)
	}
	return `SELECT rowid FROM press_fts WHERE press_fts MATCH ?`, strings.Join(parts, " OR ")
}

// reserveArticleIDs returns n new article ids. On SQLite the write
// transaction holds the database lock, so MAX(id)+1… is safe; on PostgreSQL
// the identity sequence hands them out.
func reserveArticleIDs(ctx context.Context, tx *Tx, n int) ([]int64, error) {
	ids := make([]int64, 0, n)
	if tx.db.engine == EnginePostgres {
		rows, err := tx.QueryContext(ctx, `SELECT nextval(pg_get_serial_sequence('press_articles', 'id'))
			FROM generate_series(1, ?)`, n)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				return nil, err
			}
			ids = append(ids, id)
		}
		slices.Sort(ids) // stories point to their first article: keep batch order
		return ids, rows.Err()
	}
	var last int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM press_articles`).Scan(&last); err != nil {
		return nil, err
	}
	for i := range n {
		ids = append(ids, last+1+int64(i))
	}
	return ids, nil
}
