package main

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"ttdn/sqlstore"
)

// dbCPU reads the CPU time PostgreSQL's backends have spent serving this
// database: on PostgreSQL each page's database work runs in other
// processes, which the bench's own CPU time leaves out. It works where the
// server runs on this machine and its processes' /proc/PID/schedstat can be
// read (Linux, the same user or root); elsewhere ok is false and nothing is
// printed. The backends are those pg_stat_activity lists for the database,
// read every half second: a connection closed during the run (pgx closes
// one whose request was cancelled, as the mix's are at its end) keeps the
// time of its last reading, so the figure is a lower bound by at most that.
type dbCPU struct {
	db    *sqlstore.DB
	start map[int]time.Duration

	mu   sync.Mutex
	last map[int]time.Duration
	stop chan struct{}
	done chan struct{}
}

func startDBCPU(ctx context.Context, db *sqlstore.DB) *dbCPU {
	if db.Engine() != sqlstore.EnginePostgres {
		return nil
	}
	start, err := backendCPU(ctx, db)
	if err != nil || len(start) == 0 {
		return nil
	}
	c := &dbCPU{db: db, start: start, last: map[int]time.Duration{}, stop: make(chan struct{}), done: make(chan struct{})}
	go func() {
		defer close(c.done)
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-c.stop:
				return
			case <-t.C:
				c.read(ctx)
			}
		}
	}()
	return c
}

func (c *dbCPU) read(ctx context.Context) {
	now, err := backendCPU(ctx, c.db)
	if err != nil {
		return
	}
	c.mu.Lock()
	for pid, t := range now {
		c.last[pid] = max(c.last[pid], t)
	}
	c.mu.Unlock()
}

// since returns the backends' CPU time since start, and false when it
// could not be read.
func (c *dbCPU) since(ctx context.Context) (time.Duration, bool) {
	if c == nil {
		return 0, false
	}
	close(c.stop)
	<-c.done
	c.read(ctx)
	var d time.Duration
	for pid, t := range c.last {
		d += t - min(c.start[pid], t) // a backend born during the run: all of it
	}
	return d, len(c.last) > 0
}

// backendCPU maps each backend of the database to the CPU time it has used.
func backendCPU(ctx context.Context, db *sqlstore.DB) (map[int]time.Duration, error) {
	tx, err := db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	rows, err := tx.QueryContext(ctx, `SELECT pid FROM pg_stat_activity WHERE datname = current_database()`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cpu := map[int]time.Duration{}
	for rows.Next() {
		var pid int
		if err := rows.Scan(&pid); err != nil {
			return nil, err
		}
		// The first field of schedstat is the time on a CPU, in ns.
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/schedstat", pid))
		if err != nil {
			continue // another machine's server, or the backend ended
		}
		f := strings.Fields(string(b))
		if len(f) == 0 {
			continue
		}
		if ns, err := strconv.ParseInt(f[0], 10, 64); err == nil {
			cpu[pid] = time.Duration(ns)
		}
	}
	return cpu, rows.Err()
}
