package http

// loginCatalog holds the texts of log-in throttling on the user's page
// and of turning TOTP on.
var loginCatalog = map[string][2]string{
	"user.login_locks":       {"Khóa đăng nhập", "Log-in locks"},
	"user.login_locked":      {"Đăng nhập sai nhiều lần: tài khoản đang bị chặn đăng nhập từ %d địa chỉ, đến %s.", "Too many failed log-ins: the account is blocked from %d addresses until %s."},
	"user.login_slowed":      {"Nhiều địa chỉ đang thử mật khẩu của tài khoản này: đăng nhập từ địa chỉ mới bị làm chậm đến %s.", "Many addresses are trying this account's password: log-ins from new addresses are slowed until %s."},
	"user.login_free":        {"Tài khoản không bị khóa đăng nhập.", "The account is not locked."},
	"user.login_unlock":      {"Mở khóa đăng nhập", "Unlock log-in"},
	"user.login_unlock_help": {"Xóa mọi lần đăng nhập sai, thời gian chờ và khóa của tài khoản này; thao tác được ghi nhật ký.", "Clears this account's failed log-ins, waits and locks; the action is logged."},
	"flash.login_unlocked":   {"Đã mở khóa đăng nhập.", "Log-in unlocked."},
	"totp.confirm_help":      {"Nhập mật khẩu hiện tại để bật. Mọi phiên đăng nhập khác của bạn sẽ kết thúc.", "Enter your current password to turn it on. All your other sessions will end."},
}

func init() {
	for k, v := range loginCatalog {
		catalog[k] = v
	}
}
