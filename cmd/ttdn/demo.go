package main

import (
	"context"
	"flag"
	"fmt"
	"io"

	"ttdn"
	"ttdn/demo"
)

// runDemo loads the demo data into the database without starting the server:
// the ordinary demo (directory, seed plan, one user per role), or with
// --scale large a generated province for measuring speed.
func runDemo(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var scale *string
	db, _, err := openWithFlags(ctx, "demo", args, stderr, func(fs *flag.FlagSet) {
		scale = fs.String("scale", "small", "small: dữ liệu mẫu; large: tỉnh lớn sinh tự động (150 đơn vị, 3.000 nhiệm vụ, 50.000 hoạt động) / small or large")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	switch *scale {
	case "small":
	case "large":
		bar := newProgressBar(stderr, "Tạo dữ liệu lớn / generating")
		if err := demo.Large(ctx, db, bar.Update); err != nil {
			return err
		}
	default:
		return ttdn.Errorf(ttdn.EINVALID, "--scale phải là small hoặc large, không phải %q.", "--scale must be small or large, not %q.", *scale)
	}
	logins, err := demo.Load(ctx, db)
	if err != nil {
		return err
	}
	printLogins(stdout, logins)
	return nil
}

func printLogins(w io.Writer, logins []demo.Login) {
	fmt.Fprintln(w, "Tài khoản mẫu / demo log-ins:")
	fmt.Fprintf(w, "  %-10s %-16s %-14s %s\n", "tên", "mật khẩu", "vai trò", "đơn vị")
	for _, l := range logins {
		fmt.Fprintf(w, "  %-10s %-16s %-14s %s\n", l.Username, l.Password, l.Role, l.Unit)
	}
}
