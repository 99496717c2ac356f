package sqlstore

import (
	"testing"
	"time"
)

// TestParseStoredUTC compares the fast path with time.Parse on the
// stored form and refuses what it does not know.
func TestParseStoredUTC(t *testing.T) {
	base := time.Date(2025, 11, 1, 16, 11, 53, 142235000, time.UTC)
	for i := range 5000 {
		want := base.Add(time.Duration(i) * 7919 * time.Minute).Add(time.Duration(i*104729) * time.Nanosecond)
		s := want.Format("2006-01-02 15:04:05.999999999-07:00")
		got, ok := parseStoredUTC(s)
		ref, err := time.Parse("2006-01-02 15:04:05.999999999-07:00", s)
		if err != nil {
			t.Fatal(err)
		}
		if want.Day() > 28 {
			if ok {
				t.Fatalf("%s: day past the 28th taken", s)
			}
			continue
		}
		if !ok || !got.Equal(ref) || got.Location() != time.UTC {
			t.Fatalf("%s: got %v %v, time.Parse %v", s, got, ok, ref)
		}
	}
	for _, s := range []string{"2025-11-01T16:11:53Z", "2025-11-01 16:11:53.1+07:00", "2025-13-01 16:11:53.1+00:00",
		"2025-11-01 16:11:53.+00:00", "2025-11-01 16:11:53.1234567890+00:00", "2025-11-01 24:11:53+00:00", "x025-11-01 16:11:53+00:00"} {
		if _, ok := parseStoredUTC(s); ok {
			t.Errorf("%s: taken", s)
		}
	}
}
