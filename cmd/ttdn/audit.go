package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"ttdn"
)

// runAudit dispatches `ttdn audit verify`.
func runAudit(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "verify" {
		return ttdn.Errorf(ttdn.EINVALID, "Cách dùng: ttdn audit verify [--data DIR | --db URL]", "Usage: ttdn audit verify [--data DIR | --db URL]")
	}
	return runAuditVerify(ctx, args[1:], stdout, stderr)
}

// runAuditVerify walks the whole audit chain and fails (exit status 1) at
// the first edited, inserted, deleted or reordered entry, or where it no
// longer holds what an earlier check saw; the check is recorded, as the
// audit page's and the server's daily ones are. It prints the head's
// hash: recorded elsewhere (a signed paper log, another system), it shows
// later whether the log was rewritten wholesale.
func runAuditVerify(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var quiet bool
	db, _, err := openWithFlags(ctx, "audit verify", args, stderr, func(fs *flag.FlagSet) {
		fs.BoolVar(&quiet, "quiet", false, "không hiện thanh tiến độ / no progress bar")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	var progress func(done, total int)
	if !quiet {
		progress = newProgressBar(stderr, "Kiểm tra nhật ký / verifying").Update
	}
	id, err := db.StartAuditCheck(ctx, "")
	if err != nil {
		return err
	}
	rep, err := db.RunAuditCheck(ctx, id, progress)
	if err != nil {
		return err
	}
	if err := rep.Err(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Nhật ký toàn vẹn / audit log intact: %d bản ghi / entries; đầu chuỗi / head #%d %s\n",
		rep.Entries, rep.HeadSeq, rep.HeadHash)
	return nil
}
