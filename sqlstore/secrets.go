package sqlstore

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"

	"ttdn"
)

// Stored secrets — TOTP secrets and the SMTP password — are sealed with
// AES-256-GCM under the SecretKey before they reach the database:
//
//	sealed:v1:<key id>:<base64 of nonce ‖ ciphertext ‖ tag>
//
// "v1" is the format; the key id says which key sealed the value, so a
// value sealed with another key is refused by name, never decrypted into
// garbage. Each value is bound to its place (the user's row, the setting),
// so a sealed value copied to another row does not open there.
const sealedPrefix = "sealed:v1:"

// secretTOTP and secretSMTPPassword are the places secrets are kept.
func secretTOTP(userID int64) string { return "users.totp_secret:" + strconv.FormatInt(userID, 10) }

const secretSMTPPassword = "settings." + keySMTPPassword

func (k *SecretKey) seal(where, clear string) (string, error) {
	nonce := make([]byte, k.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		return "", err
	}
	box := k.aead.Seal(nonce, nonce, []byte(clear), []byte(where))
	return sealedPrefix + k.id + ":" + base64.RawStdEncoding.EncodeToString(box), nil
}

func isSealed(stored string) bool { return strings.HasPrefix(stored, sealedPrefix) }

// sealedKeyID is the id of the key that sealed stored.
func sealedKeyID(stored string) string {
	id, _, _ := strings.Cut(strings.TrimPrefix(stored, sealedPrefix), ":")
	return id
}

// keyring is what a database opens secrets with: the current key (its id
// is in secret_key_check, it seals every new value) and, during a key
// rotation, the key being rotated to or from.
type keyring struct {
	current *SecretKey
	known   map[string]*SecretKey
}

func newKeyring(keys ...*SecretKey) *keyring {
	kr := &keyring{known: map[string]*SecretKey{}}
	for _, k := range keys {
		if k != nil {
			kr.known[k.id] = k
		}
	}
	return kr
}

// errSecretUnreadable is an internal error: the messages at start-up and
// at restore say what to do about it.
type errSecretUnreadable struct{ where, keyID string }

func (e errSecretUnreadable) Error() string {
	return fmt.Sprintf("sqlstore: the secret in %s does not open: sealed with key %s, which is not this server's, or altered", e.where, e.keyID)
}

// open returns the clear value of stored. A value in clear (written by a
// version before sealing, or by one still running during an upgrade) is
// returned as it is; the next start seals it.
func (kr *keyring) open(where, stored string) (string, error) {
	if !isSealed(stored) {
		return stored, nil
	}
	rest := strings.TrimPrefix(stored, sealedPrefix)
	id, enc, ok := strings.Cut(rest, ":")
	k := kr.known[id]
	if !ok || k == nil {
		return "", errSecretUnreadable{where, id}
	}
	box, err := base64.RawStdEncoding.DecodeString(enc)
	if err != nil || len(box) < k.aead.NonceSize() {
		return "", errSecretUnreadable{where, id}
	}
	clear, err := k.aead.Open(nil, box[:k.aead.NonceSize()], box[k.aead.NonceSize():], []byte(where))
	if err != nil {
		return "", errSecretUnreadable{where, id}
	}
	return string(clear), nil
}

// sealSecret returns clear sealed for the place where ("" stays ""). It
// refuses when this server's key is no longer the database's (rotated by
// another process since this one started): a value sealed with it could
// not be read by any server started with the new key.
func (tx *Tx) sealSecret(ctx context.Context, where, clear string) (string, error) {
	if clear == "" {
		return "", nil
	}
	kr := tx.db.keys.Load()
	if kr == nil {
		return "", errNoKey
	}
	var id string
	if err := tx.QueryRowContext(ctx, `SELECT key_id FROM secret_key_check WHERE id = 1`).Scan(&id); err != nil {
		return "", fmt.Errorf("sqlstore: read the secret key's id: %w", err)
	} else if id != kr.current.id {
		return "", errKeyChanged(id, kr.current.id)
	}
	return kr.current.seal(where, clear)
}

// errNoKey is returned by a database opened without its key (NoSecrets)
// when a stored secret is needed.
var errNoKey = errors.New("sqlstore: the database was opened without its secret key")

// openSecret returns the clear value of a secret read from where. A value
// sealed with a key this server does not hold because the key was rotated
// since it started gets the message that says so.
func (tx *Tx) openSecret(ctx context.Context, where, stored string) (string, error) {
	if stored == "" {
		return "", nil
	}
	kr := tx.db.keys.Load()
	if kr == nil {
		return "", errNoKey
	}
	clear, err := kr.open(where, stored)
	if err != nil {
		if id, kerr := tx.secretKeyID(ctx); kerr == nil && id != kr.current.id {
			return "", errKeyChanged(id, kr.current.id)
		}
	}
	return clear, err
}

// errKeyChanged is what a running server meets after the key was rotated
// under it: an internal error, so the person at a log-in form sees the
// usual message and the log says what to do.
func errKeyChanged(dbKey, held string) error {
	return fmt.Errorf("sqlstore: the secret key was rotated since this server started (the database uses key %s, this server holds %s): restart it with the new key", dbKey, held)
}

func errKeyMismatch(dbKey, given string) error {
	return ttdn.Errorf(ttdn.EINVALID,
		"Khóa bí mật không khớp: cơ sở dữ liệu này dùng khóa mã %s, còn khóa được cung cấp có mã %s. Hãy dùng đúng khóa (TTDN_SECRET_KEY hoặc --secret-key-file, mặc định DATA/secret.key). Nếu việc đổi khóa bị ngắt giữa chừng, chạy lại ttdn secret-key rotate.",
		"Wrong secret key: this database uses key %s, the key given is %s. Use the right key (TTDN_SECRET_KEY or --secret-key-file, by default DATA/secret.key). If a key rotation was interrupted, run ttdn secret-key rotate again.",
		dbKey, given)
}

// storedSecret is one non-empty secret value in the database.
type storedSecret struct {
	where  string
	userID int64 // a TOTP secret's user; 0 for the SMTP password
	value  string
	// webhookID is a webhook signing secret's endpoint (webhooks.go).
	webhookID int64
}

func (tx *Tx) storedSecrets(ctx context.Context) ([]storedSecret, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, totp_secret FROM users WHERE totp_secret <> '' ORDER BY id`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []storedSecret
	for rows.Next() {
		s := storedSecret{}
		if err := rows.Scan(&s.userID, &s.value); err != nil {
			return nil, err
		}
		s.where = secretTOTP(s.userID)
		out = append(out, s)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if out, err = tx.storedWebhookSecrets(ctx, out); err != nil {
		return nil, err
	}
	var v string
	err = tx.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, keySMTPPassword).Scan(&v)
	if err == nil && v != "" {
		out = append(out, storedSecret{where: secretSMTPPassword, value: v})
	} else if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return nil, err
	}
	return out, nil
}

// replaceSecret stores value in place of s, if s is still what is stored
// (another instance may have sealed it first).
func (tx *Tx) replaceSecret(ctx context.Context, s storedSecret, value string) error {
	var err error
	if s.webhookID != 0 {
		_, err = tx.ExecContext(ctx, `UPDATE webhooks SET secret = ? WHERE id = ? AND secret = ?`, value, s.webhookID, s.value)
	} else if s.userID != 0 {
		_, err = tx.ExecContext(ctx, `UPDATE users SET totp_secret = ? WHERE id = ? AND totp_secret = ?`, value, s.userID, s.value)
	} else {
		_, err = tx.ExecContext(ctx, `UPDATE settings SET value = ? WHERE key = ? AND value = ?`, value, keySMTPPassword, s.value)
	}
	return err
}

// forgetSecret removes a secret that cannot be opened: the user's TOTP is
// turned off (with its recovery codes), the SMTP password is cleared.
func (tx *Tx) forgetSecret(ctx context.Context, s storedSecret) error {
	if s.webhookID != 0 { // the endpoint stops; an administrator registers it again
		_, err := tx.ExecContext(ctx, `UPDATE webhooks SET secret = '', active = ? WHERE id = ?`, false, s.webhookID)
		return err
	}
	if s.userID == 0 {
		_, err := tx.ExecContext(ctx, `DELETE FROM settings WHERE key = ?`, keySMTPPassword)
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE users SET totp_enabled = ?, totp_secret = '', totp_last_step = 0 WHERE id = ?`, false, s.userID); err != nil {
		return err
	}
	_, err := tx.ExecContext(ctx, `DELETE FROM recovery_codes WHERE user_id = ?`, s.userID)
	return err
}

// sealAll seals every secret stored in clear with the current key and
// checks every sealed one opens. forget removes those that do not (a
// restore whose key is lost) instead of failing; their places are returned.
func (tx *Tx) sealAll(ctx context.Context, kr *keyring, forget bool) (forgotten []string, err error) {
	if kr == nil {
		return nil, errNoKey
	}
	secrets, err := tx.storedSecrets(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: read stored secrets: %w", err)
	}
	scrubbing := false
	for _, s := range secrets {
		if !scrubbing && !(isSealed(s.value) && sealedKeyID(s.value) == kr.current.id) {
			if err := tx.scrubFreed(ctx); err != nil {
				return nil, err
			}
			scrubbing = true
		}
		clear, err := kr.open(s.where, s.value)
		var unreadable errSecretUnreadable
		if errors.As(err, &unreadable) && forget {
			if err := tx.forgetSecret(ctx, s); err != nil {
				return nil, err
			}
			forgotten = append(forgotten, s.where)
			continue
		} else if errors.As(err, &unreadable) {
			return nil, errSecretsUnreadable(unreadable, kr.current.id)
		} else if err != nil {
			return nil, err
		}
		if isSealed(s.value) && sealedKeyID(s.value) == kr.current.id {
			continue
		}
		sealed, err := kr.current.seal(s.where, clear)
		if err != nil {
			return nil, err
		}
		if err := tx.replaceSecret(ctx, s, sealed); err != nil {
			return nil, err
		}
	}
	return forgotten, nil
}

func errSecretsUnreadable(e errSecretUnreadable, current string) error {
	return ttdn.Errorf(ttdn.EINVALID,
		"Không mở được các bí mật đã lưu (TOTP, mật khẩu SMTP): chúng được mã hóa bằng khóa mã %s, không phải khóa đang dùng (mã %s). Hãy dùng khóa đã mã hóa chúng (TTDN_SECRET_KEY hoặc --secret-key-file). Khi nạp bản sao lưu mà khóa đã mất, --forget-secrets nạp mọi thứ khác và tắt xác thực hai bước của những người dùng đó.",
		"The stored secrets (TOTP, SMTP password) do not open: they are sealed with key %s, not the key in use (%s). Use the key that sealed them (TTDN_SECRET_KEY or --secret-key-file). To restore a backup whose key is lost, --forget-secrets loads everything else and turns those users' two-step verification off.",
		e.keyID, current)
}

// setupSecrets finds the key (creating the key file on a database that has
// none yet), checks it is the database's key, and seals what an older
// version stored in clear — all before the server serves anything.
func (db *DB) setupSecrets(ctx context.Context, cfg Config) error {
	key, path, err := cfg.secretKey()
	if err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	dbKey, err := tx.secretKeyID(ctx)
	if err != nil {
		return err
	}
	if key == nil {
		if dbKey != "" {
			return ttdn.Errorf(ttdn.EINVALID,
				"Các bí mật của cơ sở dữ liệu này được mã hóa bằng khóa mã %s, nhưng không có tệp khóa %s. Hãy đặt khóa đó vào (hoặc dùng TTDN_SECRET_KEY, --secret-key-file); một khóa mới không mở được chúng.",
				"This database's secrets are sealed with key %s, but the key file %s is missing. Put that key there (or use TTDN_SECRET_KEY or --secret-key-file); a new key cannot open them.",
				dbKey, path)
		}
		if key, err = createKeyFile(path); err != nil {
			return err
		}
	}
	kr := newKeyring(key, cfg.NextSecretKey)
	if dbKey == "" {
		if _, err := tx.ExecContext(ctx, `INSERT INTO secret_key_check (id, key_id, set_at) VALUES (1, ?, ?)
			ON CONFLICT (id) DO NOTHING`, key.id, tx.now); err != nil {
			return fmt.Errorf("sqlstore: record the secret key's id: %w", err)
		}
		// Another instance starting at the same moment may have won.
		if dbKey, err = tx.secretKeyID(ctx); err != nil {
			return err
		}
	}
	if kr.current = kr.known[dbKey]; kr.current == nil {
		return errKeyMismatch(dbKey, key.id)
	}
	if _, err := tx.sealAll(ctx, kr, false); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	db.keys.Store(kr)
	db.endScrub(ctx)
	return nil
}

func (tx *Tx) secretKeyID(ctx context.Context) (string, error) {
	var id string
	err := tx.QueryRowContext(ctx, `SELECT key_id FROM secret_key_check WHERE id = 1`).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	} else if err != nil {
		return "", fmt.Errorf("sqlstore: read the secret key's id: %w", err)
	}
	return id, nil
}

// createKeyFile makes a new key in path; if another process made one
// there first, that one is used.
func createKeyFile(path string) (*SecretKey, error) {
	key, err := NewSecretKey()
	if err != nil {
		return nil, err
	}
	err = WriteSecretKeyFile(path, key)
	if ttdn.ErrorCode(err) == ttdn.ECONFLICT {
		return ReadSecretKeyFile(path)
	} else if err != nil {
		return nil, fmt.Errorf("sqlstore: create the secret key file %s: %w", path, err)
	}
	return key, nil
}

// secretKey returns the configured key, or, when the key file does not
// exist yet, nil and the path where it belongs.
func (cfg Config) secretKey() (*SecretKey, string, error) {
	if cfg.SecretKey != "" {
		k, err := ParseSecretKey(cfg.SecretKey)
		return k, "", err
	}
	path := cfg.SecretKeyPath()
	k, err := ReadSecretKeyFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, path, nil
	} else if err != nil {
		return nil, path, err
	}
	return k, path, nil
}

// SecretKeyPath is the key file the configuration names, or the default
// one in the data directory ("" when the key is given itself).
func (cfg Config) SecretKeyPath() string {
	if cfg.SecretKey != "" {
		return ""
	} else if cfg.SecretKeyFile != "" {
		return cfg.SecretKeyFile
	}
	return filepath.Join(cfg.dataDir(), SecretKeyFileName)
}

// dataDir is where the key file lives by default: the data directory, or
// the SQLite file's directory when only a sqlite:PATH is given.
func (cfg Config) dataDir() string {
	if cfg.DataDir != "" {
		return cfg.DataDir
	} else if p, ok := strings.CutPrefix(cfg.DSN, "sqlite:"); ok && p != "" {
		return filepath.Dir(p)
	}
	return "./ttdn-data"
}

// SecretKeyID returns the id of the key this database's secrets are sealed
// with.
func (db *DB) SecretKeyID() string {
	if kr := db.keys.Load(); kr != nil {
		return kr.current.id
	}
	return ""
}

// RotateSecretKey re-seals every stored secret with next and makes next
// the database's key, in one transaction: until it commits the database
// uses the old key throughout, after it the new one. Servers still running
// with the old key refuse to seal anything new (sealSecret) and must be
// restarted with the new key. It returns how many secrets were re-sealed.
func (db *DB) RotateSecretKey(ctx context.Context, next *SecretKey) (int, error) {
	old := db.keys.Load()
	if old == nil {
		return 0, errNoKey
	}
	kr := newKeyring(next)
	for _, k := range old.known {
		kr.known[k.id] = k
	}
	kr.current = next
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	secrets, err := tx.storedSecrets(ctx)
	if err != nil {
		return 0, err
	} else if err := tx.scrubFreed(ctx); err != nil {
		return 0, err
	}
	for _, s := range secrets {
		clear, err := kr.open(s.where, s.value)
		var unreadable errSecretUnreadable
		if errors.As(err, &unreadable) {
			return 0, errSecretsUnreadable(unreadable, old.current.id)
		} else if err != nil {
			return 0, err
		}
		sealed, err := next.seal(s.where, clear)
		if err != nil {
			return 0, err
		}
		if err := tx.replaceSecret(ctx, s, sealed); err != nil {
			return 0, err
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE secret_key_check SET key_id = ?, set_at = ? WHERE id = 1`, next.id, tx.now); err != nil {
		return 0, err
	}
	if err := tx.audit(ctx, "rotate_secret_key", "database", 0, map[string]string{"key_id": old.current.id},
		map[string]any{"key_id": next.id, "secrets": len(secrets)}); err != nil {
		return 0, err
	}
	if err := tx.Commit(); err != nil {
		return 0, err
	}
	db.keys.Store(kr)
	db.endScrub(ctx)
	return len(secrets), nil
}

// scrubFreed makes SQLite overwrite with zeros what this transaction
// frees, so a secret re-sealed (or sealed for the first time) leaves no
// old form in the file's free space; endScrub, after the commit, turns
// that off again and copies the WAL into the database and empties it, so
// the old pages are gone from it too. PostgreSQL keeps old row versions
// until VACUUM (docs/OPERATIONS.md).
func (tx *Tx) scrubFreed(ctx context.Context) error {
	if tx.db.engine != EngineSQLite {
		return nil
	}
	_, err := tx.ExecContext(ctx, `PRAGMA secure_delete = ON`)
	return err
}

func (db *DB) endScrub(ctx context.Context) {
	if db.engine != EngineSQLite {
		return
	}
	db.write.ExecContext(ctx, `PRAGMA secure_delete = OFF`)
	// Busy when readers are active: they then keep the WAL, which the
	// next checkpoint overwrites.
	db.write.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`)
}
