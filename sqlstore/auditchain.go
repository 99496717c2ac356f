package sqlstore

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"ttdn"
)

// The audit log is one hash chain. An event's hash is SHA-256 over a
// canonical encoding of its fields and the previous event's hash, so
// changing, inserting, removing or reordering any event breaks every link
// after it. The chain's head (last seq and hash) lives in audit_chain_head;
// the transaction that appends reads and updates it, so on PostgreSQL the
// row lock makes concurrent writers take turns instead of forking the chain.
//
// Appending happens at commit (Tx.Commit), not where the service calls
// tx.audit: by then the transaction has taken every other row lock it
// needs, so waiting for the head cannot deadlock against another writer.

// auditHashVersion starts every hashed encoding, so a future change of the
// encoding cannot be confused with this one.
const auditHashVersion = "ttdn-audit-v1"

// chainHash returns the hex SHA-256 of e's canonical encoding: each field
// as a length-prefixed byte string, in a fixed order, times in UTC at
// microseconds (what both engines store), then the previous hash.
func chainHash(e *ttdn.AuditEvent) string {
	sum, _ := chainDigest(nil, e)
	return hex.EncodeToString(sum[:])
}

// chainDigest is chainHash's SHA-256, encoded into buf (reused between calls,
// returned grown): the verifier hashes every event of the log on each call,
// and one buffer and sha256.Sum256 allocate nothing per field.
func chainDigest(buf []byte, e *ttdn.AuditEvent) ([sha256.Size]byte, []byte) {
	var num [40]byte
	b := appendChainField(buf[:0], auditHashVersion)
	b = appendChainField(b, strconv.AppendInt(num[:0], e.Seq, 10))
	b = appendChainField(b, e.At.UTC().AppendFormat(num[:0], "2006-01-02T15:04:05.000000Z"))
	b = appendChainField(b, strconv.AppendInt(num[:0], e.UserID, 10))
	b = appendChainField(b, e.Username)
	b = appendChainField(b, e.Addr)
	b = appendChainField(b, e.Action)
	b = appendChainField(b, e.Entity)
	b = appendChainField(b, strconv.AppendInt(num[:0], e.EntityID, 10))
	b = appendChainField(b, e.Before)
	b = appendChainField(b, e.After)
	b = appendChainField(b, e.PrevHash)
	return sha256.Sum256(b), b
}

// chainHashMatches reports whether e's stored hash is the hash of its
// stored fields, without allocating.
func chainHashMatches(buf []byte, e *ttdn.AuditEvent) (bool, []byte) {
	sum, buf := chainDigest(buf, e)
	var h [2 * sha256.Size]byte
	hex.Encode(h[:], sum[:])
	return string(h[:]) == e.Hash, buf
}

// appendChainField appends s length-prefixed (uvarint).
func appendChainField[T string | []byte](b []byte, s T) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// chainHead reads the head, locking its row on PostgreSQL until the
// transaction ends. SQLite needs no lock: its one writer runs alone.
func (tx *Tx) chainHead(ctx context.Context) (seq int64, hash string, err error) {
	q := `SELECT seq, hash FROM audit_chain_head WHERE id = 1`
	if tx.db.engine == EnginePostgres {
		q += ` FOR UPDATE`
	}
	if err := tx.QueryRowContext(ctx, q).Scan(&seq, &hash); err != nil {
		return 0, "", fmt.Errorf("sqlstore: read audit chain head: %w", err)
	}
	return seq, hash, nil
}

func (tx *Tx) setChainHead(ctx context.Context, seq int64, hash string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE audit_chain_head SET seq = ?, hash = ? WHERE id = 1`, seq, hash); err != nil {
		return fmt.Errorf("sqlstore: move audit chain head: %w", err)
	}
	return nil
}

// auditRowsPerInsert keeps a statement's parameters (12 a row) well under
// both engines' limits.
const auditRowsPerInsert = 200

// appendAudit chains and writes the events tx.audit collected.
func (tx *Tx) appendAudit(ctx context.Context) error {
	seq, prev, err := tx.chainHead(ctx)
	if err != nil {
		return err
	}
	for _, e := range tx.auditLog {
		seq++
		e.Seq, e.PrevHash = seq, prev
		e.Hash = chainHash(e)
		prev = e.Hash
	}
	// Several rows to a statement: a page that reads secret records audits
	// each read, and on PostgreSQL each statement is a round trip.
	for events := tx.auditLog; len(events) > 0; {
		n := min(len(events), auditRowsPerInsert)
		rows := strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), ", n), ", ")
		args := make([]any, 0, 12*n)
		for _, e := range events[:n] {
			args = append(args, e.Seq, e.At, e.UserID, e.Username, e.Addr, e.Action, e.Entity, e.EntityID, e.Before, e.After, e.PrevHash, e.Hash)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit_events
			(seq, at, user_id, username, addr, action, entity, entity_id, before_json, after_json, prev_hash, hash)
			VALUES `+rows, args...); err != nil {
			return fmt.Errorf("sqlstore: write audit event: %w", err)
		}
		events = events[n:]
	}
	tx.auditLog = nil
	return tx.setChainHead(ctx, seq, prev)
}

// Commit appends the transaction's audit events to the chain, then
// commits: the act and its record still commit or roll back together.
func (tx *Tx) Commit() error {
	if tx.conn != nil {
		if len(tx.auditLog) > 0 {
			tx.conn.Close()
			return errors.New("sqlstore: audit events recorded in a read transaction")
		}
		return tx.conn.Close()
	}
	if len(tx.auditLog) > 0 {
		if err := tx.appendAudit(tx.auditCtx); err != nil {
			tx.Tx.Rollback()
			return err
		}
	}
	if len(tx.counts) > 0 {
		counts := tx.counts
		tx.counts = nil
		if err := counts.write(tx.countsCtx, tx); err != nil {
			tx.Tx.Rollback()
			return err
		}
	}
	return tx.Tx.Commit()
}
