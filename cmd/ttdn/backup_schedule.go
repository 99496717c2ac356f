package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"ttdn"
	"ttdn/sqlstore"
)

// backupScheduler writes an online backup every `every` into dir and keeps
// the newest `keep` (`ttdn serve --backup-every 24h --backup-keep 14`).
// Backups are files named ttdn-YYYYMMDD-HHMMSS.mmm.db (SQLite) or .zip
// (PostgreSQL's archive), written whole or not at all by sqlstore's Backup.
type backupScheduler struct {
	db    *sqlstore.DB
	dir   string
	every time.Duration
	keep  int
	log   *slog.Logger
	// observe, when set, is told of every run (the metrics).
	observe func(err error, at time.Time)

	mu       sync.Mutex
	lastOK   time.Time
	lastFile string
	lastErr  error
}

const backupPrefix = "ttdn-"

func (b *backupScheduler) ext() string {
	if b.db.Engine() == sqlstore.EngineSQLite {
		return ".db"
	}
	return ".zip"
}

// Run backs up every `every` until ctx ends. The first backup is due
// `every` after the newest one already in dir (at once when there is none),
// so restarts neither skip nor multiply backups.
func (b *backupScheduler) Run(ctx context.Context) {
	wait := time.Duration(0)
	if files, _ := b.backups(); len(files) > 0 {
		if st, err := os.Stat(files[len(files)-1]); err == nil {
			wait = max(time.Until(st.ModTime().Add(b.every)), 0)
			b.mu.Lock()
			b.lastOK, b.lastFile = st.ModTime(), files[len(files)-1]
			b.mu.Unlock()
		}
	}
	t := time.NewTimer(wait)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := b.RunOnce(ctx); err != nil && ctx.Err() == nil {
			b.log.Error("backup: scheduled backup failed", "dir", b.dir, "err", err)
		}
		t.Reset(b.every)
	}
}

// RunOnce writes one backup and removes the oldest beyond keep.
func (b *backupScheduler) RunOnce(ctx context.Context) error {
	now := time.Now()
	name := filepath.Join(b.dir, backupPrefix+now.UTC().Format("20060102-150405.000")+b.ext())
	err := os.MkdirAll(b.dir, 0o700)
	if err == nil {
		_, err = b.db.Backup(ctx, name, nil)
	}
	if err == nil {
		err = b.rotate()
	}
	b.mu.Lock()
	b.lastErr = err
	if err == nil {
		b.lastOK, b.lastFile = now, name
	}
	b.mu.Unlock()
	if b.observe != nil {
		b.observe(err, now)
	}
	if err == nil {
		b.log.Info("backup: written", "file", name)
	}
	return err
}

// backups lists the scheduler's files in dir, oldest first (the names sort
// by time). Other files in dir are never touched.
func (b *backupScheduler) backups() ([]string, error) {
	entries, err := os.ReadDir(b.dir)
	if err != nil {
		return nil, err
	}
	var out []string
	for _, e := range entries {
		if n := e.Name(); e.Type().IsRegular() && strings.HasPrefix(n, backupPrefix) && strings.HasSuffix(n, b.ext()) {
			out = append(out, filepath.Join(b.dir, n))
		}
	}
	slices.Sort(out)
	return out, nil
}

func (b *backupScheduler) rotate() error {
	files, err := b.backups()
	if err != nil {
		return err
	}
	for len(files) > b.keep {
		if err := os.Remove(files[0]); err != nil {
			return fmt.Errorf("backup: remove old backup: %w", err)
		}
		files = files[1:]
	}
	return nil
}

// status is the line /readyz adds to its body.
func (b *backupScheduler) status() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := "last backup: never"
	if !b.lastOK.IsZero() {
		s = "last backup: " + b.lastOK.UTC().Format(time.RFC3339) + " " + filepath.Base(b.lastFile)
	}
	if b.lastErr != nil {
		s += " (last attempt failed)"
	}
	return s
}

// newBackupScheduler checks the backup flags. On SQLite the directory
// defaults to DATA/backups; on PostgreSQL it must be given.
func newBackupScheduler(db *sqlstore.DB, cfg sqlstore.Config, every time.Duration, keep int, dir string, log *slog.Logger, met *serverMetrics) (*backupScheduler, error) {
	if every < 0 {
		return nil, ttdn.Errorf(ttdn.EINVALID, "--backup-every phải là khoảng thời gian dương (ví dụ 24h).", "--backup-every must be a positive duration (e.g. 24h).")
	}
	if keep < 1 {
		return nil, ttdn.Errorf(ttdn.EINVALID, "--backup-keep phải từ 1 trở lên.", "--backup-keep must be at least 1.")
	}
	if dir == "" {
		if db.Engine() != sqlstore.EngineSQLite {
			return nil, ttdn.Errorf(ttdn.EINVALID, "Với PostgreSQL, hãy chỉ định --backup-dir.", "With PostgreSQL, give --backup-dir.")
		}
		data := cfg.DataDir
		if p, ok := strings.CutPrefix(cfg.DSN, "sqlite:"); ok && p != "" {
			data = filepath.Dir(p)
		}
		dir = filepath.Join(data, "backups")
	}
	b := &backupScheduler{db: db, dir: dir, every: every, keep: keep, log: log}
	if met != nil {
		b.observe = func(err error, at time.Time) {
			if err != nil {
				met.backupRuns.Inc("failure")
				return
			}
			met.backupRuns.Inc("success")
			met.backupLastOK.Set(float64(at.Unix()))
		}
	}
	return b, nil
}
