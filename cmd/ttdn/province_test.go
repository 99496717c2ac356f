package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"ttdn"
	"ttdn/sqlstore/sqltest"
)

// TestProvinceSetupCommand: `ttdn province setup` on either engine sets a
// merged province up as the city it joined, loads the communes file, shows
// progress, and refuses a bad file with the line at fault.
func TestProvinceSetupCommand(t *testing.T) {
	for _, engine := range sqltest.Engines() {
		t.Run(engine, func(t *testing.T) {
			_, dsn := sqltest.OpenDSN(t, engine)
			dir := t.TempDir()
			file := filepath.Join(dir, "xa.txt")
			os.WriteFile(file, []byte("\ufeffXã Bát Xát\nPhường Lào Cai\nSa Pa\n"), 0o600)
			ctx := context.Background()
			err := run(ctx, []string{"province", "setup", "--db", dsn, "--province", "Yên Bái", "--communes", file}, nil, io.Discard, io.Discard)
			if ttdn.ErrorCode(err) != ttdn.EINVALID || !strings.Contains(ttdn.ErrorMessage(err, "vi"), "Dòng 3") {
				t.Fatalf("bad communes file: %v", err)
			}
			os.WriteFile(file, []byte("Xã Bát Xát\r\nPhường Lào Cai\r\nPhường Sa Pa\r\n"), 0o600)
			var out, progress bytes.Buffer
			if err := run(ctx, []string{"province", "setup", "--db", dsn, "--province", "Yên Bái", "--communes", file}, nil, &out, &progress); err != nil {
				t.Fatal(err)
			}
			if s := out.String(); !strings.Contains(s, "Yên Bái đã hợp nhất vào tỉnh Lào Cai") || !strings.Contains(s, "3 xã, phường") {
				t.Errorf("output: %s", s)
			}
			if !strings.Contains(progress.String(), "100%") {
				t.Errorf("no progress: %q", progress.String())
			}
		})
	}
}

// TestDirectoryCommands: the directory exported by the command loads back
// unchanged; a file with a bad row is refused with the row and stores
// nothing even with --apply.
func TestDirectoryCommands(t *testing.T) {
	for _, engine := range sqltest.Engines() {
		t.Run(engine, func(t *testing.T) {
			_, dsn := sqltest.OpenDSN(t, engine)
			ctx := context.Background()
			if err := run(ctx, []string{"province", "setup", "--db", dsn, "--province", "Hà Tĩnh"}, nil, io.Discard, io.Discard); err != nil {
				t.Fatal(err)
			}
			file := filepath.Join(t.TempDir(), "dm.xlsx")
			var out bytes.Buffer
			if err := run(ctx, []string{"directory", "export", "--db", dsn, "--out", file}, nil, &out, io.Discard); err != nil {
				t.Fatal(err)
			}
			out.Reset()
			if err := run(ctx, []string{"directory", "import", "--db", dsn, file}, nil, &out, io.Discard); err != nil ||
				!strings.Contains(out.String(), "Thêm mới 0, thay đổi 0,") || !strings.Contains(out.String(), "dòng lỗi 0") {
				t.Fatalf("re-import: %v\n%s", err, out.String())
			}
			bad := filepath.Join(t.TempDir(), "bad.csv")
			os.WriteFile(bad, []byte("Tên,Loại\nSở Du lịch,Sở, ban, ngành\nSở Mới,Không rõ\n"), 0o600)
			out.Reset()
			err := run(ctx, []string{"directory", "import", "--db", dsn, "--apply", bad}, nil, &out, io.Discard)
			if ttdn.ErrorCode(err) != ttdn.EINVALID || !strings.Contains(out.String(), "dòng 3 (Sở Mới): Loại đơn vị “Không rõ”") {
				t.Fatalf("bad file: %v\n%s", err, out.String())
			}
		})
	}
}
