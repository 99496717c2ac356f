package main

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ttdn/sqlstore"
)

// A `ttdn backup` or `ttdn export` killed with SIGKILL while it writes
// leaves no file under the name asked for: only a hidden temporary file,
// which no one takes for a backup. The child is this test binary
// re-executed as the command (TestCrashServeChild runs any command).
func TestBackupKilledLeavesNoFile(t *testing.T) {
	if testing.Short() {
		t.Skip("starts child processes")
	}
	data := t.TempDir()
	fillSQLite(t, data, 32)
	for _, cmd := range []string{"backup", "export"} {
		t.Run(cmd, func(t *testing.T) {
			outDir := t.TempDir()
			out := filepath.Join(outDir, "ttdn."+cmd)
			child := exec.Command(os.Args[0], "-test.run=^TestCrashServeChild$")
			child.Env = append(os.Environ(), crashChildEnv+"="+strings.Join([]string{cmd, "--data", data, "--out", out}, "\x1f"))
			if err := child.Start(); err != nil {
				t.Fatal(err)
			}
			exited := make(chan error, 1)
			go func() { exited <- child.Wait() }()
			killed := false
			deadline := time.Now().Add(60 * time.Second)
			for !killed && time.Now().Before(deadline) {
				select {
				case err := <-exited:
					t.Fatalf("%s finished (%v) before it could be killed: make the data larger", cmd, err)
				default:
				}
				if entries, _ := os.ReadDir(outDir); len(entries) > 0 {
					if info, err := entries[0].Info(); err == nil && info.Size() > 0 {
						child.Process.Kill()
						killed = true
					}
				}
				time.Sleep(500 * time.Microsecond)
			}
			if !killed {
				child.Process.Kill()
				t.Fatalf("%s wrote nothing within 60 s", cmd)
			}
			<-exited
			if _, err := os.Stat(out); err == nil {
				t.Fatalf("a killed %s left a file under the final name %s", cmd, out)
			}
			entries, _ := os.ReadDir(outDir)
			for _, e := range entries {
				// The temporary file, and SQLite's journal of it.
				if !strings.HasPrefix(e.Name(), ".ttdn."+cmd+".") || !strings.Contains(e.Name(), ".part") {
					t.Errorf("left behind: %s (want only hidden temporary files)", e.Name())
				}
			}
		})
	}
}

// fillSQLite creates the database in data and stores mb megabytes in it,
// behind the services (settings rows nobody reads).
func fillSQLite(t *testing.T, data string, mb int) {
	t.Helper()
	db, err := sqlstore.Open(context.Background(), sqlstore.Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := sql.Open("sqlite", "file:"+filepath.Join(data, "ttdn.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec(`INSERT INTO settings (key, value, updated_at)
		WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
		SELECT 'filler.' || i, hex(randomblob(524288)), CURRENT_TIMESTAMP FROM n`, mb); err != nil {
		t.Fatal(err)
	}
}
