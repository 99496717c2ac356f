// Command ttdn runs the ttdn system: the web server, the plan importer and the
// administration commands. Run `ttdn help` for the list.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"ttdn"
	"ttdn/sqlstore"
)

// command is one subcommand: its name, a one-line summary and what it runs.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error
}

func commands() []command {
	return []command{
		{"serve", "chạy máy chủ web (--demo: dữ liệu mẫu) / run the web server", runServe},
		{"plan", "phân tích hoặc nhập kế hoạch: plan parse FILE | plan import FILE / parse or import a plan", runPlan},
		{"user", "quản lý người dùng: user add … / manage users", runUser},
		{"token", "tạo mã truy cập API: token create --username NAME / create API tokens", runToken},
		{"migrate", "cập nhật cấu trúc cơ sở dữ liệu / apply database migrations", runMigrate},
		{"demo", "nạp dữ liệu mẫu vào cơ sở dữ liệu / load the demo data", runDemo},
		{"bench", "đo tốc độ các trang dưới tải đồng thời / measure pages under concurrent load", runBench},
		{"feed", "nguồn tin báo chí: feed add URL | list | refresh | run | import-opml | export-opml / press feeds", runFeed},
		{"press", "tin bài báo chí: press ingest TỆP… | digest | bench / press items", runPress},
		{"audit", "kiểm tra chuỗi nhật ký: audit verify / verify the tamper-evident audit log", runAudit},
		{"backup", "sao lưu trực tuyến: backup --out TỆP / online backup while the server runs", runBackup},
		{"restore", "khôi phục vào CSDL trống: restore --in TỆP / restore into an empty database", runRestore},
		{"export", "xuất toàn bộ dữ liệu: export --out TỆP.zip / complete logical export", runExport},
		{"import", "nạp tệp xuất vào CSDL trống: import --in TỆP.zip / load an export into an empty database", runImport},
		{"doctor", "kiểm tra triển khai: CSDL, khóa, quyền, ổ đĩa, SMTP, đồng hồ / check a deployment", runDoctor},
		{"version", "phiên bản, commit, ngày build, Go / version, commit, build date, Go", runVersion},
		{"province", "thiết lập tỉnh, thành phố: province setup --province TÊN [--communes TỆP] | list / set up the province", runProvince},
		{"directory", "danh mục đơn vị: directory export --out TỆP | import [--apply] TỆP (.csv, .xlsx) / unit directory files", runDirectory},
		{"secret-key", "khóa mã hóa bí mật: secret-key rotate / rotate the key that seals stored secrets", runSecretKey},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	setMemoryLimit()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "ttdn:", errorText(err))
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		return nil
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdin, stdout, stderr)
		}
	}
	usage(stderr)
	return ttdn.Errorf(ttdn.EINVALID, "Không có lệnh %q.", "Unknown command %q.", args[0])
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "ttdn — quản lý công tác thông tin đối ngoại / external-information work")
	fmt.Fprintln(w, "\nCách dùng / usage: ttdn LỆNH [tham số]")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\nTham số chung / common flags: --data DIR (mặc định ./ttdn-data), --db postgres://… (hoặc biến TTDN_DB),")
	fmt.Fprintln(w, "  --secret-key-file TỆP (hoặc TTDN_SECRET_KEY; mặc định DIR/secret.key)")
}

// errorText gives the user-facing message of err in the language TTDN_LANG
// asks for (Vietnamese by default); internal errors keep their detail, since
// the person at the command line is the one who must fix them.
// Either passes through sqlstore.RedactDSN: no database password is printed.
func errorText(err error) string {
	lang := os.Getenv("TTDN_LANG")
	if ttdn.ErrorCode(err) == ttdn.EINTERNAL {
		return sqlstore.RedactDSN(err.Error())
	}
	return sqlstore.RedactDSN(ttdn.ErrorMessage(err, lang))
}
