package main

import (
	"flag"
	"os"
	"strings"
	"unicode"

	"ttdn"
	"ttdn/feed"
)

// feedAllow is the feed allow-list: the intranet hosts a press source may
// point to although their addresses are internal. Empty by default, so a
// feed URL on loopback, a private or link-local network is refused. It is
// a server setting (flag or environment), not one an administrator edits
// in the app: whoever sets it decides what the server may reach.
type feedAllow struct {
	flags []string
}

// register adds --feed-allow-host (repeatable) to fs.
func (a *feedAllow) register(fs *flag.FlagSet) {
	fs.Func("feed-allow-host", "máy chủ tin nội bộ được phép (lặp lại được): tên, tên:cổng, *.miền, IP, CIDR; mặc định biến TTDN_FEED_ALLOW_HOST "+
		"/ intranet feed host allowed (repeatable): name, name:port, *.domain, IP, CIDR; default TTDN_FEED_ALLOW_HOST",
		func(v string) error {
			a.flags = append(a.flags, v)
			return nil
		})
}

// list is the flags given, else the environment's list (commas or spaces).
func (a *feedAllow) list() []string {
	if len(a.flags) > 0 {
		return a.flags
	}
	return strings.FieldsFunc(os.Getenv("TTDN_FEED_ALLOW_HOST"), func(r rune) bool { return r == ',' || unicode.IsSpace(r) })
}

// guard builds the feed guard, refusing an entry it cannot read.
func (a *feedAllow) guard() (*feed.Guard, error) {
	g, err := feed.NewGuard(a.list())
	if err != nil {
		return nil, ttdn.Errorf(ttdn.EINVALID, "Danh sách máy chủ tin được phép không hợp lệ: %v.", "Invalid feed allow-list: %v.", err)
	}
	return g, nil
}
