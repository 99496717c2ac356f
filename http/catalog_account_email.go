package http

// accountEmailCatalog holds the words of the account page's e-mail choice
// (account_email_ui.go).
var accountEmailCatalog = map[string][2]string{
	"account.notify_email":        {"Nhận thông báo qua thư điện tử", "Notifications by e-mail"},
	"account.notify_email_help":   {"Thông báo luôn hiện trong ứng dụng. Chọn có gửi thêm qua thư điện tử hay không; bản tổng hợp gửi một thư mỗi ngày, sau 17 giờ, liệt kê các thông báo trong ngày.", "Notifications always show in the app. Choose whether they also come by e-mail; the digest is one e-mail a day, after 17:00, listing the day's notices."},
	"account.notify_email_legend": {"Gửi thư điện tử", "Send e-mail"},
	"account.notify_email_none":   {"Không gửi, chỉ xem trong ứng dụng", "None, only in the app"},
	"account.notify_email_each":   {"Mỗi thông báo một thư", "One e-mail per notice"},
	"account.notify_email_digest": {"Một thư tổng hợp mỗi ngày", "A daily digest"},
	"flash.notify_email_set":      {"Đã lưu cách nhận thông báo qua thư điện tử.", "Your e-mail choice is saved."},
}

func init() {
	for k, v := range accountEmailCatalog {
		catalog[k] = v
	}
}
