// Package sqlite implements [directory.Store] on an SQLite file through the pure-Go
// modernc.org/sqlite driver, so that the default Signpost needs no cgo and no setup.
//
// It imports the domain and the shared [store.DB] only; migrations are embedded and applied
// on [Open].
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"strings"

	"signpost/internal/account"
	"signpost/internal/directory"
	"signpost/internal/store"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

//go:embed migrations/*.sql
var migrations embed.FS

// Store is a [directory.Store] and an [account.Store] on one SQLite database file. Its reads
// and writes are [store.DB]'s, in SQLite's dialect; it adds opening, migrating, backups and
// closing.
type Store struct {
	*store.DB
	db *sql.DB
}

var (
	_ directory.Store = (*Store)(nil)
	_ account.Store   = (*Store)(nil)
)

// Open opens (creating if needed) the SQLite database at path and brings its schema up to
// date. A file that is not an SQLite database, or that cannot be written, gives an error that
// says so; the file is not modified in that case.
func Open(ctx context.Context, path string) (*Store, error) {
	// The database holds password and session hashes: only its owner may read it. SQLite
	// gives the -wal and -shm files the database file's mode, so the file is made 0600 before
	// SQLite creates it, and an existing one (and its companions) is tightened.
	if f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600); err == nil {
		f.Close()
	}
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		if fi, err := os.Stat(p); err == nil && fi.Mode().Perm()&0o077 != 0 {
			_ = os.Chmod(p, 0o600)
		}
	}
	dsn := "file:" + path + "?_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)&_txlock=immediate"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	s := &Store{DB: store.New(db, dialect{}), db: db}
	if err := s.check(ctx, path); err != nil {
		db.Close()
		return nil, err
	}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("migrate %s: %w", path, err)
	}
	return s, nil
}

// check fails early, with a message a person can act on, when the file is not a database.
func (s *Store) check(ctx context.Context, path string) error {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master`).Scan(&n)
	if err == nil {
		return nil
	}
	msg := err.Error()
	switch {
	case strings.Contains(msg, "not a database"), strings.Contains(msg, "malformed"), strings.Contains(msg, "file is encrypted"):
		return fmt.Errorf("%s is not a readable Signpost database (it may be corrupted); move it away to start afresh, or restore a backup", path)
	case strings.Contains(msg, "unable to open"), strings.Contains(msg, "readonly"), strings.Contains(msg, "permission"):
		return fmt.Errorf("cannot open %s for writing: check that its folder exists and is writable", path)
	}
	return fmt.Errorf("open %s: %w", path, err)
}

// Close closes the database.
func (s *Store) Close() error { return s.db.Close() }

func (s *Store) migrate(ctx context.Context) error {
	if _, err := s.db.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY)`); err != nil {
		return err
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		if err := s.migrateOne(ctx, name); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

func (s *Store) migrateOne(ctx context.Context, name string) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM schema_migrations WHERE version = ?`, name).Scan(&n); err != nil {
		return err
	} else if n > 0 {
		return nil
	}
	body, err := fs.ReadFile(migrations, name)
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, string(body)); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO schema_migrations (version) VALUES (?)`, name); err != nil {
		return err
	}
	return tx.Commit()
}

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.db.PingContext(ctx) }
