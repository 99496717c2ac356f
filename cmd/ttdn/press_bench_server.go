package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"
)

// serverCPU measures the CPU the PostgreSQL backends serving the bench
// spend, when the server runs on this machine: on a shared machine a
// search's wall time moves with the load, its CPU much less, and with
// PostgreSQL most of a search's CPU is the server's, which the bench's own
// CPU figure leaves out. It reads /proc/PID/schedstat (nanoseconds on a
// CPU) of every backend of the bench's database but its own.
type serverCPU struct {
	db   *sql.DB
	self int
	pids []int
}

// newServerCPU connects to dsn; nil when the backends cannot be read (a
// server on another machine, or no /proc).
func newServerCPU(ctx context.Context, dsn string) *serverCPU {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil
	}
	db.SetMaxOpenConns(1)
	s := &serverCPU{db: db}
	if db.QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&s.self) != nil {
		db.Close()
		return nil
	}
	if _, ok := schedTime(s.self); !ok {
		db.Close()
		return nil
	}
	return s
}

// start lists the backends and returns their CPU so far.
func (s *serverCPU) start(ctx context.Context) time.Duration {
	s.pids = s.pids[:0]
	rows, err := s.db.QueryContext(ctx, `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> $1`, s.self)
	if err == nil {
		for rows.Next() {
			var pid int
			if rows.Scan(&pid) == nil {
				s.pids = append(s.pids, pid)
			}
		}
		rows.Close()
	}
	return s.now()
}

// now returns the CPU of the backends start listed.
func (s *serverCPU) now() time.Duration {
	var total time.Duration
	for _, pid := range s.pids {
		if d, ok := schedTime(pid); ok {
			total += d
		}
	}
	return total
}

func (s *serverCPU) Close() error { return s.db.Close() }

// schedTime reads the time a process has spent on a CPU.
func schedTime(pid int) (time.Duration, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/schedstat")
	if err != nil {
		return 0, false
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return 0, false
	}
	ns, err := strconv.ParseInt(f[0], 10, 64)
	return time.Duration(ns), err == nil
}

// serverNote describes the server's CPU per search, or nothing.
func serverNote(cpu time.Duration, n int, on bool) string {
	if !on {
		return ""
	}
	return fmt.Sprintf("; server CPU %s", (cpu / time.Duration(max(n, 1))).Round(10*time.Microsecond))
}
