package sqlstore

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strconv"
	"testing"
	"time"

	"ttdn"
)

// referenceChainHash is the chain's encoding written the plain way (one
// hash.Hash, each field written as it comes), which the chains stored so
// far were made with.
func referenceChainHash(e *ttdn.AuditEvent) string {
	h := sha256.New()
	field := func(s string) {
		var n [binary.MaxVarintLen64]byte
		h.Write(n[:binary.PutUvarint(n[:], uint64(len(s)))])
		h.Write([]byte(s))
	}
	for _, s := range []string{auditHashVersion, strconv.FormatInt(e.Seq, 10), e.At.UTC().Format("2006-01-02T15:04:05.000000Z"),
		strconv.FormatInt(e.UserID, 10), e.Username, e.Addr, e.Action, e.Entity, strconv.FormatInt(e.EntityID, 10),
		e.Before, e.After, e.PrevHash} {
		field(s)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TestChainHashEncoding: the allocation-free hash (chainDigest) is the
// chain's encoding byte for byte — otherwise every stored chain would fail
// to verify — including long fields (two-byte length prefixes), Vietnamese
// text, empty and negative values, and a time zone other than UTC; and a
// buffer reused from a longer event leaves nothing behind.
func TestChainHashEncoding(t *testing.T) {
	hcm := time.FixedZone("ICT", 7*3600)
	long := string(make([]byte, 300))
	events := []*ttdn.AuditEvent{
		{Seq: 1, At: time.Date(2026, 12, 5, 21, 0, 0, 123456000, time.UTC), UserID: 7, Username: "ngoaivu", Addr: "10.0.0.1",
			Action: "update", Entity: "task", EntityID: 42, Before: `{"title":"Tổ chức hội nghị"}`, After: `{"title":"Hội nghị xúc tiến"}`},
		{Seq: 123456789, At: time.Date(2019, 1, 2, 3, 4, 5, 6000, hcm), Username: "Đặng Thị Ánh", Action: "read", Entity: "activity",
			EntityID: -1, Before: long, After: long + "ư", PrevHash: "ab"},
		{},
	}
	var buf []byte
	for i, e := range events {
		want := referenceChainHash(e)
		if got := chainHash(e); got != want {
			t.Fatalf("event %d: chainHash %s, want %s", i, got, want)
		}
		e.Hash = want
		var ok bool
		if ok, buf = chainHashMatches(buf, e); !ok {
			t.Fatalf("event %d: its own hash does not match", i)
		}
		e.Hash = want[:63] + "0"
		if want[63] == '0' {
			e.Hash = want[:63] + "1"
		}
		if ok, buf = chainHashMatches(buf, e); ok {
			t.Fatalf("event %d: a wrong hash matches", i)
		}
	}
}
