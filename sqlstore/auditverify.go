package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"time"

	"ttdn"
)

// AuditBreak says where the audit chain first fails and how.
type AuditBreak struct {
	Seq       int64  // the chain position where the fault shows
	ID        int64  // the row at fault, 0 when the row is missing
	Kind      string // "edited", "deleted", "inserted", "reordered", "truncated"
	Message   string // Vietnamese
	MessageEN string // English
}

// AuditReport is what a check of the chain found.
type AuditReport struct {
	Entries  int64  // events read
	HeadSeq  int64  // the head's seq: the number of chained events
	HeadHash string // the head's hash; write it down to anchor the chain
	Break    *AuditBreak
	// Scope is ttdn.AuditCheckFull or ttdn.AuditCheckTail; a tail check
	// read the events from FromSeq on and trusts those before to the
	// sealed check it started from, whose whole-chain read was at FullAt.
	Scope   string
	FromSeq int64
	FullAt  time.Time
	// repeated: the verdict is a recorded check's broken one, read again
	// (nothing was read: a break stays found).
	repeated bool
}

// verification is r in the service's words, checked at at.
func (r *AuditReport) verification(at time.Time) *ttdn.AuditVerification {
	v := &ttdn.AuditVerification{Entries: r.Entries, HeadSeq: r.HeadSeq, HeadHash: r.HeadHash, Intact: r.OK(),
		Scope: r.Scope, FromSeq: r.FromSeq, CheckedAt: at}
	if !r.FullAt.IsZero() {
		t := r.FullAt
		v.FullCheckAt = &t
	}
	if b := r.Break; b != nil {
		v.Break = &ttdn.AuditChainBreak{Seq: b.Seq, EventID: b.ID, Kind: b.Kind, Message: b.Message, MessageEN: b.MessageEN}
	}
	return v
}

// OK reports whether the chain is whole.
func (r *AuditReport) OK() bool { return r.Break == nil }

// VerifyAuditLog walks the whole audit chain in one read transaction and
// reports the first event that was edited, inserted, deleted or moved. It
// records nothing (CheckAuditLog does): it also serves to check a restored
// database before anything is written to it. progress, when not nil, is
// called as events are checked.
func (db *DB) VerifyAuditLog(ctx context.Context, progress func(done, total int)) (*AuditReport, error) {
	return db.readAuditFull(ctx, progress)
}

// chainWalk says where a walk of the chain starts and what it must find.
type chainWalk struct {
	from     int64  // the first seq read
	prev     string // the hash of the event before from ("" when from is 1)
	fullAt   time.Time
	anchors  map[int64]auditAnchor // heads seen by earlier sealed checks
	progress func(done, total int)
}

// walkAudit reads the head and checks the events from w.from to it, in the
// transaction's one snapshot.
func (tx *Tx) walkAudit(ctx context.Context, w chainWalk) (*AuditReport, error) {
	rep := &AuditReport{Scope: ttdn.AuditCheckFull, FromSeq: w.from, FullAt: w.fullAt}
	if w.from > 1 {
		rep.Scope = ttdn.AuditCheckTail
	}
	if err := tx.QueryRowContext(ctx, `SELECT seq, hash FROM audit_chain_head WHERE id = 1`).Scan(&rep.HeadSeq, &rep.HeadHash); err != nil {
		return nil, fmt.Errorf("sqlstore: verify audit log: read head: %w", err)
	}
	if a, ok := furthestAnchor(w.anchors); ok && a.seq > rep.HeadSeq {
		rep.Break = a.truncated(rep.HeadSeq)
		return rep, nil
	}
	// An event outside the chain was put there by hand.
	var stray int64
	err := tx.QueryRowContext(ctx, `SELECT id FROM audit_events WHERE seq IS NULL ORDER BY id LIMIT 1`).Scan(&stray)
	if err == nil {
		rep.Break = auditBreak(0, stray, "inserted", "Bản ghi nhật ký #%d không thuộc chuỗi (bị chèn thêm).", "Audit entry #%d is outside the chain (inserted).", stray)
		return rep, nil
	} else if !errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("sqlstore: verify audit log: %w", err)
	}
	total := int(max(rep.HeadSeq-w.from+1, 0))
	if err := tx.db.walkChain(ctx, tx, rep, w, total); err != nil {
		return nil, err
	}
	return rep, nil
}

// beginOneSnapshot starts a read in which every statement sees the same
// database: the head and the chain must be read as of one moment, or an
// event appended between the two reads on PostgreSQL (where a statement
// otherwise takes its own snapshot) shows as a chain longer than its head.
// On SQLite a read transaction is one snapshot already.
func (db *DB) beginOneSnapshot(ctx context.Context) (*Tx, error) {
	if db.engine != EnginePostgres {
		return db.BeginTx(ctx, false)
	}
	statements.Add(1)
	stx, err := db.read.BeginTx(ctx, &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: begin: %w", err)
	}
	return &Tx{Tx: stx, db: db, now: db.now()}, nil
}

// auditVerifyBatch is how many events one goroutine hashes while the next
// ones are read (a variable so tests can make breaks fall across batches).
var auditVerifyBatch = 512

// chainBatch is a run of events in chain order and whether each one's
// stored hash matches its stored fields, known once done is closed.
type chainBatch struct {
	events []*ttdn.AuditEvent
	hashOK []bool
	done   chan struct{}
}

// hash checks the batch's hashes, each against its own stored fields and
// stored previous hash: no event's check needs another's result, so batches
// are hashed in parallel with reading. The links between events (seq order,
// prev_hash equal to the hash before) are checked in order by walkChain.
func (b *chainBatch) hash() {
	var buf []byte
	b.hashOK = make([]bool, len(b.events))
	for i, e := range b.events {
		b.hashOK[i], buf = chainHashMatches(buf, e)
	}
	close(b.done)
}

// walkChain reads the events in chain order and checks every link. Hashing
// is half of the work: a batch is hashed by its own goroutine while the
// next is read, at most GOMAXPROCS batches ahead of the in-order check,
// which reports the first fault exactly as a one-by-one walk would.
func (db *DB) walkChain(ctx context.Context, tx *Tx, rep *AuditReport, w chainWalk, total int) error {
	rows, err := tx.QueryContext(ctx, `SELECT `+auditColumns+` FROM audit_events WHERE seq >= ? ORDER BY seq`, w.from)
	if err != nil {
		return fmt.Errorf("sqlstore: verify audit log: %w", err)
	}
	defer rows.Close()
	want, prev, progress := w.from, w.prev, w.progress
	var ahead []*chainBatch
	// check waits for the oldest batch and checks its links in order; it
	// reports false at the first fault (in rep.Break).
	check := func() bool {
		b := ahead[0]
		ahead = ahead[1:]
		<-b.done
		for i, e := range b.events {
			rep.Entries++
			if rep.Break = checkLink(e, want, prev, b.hashOK[i]); rep.Break != nil {
				return false
			}
			if a, ok := w.anchors[e.Seq]; ok && a.hash != e.Hash {
				rep.Break = a.rewritten(e)
				return false
			}
			want, prev = want+1, e.Hash
			if progress != nil && rep.Entries%500 == 0 {
				progress(int(rep.Entries), total)
			}
		}
		return true
	}
	window := runtime.GOMAXPROCS(0)
	cur := &chainBatch{done: make(chan struct{})}
	flush := func() bool {
		if len(cur.events) == 0 {
			return true
		}
		go cur.hash()
		ahead = append(ahead, cur)
		cur = &chainBatch{done: make(chan struct{})}
		for len(ahead) > window {
			if !check() {
				return false
			}
		}
		return true
	}
	for rows.Next() {
		e, err := scanAuditEvent(rows)
		if err != nil {
			return fmt.Errorf("sqlstore: verify audit log: %w", err)
		}
		if cur.events = append(cur.events, e); len(cur.events) >= auditVerifyBatch && !flush() {
			return nil
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("sqlstore: verify audit log: %w", err)
	}
	if !flush() {
		return nil
	}
	for len(ahead) > 0 {
		if !check() {
			return nil
		}
	}
	if progress != nil {
		progress(total, total)
	}
	last := want - 1
	if rep.HeadSeq != last || rep.HeadHash != prev {
		rep.Break = auditBreak(last+1, 0, "truncated",
			"Chuỗi nhật ký dừng ở #%d nhưng đầu chuỗi ghi #%d: các bản ghi mới nhất đã bị xóa.",
			"The audit chain ends at #%d but its head records #%d: the newest entries were deleted.", last, rep.HeadSeq)
	} else if a, ok := furthestAnchor(w.anchors); ok && a.seq > last {
		rep.Break = a.truncated(last)
	}
	return nil
}

// checkLink checks one event against its expected place in the chain;
// hashOK is whether its stored hash matches its stored fields.
func checkLink(e *ttdn.AuditEvent, want int64, prev string, hashOK bool) *AuditBreak {
	switch {
	case e.Seq > want:
		return auditBreak(want, 0, "deleted", "Thiếu bản ghi nhật ký số thứ tự %d (đã bị xóa).", "Audit entry at position %d is missing (deleted).", want)
	case e.Seq < want:
		return auditBreak(e.Seq, e.ID, "inserted", "Bản ghi nhật ký #%d trùng số thứ tự %d (bị chèn thêm).", "Audit entry #%d repeats position %d (inserted).", e.ID, e.Seq)
	case e.PrevHash != prev:
		return auditBreak(e.Seq, e.ID, "reordered", "Bản ghi nhật ký số thứ tự %d (#%d) không nối tiếp bản ghi trước (bị chèn hoặc đổi thứ tự).",
			"Audit entry at position %d (#%d) does not follow the one before it (inserted or reordered).", e.Seq, e.ID)
	case !hashOK:
		return auditBreak(e.Seq, e.ID, "edited", "Bản ghi nhật ký số thứ tự %d (#%d) đã bị sửa sau khi ghi.",
			"Audit entry at position %d (#%d) was changed after it was written.", e.Seq, e.ID)
	}
	return nil
}

func auditBreak(seq, id int64, kind, vi, en string, args ...any) *AuditBreak {
	return &AuditBreak{Seq: seq, ID: id, Kind: kind, Message: fmt.Sprintf(vi, args...), MessageEN: fmt.Sprintf(en, args...)}
}

// Err returns the break as a ttdn error (nil when the chain is whole).
func (r *AuditReport) Err() error {
	if r.Break == nil {
		return nil
	}
	return &ttdn.Error{Code: ttdn.ECONFLICT, Message: r.Break.Message, MessageEN: r.Break.MessageEN}
}
