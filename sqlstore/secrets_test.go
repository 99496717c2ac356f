package sqlstore_test

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

const smtpPassword = "Mat-Khau-SMTP-cua-So-2019"

// secretsWorld is a database with a coordinator who turned TOTP on and an
// SMTP password set through the services, and the clock they used.
type secretsWorld struct {
	cfg    sqlstore.Config
	db     *sqlstore.DB
	user   *ttdn.User
	secret string // the TOTP secret the user's app holds
	clock  time.Time
}

func openSecrets(t *testing.T, cfg sqlstore.Config) *sqlstore.DB {
	t.Helper()
	db, err := sqlstore.Open(context.Background(), cfg)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func newSecretsWorld(t *testing.T, engine string) *secretsWorld {
	t.Helper()
	w := &secretsWorld{cfg: sqltest.Config(t, engine), clock: time.Date(2025, 3, 1, 8, 0, 0, 0, time.UTC)}
	w.db = w.open(t)
	sqltest.MustSeed(t, w.db)
	unit := sqltest.MustFindUnit(t, w.db, "so-tttt")
	w.user = sqltest.MustCreateUser(t, w.db, &ttdn.User{Username: "dieu-phoi", Name: "Điều phối", Role: ttdn.RoleCoordinator, UnitID: unit.ID}, "")
	acc := sqlstore.NewAccountService(w.db)
	me := sqltest.UserContext(w.user)
	enr, err := acc.BeginTOTP(me, w.user.ID)
	if err != nil {
		t.Fatal(err)
	}
	w.secret = enr.Secret
	if _, err := acc.ConfirmTOTP(me, w.user.ID, sqlstore.TOTPCode(w.secret, w.clock), ""); err != nil {
		t.Fatal(err)
	}
	pw := smtpPassword
	if _, err := sqlstore.NewSettingsService(w.db).UpdateSettings(sqltest.SystemContext(), ttdn.SettingsUpdate{SMTPPassword: &pw}); err != nil {
		t.Fatal(err)
	}
	return w
}

// open opens the world's database (again) with its configuration, on the
// world's clock.
func (w *secretsWorld) open(t *testing.T) *sqlstore.DB {
	t.Helper()
	db := openSecrets(t, w.cfg)
	db.Now = func() time.Time { return w.clock }
	return db
}

// mustLogIn finishes a log-in with the current TOTP code, a step later
// than the last one used.
func (w *secretsWorld) mustLogIn(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	w.clock = w.clock.Add(30 * time.Second)
	acc := sqlstore.NewAccountService(db)
	pending, err := acc.StartSecondFactor(sqltest.UserContext(nil), w.user.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := acc.FinishSecondFactor(sqltest.UserContext(nil), pending.Token, sqlstore.TOTPCode(w.secret, w.clock)); err != nil {
		t.Fatalf("TOTP log-in: %v", err)
	}
}

func mustSMTPPassword(t *testing.T, db *sqlstore.DB) {
	t.Helper()
	set, err := sqlstore.NewSettingsService(db).FindSettings(sqltest.SystemContext())
	if err != nil || set.SMTP.Password != smtpPassword {
		t.Fatalf("SMTP password read back: %q %v", set.SMTP.Password, err)
	}
}

// mustNotHold fails if any row of any table of db, read with SQL, holds
// one of needles; on SQLite the bytes of the database file and its WAL must
// not either.
func mustNotHold(t *testing.T, db *sqlstore.DB, cfg sqlstore.Config, needles ...string) {
	t.Helper()
	q := `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`
	if db.Engine() == sqlstore.EnginePostgres {
		q = `SELECT string_agg(table_name, ',') FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`
	} else {
		q = `SELECT group_concat(name, ',') FROM (` + q + `)`
	}
	tables, err := db.QueryStringTest(q)
	if err != nil {
		t.Fatal(err)
	}
	for _, table := range strings.Split(tables, ",") {
		for _, n := range needles {
			cond := `t::text LIKE ?`
			if db.Engine() == sqlstore.EngineSQLite {
				cols, err := db.QueryStringTest(`SELECT group_concat('COALESCE(CAST("' || name || '" AS TEXT), '''')', ' || ') FROM pragma_table_info(?)`, table)
				if err != nil {
					t.Fatal(err)
				}
				cond = `(` + cols + `) LIKE ?`
			}
			if c := mustInt(t, db, `SELECT COUNT(*) FROM `+table+` AS t WHERE `+cond, "%"+n+"%"); c != 0 {
				t.Errorf("table %s holds %q in clear (%d rows)", table, n, c)
			}
		}
	}
	if db.Engine() != sqlstore.EngineSQLite {
		return
	}
	for _, name := range []string{"ttdn.db", "ttdn.db-wal"} {
		b, err := os.ReadFile(filepath.Join(cfg.DataDir, name))
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		for _, n := range needles {
			if bytes.Contains(b, []byte(n)) {
				t.Errorf("the file %s holds %q in clear", name, n)
			}
		}
	}
}

// The TOTP secret and the SMTP password are sealed before they are
// stored: no table, no byte of the SQLite file holds them, and yet TOTP
// log-in works and the mail job reads the password, also after a restart.
func TestSecretsSealedAtRest(t *testing.T) {
	for _, engine := range sqltest.Engines() {
		t.Run(engine, func(t *testing.T) {
			w := newSecretsWorld(t, engine)
			stored := mustString(t, w.db, `SELECT totp_secret FROM users WHERE id = ?`, w.user.ID)
			if !strings.HasPrefix(stored, "sealed:v1:"+w.db.SecretKeyID()+":") {
				t.Fatalf("stored TOTP secret: %q", stored)
			}
			if v := mustString(t, w.db, `SELECT value FROM settings WHERE key = 'smtp_password'`); !strings.HasPrefix(v, "sealed:v1:") {
				t.Fatalf("stored SMTP password: %q", v)
			}
			mustNotHold(t, w.db, w.cfg, w.secret, smtpPassword)
			w.mustLogIn(t, w.db)
			mustSMTPPassword(t, w.db)

			// A sealed value is bound to its row: moved to another user,
			// it does not open.
			other := sqltest.MustCreateUser(t, w.db, &ttdn.User{Username: "khac", Name: "Khác", Role: ttdn.RoleAdmin}, "")
			if err := w.db.ExecTest(`UPDATE users SET totp_secret = ?, totp_enabled = ? WHERE id = ?`, stored, true, other.ID); err != nil {
				t.Fatal(err)
			}
			pending, _ := sqlstore.NewAccountService(w.db).StartSecondFactor(sqltest.UserContext(nil), other.ID)
			if _, err := sqlstore.NewAccountService(w.db).FinishSecondFactor(sqltest.UserContext(nil), pending.Token, sqlstore.TOTPCode(w.secret, w.clock)); err == nil {
				t.Fatal("a sealed secret copied to another user opened there")
			}
			if err := w.db.ExecTest(`UPDATE users SET totp_secret = '', totp_enabled = ? WHERE id = ?`, false, other.ID); err != nil {
				t.Fatal(err)
			}

			w.db.Close()
			db := w.open(t)
			w.mustLogIn(t, db)
			mustSMTPPassword(t, db)
		})
	}
}

// Secrets an older version stored in clear keep working and are sealed
// when the store next opens; on SQLite no old copy is left in the file.
func TestSecretsInClearSealedOnOpen(t *testing.T) {
	for _, engine := range sqltest.Engines() {
		t.Run(engine, func(t *testing.T) {
			w := newSecretsWorld(t, engine)
			if err := w.db.ExecTest(`UPDATE users SET totp_secret = ? WHERE id = ?`, w.secret, w.user.ID); err != nil {
				t.Fatal(err)
			} else if err := w.db.ExecTest(`UPDATE settings SET value = ? WHERE key = 'smtp_password'`, smtpPassword); err != nil {
				t.Fatal(err)
			}
			// Read in both forms until then.
			w.mustLogIn(t, w.db)
			mustSMTPPassword(t, w.db)
			w.db.Close()

			db := w.open(t)
			if s := mustString(t, db, `SELECT totp_secret FROM users WHERE id = ?`, w.user.ID); !strings.HasPrefix(s, "sealed:v1:") {
				t.Fatalf("clear TOTP secret not sealed on open: %q", s)
			}
			mustNotHold(t, db, w.cfg, w.secret, smtpPassword)
			w.mustLogIn(t, db)
			mustSMTPPassword(t, db)
		})
	}
}

// Opening with another key, or without the key file the database's
// secrets need, stops with a message naming both keys, before anything is
// read; a new key file is never made for a database that has a key.
func TestSecretKeyWrong(t *testing.T) {
	for _, engine := range sqltest.Engines() {
		t.Run(engine, func(t *testing.T) {
			w := newSecretsWorld(t, engine)
			right := w.db.SecretKeyID()
			w.db.Close()
			wrong, _ := sqlstore.NewSecretKey()
			cfg := w.cfg
			cfg.SecretKey = wrong.Encode()
			_, err := sqlstore.Open(context.Background(), cfg)
			if msg := ttdn.ErrorMessage(err, "vi"); ttdn.ErrorCode(err) != ttdn.EINVALID ||
				!strings.Contains(msg, "Khóa bí mật không khớp") || !strings.Contains(msg, right) || !strings.Contains(msg, wrong.ID()) {
				t.Fatalf("wrong key: %v", err)
			}
			if en := ttdn.ErrorMessage(err, "en"); !strings.Contains(en, "Wrong secret key") {
				t.Fatalf("English: %q", en)
			}
			cfg.SecretKey = "không phải khóa"
			if _, err := sqlstore.Open(context.Background(), cfg); ttdn.ErrorCode(err) != ttdn.EINVALID || !strings.Contains(ttdn.ErrorMessage(err, "vi"), "32 byte") {
				t.Fatalf("malformed key: %v", err)
			}

			keyFile := filepath.Join(w.cfg.DataDir, sqlstore.SecretKeyFileName)
			mustMode(t, keyFile, 0o600)
			if err := os.Rename(keyFile, keyFile+".elsewhere"); err != nil {
				t.Fatal(err)
			}
			_, err = sqlstore.Open(context.Background(), w.cfg)
			if msg := ttdn.ErrorMessage(err, "vi"); ttdn.ErrorCode(err) != ttdn.EINVALID || !strings.Contains(msg, right) || !strings.Contains(msg, keyFile) {
				t.Fatalf("missing key file: %v", err)
			}
			if _, err := os.Stat(keyFile); !os.IsNotExist(err) {
				t.Fatal("a new key file was made for a database that has a key")
			}
			os.Rename(keyFile+".elsewhere", keyFile)
			w.mustLogIn(t, w.open(t))
		})
	}
}

// Rotation re-seals every secret with the new key in one transaction:
// after it only the new key opens the database, TOTP log-in and the SMTP
// password still work, and the old key is refused by name.
func TestSecretKeyRotate(t *testing.T) {
	for _, engine := range sqltest.Engines() {
		t.Run(engine, func(t *testing.T) {
			w := newSecretsWorld(t, engine)
			old := w.db.SecretKeyID()
			before := mustString(t, w.db, `SELECT totp_secret FROM users WHERE id = ?`, w.user.ID)
			next, _ := sqlstore.NewSecretKey()
			n, err := w.db.RotateSecretKey(sqltest.SystemContext(), next)
			if err != nil || n != 2 {
				t.Fatalf("rotate: %d secrets, %v", n, err)
			}
			after := mustString(t, w.db, `SELECT totp_secret FROM users WHERE id = ?`, w.user.ID)
			if !strings.HasPrefix(after, "sealed:v1:"+next.ID()+":") || after == before {
				t.Fatalf("after rotation: %q", after)
			}
			if c := mustInt(t, w.db, `SELECT COUNT(*) FROM audit_events WHERE action = 'rotate_secret_key'`); c != 1 {
				t.Fatalf("rotation audited %d times", c)
			}
			w.mustLogIn(t, w.db)
			mustSMTPPassword(t, w.db)
			mustNotHold(t, w.db, w.cfg, w.secret, smtpPassword, strings.Split(before, ":")[3])
			w.db.Close()

			if _, err := sqlstore.Open(context.Background(), w.cfg); !strings.Contains(ttdn.ErrorMessage(err, "en"), "this database uses key "+next.ID()) {
				t.Fatalf("old key after rotation: %v", err)
			}
			cfg := w.cfg
			cfg.SecretKey = next.Encode()
			w.cfg = cfg
			db := w.open(t)
			w.mustLogIn(t, db)
			mustSMTPPassword(t, db)
			if db.SecretKeyID() == old {
				t.Fatal("still on the old key")
			}
		})
	}
}

// A server that still holds the old key after another process rotated it
// refuses to seal anything new, rather than mixing keys.
func TestSecretKeyRotatedUnderRunningServer(t *testing.T) {
	for _, engine := range sqltest.Engines() {
		t.Run(engine, func(t *testing.T) {
			w := newSecretsWorld(t, engine)
			second := w.open(t)
			next, _ := sqlstore.NewSecretKey()
			if _, err := second.RotateSecretKey(sqltest.SystemContext(), next); err != nil {
				t.Fatal(err)
			}
			pw := "mat-khau-moi-2025"
			_, err := sqlstore.NewSettingsService(w.db).UpdateSettings(sqltest.SystemContext(), ttdn.SettingsUpdate{SMTPPassword: &pw})
			if ttdn.ErrorCode(err) != ttdn.EINTERNAL || !strings.Contains(err.Error(), "restart it with the new key") {
				t.Fatalf("sealing with a rotated-away key: %v", err)
			}
			other := sqltest.MustCreateUser(t, w.db, &ttdn.User{Username: "khac", Name: "Khác", Role: ttdn.RoleAdmin}, "")
			if _, err := sqlstore.NewAccountService(w.db).BeginTOTP(sqltest.UserContext(other), other.ID); err == nil || !strings.Contains(err.Error(), next.ID()) {
				t.Fatalf("TOTP sealed with a rotated-away key: %v", err)
			}
			w.clock = w.clock.Add(30 * time.Second)
			pending, _ := sqlstore.NewAccountService(w.db).StartSecondFactor(sqltest.UserContext(nil), w.user.ID)
			_, err = sqlstore.NewAccountService(w.db).FinishSecondFactor(sqltest.UserContext(nil), pending.Token, sqlstore.TOTPCode(w.secret, w.clock))
			if ttdn.ErrorCode(err) != ttdn.EINTERNAL {
				t.Fatalf("TOTP log-in on a server holding the old key: %v", err)
			}
			mustSMTPPassword(t, second)
		})
	}
}

// A backup restores its secrets only with the key that sealed them: with
// another key the restore is refused and changes nothing; with
// ForgetSecrets everything else loads and the user's TOTP is off.
func TestRestoreSecretsNeedTheKey(t *testing.T) {
	for _, engine := range sqltest.Engines() {
		t.Run(engine, func(t *testing.T) {
			w := newSecretsWorld(t, engine)
			backup := mustBackup(t, w.db, "ttdn.backup")

			same := sqltest.Config(t, engine)
			key, err := os.ReadFile(filepath.Join(w.cfg.DataDir, sqlstore.SecretKeyFileName))
			if err != nil {
				t.Fatal(err)
			}
			same.SecretKey = string(key)
			db := openSecrets(t, same)
			db.Now = func() time.Time { return w.clock }
			if err := db.Restore(context.Background(), backup, sqlstore.ImportOptions{}); err != nil {
				t.Fatalf("restore with the right key: %v", err)
			}
			w.mustLogIn(t, db)
			mustSMTPPassword(t, db)

			other := openSecrets(t, sqltest.Config(t, engine))
			err = other.Restore(context.Background(), backup, sqlstore.ImportOptions{})
			if ttdn.ErrorCode(err) != ttdn.EINVALID || !strings.Contains(ttdn.ErrorMessage(err, "vi"), "--forget-secrets") {
				t.Fatalf("restore with another key: %v", err)
			}
			if c := mustInt(t, other, `SELECT COUNT(*) FROM users`); c != 0 {
				t.Fatalf("a refused restore loaded %d users", c)
			}
			if err := other.Restore(context.Background(), backup, sqlstore.ImportOptions{ForgetSecrets: true, Action: "restore"}); err != nil {
				t.Fatal(err)
			}
			if on := mustInt(t, other, `SELECT COUNT(*) FROM users WHERE totp_enabled = ? OR totp_secret <> ''`, true); on != 0 {
				t.Fatalf("%d users kept a secret that does not open", on)
			}
			if c := mustInt(t, other, `SELECT COUNT(*) FROM users`); c != 1 {
				t.Fatalf("users restored: %d", c)
			}
			set, err := sqlstore.NewSettingsService(other).FindSettings(sqltest.SystemContext())
			if err != nil || set.SMTP.Password != "" {
				t.Fatalf("SMTP password after forgetting: %q %v", set.SMTP.Password, err)
			}
		})
	}
}

// A database opened without its key (NoSecrets) reads everything but the
// secrets: the SMTP password is absent, and nothing can be sealed.
func TestOpenWithoutKey(t *testing.T) {
	w := newSecretsWorld(t, sqlstore.EngineSQLite)
	w.db.Close()
	cfg := w.cfg
	cfg.SecretKey, cfg.NoSecrets = "", true
	cfg.SecretKeyFile = filepath.Join(t.TempDir(), "absent.key")
	db := openSecrets(t, cfg)
	set, err := sqlstore.NewSettingsService(db).FindSettings(sqltest.SystemContext())
	if err != nil || set.SMTP.Password != "" || set.StaleDays == 0 {
		t.Fatalf("settings without the key: %+v %v", set, err)
	}
	pw := "khac"
	if _, err := sqlstore.NewSettingsService(db).UpdateSettings(sqltest.SystemContext(), ttdn.SettingsUpdate{SMTPPassword: &pw}); err == nil {
		t.Fatal("a secret was sealed without the key")
	}
	if _, err := os.Stat(cfg.SecretKeyFile); !os.IsNotExist(err) {
		t.Fatal("a key file was created")
	}
}
