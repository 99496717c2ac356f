// Package webhook sends workflow events to the endpoints an administrator
// registered: signed with HMAC-SHA256, over HTTPS (HTTP only where the
// operator allows it, to private addresses), through the same address
// guard as the press feeds, never following a redirect.
package webhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"strconv"
	"strings"
	"time"
)

// The headers of every delivery (docs/OPERATIONS.md, "Webhooks").
const (
	HeaderEvent     = "X-Ttdn-Event"     // report.submitted …
	HeaderDelivery  = "X-Ttdn-Delivery"  // the delivery's id, the same on every retry
	HeaderTimestamp = "X-Ttdn-Timestamp" // Unix seconds when this attempt was signed
	HeaderSignature = "X-Ttdn-Signature" // "sha256=" + hex HMAC-SHA256(secret, timestamp + "." + body)
)

// Sign returns the signature header's value for body sent at ts.
func Sign(secret string, ts time.Time, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(strconv.FormatInt(ts.Unix(), 10)))
	m.Write([]byte("."))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// ErrSignature is returned by Verify for a body that was not signed with
// the secret, or whose timestamp is too old or too new (a replay).
var ErrSignature = errors.New("webhook: bad signature")

// Verify checks a received delivery as a receiver should: the signature
// over the timestamp and body, in constant time, and the timestamp within
// tolerance of now. It is what the tests receive with, and a reference for
// the province's own receivers.
func Verify(secret, timestamp, signature string, body []byte, now time.Time, tolerance time.Duration) error {
	sec, err := strconv.ParseInt(timestamp, 10, 64)
	if err != nil {
		return ErrSignature
	}
	ts := time.Unix(sec, 0)
	if d := now.Sub(ts); d > tolerance || d < -tolerance {
		return ErrSignature
	}
	want := Sign(secret, ts, body)
	if !strings.HasPrefix(signature, "sha256=") || !hmac.Equal([]byte(signature), []byte(want)) {
		return ErrSignature
	}
	return nil
}
