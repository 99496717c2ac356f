package main

import (
	"context"
	"fmt"
	"io"
)

// runMigrate applies pending migrations; Open does this too, so the command
// exists for operators who want to migrate before starting instances.
func runMigrate(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	db, _, err := openWithFlags(ctx, "migrate", args, stderr, nil)
	if err != nil {
		return err
	}
	defer db.Close()
	fmt.Fprintf(stdout, "Cơ sở dữ liệu %s đã cập nhật.\n", db.Engine())
	return nil
}
