package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"time"

	"ttdn"
	"ttdn/sqlstore"
)

func runToken(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "create" {
		return ttdn.Errorf(ttdn.EINVALID, "Cách dùng: ttdn token create --username NAME [--name MÔ_TẢ] [--ttl 720h] [--role VAI_TRÒ] [--unit ĐƠN_VỊ] [--read-only]", "Usage: ttdn token create --username NAME [--name LABEL] [--ttl 720h] [--role ROLE] [--unit UNIT] [--read-only]")
	}
	var username, name, role, unit *string
	var readOnly *bool
	var ttl *time.Duration
	db, _, err := openWithFlags(ctx, "token create", args[1:], stderr, func(fs *flag.FlagSet) {
		username = fs.String("username", "", "người dùng sở hữu mã / the token's user")
		name = fs.String("name", "cli", "mô tả / label")
		ttl = fs.Duration("ttl", 90*24*time.Hour, "thời hạn, từ 1m đến 8784h (1 năm) / lifetime, from 1m to 8784h (one year)")
		role = fs.String("role", "", "vai trò hẹp hơn của mã (vd. unit_officer) / a narrower role for the token")
		unit = fs.String("unit", "", "đơn vị hẹp hơn (mã hoặc số) / a narrower unit (code or id)")
		readOnly = fs.Bool("read-only", false, "mã chỉ được đọc (bảng điều khiển) / a token that may only read (dashboards)")
	})
	if err != nil {
		return err
	}
	defer db.Close()
	if err := ttdn.CheckTokenTTL(*ttl); err != nil { // before any lookup: nothing is created
		return err
	}
	ctx = ttdn.NewSystemContext(ctx)
	users, _, err := sqlstore.NewUserService(db).FindUsers(ctx, ttdn.UserFilter{Username: username, Limit: 1})
	if err != nil {
		return err
	} else if len(users) == 0 {
		return ttdn.Errorf(ttdn.ENOTFOUND, "Không có người dùng %q.", "No user %q.", *username)
	}
	scope := ttdn.TokenScope{Role: ttdn.Role(*role), ReadOnly: *readOnly}
	if *unit != "" {
		if scope.UnitID, err = findUnitID(ctx, db, *unit); err != nil {
			return err
		}
	}
	raw, tok, err := sqlstore.NewAuthService(db).CreateScopedToken(ctx, users[0].ID, *name, *ttl, scope)
	if err != nil {
		return err
	}
	fmt.Fprintln(stdout, raw)
	fmt.Fprintf(stderr, "Mã #%d của %s, hết hạn %s. Lưu lại ngay: mã không được hiển thị lần nữa.\n", tok.ID, *username, tok.ExpiresAt.Format("02/01/2006"))
	return nil
}
