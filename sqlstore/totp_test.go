package sqlstore

import (
	"testing"
	"time"
)

// TestTOTPVectors checks the RFC 6238 appendix B vectors for SHA-1 (the
// RFC's 8-digit codes, last six digits).
func TestTOTPVectors(t *testing.T) {
	key := []byte("12345678901234567890")
	for _, c := range []struct {
		unix int64
		want string
	}{{59, "287082"}, {1111111109, "081804"}, {1111111111, "050471"}, {1234567890, "005924"},
		{2000000000, "279037"}, {20000000000, "353130"}} {
		if got := totpCode(key, c.unix/30); got != c.want {
			t.Errorf("T=%d: %s, want %s", c.unix, got, c.want)
		}
	}
	secret := b32.EncodeToString(key)
	now := time.Unix(1111111111, 0)
	step := matchTOTP(secret, "050471", now, 0)
	if step == 0 || matchTOTP(secret, "050471", now, step) != 0 {
		t.Fatalf("code accepted once only: step %d", step)
	}
	if matchTOTP(secret, totpCode(key, totpStep(now)-2), now, 0) != 0 {
		t.Fatal("a code two steps old was accepted")
	}
}
