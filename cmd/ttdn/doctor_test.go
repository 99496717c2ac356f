package main

import (
	"bytes"
	"context"
	"database/sql"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// doctorRun runs `ttdn doctor ARGS` and returns its output and whether it
// found problems (a non-nil error is exit status 1).
func doctorRun(t *testing.T, args ...string) (string, bool) {
	t.Helper()
	var out bytes.Buffer
	err := run(context.Background(), append([]string{"doctor"}, args...), nil, &out, &out)
	if err != nil {
		out.WriteString(errorText(err)) // what main prints before exiting 1
	}
	return out.String(), err != nil
}

func mustContain(t *testing.T, out string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("missing %q in:\n%s", w, out)
		}
	}
}

// The doctor passes a healthy SQLite deployment and names, with the fix,
// each fault an IT centre meets: no database, files readable by others, a
// missing or wrong key, a migration not applied, an SMTP server that does
// not answer; it changes nothing it reports.
func TestDoctorSQLite(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if out, bad := doctorRun(t, "--data", data); !bad {
		t.Fatalf("no database, yet healthy:\n%s", out)
	} else {
		mustContain(t, out, "Chưa có cơ sở dữ liệu", "ttdn migrate")
	}
	if _, err := os.Stat(filepath.Join(data, "ttdn.db")); err == nil {
		t.Fatal("the doctor created the database")
	}

	// Opened as `serve` does: migrated, key created and recorded.
	db, err := sqlstore.Open(context.Background(), sqlstore.Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	out, bad := doctorRun(t, "--data", data)
	if bad {
		t.Fatalf("healthy deployment refused:\n%s", out)
	}
	mustContain(t, out, "Khóa bí mật khớp", "Cấu trúc cơ sở dữ liệu đã cập nhật", "Không có vấn đề nào", "MB trống")

	// Modes opened up: reported (and left as they are).
	key := filepath.Join(data, "secret.key")
	os.Chmod(key, 0o644)
	os.Chmod(data, 0o755)
	t.Setenv("TTDN_LANG", "en")
	out, bad = doctorRun(t, "--data", data)
	mustContain(t, out, "[FAIL]", "secret.key has mode 0644", "chmod 600", "chmod 700", "2 problems")
	if !bad {
		t.Fatal("open modes passed")
	}
	if st, _ := os.Stat(key); st.Mode().Perm() != 0o644 {
		t.Fatal("the doctor changed a mode")
	}
	os.Chmod(key, 0o600)
	os.Chmod(data, 0o700)
	t.Setenv("TTDN_LANG", "")

	// Another key, then no key.
	other := filepath.Join(t.TempDir(), "other.key")
	k, _ := sqlstore.NewSecretKey()
	if err := sqlstore.WriteSecretKeyFile(other, k); err != nil {
		t.Fatal(err)
	}
	out, _ = doctorRun(t, "--data", data, "--secret-key-file", other)
	mustContain(t, out, "Khóa bí mật không khớp")
	os.Rename(key, key+".moved")
	out, bad = doctorRun(t, "--data", data)
	mustContain(t, out, "Thiếu khóa bí mật")
	if _, err := os.Stat(key); err == nil || !bad {
		t.Fatal("a key file was created or the missing key passed")
	}
	os.Rename(key+".moved", key)

	// SMTP configured on a loopback port nobody listens on.
	db, err = sqlstore.Open(context.Background(), sqlstore.Config{DataDir: data})
	if err != nil {
		t.Fatal(err)
	}
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	host := "127.0.0.1"
	if _, err := sqlstore.NewSettingsService(db).UpdateSettings(sqltest.SystemContext(), ttdn.SettingsUpdate{SMTPHost: &host, SMTPPort: &port}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	out, bad = doctorRun(t, "--data", data)
	mustContain(t, out, "Không kết nối được máy chủ thư 127.0.0.1:")
	if !bad {
		t.Fatal("an unreachable SMTP server passed")
	}
}

// On both engines: a migration the database lacks is named with its fix.
func TestDoctorPendingMigration(t *testing.T) {
	for _, engine := range sqltest.Engines() {
		t.Run(engine, func(t *testing.T) {
			cfg := sqltest.Config(t, engine)
			db, err := sqlstore.Open(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			db.Close()
			dsn, data := cfg.DSN, cfg.DataDir
			os.Chmod(data, 0o700) // made by the test, not by ttdn
			out, bad := doctorRun(t, "--db", dsn, "--data", data)
			if bad {
				t.Fatalf("healthy database refused:\n%s", out)
			}
			driver, src := "pgx", dsn
			if engine == sqlstore.EngineSQLite {
				driver, src = "sqlite", "file:"+strings.TrimPrefix(dsn, "sqlite:")
			}
			raw, err := sql.Open(driver, src)
			if err != nil {
				t.Fatal(err)
			}
			defer raw.Close()
			if _, err := raw.Exec(`DELETE FROM schema_migrations WHERE name = '0001_init.sql'`); err != nil {
				t.Fatal(err)
			}
			out, bad = doctorRun(t, "--db", dsn, "--data", data)
			mustContain(t, out, "1 bản cập nhật cấu trúc chưa áp dụng (0001_init.sql", "ttdn migrate")
			if !bad {
				t.Fatal("a pending migration passed")
			}
		})
	}
}
