package sqlstore

import (
	"context"
	"time"

	"ttdn"
)

// A full check runs in the background (the audit page's button, the
// server's daily schedule) or in the foreground (`ttdn audit verify`, the
// API with full=true); its row keeps its progress, so any instance shows it.

// StartAuditCheck records a full check as running, refusing while another
// one runs (one stalled for AuditCheckStall is ended as interrupted).
func (db *DB) StartAuditCheck(ctx context.Context, startedBy string) (int64, error) {
	tx, err := db.BeginTx(ctx, true)
	if err != nil {
		return 0, err
	}
	defer tx.Rollback()
	// On PostgreSQL two instances could both find none running and both
	// start: starting is taken in turn (SQLite's one writer already does).
	if tx.db.engine == EnginePostgres {
		if _, err := tx.exec(ctx, `SELECT pg_advisory_xact_lock(?)`, int64(auditCheckStartLock)); err != nil {
			return 0, err
		}
	}
	running, err := tx.runningAuditCheck(ctx)
	if err != nil {
		return 0, err
	}
	if running != nil && !running.Stalled(tx.now) {
		return 0, ttdn.Errorf(ttdn.ECONFLICT, "Đang có một lần kiểm tra toàn bộ nhật ký (bắt đầu lúc %s); hãy chờ lần đó xong.",
			"A full check of the audit log is already running (since %s); wait until it is done.", checkTime(running.StartedAt))
	}
	if _, err := tx.exec(ctx, `UPDATE audit_checks SET finished_at = ?, failure = ? WHERE finished_at IS NULL`,
		tx.now, "interrupted"); err != nil {
		return 0, err
	}
	var head int64
	if err := tx.QueryRowContext(ctx, `SELECT seq FROM audit_chain_head WHERE id = 1`).Scan(&head); err != nil {
		return 0, err
	}
	id, err := tx.insertID(ctx, `INSERT INTO audit_checks (scope, started_by, started_at, updated_at, total)
		VALUES (?, ?, ?, ?, ?)`, ttdn.AuditCheckFull, startedBy, tx.now, tx.now, head)
	if err != nil {
		return 0, err
	}
	return id, tx.Commit()
}

// auditCheckStartLock is the advisory lock key of starting a full check
// ("audchk").
const auditCheckStartLock = 0x61756463686b

// auditProgressEvery is how often a running check writes its progress.
const auditProgressEvery = time.Second

// RunAuditCheck does the full check id started with StartAuditCheck and
// records its verdict; progress, when not nil, is told as events are
// checked. An error ends the check as failed, with no verdict.
func (db *DB) RunAuditCheck(ctx context.Context, id int64, progress func(done, total int)) (*AuditReport, error) {
	tx, err := db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	c, err := tx.findAuditCheck(ctx, id)
	tx.Rollback()
	if err != nil {
		return nil, err
	}
	if c.FinishedAt != nil {
		return &c.rep, nil
	}
	last := time.Now()
	keep := func(done, total int) {
		if progress != nil {
			progress(done, total)
		}
		if time.Since(last) < auditProgressEvery {
			return
		}
		last = time.Now()
		// Progress is shown, not relied on: a failed write of it only
		// leaves the figure behind.
		if wtx, err := db.BeginTx(ctx, true); err == nil {
			if _, err := wtx.exec(ctx, `UPDATE audit_checks SET done = ?, total = ?, updated_at = ? WHERE id = ? AND finished_at IS NULL`,
				done, total, wtx.now, id); err == nil {
				wtx.Commit()
			}
			wtx.Rollback()
		}
	}
	rep, err := db.readAuditFull(ctx, keep)
	if err != nil {
		c.Failure = err.Error()
		if _, ferr := db.recordAuditCheck(context.WithoutCancel(ctx), c, id); ferr != nil {
			return nil, ferr
		}
		return nil, err
	}
	c.rep, c.Done, c.Total = *rep, int(rep.Entries), int(rep.HeadSeq)
	if _, err := db.recordAuditCheck(ctx, c, id); err != nil {
		return nil, err
	}
	return rep, nil
}

// readAuditFull reads the whole chain in one snapshot, against the heads
// sealed checks saw.
func (db *DB) readAuditFull(ctx context.Context, progress func(done, total int)) (*AuditReport, error) {
	tx, err := db.beginOneSnapshot(ctx)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	return tx.walkWhole(ctx, progress)
}

// walkWhole checks every event against the heads sealed checks saw.
func (tx *Tx) walkWhole(ctx context.Context, progress func(done, total int)) (*AuditReport, error) {
	anchors, err := tx.auditAnchors(ctx)
	if err != nil {
		return nil, err
	}
	return tx.walkAudit(ctx, chainWalk{from: 1, fullAt: tx.db.now(), anchors: anchors, progress: progress})
}

// VerifyAuditChain is CheckAuditTail, or a full check done at once, for
// those the policy lets read the log (administrators and leaders).
func (s *AuditService) VerifyAuditChain(ctx context.Context, full bool) (*ttdn.AuditVerification, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.Resource{Kind: ttdn.ResourceAudit}, nil); err != nil {
		return nil, err
	}
	who := startedBy(ctx)
	if !full {
		rep, at, err := s.db.CheckAuditTail(ctx, who)
		if err != nil {
			return nil, err
		}
		return rep.verification(at), nil
	}
	id, err := s.db.StartAuditCheck(ctx, who)
	if err != nil {
		return nil, err
	}
	if _, err := s.db.RunAuditCheck(ctx, id, nil); err != nil {
		return nil, err
	}
	c, err := s.findCheck(ctx, id)
	if err != nil {
		return nil, err
	}
	return c.Result, nil
}

// startedBy names the one who asked for a check ("" for the server).
func startedBy(ctx context.Context) string {
	if u := ttdn.UserFromContext(ctx); u != nil && !u.IsSystem() {
		return u.Username
	}
	return ""
}

func (s *AuditService) findCheck(ctx context.Context, id int64) (*ttdn.AuditCheck, error) {
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	c, err := tx.findAuditCheck(ctx, id)
	if err != nil {
		return nil, err
	}
	return &c.AuditCheck, nil
}

// AuditCheckStatus returns the newest sealed verdict and the full check
// under way, if any.
func (s *AuditService) AuditCheckStatus(ctx context.Context) (*ttdn.AuditCheckStatus, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.Resource{Kind: ttdn.ResourceAudit}, nil); err != nil {
		return nil, err
	}
	tx, err := s.db.BeginTx(ctx, false)
	if err != nil {
		return nil, err
	}
	defer tx.Rollback()
	st := &ttdn.AuditCheckStatus{}
	last, err := tx.newestSealedCheck(ctx)
	if err != nil {
		return nil, err
	}
	if last != nil {
		st.Last = &last.AuditCheck
	}
	running, err := tx.runningAuditCheck(ctx)
	if err != nil {
		return nil, err
	}
	if running != nil {
		st.Running = &running.AuditCheck
	}
	return st, nil
}

// StartAuditCheck records a full check as running; RunAuditCheck does it.
func (s *AuditService) StartAuditCheck(ctx context.Context) (*ttdn.AuditCheck, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.Resource{Kind: ttdn.ResourceAudit}, nil); err != nil {
		return nil, err
	}
	id, err := s.db.StartAuditCheck(ctx, startedBy(ctx))
	if err != nil {
		return nil, err
	}
	return s.findCheck(ctx, id)
}

// RunAuditCheck does a full check started with StartAuditCheck.
func (s *AuditService) RunAuditCheck(ctx context.Context, id int64) (*ttdn.AuditCheck, error) {
	if err := authorize(ctx, ttdn.ActionRead, ttdn.Resource{Kind: ttdn.ResourceAudit}, nil); err != nil {
		return nil, err
	}
	if _, err := s.db.RunAuditCheck(ctx, id, nil); err != nil {
		return nil, err
	}
	return s.findCheck(ctx, id)
}

// LastFullAuditCheckStart is when the newest full check started (running,
// failed, or finished with a seal: one by a tool without the key counts
// for nothing), zero when there was none: the server's schedule starts
// one when this is old enough.
func (db *DB) LastFullAuditCheckStart(ctx context.Context) (time.Time, error) {
	tx, err := db.BeginTx(ctx, false)
	if err != nil {
		return time.Time{}, err
	}
	defer tx.Rollback()
	var at time.Time
	err = tx.QueryRowContext(ctx, `SELECT MAX(started_at) FROM audit_checks
		WHERE scope = ? AND (finished_at IS NULL OR key_id <> '' OR failure <> '')`, ttdn.AuditCheckFull).Scan(timeScan{&at})
	return at, err
}
