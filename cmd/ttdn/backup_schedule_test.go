package main

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// Scheduled backups rotate (the newest `keep` stay, other files in the
// directory are left alone), and the newest restores into an empty
// database of the same engine with the data it held.
func TestScheduledBackupRotationAndRestore(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		sqltest.MustSeed(t, db)
		sqltest.MustCreateUser(t, db, &ttdn.User{Username: "sao-luu", Name: "Người sao lưu", Role: ttdn.RoleLeader}, "mat-khau-sao-luu-2025")
		dir := t.TempDir()
		foreign := filepath.Join(dir, "ttdn-notes.txt")
		os.WriteFile(foreign, []byte("x"), 0o600)
		b, err := newBackupScheduler(db, sqlstore.Config{}, time.Hour, 2, dir, slog.New(slog.NewTextHandler(io.Discard, nil)), nil)
		if err != nil {
			t.Fatal(err)
		}
		for range 3 {
			if err := b.RunOnce(context.Background()); err != nil {
				t.Fatal(err)
			}
			time.Sleep(5 * time.Millisecond) // names carry milliseconds
		}
		files, _ := b.backups()
		if len(files) != 2 {
			t.Fatalf("%d backups kept, want 2: %v", len(files), files)
		}
		if _, err := os.Stat(foreign); err != nil {
			t.Fatal("rotation removed a file that is not its own")
		}
		if st, _ := os.Stat(files[1]); st.Mode().Perm() != 0o600 {
			t.Errorf("backup mode %v", st.Mode())
		}
		if !strings.Contains(b.status(), filepath.Base(files[1])) {
			t.Errorf("status %q does not name the newest backup", b.status())
		}

		target := sqltest.Open(t, db.Engine())
		if err := target.Restore(context.Background(), files[1], sqlstore.ImportOptions{}); err != nil {
			t.Fatal(err)
		}
		users, _, err := sqlstore.NewUserService(target).FindUsers(sqltest.SystemContext(), ttdn.UserFilter{})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, u := range users {
			found = found || u.Username == "sao-luu"
		}
		if !found {
			t.Fatal("the restored backup lacks the user")
		}
	})
}

// `serve --backup-every` backs up on schedule and reports the last success
// on /readyz and in the metrics; bad flags are refused.
func TestServeScheduledBackups(t *testing.T) {
	data := t.TempDir()
	base, log, out := startServeOut(t, "--data", data, "--backup-every", "300ms", "--backup-keep", "2", "--metrics-addr", "127.0.0.1:0")
	deadline := time.Now().Add(20 * time.Second)
	for {
		_, body := get(t, base+"/readyz")
		files, _ := filepath.Glob(filepath.Join(data, "backups", "ttdn-*.db"))
		if strings.Contains(body, "last backup: 20") && len(files) == 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("readyz %q, %d backups:\n%s", body, len(files), log.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	// The second file appears at its rename, a moment before its run is
	// counted: read the metrics until it is.
	s := scrape(t, metricsAddrRE.FindStringSubmatch(out.String())[1])
	for v, _ := s.Value("ttdn_backup_runs_total", "result", "success"); v < 2; v, _ = s.Value("ttdn_backup_runs_total", "result", "success") {
		if time.Now().After(deadline) {
			t.Fatalf("backup successes %v", v)
		}
		time.Sleep(50 * time.Millisecond)
		s = scrape(t, metricsAddrRE.FindStringSubmatch(out.String())[1])
	}
	if v, _ := s.Value("ttdn_backup_last_success_timestamp_seconds"); v < float64(time.Now().Add(-time.Minute).Unix()) {
		t.Errorf("last success %v", v)
	}
	for _, args := range [][]string{{"--backup-every", "1h", "--backup-keep", "0"}, {"--backup-every", "-1h"}} {
		err := run(context.Background(), append([]string{"serve", "--addr", "127.0.0.1:0", "--data", t.TempDir()}, args...), nil, io.Discard, io.Discard)
		if err == nil || !strings.Contains(errorText(err), "--backup") {
			t.Errorf("%v accepted: %v", args, err)
		}
	}
}
