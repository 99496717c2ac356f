package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"ttdn"
	"ttdn/atomicfile"
	"ttdn/sqlstore"
)

// runSecretKey manages the key that seals the secrets stored in the
// database. `rotate` re-seals them all with a new key in one transaction.
func runSecretKey(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "rotate" {
		return ttdn.Errorf(ttdn.EINVALID, "Cách dùng: ttdn secret-key rotate [--new-key-file TỆP].", "Usage: ttdn secret-key rotate [--new-key-file FILE].")
	}
	fs := flag.NewFlagSet("secret-key rotate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var sf storeFlags
	sf.register(fs)
	newFile := fs.String("new-key-file", "", "tệp nhận khóa mới (mặc định: thay khóa tại chỗ) / where the new key goes (default: in place)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	cfg := sf.config()
	r := keyRotation{current: cfg.SecretKeyPath(), target: *newFile}
	if r.target == "" || r.current != "" && filepath.Clean(r.target) == filepath.Clean(r.current) {
		if r.current == "" {
			return ttdn.Errorf(ttdn.EINVALID,
				"Khóa hiện tại lấy từ biến TTDN_SECRET_KEY: hãy cho biết nơi ghi khóa mới bằng --new-key-file TỆP.",
				"The current key comes from TTDN_SECRET_KEY: name where the new key goes with --new-key-file FILE.")
		}
		r.target, r.inPlace = r.current, true
	}
	next, err := r.nextKey()
	if err != nil {
		return err
	}
	// The database may already use the new key, if an earlier run was cut
	// short after its transaction: Open accepts either.
	cfg.NextSecretKey = next
	db, err := sqlstore.Open(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	n, err := db.RotateSecretKey(ttdn.NewSystemContext(ctx), next)
	if err != nil {
		return err
	}
	kept, err := r.finish(next)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Đã mã hóa lại %d bí mật bằng khóa mới (mã %s), ghi tại %s. / Re-sealed %d secrets with the new key %s, in %s.\n",
		n, next.ID(), r.target, n, next.ID(), r.target)
	if kept != "" {
		fmt.Fprintf(stdout, "Khóa cũ giữ tại %s: chỉ cần để khôi phục các bản sao lưu làm trước lúc này — cất cùng chúng, hoặc hủy. / The old key is kept in %s: only backups made before now need it — store it with them, or destroy it.\n", kept, kept)
	}
	if !r.inPlace {
		fmt.Fprintf(stdout, "Hãy khởi động mọi máy chủ với --secret-key-file %s (hoặc TTDN_SECRET_KEY bằng nội dung tệp). / Start every server with --secret-key-file %s (or TTDN_SECRET_KEY set to the file's content).\n", r.target, r.target)
	} else {
		fmt.Fprintln(stdout, "Trên PostgreSQL, chép tệp khóa mới tới mọi máy chủ trước khi khởi động lại. / On PostgreSQL, copy the new key file to every server before restarting them.")
	}
	return nil
}

// keyRotation says where the keys of a rotation are. In place, the new key
// waits in CURRENT.new until the database uses it, then replaces CURRENT;
// the old key is kept as CURRENT.old-ID.
type keyRotation struct {
	current string // the current key's file; "" when it came from TTDN_SECRET_KEY
	target  string // where the new key ends up
	inPlace bool
}

func (r keyRotation) pending() string {
	if r.inPlace {
		return r.current + ".new"
	}
	return r.target
}

// nextKey reads the new key left by an interrupted run, or makes one and
// writes it (0600, synced) before the database changes.
func (r keyRotation) nextKey() (*sqlstore.SecretKey, error) {
	k, err := sqlstore.ReadSecretKeyFile(r.pending())
	if !errors.Is(err, fs.ErrNotExist) {
		return k, err
	}
	if k, err = sqlstore.NewSecretKey(); err != nil {
		return nil, err
	}
	return k, sqlstore.WriteSecretKeyFile(r.pending(), k)
}

// finish puts the new key in place once the database uses it. It returns
// where the old key was kept.
func (r keyRotation) finish(next *sqlstore.SecretKey) (kept string, err error) {
	if !r.inPlace {
		return "", nil
	}
	old, err := sqlstore.ReadSecretKeyFile(r.current)
	if err != nil {
		return "", err
	}
	if old.ID() != next.ID() {
		kept = r.current + ".old-" + old.ID()
		if err := sqlstore.WriteSecretKeyFile(kept, old); err != nil && ttdn.ErrorCode(err) != ttdn.ECONFLICT {
			return "", err
		}
	}
	if err := os.Rename(r.pending(), r.current); err != nil {
		return "", err
	}
	return kept, atomicfile.SyncDir(filepath.Dir(r.current))
}
