package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// keyWorld is a database (as the command line names it) holding a user
// with TOTP on and an SMTP password.
type keyWorld struct {
	cfg    sqlstore.Config
	args   []string // the store flags
	user   *ttdn.User
	secret string
	clock  time.Time
}

func newKeyWorld(t *testing.T, engine string) *keyWorld {
	t.Helper()
	w := &keyWorld{cfg: sqltest.Config(t, engine), clock: time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)}
	w.args = []string{"--data", w.cfg.DataDir, "--db", w.cfg.DSN}
	db := w.open(t, w.cfg)
	defer db.Close()
	sqltest.MustSeed(t, db)
	w.user = sqltest.MustCreateUser(t, db, &ttdn.User{Username: "quan-tri", Name: "Quản trị", Role: ttdn.RoleAdmin}, "")
	acc := sqlstore.NewAccountService(db)
	enr, err := acc.BeginTOTP(sqltest.UserContext(w.user), w.user.ID)
	if err != nil {
		t.Fatal(err)
	}
	w.secret = enr.Secret
	if _, err := acc.ConfirmTOTP(sqltest.UserContext(w.user), w.user.ID, sqlstore.TOTPCode(w.secret, w.clock), ""); err != nil {
		t.Fatal(err)
	}
	pw := "mat-khau-smtp-2019"
	if _, err := sqlstore.NewSettingsService(db).UpdateSettings(sqltest.SystemContext(), ttdn.SettingsUpdate{SMTPPassword: &pw}); err != nil {
		t.Fatal(err)
	}
	return w
}

func (w *keyWorld) open(t *testing.T, cfg sqlstore.Config) *sqlstore.DB {
	t.Helper()
	db, err := sqlstore.Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	db.Now = func() time.Time { return w.clock }
	return db
}

// mustWork opens the database with cfg and checks a TOTP log-in and the
// SMTP password; it returns the database's key id.
func (w *keyWorld) mustWork(t *testing.T, cfg sqlstore.Config) string {
	t.Helper()
	db := w.open(t, cfg)
	defer db.Close()
	w.clock = w.clock.Add(30 * time.Second)
	acc := sqlstore.NewAccountService(db)
	pending, err := acc.StartSecondFactor(sqltest.UserContext(nil), w.user.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := acc.FinishSecondFactor(sqltest.UserContext(nil), pending.Token, sqlstore.TOTPCode(w.secret, w.clock)); err != nil {
		t.Fatalf("TOTP log-in: %v", err)
	}
	set, err := sqlstore.NewSettingsService(db).FindSettings(sqltest.SystemContext())
	if err != nil || set.SMTP.Password != "mat-khau-smtp-2019" {
		t.Fatalf("SMTP password: %q %v", set.SMTP.Password, err)
	}
	return db.SecretKeyID()
}

// auditStatus is the audit checks' status, read with the key.
func (w *keyWorld) auditStatus(t *testing.T) *ttdn.AuditCheckStatus {
	t.Helper()
	cfg := w.cfg
	cfg.SecretKeyFile = filepath.Join(cfg.DataDir, sqlstore.SecretKeyFileName)
	if _, err := os.Stat(cfg.SecretKeyFile); err != nil {
		cfg.SecretKeyFile += ".away"
	}
	db := w.open(t, cfg)
	defer db.Close()
	st, err := sqlstore.NewAuditService(db).AuditCheckStatus(sqltest.UserContext(w.user))
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func mustRun(t *testing.T, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	if err := run(context.Background(), args, nil, &out, &errOut); err != nil {
		t.Fatalf("ttdn %s: %s (%s)", strings.Join(args, " "), errorText(err), errOut.String())
	}
	return out.String()
}

// `ttdn secret-key rotate` replaces the key file in place, keeps the old
// key beside it (owner-only) for older backups, and everything works with
// the new key; a rotation cut short after the database changed is finished
// by running the command again.
func TestSecretKeyRotateCommand(t *testing.T) {
	for _, engine := range sqltest.Engines() {
		t.Run(engine, func(t *testing.T) {
			w := newKeyWorld(t, engine)
			keyFile := filepath.Join(w.cfg.DataDir, sqlstore.SecretKeyFileName)
			old, err := sqlstore.ReadSecretKeyFile(keyFile)
			if err != nil {
				t.Fatal(err)
			}
			out := mustRun(t, append([]string{"secret-key", "rotate"}, w.args...)...)
			next, err := sqlstore.ReadSecretKeyFile(keyFile)
			if err != nil || next.ID() == old.ID() || !strings.Contains(out, next.ID()) {
				t.Fatalf("after rotate: key %v (%v), output %s", next, err, out)
			}
			kept := keyFile + ".old-" + old.ID()
			if k, err := sqlstore.ReadSecretKeyFile(kept); err != nil || k.ID() != old.ID() {
				t.Fatalf("old key not kept: %v", err)
			}
			for _, f := range []string{keyFile, kept} {
				if st, _ := os.Stat(f); st.Mode().Perm() != 0o600 {
					t.Errorf("%s: mode %04o", f, st.Mode().Perm())
				}
			}
			if _, err := os.Stat(keyFile + ".new"); !os.IsNotExist(err) {
				t.Fatal("the pending key file was left")
			}
			if id := w.mustWork(t, w.cfg); id != next.ID() {
				t.Fatalf("database key %s, want %s", id, next.ID())
			}

			// Cut short: the database moved to the key in secret.key.new,
			// the files did not. The server refuses to start and says what
			// to do; running rotate again finishes.
			pending, _ := sqlstore.NewSecretKey()
			if err := sqlstore.WriteSecretKeyFile(keyFile+".new", pending); err != nil {
				t.Fatal(err)
			}
			db := w.open(t, w.cfg)
			if _, err := db.RotateSecretKey(sqltest.SystemContext(), pending); err != nil {
				t.Fatal(err)
			}
			db.Close()
			if _, err := sqlstore.Open(context.Background(), w.cfg); !strings.Contains(ttdn.ErrorMessage(err, "vi"), "ttdn secret-key rotate") {
				t.Fatalf("start after an interrupted rotation: %v", err)
			}
			mustRun(t, append([]string{"secret-key", "rotate"}, w.args...)...)
			if k, _ := sqlstore.ReadSecretKeyFile(keyFile); k == nil || k.ID() != pending.ID() {
				t.Fatalf("interrupted rotation not finished: %v", k)
			}
			w.mustWork(t, w.cfg)
		})
	}
}

// With the key in TTDN_SECRET_KEY, rotate needs a file for the new key,
// and says to start with it.
func TestSecretKeyRotateFromEnvironment(t *testing.T) {
	w := newKeyWorld(t, sqlstore.EngineSQLite)
	b, err := os.ReadFile(filepath.Join(w.cfg.DataDir, sqlstore.SecretKeyFileName))
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("TTDN_SECRET_KEY", string(b))
	err = run(context.Background(), append([]string{"secret-key", "rotate"}, w.args...), nil, &bytes.Buffer{}, &bytes.Buffer{})
	if ttdn.ErrorCode(err) != ttdn.EINVALID || !strings.Contains(ttdn.ErrorMessage(err, "vi"), "--new-key-file") {
		t.Fatalf("rotate without a place for the new key: %v", err)
	}
	newFile := filepath.Join(t.TempDir(), "keys", "ttdn.key")
	out := mustRun(t, append([]string{"secret-key", "rotate", "--new-key-file", newFile}, w.args...)...)
	if !strings.Contains(out, "--secret-key-file "+newFile) {
		t.Fatalf("output: %s", out)
	}
	cfg := w.cfg
	cfg.SecretKeyFile = newFile
	w.mustWork(t, cfg)
	if _, err := sqlstore.Open(context.Background(), w.cfg); ttdn.ErrorCode(err) != ttdn.EINVALID {
		t.Fatalf("the old key still opens the database: %v", err)
	}
}

// Commands that never touch a stored secret run without the key — a backup
// taken on a host that does not hold it — and never create a key file;
// serve needs the key and says which.
func TestKeylessCommands(t *testing.T) {
	w := newKeyWorld(t, sqlstore.EngineSQLite)
	keyFile := filepath.Join(w.cfg.DataDir, sqlstore.SecretKeyFileName)
	if err := os.Rename(keyFile, keyFile+".away"); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "ttdn.backup")
	mustRun(t, append([]string{"backup", "--out", out}, w.args...)...)
	mustRun(t, append([]string{"audit", "verify"}, w.args...)...)
	if _, err := os.Stat(keyFile); !os.IsNotExist(err) {
		t.Fatal("a command that does not need the key created one")
	}
	if st := w.auditStatus(t); st.Last != nil {
		t.Fatalf("a check made without the key was sealed: %+v", st.Last)
	}
	// With the key back, audit verify uses it: its check is sealed.
	if err := os.Rename(keyFile+".away", keyFile); err != nil {
		t.Fatal(err)
	}
	mustRun(t, append([]string{"audit", "verify"}, w.args...)...)
	if st := w.auditStatus(t); st.Last == nil || st.Last.Scope != ttdn.AuditCheckFull || !st.Last.Result.Intact {
		t.Fatalf("audit verify with the key at hand: %+v", st.Last)
	}
	if err := os.Rename(keyFile, keyFile+".away"); err != nil {
		t.Fatal(err)
	}
	err := run(context.Background(), append([]string{"serve", "--addr", "127.0.0.1:0"}, w.args...), nil, &bytes.Buffer{}, &bytes.Buffer{})
	if ttdn.ErrorCode(err) != ttdn.EINVALID || !strings.Contains(errorText(err), keyFile) {
		t.Fatalf("serve without its key: %v", err)
	}
	fresh := t.TempDir()
	mustRun(t, "migrate", "--data", fresh)
	if _, err := os.Stat(filepath.Join(fresh, sqlstore.SecretKeyFileName)); !os.IsNotExist(err) {
		t.Fatal("migrate created a key file")
	}
}
