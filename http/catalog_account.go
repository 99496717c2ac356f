package http

// accountCatalog holds the texts of the account and TOTP pages.
var accountCatalog = map[string][2]string{
	"account.title":             {"Tài khoản của tôi", "My account"},
	"account.sessions":          {"Phiên đăng nhập", "Sessions"},
	"account.sessions_help":     {"Kết thúc mọi phiên đăng nhập của bạn trên mọi thiết bị, kể cả phiên này.", "End all your sessions on every device, this one included."},
	"account.logout_all":        {"Đăng xuất khỏi mọi thiết bị", "Log out everywhere"},
	"account.password":          {"Đổi mật khẩu", "Change password"},
	"account.current_password":  {"Mật khẩu hiện tại", "Current password"},
	"account.new_password":      {"Mật khẩu mới (ít nhất 10 ký tự)", "New password (at least 10 characters)"},
	"account.change_password":   {"Đổi mật khẩu", "Change password"},
	"account.save":              {"Lưu", "Save"},
	"account.tokens":            {"Mã truy cập API", "API tokens"},
	"account.token_name":        {"Tên", "Name"},
	"account.token_scope":       {"Phạm vi", "Scope"},
	"account.token_expires":     {"Hết hạn", "Expires"},
	"account.token_as_user":     {"Như người dùng", "As the user"},
	"account.revoke":            {"Thu hồi", "Revoke"},
	"account.revoked":           {"Đã thu hồi", "Revoked"},
	"account.no_tokens":         {"Bạn chưa có mã truy cập nào.", "You have no tokens."},
	"totp.title":                {"Xác thực hai bước", "Two-step verification"},
	"totp.on":                   {"Xác thực hai bước đang bật.", "Two-step verification is on."},
	"totp.off":                  {"Xác thực hai bước đang tắt.", "Two-step verification is off."},
	"totp.manage":               {"Thiết lập", "Manage"},
	"totp.require":              {"Bắt buộc xác thực hai bước cho quản trị và cơ quan điều phối", "Require two-step verification for administrators and coordinators"},
	"totp.required_notice":      {"Vai trò của bạn phải dùng xác thực hai bước. Hãy thiết lập để tiếp tục.", "Your role must use two-step verification. Set it up to continue."},
	"totp.intro":                {"Dùng ứng dụng xác thực (TOTP) trên điện thoại để nhập thêm một mã 6 chữ số mỗi lần đăng nhập.", "Use an authenticator app (TOTP) to enter a 6-digit code at every log-in."},
	"totp.begin":                {"Bắt đầu thiết lập", "Start set-up"},
	"totp.scan":                 {"Nhập khóa bí mật dưới đây vào ứng dụng xác thực (hoặc mở liên kết otpauth), rồi nhập mã ứng dụng hiển thị.", "Enter the secret below in your authenticator app (or open the otpauth link), then type the code it shows."},
	"totp.secret":               {"Khóa bí mật", "Secret"},
	"totp.code":                 {"Mã 6 chữ số", "6-digit code"},
	"totp.code_or_recovery":     {"Mã 6 chữ số hoặc mã khôi phục", "6-digit code or recovery code"},
	"totp.confirm":              {"Xác nhận và bật", "Confirm and turn on"},
	"totp.disable":              {"Tắt xác thực hai bước", "Turn off two-step verification"},
	"totp.codes":                {"Mã khôi phục", "Recovery codes"},
	"totp.codes_help":           {"Lưu các mã này ở nơi an toàn. Mỗi mã dùng được một lần khi mất điện thoại; chúng sẽ không hiện lại.", "Keep these codes somewhere safe. Each works once if you lose your phone; they will not be shown again."},
	"totp.continue":             {"Tiếp tục", "Continue"},
	"totp.login_title":          {"Xác thực hai bước", "Two-step verification"},
	"totp.login_intro":          {"Nhập mã ứng dụng xác thực đang hiển thị.", "Enter the code your authenticator app shows."},
	"flash.totp_off":            {"Đã tắt xác thực hai bước.", "Two-step verification is off."},
	"flash.token_revoked":       {"Đã thu hồi mã truy cập.", "The token is revoked."},
	"nav.account":               {"Tài khoản", "Account"},
	"flash.totp_required_saved": {"Đã lưu yêu cầu xác thực hai bước.", "The two-step verification requirement is saved."},
}

func init() {
	for k, v := range accountCatalog {
		catalog[k] = v
	}
}
