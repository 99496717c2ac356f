package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"ttdn"
	"ttdn/directory"
	"ttdn/planparse"
	"ttdn/sqlstore"
)

// maxPlanFile bounds what the importer reads: issued plans are tens of
// kilobytes; a .docx with images a few megabytes.
const maxPlanFile = 20 << 20

func runPlan(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return ttdn.Errorf(ttdn.EINVALID, "Cần một lệnh con: plan parse FILE hoặc plan import FILE.", "Need a subcommand: plan parse FILE or plan import FILE.")
	}
	switch args[0] {
	case "parse":
		return runPlanParse(ctx, args[1:], stdout, stderr)
	case "import":
		return runPlanImport(ctx, args[1:], stdout, stderr)
	}
	return ttdn.Errorf(ttdn.EINVALID, "Không có lệnh plan %q (parse, import).", "Unknown plan subcommand %q (parse, import).", args[0])
}

// runPlanParse prints the parsed plan as JSON. It touches no database: units
// resolve against the directory shipped in the binary (Tây Ninh's), or with
// --province against the starting directory of that province.
func runPlanParse(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("plan parse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	province := fs.String("province", "", "đối chiếu đơn vị với danh mục ban đầu của tỉnh, thành phố này / resolve units against this province's starting directory")
	if err := fs.Parse(args); err != nil {
		return err
	} else if fs.NArg() != 1 {
		return ttdn.Errorf(ttdn.EINVALID, "Cách dùng: ttdn plan parse FILE", "Usage: ttdn plan parse FILE")
	}
	data, err := readPlanFile(fs.Arg(0))
	if err != nil {
		return err
	}
	resolver := directory.Default()
	if *province != "" {
		p, _, ok := directory.FindProvince(*province)
		if !ok {
			return ttdn.Errorf(ttdn.EINVALID, "Không có tỉnh, thành phố %q (xem ttdn province list).", "No province or city %q (see ttdn province list).", *province)
		}
		d := directory.Generate(p)
		resolver = directory.NewResolver(d.Units(), d.UnitGroups())
	}
	res, err := planparse.Parse(data, filepath.Base(fs.Arg(0)), resolver)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(res)
}

// runPlanImport parses a plan against the stored directory and stores it as a
// draft, printing what it stored and every warning.
func runPlanImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("plan import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	} else if fs.NArg() != 1 {
		return ttdn.Errorf(ttdn.EINVALID, "Cách dùng: ttdn plan import [--data DIR | --db URL] FILE", "Usage: ttdn plan import [--data DIR | --db URL] FILE")
	}
	data, err := readPlanFile(fs.Arg(0))
	if err != nil {
		return err
	}
	db, err := sf.open(ctx, false)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = ttdn.NewSystemContext(ctx)
	p, warnings, err := importPlan(ctx, db, data, filepath.Base(fs.Arg(0)))
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Đã nhập kế hoạch #%d: %s (%d nhiệm vụ, %d mục trách nhiệm)\n", p.ID, p.Title, len(p.Tasks), len(p.Responsibilities))
	for _, w := range warnings {
		if w.Line > 0 {
			fmt.Fprintf(stdout, "  cảnh báo (dòng %d): %s\n", w.Line, w.Text)
		} else {
			fmt.Fprintln(stdout, "  cảnh báo:", w.Text)
		}
	}
	return nil
}

// importPlan makes sure the directory is seeded, parses data against it and
// stores the plan.
func importPlan(ctx context.Context, db *sqlstore.DB, data []byte, name string) (*ttdn.Plan, []planparse.Warning, error) {
	if err := sqlstore.SeedDirectory(ctx, db); err != nil {
		return nil, nil, err
	}
	r, err := sqlstore.LoadResolver(ctx, db)
	if err != nil {
		return nil, nil, err
	}
	res, err := planparse.Parse(data, name, r)
	if err != nil {
		return nil, nil, err
	}
	if err := sqlstore.NewPlanService(db).CreatePlan(ctx, res.Plan); err != nil {
		return nil, nil, err
	}
	return res.Plan, res.Warnings, nil
}

func readPlanFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Không mở được tệp %s: %v", "Cannot open %s: %v", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxPlanFile+1))
	if err != nil {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Không đọc được tệp %s: %v", "Cannot read %s: %v", path, err)
	} else if len(data) > maxPlanFile {
		return nil, ttdn.Errorf(ttdn.ETOOLARGE, "Tệp %s quá lớn (tối đa %d MB).", "%s is too large (at most %d MB).", path, maxPlanFile>>20)
	}
	return data, nil
}
