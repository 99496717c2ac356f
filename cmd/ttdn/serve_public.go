package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"time"

	ttdnhttp "ttdn/http"
	"ttdn/sqlstore"
)

// publicFlags are serve's flags for the public site (issue 14 §2).
type publicFlags struct {
	addr, url *string
}

func (p *publicFlags) register(fs *flag.FlagSet) {
	p.addr = fs.String("public-addr", "", "địa chỉ lắng nghe riêng cho trang công khai (không có giao diện nội bộ), ví dụ :8081 / separate listen address for the public site alone (no internal UI), e.g. :8081")
	p.url = fs.String("public-url", "", "địa chỉ tuyệt đối của trang công khai cho liên kết chuẩn, nguồn tin, sơ đồ trang, ví dụ https://ttdn.tayninh.gov.vn / the public site's absolute address for canonical links, feeds and the sitemap")
}

// start listens on --public-addr, when given, with a server that has only
// the public site's routes: anonymous readers on the internet never reach
// the log-in page, the internal UI or the API.
func (p *publicFlags) start(ctx context.Context, db *sqlstore.DB, log *slog.Logger, secure bool, proxies []netip.Prefix, stdout io.Writer) error {
	if *p.addr == "" {
		return nil
	}
	ln, err := net.Listen("tcp", *p.addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", *p.addr, err)
	}
	s := ttdnhttp.NewServer(ttdnhttp.Config{Public: sqlstore.NewPublicSite(db), PublicBaseURL: *p.url, Logger: log,
		SecureCookies: secure, TrustedProxies: proxies})
	srv := &http.Server{Handler: s.PublicHandler(), ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: time.Minute, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 16 << 10}
	go func() {
		if err := serve(ctx, srv, ln); err != nil {
			log.Error("public listener", "err", err)
		}
	}()
	fmt.Fprintf(stdout, "ttdn trang công khai tại / public site at http://%s/public/vi/\n", ln.Addr())
	return nil
}
