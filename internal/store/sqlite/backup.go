package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
)

// Backup writes a consistent copy of the whole database to path while the store stays in use:
// VACUUM INTO reads one snapshot, so writes made meanwhile are either wholly in the copy or
// not at all. The copy is written under a temporary name in path's folder, synced, and only
// then given its name, so that path never holds a partial backup. It refuses to overwrite an
// existing file.
func (s *Store) Backup(ctx context.Context, path string) error {
	if _, err := os.Lstat(path); err == nil {
		return fmt.Errorf("backup: %s already exists: choose a new file name (a backup never overwrites a file)", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("backup: %w", err)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".partial-*")
	if err != nil {
		return fmt.Errorf("backup: cannot write in %s: %w", dir, err)
	}
	tmpName := tmp.Name()
	tmp.Close()
	// VACUUM INTO writes into an existing file only when it is empty, as this one is.
	defer removeDB(tmpName)
	if _, err := s.db.ExecContext(ctx, `VACUUM INTO ?`, tmpName); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	if err := syncFile(tmpName); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	// A hard link gives the file its name only if the name is still free, atomically.
	if err := os.Link(tmpName, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("backup: %s already exists: choose a new file name (a backup never overwrites a file)", path)
		}
		return fmt.Errorf("backup: %w", err)
	}
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// Restore replaces the database at dbPath with the backup at backupPath. The backup is first
// copied beside dbPath and checked: it must be an intact SQLite database (PRAGMA
// integrity_check), hold Signpost's schema_migrations table and no migration this build does
// not know. Only then is the copy synced and renamed over dbPath, after the current database
// has been checkpointed and its -wal, -shm and -journal files removed, so that none of them
// is ever applied to the restored file. On any error before the rename dbPath is unchanged.
//
// The Signpost server must be stopped first: Restore refuses when it sees another connection
// holding the database, but cannot see every case. The restored file keeps the owner and
// permissions of the one it replaces where the process may set them.
func Restore(ctx context.Context, backupPath, dbPath string) error {
	fi, err := os.Stat(backupPath)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("restore: %s is not a file", backupPath)
	}
	if fi.Size() == 0 {
		return fmt.Errorf("restore: %s is empty, not a backup", backupPath)
	}
	dir := filepath.Dir(dbPath)
	staged, err := stage(backupPath, dir)
	if err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	defer removeDB(staged) // a no-op once renamed
	if err := verify(ctx, staged); err != nil {
		return fmt.Errorf("restore: %s: %w", backupPath, err)
	}
	if err := syncFile(staged); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	old, err := os.Stat(dbPath)
	switch {
	case err == nil:
		keepOwnership(staged, old)
		if err := quiesce(ctx, dbPath); err != nil {
			return fmt.Errorf("restore: %w", err)
		}
	case !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("restore: %w", err)
	}
	for _, suffix := range []string{"-wal", "-shm", "-journal"} {
		if err := os.Remove(dbPath + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("restore: remove stale %s: %w", dbPath+suffix, err)
		}
	}
	if err := os.Rename(staged, dbPath); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	if err := syncDir(dir); err != nil {
		return fmt.Errorf("restore: %w", err)
	}
	return nil
}

// stage copies src into a new temporary file in dir and returns its name.
func stage(src, dir string) (string, error) {
	in, err := os.Open(src)
	if err != nil {
		return "", err
	}
	defer in.Close()
	out, err := os.CreateTemp(dir, ".signpost-restore-*.db")
	if err != nil {
		return "", fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(out.Name())
		return "", fmt.Errorf("copy %s: %w", src, err)
	}
	if err := out.Close(); err != nil {
		os.Remove(out.Name())
		return "", err
	}
	return out.Name(), nil
}

// verify checks that path is an intact Signpost database this build can open, and leaves it
// in rollback-journal mode with no side files.
func verify(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var result string
	if err := db.QueryRowContext(ctx, `PRAGMA integrity_check`).Scan(&result); err != nil {
		return errors.New("not an SQLite database, or damaged beyond reading")
	}
	if result != "ok" {
		return fmt.Errorf("damaged: the integrity check says %q", truncate(result, 200))
	}
	rows, err := db.QueryContext(ctx, `SELECT version FROM schema_migrations`)
	if err != nil {
		return errors.New("an SQLite database, but not a Signpost one (no schema_migrations table)")
	}
	defer rows.Close()
	known, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	n := 0
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return err
		}
		if !slices.Contains(known, v) {
			return fmt.Errorf("made by a newer Signpost (migration %q is unknown to this one): upgrade first", v)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if n == 0 {
		return errors.New("a Signpost database with no schema applied")
	}
	rows.Close()
	// A backup taken by copying a live file may be in WAL mode; restored, it must not need a
	// -wal file that does not come with it.
	if _, err := db.ExecContext(ctx, `PRAGMA journal_mode=DELETE`); err != nil {
		return fmt.Errorf("set journal mode: %w", err)
	}
	return nil
}

// quiesce makes sure no other connection holds the database at path, and checkpoints its
// write-ahead log into the main file, so that removing the -wal loses nothing. A file that is
// not a readable database is left as it is: it is being replaced.
func quiesce(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(0)&_pragma=locking_mode(EXCLUSIVE)")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, `BEGIN EXCLUSIVE`); err != nil {
		if isBusy(err) {
			return fmt.Errorf("%s is in use (is the Signpost server running?): stop it, then restore", path)
		}
		return nil // unreadable: nothing to save from it
	}
	if _, err := db.ExecContext(ctx, `COMMIT`); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if _, err := db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return fmt.Errorf("checkpoint %s: %w", path, err)
	}
	return db.Close()
}

func isBusy(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "SQLITE_BUSY") || strings.Contains(msg, "database is locked")
}

// removeDB removes a database file and its side files, ignoring those that do not exist.
func removeDB(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		_ = os.Remove(path + suffix)
	}
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// syncDir makes a rename or link in dir durable.
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return err // some file systems cannot sync a directory; that is not a failure
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
