package main

import (
	"context"
	"flag"
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
