package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"ttdn"
	"ttdn/sqlstore"
)

func runUser(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	switch {
	case len(args) > 0 && args[0] == "add":
		return runUserAdd(ctx, args, stdin, stdout, stderr)
	case len(args) > 0 && args[0] == "unlock":
		return runUserUnlock(ctx, args[1:], stdout, stderr)
	case len(args) > 0 && args[0] == "unlink-signon":
		return runUserUnlinkSignOn(ctx, args[1:], stdout, stderr)
	case len(args) > 0 && args[0] == "set-role":
		return runUserSetRole(ctx, args[1:], stdout, stderr)
	case len(args) > 0 && args[0] == "set-password":
		return runUserSetPassword(ctx, args[1:], stdin, stdout, stderr)
	}
	return ttdn.Errorf(ttdn.EINVALID,
		"Cách dùng: ttdn user add --username NAME --role ROLE [--unit ID|MÃ] [--name TÊN] --password-stdin | ttdn user unlock --username NAME | ttdn user unlink-signon --username NAME | ttdn user set-role --username NAME --role ROLE | ttdn user set-password --username NAME --password-stdin",
		"Usage: ttdn user add --username NAME --role ROLE [--unit ID|CODE] [--name NAME] --password-stdin | ttdn user unlock --username NAME | ttdn user unlink-signon --username NAME | ttdn user set-role --username NAME --role ROLE | ttdn user set-password --username NAME --password-stdin")
}

func runUserAdd(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.register(fs)
	username := fs.String("username", "", "tên đăng nhập / username")
	name := fs.String("name", "", "họ tên / full name")
	email := fs.String("email", "", "thư điện tử / e-mail")
	role := fs.String("role", "", "vai trò / role: admin, coordinator, unit_officer, finance, leader, monitor")
	unit := fs.String("unit", "", "đơn vị: ID hoặc mã (vd. so-tttt) / unit ID or code")
	pwStdin := fs.Bool("password-stdin", false, "đọc mật khẩu từ đầu vào chuẩn / read the password from standard input")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if !*pwStdin {
		return ttdn.Errorf(ttdn.EINVALID, "Cần --password-stdin: mật khẩu không được ghi trên dòng lệnh.", "--password-stdin is required: passwords never go on the command line.")
	}
	pw, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && err != io.EOF {
		return err
	}
	pw = strings.TrimRight(pw, "\r\n")

	db, err := sf.open(ctx, false)
	if err != nil {
		return err
	}
	defer db.Close()
	ctx = ttdn.NewSystemContext(ctx)
	u := &ttdn.User{Username: *username, Name: *name, Email: *email, Role: ttdn.Role(*role)}
	if *unit != "" {
		if u.UnitID, err = findUnitID(ctx, db, *unit); err != nil {
			return err
		}
	}
	if err := sqlstore.NewUserService(db).CreateUser(ctx, u, pw); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Đã tạo người dùng %s (#%d, %s)\n", u.Username, u.ID, u.Role.Label())
	return nil
}

// runUserUnlock lifts the log-in locks and waits of an account, as the
// administrator's button on the user's page does; the audit log records it
// as done by the system.
func runUserUnlock(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var username *string
	db, _, err := openWithFlags(ctx, "user unlock", args, stderr, func(fs *flag.FlagSet) {
		username = fs.String("username", "", "tên đăng nhập / username")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	if strings.TrimSpace(*username) == "" {
		return ttdn.Errorf(ttdn.EINVALID, "Cần --username: tài khoản cần mở khóa đăng nhập.", "--username is required: the account to unlock.")
	}
	th := sqlstore.NewLoginThrottle(db)
	sys := ttdn.NewSystemContext(ctx)
	before, err := th.LoginLocks(sys, *username)
	if err != nil {
		return err
	}
	if err := th.UnlockLogin(sys, *username); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Đã mở khóa đăng nhập cho %s (%d địa chỉ đang bị khóa, chế độ chậm: %s) / login unlocked\n",
		strings.ToLower(strings.TrimSpace(*username)), before.LockedAddrs, yesNo(!before.SlowUntil.IsZero()))
	return nil
}

// runUserUnlinkSignOn removes an account's links to single sign-on
// identities — the person's provider account was replaced — so that the
// next sign-on by its user name (or e-mail) links the new one; audited as
// done by the system.
func runUserUnlinkSignOn(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var username *string
	db, _, err := openWithFlags(ctx, "user unlink-signon", args, stderr, func(fs *flag.FlagSet) {
		username = fs.String("username", "", "tên đăng nhập / username")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	if strings.TrimSpace(*username) == "" {
		return ttdn.Errorf(ttdn.EINVALID, "Cần --username: tài khoản cần gỡ liên kết đăng nhập một cửa.",
			"--username is required: the account whose sign-on link to remove.")
	}
	n, err := sqlstore.NewAuthService(db).UnlinkSignOn(ttdn.NewSystemContext(ctx), *username)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Đã gỡ %d liên kết đăng nhập một cửa của %s / %d sign-on link(s) removed\n",
		n, strings.ToLower(strings.TrimSpace(*username)), n)
	return nil
}

func yesNo(b bool) string {
	if b {
		return "có"
	}
	return "không"
}

// findUnitID accepts a unit's numeric ID or its code ("so-tttt").
func findUnitID(ctx context.Context, db *sqlstore.DB, s string) (int64, error) {
	units := sqlstore.NewUnitService(db)
	if id, err := strconv.ParseInt(s, 10, 64); err == nil {
		u, err := units.FindUnitByID(ctx, id)
		if err != nil {
			return 0, err
		}
		return u.ID, nil
	}
	found, _, err := units.FindUnits(ctx, ttdn.UnitFilter{Code: &s, Limit: 1})
	if err != nil {
		return 0, err
	} else if len(found) == 0 {
		return 0, ttdn.Errorf(ttdn.ENOTFOUND, "Không có đơn vị %q trong danh mục.", "No unit %q in the directory.", s)
	}
	return found[0].ID, nil
}
