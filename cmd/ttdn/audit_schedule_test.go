package main

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"ttdn"
	"ttdn/sqlstore"
	"ttdn/sqlstore/sqltest"
)

// The server's schedule starts a full check when the newest one is older
// than its interval, and not before.
func TestAuditCheckSchedule(t *testing.T) {
	sqltest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		ctx := ttdn.NewSystemContext(context.Background())
		log := slog.New(slog.NewTextHandler(io.Discard, nil))
		sqltest.MustCreateUnit(t, db, &ttdn.Unit{Code: "u-1", Name: "Đơn vị 1"})
		svc := sqlstore.NewAuditService(db)
		last := func() int64 {
			st, err := svc.AuditCheckStatus(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if st.Last == nil {
				return 0
			}
			if st.Last.Scope != ttdn.AuditCheckFull || !st.Last.Result.Intact {
				t.Fatalf("the scheduled check: %+v", st.Last)
			}
			return st.Last.ID
		}
		if ran, err := auditCheckIfDue(ctx, db, 24*time.Hour, log); err != nil || !ran {
			t.Fatal(ran, err)
		}
		first := last()
		if first == 0 {
			t.Fatal("no check was ever made: the first is due at once")
		}
		if ran, err := auditCheckIfDue(ctx, db, 24*time.Hour, log); err != nil || ran {
			t.Fatal(ran, err)
		}
		if last() != first {
			t.Fatal("a second full check within the interval")
		}
		time.Sleep(2 * time.Millisecond)
		if ran, err := auditCheckIfDue(ctx, db, time.Millisecond, log); err != nil || !ran {
			t.Fatal(ran, err)
		}
		if last() == first {
			t.Fatal("no new check once the interval had passed")
		}
	})
}
