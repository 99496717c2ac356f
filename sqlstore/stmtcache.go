package sqlstore

import (
	"context"
	"database/sql"
	"strings"
	"sync"
	"time"
)

// On SQLite, parsing and planning a statement (sqlite3_prepare) was a fifth
// of the server's CPU under the mixed load (docs/PROFILES.md, "Speed, third
// pass"): the driver prepares every query anew and throws it away. A
// stmtCache keeps one *sql.Stmt per query text and pool; database/sql keeps
// that statement prepared on each connection it has run on, and a
// transaction borrows the copy of its own connection (Tx.StmtContext), so a
// query seen before is bound and stepped without being parsed again.
//
// PostgreSQL needs none of this: pgx caches prepared statements on each
// connection itself.
//
// A prepared statement on SQLite is one cursor: running it again resets it.
// So within one transaction a query text handed out as *sql.Rows (which the
// caller may still be reading when it runs the same query again, nested) is
// not borrowed a second time; such repeats are prepared afresh, as before.
// Parameters are counted as "?" in the text; one inside a string literal
// only makes the text less likely to be cached.
type stmtCache struct {
	pool *sql.DB

	mu     sync.Mutex
	stmts  map[string]*sql.Stmt // nil value: being prepared, or not preparable
	closed bool

	// Background prepares: close cancels them and waits, so none holds a
	// connection (and the database's files) after the pools close.
	ctx       context.Context
	cancel    context.CancelFunc
	preparing sync.WaitGroup
}

// Bounds: query texts are written in the code, but some carry IN lists of
// varying length, each length a text of its own (and SQLite keeps a
// prepared copy on every connection). Long lists are one-offs: a text with
// more parameters than stmtCacheMaxArgs is not cached, nor any past
// stmtCacheMax texts.
const (
	stmtCacheMax      = 512
	stmtCacheMaxQuery = 8 << 10
	stmtCacheMaxArgs  = 32
)

func newStmtCache(pool *sql.DB) *stmtCache {
	ctx, cancel := context.WithCancel(context.Background())
	return &stmtCache{pool: pool, stmts: map[string]*sql.Stmt{}, ctx: ctx, cancel: cancel}
}

// get returns the cached statement for query, or nil. The first time a
// query is seen it is prepared in the background: preparing on the pool
// takes a connection, which a caller holding a transaction must not wait
// for (every connection could be held by callers waiting the same way).
func (c *stmtCache) get(query string) *sql.Stmt {
	if c == nil || len(query) > stmtCacheMaxQuery || strings.Count(query, "?") > stmtCacheMaxArgs {
		return nil
	}
	c.mu.Lock()
	s, seen := c.stmts[query]
	if !seen && !c.closed && len(c.stmts) < stmtCacheMax {
		c.stmts[query] = nil
		c.preparing.Add(1)
		go c.prepare(query)
	}
	c.mu.Unlock()
	return s
}

func (c *stmtCache) prepare(query string) {
	defer c.preparing.Done()
	ctx, cancel := context.WithTimeout(c.ctx, 30*time.Second)
	defer cancel()
	s, err := c.pool.PrepareContext(ctx, query)
	c.mu.Lock()
	defer c.mu.Unlock()
	if err != nil {
		// Not preparable alone (or the pool is closing): never cached, the
		// query runs as before.
		return
	}
	if c.closed {
		s.Close()
		return
	}
	c.stmts[query] = s
}

// close stops the background prepares and closes the cached statements.
func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	c.closed = true
	c.mu.Unlock()
	c.cancel()
	c.preparing.Wait()
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, s := range c.stmts {
		if s != nil {
			s.Close()
		}
		delete(c.stmts, q)
	}
}

// stmt returns tx's copy of the cached statement for query, or nil to run
// the query unprepared. rows says the caller gets *sql.Rows back.
func (tx *Tx) stmt(ctx context.Context, query string, rows bool) *sql.Stmt {
	if tx.stmts == nil || tx.rowsOut[query] {
		return nil
	}
	s := tx.stmts.get(query)
	if s == nil {
		return nil
	}
	if rows {
		if tx.rowsOut == nil {
			tx.rowsOut = map[string]bool{}
		}
		tx.rowsOut[query] = true
	}
	return tx.Tx.StmtContext(ctx, s)
}
