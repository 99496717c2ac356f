package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"ttdn"
	"ttdn/sqlstore"
)

// doctor checks a deployment and says what to fix: each check prints one
// line, OK or a problem with the fix, in Vietnamese (English with
// TTDN_LANG=en). Any problem makes the command exit 1. It changes nothing:
// no migration, no key file, no narrowed mode.
type doctor struct {
	out      io.Writer
	en       bool
	problems int
}

// say prints a check's result; vi and en are the text in each language.
func (d *doctor) say(ok bool, vi, en string, args ...any) {
	msg, mark := vi, "[OK]  "
	if d.en {
		msg = en
	}
	if !ok {
		d.problems++
		mark = "[LỖI] "
		if d.en {
			mark = "[FAIL]"
		}
	}
	fmt.Fprintf(d.out, "%s %s\n", mark, fmt.Sprintf(msg, args...))
}

func runDoctor(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("doctor", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.register(fs)
	minFree := fs.Int64("min-free-mb", 1024, "dung lượng trống tối thiểu của thư mục dữ liệu (MB) / minimum free space in the data directory (MB)")
	backupDir := fs.String("backup-dir", "", "thư mục sao lưu cần kiểm tra thêm / a backup directory to check as well")
	if err := fs.Parse(args); err != nil {
		return err
	}
	d := &doctor{out: stdout, en: os.Getenv("TTDN_LANG") == "en"}
	cfg := sf.config()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()

	// Modes first: opening a store narrows them, the doctor must see them.
	postgres := strings.HasPrefix(cfg.DSN, "postgres://") || strings.HasPrefix(cfg.DSN, "postgresql://")
	dataDir := sf.data
	if p, ok := strings.CutPrefix(cfg.DSN, "sqlite:"); ok && p != "" {
		dataDir = filepath.Dir(p)
	}
	if !postgres {
		d.checkMode(dataDir, 0o700, true)
		db := filepath.Join(dataDir, "ttdn.db")
		for _, p := range []string{db, db + "-wal", db + "-shm"} {
			d.checkMode(p, 0o600, false)
		}
	}
	if kp := cfg.SecretKeyPath(); kp != "" {
		d.checkMode(kp, 0o600, false)
	}
	d.checkDisk(dataDir, *minFree)
	if *backupDir != "" {
		d.checkDisk(*backupDir, *minFree)
	}

	in, err := sqlstore.Inspect(ctx, cfg)
	switch {
	case err != nil:
		d.say(false, "Không kết nối được cơ sở dữ liệu: %s → kiểm tra --db/TTDN_DB, mạng và tài khoản PostgreSQL.",
			"The database cannot be reached: %s → check --db/TTDN_DB, the network and the PostgreSQL account.", errorText(err))
	case in.Missing:
		d.say(false, "Chưa có cơ sở dữ liệu tại %s → chạy `ttdn migrate` (hoặc `ttdn serve`) với --data đúng.",
			"There is no database at %s → run `ttdn migrate` (or `ttdn serve`) with the right --data.", in.Path)
	default:
		d.say(true, "Cơ sở dữ liệu (%s) kết nối được.", "The database (%s) is reachable.", in.Engine)
		d.checkSchema(in)
		d.checkKey(in)
		d.checkClock(in)
		if len(in.Pending) == 0 && len(in.Newer) == 0 {
			d.checkSMTP(ctx, cfg)
		}
	}
	if d.problems > 0 {
		return ttdn.Errorf(ttdn.EINVALID, "Có %d vấn đề cần sửa (xem ở trên).", "%d problems to fix (see above).", d.problems)
	}
	d.say(true, "Không có vấn đề nào.", "No problems found.")
	return nil
}

// checkMode reports a file or directory readable by others than its owner;
// a missing file is fine (SQLite's -wal and -shm come and go).
func (d *doctor) checkMode(path string, want fs.FileMode, dir bool) {
	st, err := os.Stat(path)
	if err != nil {
		if !os.IsNotExist(err) {
			d.say(false, "Không đọc được %s: %v.", "Cannot read %s: %v.", path, err)
		}
		return
	}
	if got := st.Mode().Perm(); got&^want != 0 {
		d.say(false, "%s có quyền %04o, người khác đọc được → chmod %o %s (và chủ sở hữu là tài khoản chạy ttdn).",
			"%s has mode %04o, readable by others → chmod %o %s (and owned by the account ttdn runs as).", path, got, want, path)
		return
	}
	if dir {
		d.say(true, "Thư mục dữ liệu %s chỉ chủ sở hữu truy cập được.", "The data directory %s is its owner's only.", path)
	}
}

func (d *doctor) checkDisk(dir string, minMB int64) {
	free, total, err := diskSpace(dir)
	if err != nil {
		if !os.IsNotExist(err) {
			d.say(false, "Không đo được dung lượng trống của %s: %v.", "Cannot measure the free space of %s: %v.", dir, err)
		}
		return
	}
	mb := int64(free >> 20)
	pct := 0.0
	if total > 0 {
		pct = 100 * float64(free) / float64(total)
	}
	if mb < minMB || pct < 5 {
		d.say(false, "%s chỉ còn %d MB trống (%.1f%%) → giải phóng hoặc mở rộng ổ đĩa (cần ít nhất %d MB và 5%%).",
			"%s has only %d MB free (%.1f%%) → free space or grow the disk (at least %d MB and 5%% needed).", dir, mb, pct, minMB)
		return
	}
	d.say(true, "%s còn %d MB trống (%.1f%%).", "%s has %d MB free (%.1f%%).", dir, mb, pct)
}

func (d *doctor) checkSchema(in *sqlstore.Inspection) {
	switch {
	case len(in.Newer) > 0:
		d.say(false, "Cơ sở dữ liệu đã được cập nhật bởi phiên bản ttdn mới hơn (%s) → dùng bản ttdn mới đó.",
			"The database was migrated by a newer ttdn (%s) → run that newer version.", strings.Join(in.Newer, ", "))
	case len(in.Pending) > 0:
		d.say(false, "Còn %d bản cập nhật cấu trúc chưa áp dụng (%s…) → chạy `ttdn migrate` (hoặc khởi động `ttdn serve`).",
			"%d migrations are not applied (%s…) → run `ttdn migrate` (or start `ttdn serve`).", len(in.Pending), in.Pending[0])
	default:
		d.say(true, "Cấu trúc cơ sở dữ liệu đã cập nhật.", "The database schema is up to date.")
	}
}

func (d *doctor) checkKey(in *sqlstore.Inspection) {
	where := in.KeyPath
	if where == "" {
		where = "TTDN_SECRET_KEY"
	}
	switch {
	case in.KeyErr != nil:
		d.say(false, "Không đọc được khóa bí mật (%s): %s → sửa tệp khóa hoặc biến môi trường.",
			"The secret key (%s) cannot be read: %s → fix the key file or variable.", where, errorText(in.KeyErr))
	case in.DBKeyID == "" && in.KeyID == "":
		d.say(true, "Chưa có khóa bí mật; `ttdn serve` sẽ tạo %s lần chạy đầu.", "No secret key yet; `ttdn serve` creates %s on its first start.", where)
	case in.DBKeyID == "":
		d.say(true, "Khóa bí mật %s (mã %s) sẽ được ghi nhận lần chạy đầu.", "The secret key %s (id %s) is recorded on the first start.", where, in.KeyID)
	case in.KeyID == "":
		d.say(false, "Thiếu khóa bí mật: cơ sở dữ liệu dùng khóa mã %s nhưng không có %s → đặt lại tệp khóa từ bản lưu (docs/OPERATIONS.md, \"The secret key\").",
			"The secret key is missing: the database uses key %s but %s does not exist → restore the key file from its copy (docs/OPERATIONS.md, \"The secret key\").", in.DBKeyID, where)
	case in.KeyID != in.DBKeyID:
		d.say(false, "Khóa bí mật không khớp: cơ sở dữ liệu dùng khóa mã %s, %s có mã %s → dùng đúng khóa (hoặc hoàn tất `ttdn secret-key rotate`).",
			"The secret key does not match: the database uses key %s, %s has id %s → use the right key (or finish `ttdn secret-key rotate`).", in.DBKeyID, where, in.KeyID)
	default:
		d.say(true, "Khóa bí mật khớp với cơ sở dữ liệu (mã %s).", "The secret key matches the database (id %s).", in.KeyID)
	}
}

// checkClock: TOTP codes and every deadline need a right clock. The host's
// must be past this build's year, and PostgreSQL's must agree with it.
func (d *doctor) checkClock(in *sqlstore.Inspection) {
	now := time.Now()
	if now.Year() < 2025 {
		d.say(false, "Đồng hồ máy chủ chỉ %s → bật đồng bộ giờ (chrony/systemd-timesyncd).",
			"The server clock says %s → enable time synchronisation (chrony/systemd-timesyncd).", now.Format(time.RFC3339))
		return
	}
	if !in.DBTime.IsZero() {
		skew := now.Sub(in.DBTime).Abs()
		if skew > 30*time.Second {
			d.say(false, "Đồng hồ máy chủ và PostgreSQL lệch nhau %s → đồng bộ giờ cả hai máy.",
				"The server's and PostgreSQL's clocks differ by %s → synchronise both.", skew.Round(time.Second))
			return
		}
	}
	d.say(true, "Đồng hồ hợp lý (%s).", "The clock is sane (%s).", now.UTC().Format(time.RFC3339))
}

// checkSMTP connects to the configured mail server, if any.
func (d *doctor) checkSMTP(ctx context.Context, cfg sqlstore.Config) {
	cfg.NoSecrets = true
	db, err := sqlstore.Open(ctx, cfg)
	if err != nil {
		d.say(false, "Không mở được cơ sở dữ liệu: %s.", "Cannot open the database: %s.", errorText(err))
		return
	}
	defer db.Close()
	set, err := sqlstore.NewSettingsService(db).FindSettings(ttdn.NewSystemContext(ctx))
	if err != nil {
		d.say(false, "Không đọc được cấu hình: %s.", "Cannot read the settings: %s.", errorText(err))
		return
	}
	if set.SMTP.Host == "" {
		d.say(true, "Chưa cấu hình SMTP: thông báo chỉ hiện trong ứng dụng.", "No SMTP server configured: notifications are in the app only.")
		return
	}
	port := set.SMTP.Port
	if port == 0 {
		port = 25
	}
	addr := net.JoinHostPort(set.SMTP.Host, strconv.Itoa(port))
	conn, err := (&net.Dialer{Timeout: 5 * time.Second}).DialContext(ctx, "tcp", addr)
	if err != nil {
		d.say(false, "Không kết nối được máy chủ thư %s: %v → kiểm tra cấu hình SMTP (Cấu hình) và tường lửa.",
			"The mail server %s cannot be reached: %v → check the SMTP settings and the firewall.", addr, err)
		return
	}
	conn.Close()
	d.say(true, "Máy chủ thư %s kết nối được.", "The mail server %s is reachable.", addr)
}
