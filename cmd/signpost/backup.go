package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"signpost/internal/store/sqlite"
)

// runBackup writes a consistent copy of the SQLite database while Signpost may keep running.
func runBackup(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	fs := newFlagSet("backup", "[-data DIR] FILE",
		"Write a consistent copy of the SQLite database to FILE, online: the server may keep running.\nFILE must not exist. For PostgreSQL use pg_dump.", stderr)
	addDataFlag(fs, &cfg)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	dbPath, err := existingSQLite(cfg)
	if err != nil {
		return err
	}
	st, err := sqlite.Open(ctx, dbPath)
	if err != nil {
		return err
	}
	defer st.Close()
	out := fs.Arg(0)
	if err := st.Backup(ctx, out); err != nil {
		return err
	}
	fi, err := os.Stat(out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "backed up %s to %s (%d bytes)\n", dbPath, out, fi.Size())
	return nil
}

// runRestore replaces the SQLite database with a backup, keeping a safety copy of the current
// one beside it.
func runRestore(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	fs := newFlagSet("restore", "[-data DIR] FILE",
		"Replace the SQLite database with the backup in FILE, after checking that FILE is an intact Signpost database.\n"+
			"Stop the Signpost server first. The current database is kept beside it as signpost.db.before-restore-TIME.\n"+
			"For PostgreSQL use pg_restore.", stderr)
	addDataFlag(fs, &cfg)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	if cfg.DatabaseURL != "" {
		return errors.New("SIGNPOST_DATABASE_URL (or -database) selects PostgreSQL: use pg_dump and pg_restore for PostgreSQL; restore is for the SQLite database")
	}
	backup := fs.Arg(0)
	if _, err := os.Stat(backup); err != nil {
		return err
	}
	if fi, err := os.Stat(cfg.DataDir); err != nil || !fi.IsDir() {
		return fmt.Errorf("data directory %s is not a folder: create it, or set -data or SIGNPOST_DATA", cfg.DataDir)
	}
	dbPath := filepath.Join(cfg.DataDir, "signpost.db")
	before, err := os.Stat(dbPath)
	var safety string
	switch {
	case err == nil:
		safety = fmt.Sprintf("%s.before-restore-%s", dbPath, time.Now().UTC().Format("20060102T150405Z"))
		if err := safetyCopy(ctx, dbPath, safety); err != nil {
			return fmt.Errorf("safety copy of the current database: %w (nothing was restored)", err)
		}
	case !errors.Is(err, os.ErrNotExist):
		return err
	}
	if err := sqlite.Restore(ctx, backup, dbPath); err != nil {
		// Restore leaves the database untouched on every error but a late one; keep the
		// safety copy only if the file was in fact replaced.
		if after, serr := os.Stat(dbPath); safety != "" && serr == nil && os.SameFile(before, after) {
			removeDBFiles(safety)
		} else if safety != "" {
			fmt.Fprintf(stderr, "the previous database is kept as %s\n", safety)
		}
		return err
	}
	fmt.Fprintf(stdout, "restored %s from %s\n", dbPath, backup)
	if safety != "" {
		fmt.Fprintf(stdout, "the previous database is kept as %s: delete it once the restored one is right\n", safety)
	}
	return nil
}

// existingSQLite returns the path of the SQLite database cfg names, refusing PostgreSQL and a
// database that does not exist yet (opening it would create an empty one).
func existingSQLite(cfg Config) (string, error) {
	if cfg.DatabaseURL != "" {
		return "", errors.New("SIGNPOST_DATABASE_URL (or -database) selects PostgreSQL: use pg_dump for PostgreSQL; backup is for the SQLite database")
	}
	path := filepath.Join(cfg.DataDir, "signpost.db")
	if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
		return "", fmt.Errorf("no database at %s: nothing to back up (check -data or SIGNPOST_DATA)", path)
	} else if err != nil {
		return "", err
	}
	return path, nil
}

// safetyCopy copies the database at dbPath to dst: a consistent online copy when it opens,
// else the raw file and its write-ahead log, since a damaged database is often why one
// restores.
func safetyCopy(ctx context.Context, dbPath, dst string) error {
	if st, err := sqlite.Open(ctx, dbPath); err == nil {
		defer st.Close()
		return st.Backup(ctx, dst)
	}
	if err := copyNew(dbPath, dst); err != nil {
		return err
	}
	if err := copyNew(dbPath+"-wal", dst+"-wal"); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// copyNew copies src to dst, which must not exist, and syncs it.
func copyNew(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		os.Remove(dst)
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// removeDBFiles removes a database copy and its side files.
func removeDBFiles(path string) {
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		_ = os.Remove(path + suffix)
	}
}
