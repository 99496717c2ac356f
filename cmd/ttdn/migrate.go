package main

import (
	"context"
	"flag"
	"fmt"
	"io"
)

// runMigrate applies pending migrations; Open does this too, so the command
// exists for operators who want to migrate before starting instances.
func runMigrate(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(stdout, "Cơ sở dữ liệu %s đã cập nhật.\n", db.Engine())
	return nil
}
