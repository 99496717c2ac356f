package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"ttdn"
)

// Ingestion storage: the pipeline (package pressingest) prepares articles —
// cleaned, matched, grouped — and StoreArticles writes a whole batch in one
// transaction: articles, their search index rows, hits, themes and review
// queue entries. Only the system (the feed runner, the CLI) ingests.

// IngestArticle is an article ready to store. StoreArticles fills Article.ID
// and Article.StoryID.
type IngestArticle struct {
	ttdn.Article
	URLHash   int64
	Index     string     // SearchText of title and summary
	Hits      []ttdn.Hit // TermID and Occurrences
	ToneGuess ttdn.Tone
	// The story: JoinBatch is the index in the batch of an earlier article
	// whose story this one joins (-1 for none); otherwise JoinStory is a
	// stored story it joins, or 0 for a new story (its own id).
	JoinBatch int
	JoinStory int64
	// Notes say what ingestion repaired (a date replaced, a field cut);
	// stored with the article (press_articles.ingest_notes).
	Notes []ttdn.IngestNote
}

// StoredArticle is what grouping needs of an article already stored.
type StoredArticle struct {
	ID, StoryID int64
	URL, Outlet string
	Title       string
	Summary     string
	Published   time.Time
}

// StoreArticles writes the batch in one transaction.
func (s *PressService) StoreArticles(ctx context.Context, batch []*IngestArticle) error {
	if !ttdn.UserFromContext(ctx).IsSystem() {
		return errSystemOnly()
	} else if len(batch) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if s.db.engine == EngineSQLite {
		// The one write connection keeps this for its life: bulk ingest
		// touches four indexes and the FTS segments of a growing table,
		// which thrash SQLite's default 2 MB page cache.
		if _, err := tx.ExecContext(ctx, `PRAGMA cache_size = -32768`); err != nil {
			return err
		}
	}
	ids, err := reserveArticleIDs(ctx, tx, len(batch))
	if err != nil {
		return err
	}
	for i, a := range batch {
		a.ID = ids[i]
		switch {
		case a.JoinBatch >= 0 && a.JoinBatch < i:
			a.StoryID = batch[a.JoinBatch].StoryID
		case a.JoinStory > 0:
			a.StoryID = a.JoinStory
		default:
			a.StoryID = a.ID
		}
	}
	perSource := map[int64]int{}
	for _, a := range batch {
		perSource[a.SourceID]++
	}
	if s.db.engine == EnginePostgres {
		// A lost batch is ingested again from its feed or file
		// (duplicates are dropped by key): no need to wait for the WAL
		// to reach the disk at each batch's commit.
		if _, err := tx.ExecContext(ctx, `SET LOCAL synchronous_commit = off`); err != nil {
			return err
		}
		if err := storeArticlesPostgres(ctx, tx, batch); err != nil {
			return err
		}
	} else if err := storeArticlesSQLite(ctx, tx, batch); err != nil {
		return err
	}
	bodies := make([]string, 0, len(batch))
	for _, a := range batch {
		bodies = append(bodies, a.Index)
	}
	if err := addSearchWords(ctx, tx, bodies...); err != nil {
		return err
	}
	for id, n := range perSource {
		if _, err := tx.exec(ctx, `UPDATE press_sources SET items = items + ? WHERE id = ?`, n, id); err != nil {
			return err
		}
	}
	return tx.Commit()
}

// storeArticlesSQLite writes batch a row at a time through prepared
// statements: SQLite runs in the process, a statement costs no round trip.
func storeArticlesSQLite(ctx context.Context, tx *Tx, batch []*IngestArticle) error {
	w, err := newArticleWriter(ctx, tx)
	if err != nil {
		return err
	}
	defer w.close()
	for _, a := range batch {
		if err := w.write(ctx, a, tx.now); err != nil {
			return err
		}
	}
	return nil
}

// articleWriter holds the prepared statements of a batch.
type articleWriter struct {
	article, fts, hit, theme, review *sql.Stmt
}

func newArticleWriter(ctx context.Context, tx *Tx) (*articleWriter, error) {
	w := &articleWriter{}
	var err error
	prep := func(q string) *sql.Stmt {
		if err != nil {
			return nil
		}
		var st *sql.Stmt
		st, err = tx.Tx.PrepareContext(ctx, tx.db.rebind(q))
		return st
	}
	w.article = prep(`INSERT INTO press_articles (id, source_id, url, url_hash, guid, title, summary, category, language,
		published_at, fetched_at, story_id, tone, priority, ingest_notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
	w.fts = prep(tx.db.ftsInsertSQL())
	w.hit = prep(`INSERT INTO press_hits (article_id, term_id, occurrences) VALUES (?, ?, ?)`)
	w.theme = prep(`INSERT INTO press_article_themes (article_id, theme) VALUES (?, ?) ON CONFLICT DO NOTHING`)
	w.review = prep(`INSERT INTO press_reviews (article_id, priority, status, tone, tone_guess, published_at, created_at)
		VALUES (?, ?, 'new', ?, ?, ?, ?)`)
	if err != nil {
		w.close()
		return nil, err
	}
	return w, nil
}

func (w *articleWriter) close() {
	for _, st := range []*sql.Stmt{w.article, w.fts, w.hit, w.theme, w.review} {
		if st != nil {
			st.Close()
		}
	}
}

func (w *articleWriter) write(ctx context.Context, a *IngestArticle, now time.Time) error {
	if _, err := w.article.ExecContext(ctx, a.ID, a.SourceID, a.URL, a.URLHash, a.GUID, a.Title, a.Summary, a.Category,
		a.Language, a.Published.UTC(), a.Fetched.UTC(), a.StoryID, string(a.Tone), a.Priority, ttdn.EncodeIngestNotes(a.Notes)); err != nil {
		return mapError(err)
	}
	if _, err := w.fts.ExecContext(ctx, a.ID, a.Index); err != nil {
		return err
	}
	if len(a.Hits) == 0 {
		return nil
	}
	for _, h := range a.Hits {
		if _, err := w.hit.ExecContext(ctx, a.ID, h.TermID, h.Occurrences); err != nil {
			return err
		}
	}
	for _, th := range a.Themes {
		if _, err := w.theme.ExecContext(ctx, a.ID, th); err != nil {
			return err
		}
	}
	_, err := w.review.ExecContext(ctx, a.ID, a.Priority, string(a.Tone), string(a.ToneGuess), a.Published.UTC(), now)
	return err
}

// RecentArticles returns up to limit stored articles with ids above
// afterID, the newest limit of them, oldest first: what a pipeline replays
// into its story grouper on start (and to catch up with other instances).
func (s *PressService) RecentArticles(ctx context.Context, afterID int64, limit int) ([]*StoredArticle, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT id, story_id, url, outlet, title, summary, published_at FROM (
		SELECT a.id, a.story_id, a.url, s.name AS outlet, a.title, a.summary, a.published_at
		FROM press_articles a JOIN press_sources s ON s.id = a.source_id
		WHERE a.id > ? ORDER BY a.id DESC`+limitClause(limit, 0)+`) r ORDER BY id`, afterID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*StoredArticle
	for rows.Next() {
		a := &StoredArticle{}
		if err := rows.Scan(&a.ID, &a.StoryID, &a.URL, &a.Outlet, &a.Title, &a.Summary, timeScan{&a.Published}); err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// OfflineSource returns the feed-less source named name (the outlet of
// items ingested from files), creating it on first use.
func (s *PressService) OfflineSource(ctx context.Context, name string, foreign bool) (*ttdn.Source, error) {
	if !ttdn.UserFromContext(ctx).IsSystem() {
		return nil, errSystemOnly()
	}
	name = ttdn.CleanText(name) // from a news file, like the items' text
	tx, err := s.db.BeginTx(ctx, true)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	list, err := findSources(ctx, tx, `feed_url IS NULL AND name = ?`, name)
	if err != nil {
		return nil, err
	} else if len(list) > 0 {
		return list[0], nil
	}
	src := &ttdn.Source{Name: name, Foreign: foreign, Enabled: true}
	normaliseSource(src)
	if err := src.Validate(); err != nil {
		return nil, err
	} else if err := insertSource(ctx, tx, src); err != nil {
		return nil, err
	} else if err := tx.audit(ctx, "create", ttdn.ResourcePressSource, src.ID, nil, src); err != nil {
		return nil, err
	}
	return src, tx.Commit()
}

// errNoRows reports whether err is "no rows".
func errNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }
