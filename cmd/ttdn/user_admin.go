package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"

	"ttdn"
	"ttdn/sqlstore"
)

// On the server, with access to its database, the IT centre changes a role
// or a password directly: the CLI acts as the system user, so these need no
// leader's confirmation in the app (separation of duties holds in the app;
// the server's console is the province's own). Both are audited as done by
// the system and notified to the account concerned.

// findUserByName returns the account with this username.
func findUserByName(ctx context.Context, db *sqlstore.DB, username string) (*ttdn.User, error) {
	username = strings.ToLower(strings.TrimSpace(username))
	if username == "" {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Cần --username.", "--username is required.")
	}
	list, _, err := sqlstore.NewUserService(db).FindUsers(ctx, ttdn.UserFilter{Username: &username, Limit: 1})
	if err != nil {
		return nil, err
	} else if len(list) == 0 {
		return nil, ttdn.Errorf(ttdn.ENOTFOUND, "Không có tài khoản %q.", "No account %q.", username)
	}
	return list[0], nil
}

// runUserSetRole gives an account a role.
func runUserSetRole(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var username, role *string
	db, _, err := openWithFlags(ctx, "user set-role", args, stderr, func(fs *flag.FlagSet) {
		username = fs.String("username", "", "tên đăng nhập / username")
		role = fs.String("role", "", "vai trò / role: admin, coordinator, unit_officer, finance, leader, monitor")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	sys := ttdn.NewSystemContext(ctx)
	u, err := findUserByName(sys, db, *username)
	if err != nil {
		return err
	}
	r := ttdn.Role(strings.TrimSpace(*role))
	if !r.Valid() {
		return ttdn.Errorf(ttdn.EINVALID, "Vai trò %q không hợp lệ (admin, coordinator, unit_officer, finance, leader, monitor).",
			"Invalid role %q (admin, coordinator, unit_officer, finance, leader, monitor).", *role)
	}
	if _, err := sqlstore.NewUserService(db).UpdateUser(sys, u.ID, ttdn.UserUpdate{Version: u.Version, Role: &r}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Tài khoản %s: vai trò %s → %s\n", u.Username, u.Role.Label(), r.Label())
	return nil
}

// runUserSetPassword sets an account's password read from standard input
// and ends its sessions.
func runUserSetPassword(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	var username *string
	var pwStdin *bool
	db, _, err := openWithFlags(ctx, "user set-password", args, stderr, func(fs *flag.FlagSet) {
		username = fs.String("username", "", "tên đăng nhập / username")
		pwStdin = fs.Bool("password-stdin", false, "đọc mật khẩu từ đầu vào chuẩn / read the password from standard input")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	if !*pwStdin {
		return ttdn.Errorf(ttdn.EINVALID, "Cần --password-stdin: mật khẩu không được ghi trên dòng lệnh.", "--password-stdin is required: passwords never go on the command line.")
	}
	pw, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return err
	}
	sys := ttdn.NewSystemContext(ctx)
	u, err := findUserByName(sys, db, *username)
	if err != nil {
		return err
	}
	if err := sqlstore.NewUserService(db).SetPassword(sys, u.ID, strings.TrimRight(pw, "\r\n")); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Đã đặt mật khẩu mới cho %s; mọi phiên đăng nhập của tài khoản đã kết thúc.\n", u.Username)
	return nil
}
