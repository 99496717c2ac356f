package main

import (
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"

	"ttdn/sqlstore"
)

// storeFlags are the flags every command that opens the database shares.
type storeFlags struct {
	data    string
	db      string
	keyFile string
}

func (s *storeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.data, "data", "./ttdn-data", "thư mục dữ liệu (SQLite) / data directory")
	// TTDN_DB is read after parsing, not made the flag's default: usage
	// text prints defaults, and the URL may carry a password.
	fs.StringVar(&s.db, "db", "", "PostgreSQL: postgres://… (mặc định: biến TTDN_DB, hoặc SQLite trong --data) / database URL (default: TTDN_DB)")
	fs.StringVar(&s.keyFile, "secret-key-file", "", "tệp khóa mã hóa bí mật (mặc định: biến TTDN_SECRET_KEY, TTDN_SECRET_KEY_FILE, hoặc --data/secret.key) / secret key file")
}

// config is the database configuration the flags and the environment give.
func (s *storeFlags) config() sqlstore.Config {
	cfg := sqlstore.Config{DSN: s.db, DataDir: s.data, SecretKeyFile: s.keyFile}
	if cfg.DSN == "" {
		cfg.DSN = os.Getenv("TTDN_DB")
	}
	// The key itself may come from the environment (a secret store that
	// injects variables); a file named on the command line wins.
	if cfg.SecretKeyFile == "" {
		cfg.SecretKey = os.Getenv("TTDN_SECRET_KEY")
		if cfg.SecretKey == "" {
			cfg.SecretKeyFile = os.Getenv("TTDN_SECRET_KEY_FILE")
		}
	}
	return cfg
}

// storeConfigOf is the configuration of the store flags parsed into fs, for
// a command that opens the database more than once.
func storeConfigOf(fs *flag.FlagSet) sqlstore.Config {
	s := storeFlags{data: fs.Lookup("data").Value.String(), db: fs.Lookup("db").Value.String(),
		keyFile: fs.Lookup("secret-key-file").Value.String()}
	return s.config()
}

// keyedCommands are the commands that read or write the secrets stored in
// the database (TOTP log-ins and mail, loading data that holds secrets),
// so they need the secret key. Every other command opens the database
// without it: a backup or an export runs on a host that does not hold the
// key, and no command but these creates a key file.
var keyedCommands = map[string]bool{"serve": true, "restore": true, "import": true, "bench": true}

// open opens the database and applies pending migrations; withKey loads
// (or, on a database that has none yet, creates) the secret key.
func (s *storeFlags) open(ctx context.Context, withKey bool) (*sqlstore.DB, error) {
	cfg := s.config()
	cfg.NoSecrets = !withKey
	return sqlstore.Open(ctx, cfg)
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
	withKey := keyedCommands[name] || keyWhenHeld[name] && sf.keyHeld()
	db, err := sf.open(ctx, withKey)
	return db, fs, err
}

// keyWhenHeld are the commands that use the secret key when this host holds
// it and run without it otherwise: `audit verify` then checks the chain
// against the heads sealed checks saw, and seals its own check.
var keyWhenHeld = map[string]bool{"audit verify": true}

// keyHeld reports whether the key is at hand: in the environment, or in the
// key file (named, or secret.key in the data directory). It never makes one.
func (s *storeFlags) keyHeld() bool {
	cfg := s.config()
	if cfg.SecretKey != "" {
		return true
	}
	file := cfg.SecretKeyFile
	if file == "" {
		file = filepath.Join(cfg.DataDir, sqlstore.SecretKeyFileName)
	}
	_, err := os.Stat(file)
	return err == nil
}
