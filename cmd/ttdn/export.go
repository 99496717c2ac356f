package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"ttdn"
)

// runExport writes a complete logical export (every table, engine-neutral)
// from one consistent snapshot; `ttdn import` loads it into either engine.
func runExport(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var out string
	db, _, err := openWithFlags(ctx, "export", args, stderr, func(fs *flag.FlagSet) {
		fs.StringVar(&out, "out", "", "tệp xuất sẽ tạo (.zip) / export file to create")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	if out == "" {
		return ttdn.Errorf(ttdn.EINVALID, "Hãy cho biết tệp xuất: --out TỆP.", "Name the export file: --out FILE.")
	}
	if _, err := os.Stat(out); err == nil {
		return ttdn.Errorf(ttdn.ECONFLICT, "Tệp %s đã tồn tại; hãy chọn tên khác.", "%s already exists; choose another name.", out)
	}
	f, err := os.CreateTemp(filepath.Dir(out), ".ttdn-export-*.part")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	m, err := db.Export(ctx, f, "export", newProgressBar(stderr, "Xuất dữ liệu / exporting").Update)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	if err := os.Rename(f.Name(), out); err != nil {
		return err
	}
	rows := 0
	for _, t := range m.Tables {
		rows += int(t.Rows)
	}
	fmt.Fprintf(stdout, "Đã xuất / exported %d bảng / tables, %d dòng / rows → %s\n", len(m.Tables), rows, out)
	return nil
}

// runImport loads an export (or a backup) into an empty database.
func runImport(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	return runLoad(ctx, "import", args, stdout, stderr)
}
