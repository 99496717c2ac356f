package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"ttdn"
	"ttdn/sqlstore"
)

// runBackup takes an online backup while the server runs: a SQLite file
// (VACUUM INTO) or, on PostgreSQL, a logical archive of one snapshot.
func runBackup(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var out string
	db, _, err := openWithFlags(ctx, "backup", args, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&out, "out", "", "tệp sao lưu sẽ tạo / backup file to create")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	if out == "" {
		return ttdn.Errorf(ttdn.EINVALID, "Hãy cho biết tệp sao lưu: --out TỆP.", "Name the backup file: --out FILE.")
	}
	kind, err := db.Backup(ctx, out, newProgressBar(stderr, "Sao lưu / backing up").Update)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Đã sao lưu / backed up (%s) → %s\n", kind, out)
	return nil
}

// runRestore loads a backup or an export into an empty database.
func runRestore(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return runLoad(ctx, "restore", args, stdout, stderr)
}

// runLoad is restore and import: both take a SQLite backup or an archive,
// into either engine, then verify the audit chain they brought.
func runLoad(ctx context.Context, action string, args []string, stdout, stderr io.Writer) error {
	var in string
	var force, forget bool
	db, _, err := openWithFlags(ctx, action, args, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&in, "in", "", "tệp sao lưu hoặc tệp xuất / backup or export file")
		fs.BoolVar(&force, "force", false, "XÓA toàn bộ dữ liệu hiện có trước khi nạp / DELETE all existing data first")
		fs.BoolVar(&forget, "forget-secrets", false, "khi khóa của bản sao lưu đã mất: bỏ các bí mật không mở được (tắt TOTP của những người dùng đó, xóa mật khẩu SMTP) / when the backup's key is lost: drop the secrets that do not open")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	if in == "" {
		return ttdn.Errorf(ttdn.EINVALID, "Hãy cho biết tệp cần nạp: --in TỆP.", "Name the file to load: --in FILE.")
	}
	bar := newProgressBar(stderr, "Nạp dữ liệu / loading")
	ctx = ttdn.NewSystemContext(ctx)
	if err := db.Restore(ctx, in, sqlstore.ImportOptions{Force: force, ForgetSecrets: forget, Action: action, Progress: bar.Update}); err != nil {
		return err
	}
	rep, err := db.VerifyAuditLog(ctx, nil)
	if err != nil {
		return err
	} else if err := rep.Err(); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Đã nạp %s vào %s; nhật ký toàn vẹn (%d bản ghi). / Loaded into %s; audit log intact (%d entries).\n",
		in, db.Engine(), rep.Entries, db.Engine(), rep.Entries)
	return nil
}
