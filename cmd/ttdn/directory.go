package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"ttdn"
	"ttdn/directory"
	"ttdn/export"
	"ttdn/sqlstore"
)

// runDirectory imports and exports the unit directory as CSV or XLSX.
func runDirectory(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	switch {
	case len(args) > 0 && args[0] == "export":
		return runDirectoryExport(ctx, args[1:], stdout, stderr)
	case len(args) > 0 && args[0] == "import":
		return runDirectoryImport(ctx, args[1:], stdout, stderr)
	}
	return ttdn.Errorf(ttdn.EINVALID, "Cách dùng: ttdn directory export --out TỆP.csv|.xlsx | ttdn directory import [--apply] TỆP.csv|.xlsx",
		"Usage: ttdn directory export --out FILE.csv|.xlsx | ttdn directory import [--apply] FILE.csv|.xlsx")
}

func runDirectoryExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var out *string
	db, _, err := openWithFlags(ctx, "directory export", args, stderr, func(fs *flag.FlagSet) {
		out = fs.String("out", "", "tệp kết quả (.csv hoặc .xlsx) / output file")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	ext := strings.ToLower(filepath.Ext(*out))
	if ext != ".csv" && ext != ".xlsx" {
		return ttdn.Errorf(ttdn.EINVALID, "Cần --out TỆP.csv hoặc TỆP.xlsx.", "--out FILE.csv or FILE.xlsx is required.")
	}
	rows, err := sqlstore.NewDirectoryService(db).ExportDirectory(ttdn.NewSystemContext(ctx))
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if ext == ".xlsx" {
		err = export.WriteXLSX(&buf, directory.FileTable(rows))
	} else {
		err = export.WriteCSV(&buf, directory.FileTable(rows))
	}
	if err == nil {
		err = os.WriteFile(*out, buf.Bytes(), 0o600)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Đã xuất %d đơn vị vào %s.\n", len(rows), *out)
	return nil
}

func runDirectoryImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var apply *bool
	db, fs, err := openWithFlags(ctx, "directory import", args, stderr, func(fs *flag.FlagSet) {
		apply = fs.Bool("apply", false, "lưu vào danh mục (không có: chỉ xem trước) / store (without: preview only)")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	if fs.NArg() != 1 {
		return ttdn.Errorf(ttdn.EINVALID, "Cần đúng một tệp danh mục.", "Exactly one directory file is needed.")
	}
	data, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return ttdn.Errorf(ttdn.EINVALID, "Không đọc được tệp %s: %v", "Cannot read %s: %v", fs.Arg(0), err)
	}
	rows, err := directory.ReadFile(filepath.Base(fs.Arg(0)), data)
	if err != nil {
		return err
	}
	svc, sys := sqlstore.NewDirectoryService(db), ttdn.NewSystemContext(ctx)
	var res *ttdn.DirectoryImport
	if *apply {
		res, err = svc.ImportDirectory(sys, rows)
	} else {
		res, err = svc.CheckDirectory(sys, rows)
	}
	if res != nil {
		for _, r := range res.Rows {
			for _, e := range r.Errors {
				fmt.Fprintf(stdout, "  dòng %d (%s): %s\n", r.Line, r.Name, e.Message)
			}
		}
		fmt.Fprintf(stdout, "Thêm mới %d, thay đổi %d, giữ nguyên %d, dòng lỗi %d.\n", res.New, res.Changed, res.Same, res.Bad)
	}
	if err != nil {
		return err
	}
	if *apply {
		fmt.Fprintln(stdout, "Đã lưu danh mục.")
	} else if res.Bad == 0 {
		fmt.Fprintln(stdout, "Chưa lưu gì: chạy lại với --apply để lưu.")
	}
	return nil
}
