package main

import (
	"context"
	"fmt"
	"io"

	"ttdn/demo"
)

// runDemo loads the demo data into the database without starting the server.
func runDemo(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	db, _, err := openWithFlags(ctx, "demo", args, stderr, nil)
	if err != nil {
		return err
	}
	defer db.Close()
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
