package feed

import (
	"context"
	"errors"
	"net/url"
	"strings"

	"ttdn"
)

// CheckURL is the early check of a feed URL a person adds (form, OPML,
// command line): the same rules as the connection check, answered with a
// message that says what to do. It resolves the host (bounded to a few
// seconds); a name that does not resolve passes, and is checked again on
// every connection.
func (g *Guard) CheckURL(ctx context.Context, raw string) error {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err == nil {
		err = checkSyntax(u)
	}
	switch {
	case err == nil:
	case errors.Is(err, errUserInfo):
		return ttdn.Errorf(ttdn.EINVALID, "Địa chỉ nguồn tin không được chứa tên đăng nhập hay mật khẩu (phần trước dấu @).",
			"A feed URL may not contain a user name or password (the part before @).")
	case errors.Is(err, errNumericHost):
		return ttdn.Errorf(ttdn.EINVALID, "Tên máy %q trong địa chỉ nguồn tin là một con số viết không theo dạng chuẩn; hãy dùng tên miền của cơ quan báo chí.",
			"The host %q of the feed URL is a number written in a non-standard form; use the outlet's domain name.", u.Hostname())
	default:
		return ttdn.Errorf(ttdn.EINVALID, "Địa chỉ nguồn tin %q không hợp lệ (cần http:// hoặc https://).",
			"Invalid feed URL %q (http:// or https:// needed).", raw)
	}
	if err := g.checkTarget(ctx, u); err != nil {
		return ttdn.Errorf(ttdn.EINVALID, "Địa chỉ nguồn tin %q trỏ vào mạng nội bộ (chính máy chủ này, mạng riêng hoặc link-local) nên bị chặn. "+
			"Nếu đây là máy chủ tin nội bộ hợp lệ, người quản trị máy chủ cần thêm nó vào danh sách cho phép (--feed-allow-host).",
			"The feed URL %q points into the internal network (this server, a private or link-local network) and is refused. "+
				"If it is a legitimate intranet feed, the server operator must add it to the allow-list (--feed-allow-host).", u.Host)
	}
	return nil
}
