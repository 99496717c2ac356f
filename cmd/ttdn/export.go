package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"ttdn"
	"ttdn/atomicfile"
	"ttdn/sqlstore/archive"
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
	// Written under a temporary name, synced and renamed when whole: an
	// export that fails or is killed never leaves a file that looks complete.
	var m *archive.Manifest
	err = atomicfile.Write(out, false, func(f *os.File) error {
		m, err = db.Export(ctx, f, "export", newProgressBar(stderr, "Xuất dữ liệu / exporting").Update)
		return err
	})
	if errors.Is(err, atomicfile.ErrExist) {
		return ttdn.Errorf(ttdn.ECONFLICT, "Tệp %s đã tồn tại; hãy chọn tên khác.", "%s already exists; choose another name.", out)
	} else if err != nil {
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
