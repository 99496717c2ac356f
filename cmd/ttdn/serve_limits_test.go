package main

import (
	"io"
	"log/slog"
	"testing"

	"ttdn/sqlstore/sqltest"
)

// TestServerTimeouts: the server a network sees has every timeout and a
// header limit, so slow or endless clients cannot hold connections.
func TestServerTimeouts(t *testing.T) {
	db := sqltest.Open(t, "sqlite")
	srv := newHTTPServer(db, slog.New(slog.NewTextHandler(io.Discard, nil)), false, nil, nil)
	if srv.ReadHeaderTimeout <= 0 || srv.ReadTimeout <= 0 || srv.WriteTimeout <= 0 || srv.IdleTimeout <= 0 || srv.MaxHeaderBytes <= 0 {
		t.Fatalf("timeouts %v %v %v %v, header limit %d", srv.ReadHeaderTimeout, srv.ReadTimeout, srv.WriteTimeout, srv.IdleTimeout, srv.MaxHeaderBytes)
	}
}
