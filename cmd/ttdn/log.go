package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"

	"ttdn"
	"ttdn/sqlstore"
)

// newLogger is the server's log: text lines on w, every message and value
// passed through sqlstore.RedactDSN, so a database password that reaches an
// error (a driver quoting its connection string) never reaches the log.
func newLogger(w io.Writer) *slog.Logger {
	return slog.New(redactingHandler{slog.NewTextHandler(w, nil)})
}

// newFormatLogger is newLogger in the format `--log-format` names: "text"
// (key=value, for people) or "json" (one object a line, for a log
// collector such as Loki, Elasticsearch or journald's JSON export).
func newFormatLogger(w io.Writer, format string) (*slog.Logger, error) {
	switch format {
	case "", "text":
		return newLogger(w), nil
	case "json":
		return slog.New(redactingHandler{slog.NewJSONHandler(w, nil)}), nil
	}
	return nil, ttdn.Errorf(ttdn.EINVALID, "--log-format: %q không hợp lệ (text hoặc json).", "--log-format: %q is not valid (text or json).", format)
}

type redactingHandler struct{ slog.Handler }

func (h redactingHandler) Handle(ctx context.Context, r slog.Record) error {
	out := slog.NewRecord(r.Time, r.Level, sqlstore.RedactDSN(r.Message), r.PC)
	r.Attrs(func(a slog.Attr) bool {
		out.AddAttrs(redactAttr(a))
		return true
	})
	return h.Handler.Handle(ctx, out)
}

func (h redactingHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	for i, a := range attrs {
		attrs[i] = redactAttr(a)
	}
	return redactingHandler{h.Handler.WithAttrs(attrs)}
}

func (h redactingHandler) WithGroup(name string) slog.Handler {
	return redactingHandler{h.Handler.WithGroup(name)}
}

// redactAttr redacts an attribute's value as the text handler would print
// it; numbers, times and the like cannot hold a password and pass as they are.
func redactAttr(a slog.Attr) slog.Attr {
	v := a.Value.Resolve()
	switch v.Kind() {
	case slog.KindString:
		return slog.String(a.Key, sqlstore.RedactDSN(v.String()))
	case slog.KindAny:
		return slog.String(a.Key, sqlstore.RedactDSN(fmt.Sprint(v.Any())))
	case slog.KindGroup:
		group := v.Group()
		out := make([]any, len(group))
		for i, g := range group {
			out[i] = redactAttr(g)
		}
		return slog.Group(a.Key, out...)
	}
	return slog.Attr{Key: a.Key, Value: v}
}
