package sqlstore

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"time"

	"ttdn"
)

// Checks of the audit chain are recorded (audit_checks, 0060). Reading the
// whole chain costs time linear in the log (≈4 µs an event), so a check
// asked for often — a monitor polling the API — reads only the events after
// the newest sealed check and trusts the rest to it; a full check reads
// everything, on the server's schedule (daily), from the audit page or with
// `ttdn audit verify`, and is the one that finds an edit of an old event.
//
// A finished check is sealed: an HMAC under a key derived from the server's
// secret key (which lives outside the database) over its verdict. A row
// written by hand does not verify and is ignored, so nobody who can only
// write to the database can make the chain look checked. The heads seen by
// sealed checks are anchors: a full check fails when the chain no longer
// holds a hash a sealed check saw there (the log was rewritten and re-hashed
// from that point), or ends before it (the newest events were removed with
// the head moved back) — neither is visible to the hash chain alone.

// auditCheckColumns are the columns of audit_checks a check is read from.
const auditCheckColumns = `id, scope, started_by, started_at, updated_at, finished_at, done, total,
	from_seq, head_seq, head_hash, full_at, intact, break_seq, break_id, break_kind, break_message, break_message_en,
	failure, key_id, mac`

// auditCheckRow is a row of audit_checks.
type auditCheckRow struct {
	ttdn.AuditCheck
	rep        AuditReport
	finishedAt time.Time
	keyID, mac string
}

func scanAuditCheck(row interface{ Scan(...any) error }) (*auditCheckRow, error) {
	c := &auditCheckRow{}
	var b AuditBreak
	var intact bool
	err := row.Scan(&c.ID, &c.Scope, &c.StartedBy, timeScan{&c.StartedAt}, timeScan{&c.UpdatedAt}, timeScan{&c.finishedAt},
		&c.Done, &c.Total, &c.rep.FromSeq, &c.rep.HeadSeq, &c.rep.HeadHash, timeScan{&c.rep.FullAt}, &intact,
		&b.Seq, &b.ID, &b.Kind, &b.Message, &b.MessageEN, &c.Failure, &c.keyID, &c.mac)
	if err != nil {
		return nil, err
	}
	c.rep.Scope, c.rep.Entries = c.Scope, int64(c.Done)
	if !intact && b.Kind != "" {
		c.rep.Break = &b
	}
	if !c.finishedAt.IsZero() {
		t := c.finishedAt
		c.FinishedAt = &t
		if c.Failure == "" {
			c.Result = c.rep.verification(t)
		}
	}
	return c, nil
}

// checkKey is the MAC key of audit checks: derived from the secret key, so
// it is never the key that seals TOTP secrets. ok is false when the
// database was opened without a key: checks are then neither sealed nor
// believed.
func (db *DB) checkKey() (id string, key []byte, ok bool) {
	kr := db.keys.Load()
	if kr == nil || kr.current == nil {
		return "", nil, false
	}
	m := hmac.New(sha256.New, kr.current.raw)
	m.Write([]byte("ttdn audit check v1"))
	return kr.current.id, m.Sum(nil), true
}

// checkMAC is the seal of a finished check's verdict under key.
func checkMAC(key []byte, c *auditCheckRow) string {
	var num [40]byte
	stamp := func(t time.Time) []byte { return t.UTC().AppendFormat(num[:0], "2006-01-02T15:04:05.000000Z") }
	b := appendChainField(nil, "ttdn-audit-check-v1")
	b = appendChainField(b, strconv.AppendInt(num[:0], c.ID, 10))
	b = appendChainField(b, c.Scope)
	b = appendChainField(b, stamp(c.finishedAt))
	b = appendChainField(b, strconv.AppendInt(num[:0], c.rep.FromSeq, 10))
	b = appendChainField(b, strconv.AppendInt(num[:0], c.rep.HeadSeq, 10))
	b = appendChainField(b, c.rep.HeadHash)
	b = appendChainField(b, stamp(c.rep.FullAt))
	b = appendChainField(b, strconv.FormatBool(c.rep.OK()))
	if br := c.rep.Break; br != nil {
		b = appendChainField(b, strconv.AppendInt(num[:0], br.Seq, 10))
		b = appendChainField(b, br.Kind)
	}
	m := hmac.New(sha256.New, key)
	m.Write(b)
	return hex.EncodeToString(m.Sum(nil))
}

// sealed reports whether c's seal is this server's over what c says.
func (c *auditCheckRow) sealed(keyID string, key []byte) bool {
	return c.FinishedAt != nil && c.Failure == "" && c.keyID == keyID &&
		hmac.Equal([]byte(c.mac), []byte(checkMAC(key, c)))
}

// auditCheckWindow is how many of the newest finished checks are looked
// at for a sealed one: rows written by hand on top of the real ones are
// skipped, without reading the whole table.
const auditCheckWindow = 50

// newestSealedCheck returns the newest finished check whose seal holds, or
// nil.
func (tx *Tx) newestSealedCheck(ctx context.Context) (*auditCheckRow, error) {
	keyID, key, ok := tx.db.checkKey()
	if !ok {
		return nil, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+auditCheckColumns+` FROM audit_checks
		WHERE finished_at IS NOT NULL ORDER BY id DESC`+limitClause(auditCheckWindow, 0))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: read audit checks: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanAuditCheck(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: read audit checks: %w", err)
		}
		if c.sealed(keyID, key) {
			return c, nil
		}
	}
	return nil, rows.Err()
}

// auditAnchor is a head a sealed, intact check saw.
type auditAnchor struct {
	seq  int64
	hash string
	at   time.Time
}

// auditAnchors reads the heads of the sealed, intact checks: every full
// check's (one a day) and the newest auditTailAnchors tail checks' (a
// monitor polling every minute records one a minute while events come).
// One anchor already catches a rewrite of anything before it, since the
// rewrite re-hashes every event after; older ones guard against newer
// check rows deleted, which the daily full checks' anchors do too.
func (tx *Tx) auditAnchors(ctx context.Context) (map[int64]auditAnchor, error) {
	keyID, key, ok := tx.db.checkKey()
	if !ok {
		return nil, nil
	}
	anchors := map[int64]auditAnchor{}
	for _, q := range []string{
		`WHERE finished_at IS NOT NULL AND intact = ? AND key_id = ? AND scope = 'full' ORDER BY id`,
		`WHERE finished_at IS NOT NULL AND intact = ? AND key_id = ? AND scope = 'tail' ORDER BY id DESC` + limitClause(auditTailAnchors, 0),
	} {
		rows, err := tx.QueryContext(ctx, `SELECT `+auditCheckColumns+` FROM audit_checks `+q, true, keyID)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: read audit checks: %w", err)
		}
		for rows.Next() {
			c, err := scanAuditCheck(rows)
			if err != nil {
				rows.Close()
				return nil, fmt.Errorf("sqlstore: read audit checks: %w", err)
			}
			if c.sealed(keyID, key) && c.rep.HeadSeq > 0 {
				anchors[c.rep.HeadSeq] = auditAnchor{seq: c.rep.HeadSeq, hash: c.rep.HeadHash, at: c.finishedAt}
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return anchors, nil
}

// auditTailAnchors is how many of the newest tail checks a full check
// holds the chain to.
const auditTailAnchors = 100

func furthestAnchor(anchors map[int64]auditAnchor) (auditAnchor, bool) {
	var far auditAnchor
	for _, a := range anchors {
		if a.seq > far.seq {
			far = a
		}
	}
	return far, far.seq > 0
}

// checkTime is how a check's time is written in its stored messages: as
// the pages show times, in Vietnam's time (UTC+7, no daylight saving).
func checkTime(t time.Time) string { return t.In(vietnamZone).Format("02/01/2006 15:04") }

func (a auditAnchor) rewritten(e *ttdn.AuditEvent) *AuditBreak {
	return auditBreak(e.Seq, e.ID, "rewritten",
		"Bản ghi nhật ký số thứ tự %d (#%d) không còn như lần kiểm tra lúc %s đã thấy: chuỗi đã bị viết lại và băm lại từ đó trở về trước.",
		"Audit entry at position %d (#%d) is not what the check at %s saw: the chain was rewritten and re-hashed up to there.",
		e.Seq, e.ID, checkTime(a.at))
}

func (a auditAnchor) truncated(last int64) *AuditBreak {
	return auditBreak(last+1, 0, "truncated",
		"Chuỗi nhật ký dừng ở #%d nhưng lần kiểm tra lúc %s đã thấy đến #%d: các bản ghi mới nhất đã bị xóa cùng với đầu chuỗi.",
		"The audit chain ends at #%d but the check at %s saw it reach #%d: the newest entries were deleted and the head moved back.",
		last, checkTime(a.at), a.seq)
}

// CheckAuditTail checks the events after the newest sealed check, or the
// whole chain when there is none, and records the check — unless it read
// nothing new and found nothing (the newest check says it all). startedBy
// names who asked.
func (db *DB) CheckAuditTail(ctx context.Context, startedBy string) (*AuditReport, time.Time, error) {
	started := db.now()
	rep, err := db.readAuditTail(ctx)
	if err != nil {
		return nil, time.Time{}, err
	}
	if rep.repeated || rep.Scope == ttdn.AuditCheckTail && rep.Entries == 0 {
		return rep, started, nil
	}
	at, err := db.recordAuditCheck(ctx, &auditCheckRow{AuditCheck: ttdn.AuditCheck{Scope: rep.Scope, StartedBy: startedBy,
		StartedAt: started, Done: int(rep.Entries), Total: int(rep.Entries)}, rep: *rep}, 0)
	return rep, at, err
}

// readAuditTail reads the chain from the newest sealed check on, in one
// snapshot.
func (db *DB) readAuditTail(ctx context.Context) (*AuditReport, error) {
	tx, err := db.beginOneSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	base, err := tx.newestSealedCheck(ctx)
	if err != nil {
		return nil, err
	}
	if base == nil {
		return tx.walkWhole(ctx, nil)
	}
	if !base.rep.OK() {
		// What a check found broken stays broken: reading only what came
		// after it cannot mend it. A full check says again.
		rep := base.rep
		rep.Entries, rep.repeated = 0, true
		return &rep, nil
	}
	w := chainWalk{from: base.rep.HeadSeq + 1, prev: base.rep.HeadHash, fullAt: base.rep.FullAt}
	if base.rep.HeadSeq > 0 {
		w.anchors = map[int64]auditAnchor{base.rep.HeadSeq: {seq: base.rep.HeadSeq, hash: base.rep.HeadHash, at: base.finishedAt}}
	}
	return tx.walkAudit(ctx, w)
}

// recordAuditCheck finishes the check c (inserting it when id is 0):
// sealed when the database has its key. It returns the finishing time.
func (db *DB) recordAuditCheck(ctx context.Context, c *auditCheckRow, id int64) (time.Time, error) {
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return time.Time{}, err
	}
	defer tx.Rollback()
	c.finishedAt, c.UpdatedAt = tx.now, tx.now
	if c.ID = id; id == 0 {
		if c.ID, err = tx.insertID(ctx, `INSERT INTO audit_checks (scope, started_by, started_at, updated_at)
			VALUES (?, ?, ?, ?)`, c.Scope, c.StartedBy, c.StartedAt, tx.now); err != nil {
			return time.Time{}, err
		}
	}
	var b AuditBreak
	if c.rep.Break != nil {
		b = *c.rep.Break
	}
	if keyID, key, ok := db.checkKey(); ok && c.Failure == "" {
		c.keyID, c.mac = keyID, checkMAC(key, c)
	}
	var fullAt any
	if !c.rep.FullAt.IsZero() {
		fullAt = c.rep.FullAt
	}
	if _, err := tx.exec(ctx, `UPDATE audit_checks SET updated_at = ?, finished_at = ?, done = ?, total = ?,
		from_seq = ?, head_seq = ?, head_hash = ?, full_at = ?, intact = ?,
		break_seq = ?, break_id = ?, break_kind = ?, break_message = ?, break_message_en = ?, failure = ?, key_id = ?, mac = ?
		WHERE id = ?`, tx.now, tx.now, c.Done, c.Total, c.rep.FromSeq, c.rep.HeadSeq, c.rep.HeadHash, fullAt, c.rep.OK(),
		b.Seq, b.ID, b.Kind, b.Message, b.MessageEN, c.Failure, c.keyID, c.mac, c.ID); err != nil {
		return time.Time{}, fmt.Errorf("sqlstore: record audit check: %w", err)
	}
	if c.Failure == "" && c.rep.Break != nil {
		if err := notifyAuditBroken(ctx, tx, c.rep.Break); err != nil {
			return time.Time{}, err
		}
	}
	return tx.now, tx.Commit()
}

// notifyAuditBroken tells every administrator and leader, in the app and by
// e-mail, what a check found — once for each break, however many checks find
// it again.
func notifyAuditBroken(ctx context.Context, tx *Tx, b *AuditBreak) error {
	var users []int64
	for _, role := range []ttdn.Role{ttdn.RoleAdmin, ttdn.RoleLeader} {
		ids, err := usersWithRole(ctx, tx, role)
		if err != nil {
			return err
		}
		users = append(users, ids...)
	}
	return tx.notify(ctx, eventNotice{key: fmt.Sprintf("audit:%d:%s", b.Seq, b.Kind), kind: ttdn.NotifyAuditBroken,
		subject: "[TTĐN] Nhật ký hệ thống bị can thiệp",
		text:    fmt.Sprintf("Lần kiểm tra chuỗi nhật ký lúc %s phát hiện: %s Hãy xem trang Nhật ký hệ thống và báo cho bộ phận an toàn thông tin.", checkTime(tx.now), b.Message),
		link:    "/audit"}, users)
}

// findAuditCheck reads one check.
func (tx *Tx) findAuditCheck(ctx context.Context, id int64) (*auditCheckRow, error) {
	c, err := scanAuditCheck(tx.QueryRowContext(ctx, `SELECT `+auditCheckColumns+` FROM audit_checks WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ttdn.Errorf(ttdn.ENOTFOUND, "Không tìm thấy lần kiểm tra nhật ký này.", "No such audit check.")
	}
	return c, err
}

// runningAuditCheck returns the newest check not finished, or nil.
func (tx *Tx) runningAuditCheck(ctx context.Context) (*auditCheckRow, error) {
	c, err := scanAuditCheck(tx.QueryRowContext(ctx, `SELECT `+auditCheckColumns+` FROM audit_checks
		WHERE finished_at IS NULL ORDER BY id DESC`+limitClause(1, 0)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return c, err
}
