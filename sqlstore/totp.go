package sqlstore

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"net/url"
	"time"
)

// TOTP per RFC 6238 with the parameters every authenticator app supports:
// HMAC-SHA1, 30-second steps, 6 digits. A code is accepted one step either
// side of now, for clock drift, and only for a step after the last one
// accepted, so an overheard code cannot be replayed.
const (
	totpPeriod = 30
	totpDigits = 6
	totpSkew   = 1
)

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// newTOTPSecret returns 20 random bytes (the RFC's SHA-1 key size), base32.
func newTOTPSecret() (string, error) {
	b := make([]byte, 20)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	return b32.EncodeToString(b), nil
}

func totpStep(t time.Time) int64 { return t.Unix() / totpPeriod }

// totpCode is the HOTP value (RFC 4226) of the secret at counter step.
func totpCode(key []byte, step int64) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(step))
	m := hmac.New(sha1.New, key)
	m.Write(msg[:])
	sum := m.Sum(nil)
	off := sum[len(sum)-1] & 0x0f
	v := binary.BigEndian.Uint32(sum[off:off+4]) & 0x7fffffff
	return fmt.Sprintf("%0*d", totpDigits, v%1_000_000)
}

// matchTOTP returns the step whose code is code, within the skew of now and
// after lastStep, or 0.
func matchTOTP(secret, code string, now time.Time, lastStep int64) int64 {
	key, err := b32.DecodeString(secret)
	if err != nil || len(code) != totpDigits {
		return 0
	}
	cur := totpStep(now)
	for s := cur - totpSkew; s <= cur+totpSkew; s++ {
		if s > lastStep && hmac.Equal([]byte(totpCode(key, s)), []byte(code)) {
			return s
		}
	}
	return 0
}

// totpURI is the otpauth:// URI authenticator apps read (Key Uri Format).
func totpURI(username, secret string) string {
	label := url.PathEscape("ttdn:" + username)
	q := url.Values{"secret": {secret}, "issuer": {"ttdn"}, "algorithm": {"SHA1"},
		"digits": {fmt.Sprint(totpDigits)}, "period": {fmt.Sprint(totpPeriod)}}
	return "otpauth://totp/" + label + "?" + q.Encode()
}

// TOTPCode returns the code of a base32 secret at t, as an authenticator
// app shows it (for tests and the command line).
func TOTPCode(secret string, t time.Time) string {
	key, _ := b32.DecodeString(secret)
	return totpCode(key, totpStep(t))
}
