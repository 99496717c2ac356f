package main

import (
	"context"
	"flag"
	"io"
	"os"

	"ttdn/sqlstore"
)

// storeFlags are the flags every command that opens the database shares.
type storeFlags struct {
	data string
	db   string
}

func (s *storeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.data, "data", "./ttdn-data", "thư mục dữ liệu (SQLite) / data directory")
	fs.StringVar(&s.db, "db", os.Getenv("TTDN_DB"), "PostgreSQL: postgres://… (mặc định: SQLite trong --data) / database URL")
}

// open opens the database and applies pending migrations.
func (s *storeFlags) open(ctx context.Context) (*sqlstore.DB, error) {
	return sqlstore.Open(ctx, sqlstore.Config{DSN: s.db, DataDir: s.data})
}

// openWithFlags parses args for the command name — the store flags plus those
// define adds — and opens the database. The caller closes it.
func openWithFlags(ctx context.Context, name string, args []string, stderr io.Writer, define func(*flag.FlagSet)) (*sqlstore.DB, *flag.FlagSet, error) {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.register(fs)
	if define != nil {
		define(fs)
	}
	if err := fs.Parse(args); err != nil {
		return nil, nil, err
	}
	db, err := sf.open(ctx)
	return db, fs, err
}
