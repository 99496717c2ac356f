package sqlstore

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"ttdn"
	"ttdn/atomicfile"
)

// SecretKey is the AES-256 key that seals the secrets the database stores
// (TOTP secrets, the SMTP password). It is kept outside the database — in
// the environment (TTDN_SECRET_KEY) or a file of mode 0600 — so a copy of
// the database or of a backup alone does not reveal them.
type SecretKey struct {
	raw  []byte
	id   string
	aead cipher.AEAD
}

// secretKeyLen is AES-256's key size.
const secretKeyLen = 32

// SecretKeyFileName is the key file's name in the data directory.
const SecretKeyFileName = "secret.key"

// NewSecretKey returns a fresh random key.
func NewSecretKey() (*SecretKey, error) {
	raw := make([]byte, secretKeyLen)
	if _, err := rand.Read(raw); err != nil {
		return nil, err
	}
	return newSecretKey(raw)
}

func newSecretKey(raw []byte) (*SecretKey, error) {
	block, err := aes.NewCipher(raw)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	// The id names the key in stored values and in messages. It is an HMAC
	// under the key, so it reveals nothing about the key.
	m := hmac.New(sha256.New, raw)
	m.Write([]byte("ttdn secret key id"))
	return &SecretKey{raw: raw, id: hex.EncodeToString(m.Sum(nil))[:16], aead: aead}, nil
}

// ParseSecretKey reads a key written as base64 of 32 bytes (what
// TTDN_SECRET_KEY and the key file hold); surrounding space is ignored.
func ParseSecretKey(s string) (*SecretKey, error) {
	s = strings.TrimSpace(s)
	var raw []byte
	var err error
	for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.RawStdEncoding, base64.URLEncoding, base64.RawURLEncoding} {
		if raw, err = enc.DecodeString(s); err == nil {
			break
		}
	}
	if err != nil || len(raw) != secretKeyLen {
		return nil, ttdn.Errorf(ttdn.EINVALID,
			"Khóa bí mật không hợp lệ: phải là 32 byte viết dạng base64 (tạo bằng: head -c 32 /dev/urandom | base64).",
			"Invalid secret key: it must be 32 bytes written in base64 (make one with: head -c 32 /dev/urandom | base64).")
	}
	return newSecretKey(raw)
}

// ID names the key without revealing it (16 hex digits).
func (k *SecretKey) ID() string { return k.id }

// Encode returns the key as the key file and TTDN_SECRET_KEY hold it.
func (k *SecretKey) Encode() string { return base64.StdEncoding.EncodeToString(k.raw) }

// String names the key by its id: printing a key by mistake shows no key.
func (k *SecretKey) String() string { return "secret key " + k.id }

// ReadSecretKeyFile reads the key in path.
func ReadSecretKeyFile(path string) (*SecretKey, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	k, err := ParseSecretKey(string(b))
	if err != nil {
		return nil, &ttdn.Error{Code: ttdn.EINVALID, Message: "Tệp khóa " + path + ": " + ttdn.ErrorMessage(err, "vi"),
			MessageEN: "Key file " + path + ": " + ttdn.ErrorMessage(err, "en")}
	}
	return k, nil
}

// WriteSecretKeyFile writes k to path, a new file of mode 0600 in a
// directory created 0700 if absent, synced before it is visible. An
// existing file is never replaced: a key in use must not be lost.
func WriteSecretKeyFile(path string, k *SecretKey) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return err
	}
	err := atomicfile.Write(path, false, func(f *os.File) error {
		_, err := f.WriteString(k.Encode() + "\n")
		return err
	})
	if errors.Is(err, fs.ErrExist) {
		return ttdn.Errorf(ttdn.ECONFLICT, "Tệp khóa %s đã có; không ghi đè một khóa.", "The key file %s exists; a key is never overwritten.", path)
	}
	return err
}
