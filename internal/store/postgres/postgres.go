// Package postgres implements [directory.Store] on PostgreSQL through jackc/pgx, for
// deployments that run several Signpost instances on one database.
//
// It imports the domain and the shared [store.DB] only; migrations are embedded and applied
// on [Open] under an advisory lock, so that instances starting together do not race. Reads
// and writes are [store.DB]'s, through pgx's database/sql adapter, in PostgreSQL's dialect.
package postgres

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"signpost/internal/account"
	"signpost/internal/directory"
	"signpost/internal/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock is the advisory lock key held while migrating.
const migrationLock = 0x5167_6e70 // "Sgnp"

// Store is a [directory.Store] and an [account.Store] on a PostgreSQL database. Its reads and
// writes are [store.DB]'s; it adds opening, migrating, [Store.Listen] and closing.
type Store struct {
	*store.DB
	pool *pgxpool.Pool
	// db is pool seen through database/sql, for store.DB; it holds no connection of its own.
	db *sql.DB
}

var (
	_ directory.Store = (*Store)(nil)
	_ account.Store   = (*Store)(nil)
)

// Open connects to the database at url (postgres://…), checks that it answers, and brings its
// schema up to date.
func Open(ctx context.Context, url string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("database URL: %w", err)
	}
	// The store's writes are written for READ COMMITTED, PostgreSQL's default: a statement after
	// a lock sees what committed before it, and counters updated in one statement never fail
	// to serialise. A server, role or URL that makes REPEATABLE READ the default would let two
	// admins demote each other (see [store.DB.ChangeUser]), so the connections ask for it whatever the
	// default; the snapshot reads still ask for REPEATABLE READ themselves.
	cfg.ConnConfig.RuntimeParams["default_transaction_isolation"] = "read committed"
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect to PostgreSQL: %w", err)
	}
	s := &Store{pool: pool}
	pctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	if err := pool.Ping(pctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to PostgreSQL at %s:%d: %w", cfg.ConnConfig.Host, cfg.ConnConfig.Port, err)
	}
	if err := s.migrate(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("migrate: %w", err)
	}
	s.db = stdlib.OpenDBFromPool(pool)
	s.DB = store.New(s.db, dialect{})
	return s, nil
}

// Close closes every connection.
func (s *Store) Close() error {
	err := s.db.Close() // closes no connection of the pool's: that is pool.Close's work
	s.pool.Close()
	return err
}

// Ping reports whether the database answers.
func (s *Store) Ping(ctx context.Context) error { return s.pool.Ping(ctx) }

func (s *Store) migrate(ctx context.Context) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, migrationLock); err != nil {
		return err
	}
	defer conn.Exec(context.Background(), `SELECT pg_advisory_unlock($1)`, migrationLock)
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY)`); err != nil {
		return err
	}
	names, err := fs.Glob(migrations, "migrations/*.sql")
	if err != nil {
		return err
	}
	sort.Strings(names)
	for _, name := range names {
		var done bool
		if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = $1)`, name).Scan(&done); err != nil {
			return err
		}
		if done {
			continue
		}
		body, err := fs.ReadFile(migrations, name)
		if err != nil {
			return err
		}
		err = pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, string(body)); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, `INSERT INTO schema_migrations (version) VALUES ($1)`, name)
			return err
		})
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}
