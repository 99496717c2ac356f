package sqlstore

import (
	"context"
	"database/sql"
	"sync"

	"ttdn"
)

// Outlets edit headlines after publishing and change the slugs of their
// links. The pipeline finds a repeated item by its article key (or the
// older URL key) and, when the headline changed, retitles the stored
// article: the old title is kept in press_article_titles.

// StoredRef is a stored article found by its key.
type StoredRef struct {
	ID, StoryID int64
	Title       string
}

// FindArticlesByKey returns the stored articles with the given URL hashes,
// by hash.
func (s *PressService) FindArticlesByKey(ctx context.Context, hashes []int64) (map[int64]StoredRef, error) {
	out := map[int64]StoredRef{}
	if len(hashes) == 0 {
		return out, nil
	}
	// On the write connection: its page cache already holds the url_hash
	// index the batch is about to be inserted into, where a read
	// connection would map a second copy of those pages into memory.
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	chunk := 500
	if s.db.engine == EnginePostgres {
		// The whole batch in one query (one round trip, one plan):
		// PostgreSQL takes the hashes as one array.
		chunk = len(hashes)
	}
	for start := 0; start < len(hashes); start += chunk {
		part := hashes[start:min(start+chunk, len(hashes))]
		var rows *sql.Rows
		if s.db.engine == EnginePostgres {
			rows, err = tx.Tx.QueryContext(ctx, `SELECT url_hash, id, story_id, title FROM press_articles
				WHERE url_hash = ANY($1::bigint[])`, part)
		} else {
			rows, err = tx.QueryContext(ctx, `SELECT url_hash, id, story_id, title FROM press_articles WHERE url_hash IN (`+
				placeholders(len(part))+`)`, int64Args(part)...)
		}
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var h int64
			var r StoredRef
			if err := rows.Scan(&h, &r.ID, &r.StoryID, &r.Title); err != nil {
				rows.Close()
				return nil, err
			}
			out[h] = r
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Retitle is an edited headline of a stored article.
type Retitle struct {
	ID      int64
	Title   string
	Summary string
}

// RetitleArticles stores edited headlines in one transaction: each old
// title goes to the article's title history, and the article and its
// search index take the new title and summary.
func (s *PressService) RetitleArticles(ctx context.Context, list []Retitle) error {
	if !ttdn.UserFromContext(ctx).IsSystem() {
		return errSystemOnly()
	} else if len(list) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, r := range list {
		if err := retitle(ctx, tx, r); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func retitle(ctx context.Context, tx *Tx, r Retitle) error {
	res, err := tx.exec(ctx, `INSERT INTO press_article_titles (article_id, title, replaced_at)
		SELECT id, title, ? FROM press_articles WHERE id = ? AND title <> ?`, tx.now, r.ID, r.Title)
	if err != nil {
		return err
	} else if n, _ := res.RowsAffected(); n == 0 {
		return nil // unknown, or already this title
	}
	if _, err := tx.exec(ctx, `UPDATE press_articles SET title = ?, summary = ? WHERE id = ?`, r.Title, r.Summary, r.ID); err != nil {
		return err
	}
	body := SearchText(r.Title, r.Summary)
	if tx.db.engine == EnginePostgres {
		_, err = tx.exec(ctx, `UPDATE press_search SET body = to_tsvector('simple', ?) WHERE article_id = ?`, body, r.ID)
		return err
	}
	if _, err := tx.exec(ctx, tx.db.ftsDeleteSQL(), r.ID); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, tx.db.ftsInsertSQL(), r.ID, body); err != nil {
		return err
	}
	return addSearchWords(ctx, tx, body)
}

// ArticleTitles returns the earlier headlines of article id, oldest first.
func (s *PressService) ArticleTitles(ctx context.Context, id int64) ([]ttdn.EarlierTitle, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.PressResource(ttdn.ResourceArticle), nil); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return earlierTitles(ctx, tx, id)
}

// earlierTitles reads article id's title history, oldest first.
func earlierTitles(ctx context.Context, tx *Tx, id int64) ([]ttdn.EarlierTitle, error) {
	rows, err := tx.QueryContext(ctx, `SELECT title, replaced_at FROM press_article_titles WHERE article_id = ?
		ORDER BY replaced_at, id`, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []ttdn.EarlierTitle
	for rows.Next() {
		var c ttdn.EarlierTitle
		if err := rows.Scan(&c.Title, timeScan{&c.ReplacedAt}); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ingestNotes reads what ingestion repaired in an article.
func ingestNotes(ctx context.Context, tx *Tx, id int64) ([]ttdn.IngestNote, error) {
	var stored string
	if err := tx.QueryRowContext(ctx, `SELECT ingest_notes FROM press_articles WHERE id = ?`, id).Scan(&stored); err != nil {
		return nil, err
	}
	return ttdn.ParseIngestNotes(stored), nil
}

// ingestLocks serialises ingestion on SQLite within a process (one
// writer; PostgreSQL uses an advisory lock across instances).
var ingestLocks sync.Map // *DB → *sync.Mutex

// ingestLockKey is the PostgreSQL advisory lock of press ingestion.
const ingestLockKey = 0x7474646e_70726573 // "ttdnpres"

// WithIngestLock runs fn while no other pipeline — in this process or, on
// PostgreSQL, in any instance — stores articles: story grouping reads the
// articles stored so far and assigns the new ones, and two instances
// doing that at once would each miss the other's batch.
func (s *PressService) WithIngestLock(ctx context.Context, fn func() error) error {
	if s.db.engine != EnginePostgres {
		mu, _ := ingestLocks.LoadOrStore(s.db, &sync.Mutex{})
		mu.(*sync.Mutex).Lock()
		defer mu.(*sync.Mutex).Unlock()
		return fn()
	}
	conn, err := s.db.write.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, int64(ingestLockKey)); err != nil {
		return err
	}
	// Unlocked even when ctx is done: the session keeps the lock otherwise.
	defer conn.ExecContext(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, int64(ingestLockKey))
	return fn()
}
