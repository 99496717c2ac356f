// Package atomicfile writes files that appear whole or not at all: the
// content goes to a temporary file (mode 0600) in the target's directory,
// is synced to disk, and only then renamed to the final name, and the
// directory is synced so the rename itself survives a crash. A process
// killed half-way leaves at most a hidden ".NAME.*.part" file, never a
// truncated file under the final name.
package atomicfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// Mode is the permission of every file written here: the owner only, since
// backups, exports and keys hold everything the database holds.
const Mode fs.FileMode = 0o600

// ErrExist is returned (wrapped) when the target exists and Write was told
// not to replace it.
var ErrExist = fs.ErrExist

// Write creates path with the content write puts into the temporary file
// f. write may also hand f.Name() to another program (SQLite's VACUUM INTO
// fills an existing empty file); what f holds when write returns is what
// is synced. With replace false an existing path is refused with ErrExist.
// On any error the temporary file is removed and path is left as it was.
func Write(path string, replace bool, write func(f *os.File) error) (err error) {
	if !replace {
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%s: %w", path, ErrExist)
		}
	}
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".*.part")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	// CreateTemp already uses 0600; Chmod states it against any umask.
	if err := f.Chmod(Mode); err != nil {
		return err
	}
	if err := write(f); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := place(tmp, path, replace); err != nil {
		return err
	}
	return SyncDir(dir)
}

// place gives tmp the name path. Without replace it links rather than
// renames where it can, since a link, unlike a rename, fails when path has
// appeared meanwhile (two processes creating the same key file).
func place(tmp, path string, replace bool) error {
	if !replace {
		if err := os.Link(tmp, path); err == nil {
			os.Remove(tmp) // the file is in place under path either way
			return nil
		} else if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s: %w", path, ErrExist)
		}
		// A file system without hard links: check, then rename.
		if _, err := os.Lstat(path); err == nil {
			return fmt.Errorf("%s: %w", path, ErrExist)
		}
	}
	return os.Rename(tmp, path)
}

// SyncDir makes the entries of dir (a rename, a new file) durable. Systems
// that cannot sync a directory (some network file systems) are not an error.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) && !errors.Is(err, errors.ErrUnsupported) {
		return err
	}
	return nil
}
