package sqlstore

import (
	"bytes"
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"ttdn"
	"ttdn/atomicfile"
	"ttdn/sqlstore/archive"
)

// Backup writes an online backup of the database to path, which must not
// exist, while the server keeps running:
//   - SQLite: VACUUM INTO, a compact copy of one read snapshot (WAL readers
//     never block the writer), itself a SQLite database;
//   - PostgreSQL: a logical archive (the export format) of one REPEATABLE
//     READ READ ONLY transaction, since pg_dump may not be installed where
//     ttdn runs.
//
// It returns the kind written: "sqlite" or "archive".
func (db *DB) Backup(ctx context.Context, path string, progress Progress) (string, error) {
	kind := "archive"
	if db.engine == EngineSQLite {
		kind = "sqlite"
	}
	// Written under a temporary name and renamed when whole: a backup that
	// fails or is killed half-way never leaves a file that looks complete.
	err := atomicfile.Write(path, false, func(f *os.File) error {
		if db.engine == EngineSQLite {
			return db.vacuumInto(ctx, f.Name())
		}
		_, err := db.Export(ctx, f, "backup", progress)
		return err
	})
	if errors.Is(err, atomicfile.ErrExist) {
		return "", ttdn.Errorf(ttdn.ECONFLICT, "Tệp %s đã tồn tại; hãy chọn tên khác.", "%s already exists; choose another name.", path)
	} else if err != nil {
		return "", fmt.Errorf("sqlstore: backup to %s: %w", path, err)
	}
	return kind, nil
}

// vacuumInto copies the database into path, an existing empty file (VACUUM
// INTO accepts one), so the copy keeps that file's owner-only mode.
func (db *DB) vacuumInto(ctx context.Context, path string) error {
	abs, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	// On a read-pool connection: VACUUM INTO only reads this database, so
	// the single writer connection stays free for the server's writes. The
	// read pool is query_only, which also forbids writing the copy, so the
	// pragma is lifted on this one connection and put back after; a
	// connection that cannot be put back is discarded.
	conn, err := db.read.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `PRAGMA query_only = 0`); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, `VACUUM INTO ?`, abs)
	if _, rerr := conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA query_only = 1`); rerr != nil {
		conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	return err
}

// sqliteMagic starts every SQLite database file.
var sqliteMagic = []byte("SQLite format 3\x00")

// Restore loads a backup (or an export) from path into this database, which
// must be empty unless opts.Force. A SQLite backup file is opened from a
// temporary copy (never changed in place), brought up to this version's
// schema, and copied table by table; an archive is read directly. Either
// loads into either engine.
func (db *DB) Restore(ctx context.Context, path string, opts ImportOptions) error {
	f, err := os.Open(path)
	if err != nil {
		return ttdn.Errorf(ttdn.EINVALID, "Không mở được tệp %s: %v.", "Cannot open %s: %v.", path, err)
	}
	defer f.Close()
	head := make([]byte, len(sqliteMagic))
	n, _ := io.ReadFull(f, head)
	if n == len(sqliteMagic) && bytes.Equal(head, sqliteMagic) {
		return db.restoreSQLiteFile(ctx, f, opts)
	}
	src, err := OpenArchiveFile(f)
	if err != nil {
		return err
	}
	return db.Import(ctx, src, opts)
}

// OpenArchiveFile reads the archive in f.
func OpenArchiveFile(f *os.File) (*archive.Reader, error) {
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	return archive.NewReader(f, st.Size())
}

func (db *DB) restoreSQLiteFile(ctx context.Context, f *os.File, opts ImportOptions) error {
	dir, err := os.MkdirTemp("", "ttdn-restore-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	copyPath := filepath.Join(dir, "backup.db")
	if err := copyFile(f, copyPath); err != nil {
		return err
	}
	src, err := Open(ctx, Config{DSN: "sqlite:" + copyPath, NoSecrets: true})
	if err != nil {
		return err
	}
	defer src.Close()
	snap, err := src.OpenSnapshot(ctx)
	if err != nil {
		return err
	}
	defer snap.Close()
	return db.Import(ctx, snap, opts)
}

func copyFile(f *os.File, to string) error {
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	out, err := os.OpenFile(to, os.O_WRONLY|os.O_CREATE|os.O_EXCL, atomicfile.Mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, f); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
