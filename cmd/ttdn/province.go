package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"ttdn"
	"ttdn/directory"
	"ttdn/sqlstore"
)

// runProvince sets up the province an instance serves, or lists the 34.
func runProvince(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	switch {
	case len(args) > 0 && args[0] == "setup":
		return runProvinceSetup(ctx, args[1:], stdout, stderr)
	case len(args) > 0 && args[0] == "list":
		for _, p := range directory.Provinces() {
			fmt.Fprintf(stdout, "%s\t%s\n", p.Place(), provinceFacts(p))
		}
		return nil
	}
	return ttdn.Errorf(ttdn.EINVALID,
		"Cách dùng: ttdn province setup --province TÊN [--communes TỆP] | ttdn province list",
		"Usage: ttdn province setup --province NAME [--communes FILE] | ttdn province list")
}

// provinceFacts says what a province was formed from and where it borders.
func provinceFacts(p directory.ProvinceInfo) string {
	var parts []string
	if p.Merged() {
		parts = append(parts, "hợp nhất từ "+strings.Join(p.FormedFrom, ", "))
	}
	if len(p.Borders) > 0 {
		parts = append(parts, "biên giới đất liền với "+strings.Join(p.Borders, ", "))
	}
	if p.Coastal {
		parts = append(parts, "ven biển")
	}
	return strings.Join(parts, "; ")
}

func runProvinceSetup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var name, communesFile *string
	db, _, err := openWithFlags(ctx, "province setup", args, stderr, func(fs *flag.FlagSet) {
		name = fs.String("province", "", "tỉnh, thành phố (vd. \"Hà Nội\"; xem ttdn province list) / province or city")
		communesFile = fs.String("communes", "", "tệp danh sách xã, phường, đặc khu, mỗi dòng một tên / communes and wards, one a line")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	if strings.TrimSpace(*name) == "" {
		return ttdn.Errorf(ttdn.EINVALID, "Cần --province: tên tỉnh, thành phố (xem ttdn province list).", "--province is required (see ttdn province list).")
	}
	var communes []string
	if *communesFile != "" {
		data, err := os.ReadFile(*communesFile)
		if err != nil {
			return ttdn.Errorf(ttdn.EINVALID, "Không đọc được tệp %s: %v", "Cannot read %s: %v", *communesFile, err)
		}
		communes = strings.Split(strings.TrimPrefix(string(data), "\ufeff"), "\n")
	}
	bar := newProgressBar(stderr, "Danh mục đơn vị")
	res, err := sqlstore.NewProvinceService(db).SetupProvince(ttdn.NewSystemContext(ctx), *name, communes, bar.Update)
	if err != nil {
		return err
	}
	if res.MergedFrom != "" {
		fmt.Fprintf(stdout, "%s đã hợp nhất vào %s từ 1/7/2025 (Nghị quyết 202/2025/QH15); thiết lập %s.\n", res.MergedFrom, res.Place, res.Place)
	}
	fmt.Fprintf(stdout, "Đã thiết lập %s: thêm %d đơn vị (trong đó %d xã, phường, đặc khu)", res.Place, res.Units, res.Communes)
	if res.Removed > 0 {
		fmt.Fprintf(stdout, ", bỏ %d đơn vị của danh mục mẫu Tây Ninh", res.Removed)
	}
	fmt.Fprintln(stdout, ".")
	return nil
}
