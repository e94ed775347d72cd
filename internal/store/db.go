package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// DB is the part of a [directory.Store] and [account.Store] that every SQL database shares:
// the statements and transactions, written once, on a database/sql handle whose driver speaks
// its [Dialect]. Store packages embed it and add opening, migrating and closing.
type DB struct {
	db *sql.DB
	d  Dialect
	// Now returns the current time; tests replace it.
	Now func() time.Time
}

// New returns a [DB] on db, which speaks d. It does not take over db: the caller closes it.
func New(db *sql.DB, d Dialect) *DB {
	return &DB{db: db, d: d, Now: time.Now}
}

// querier is a *sql.DB or a *sql.Tx.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// conn runs statements written with "?" placeholders on the database or in a transaction,
// rewritten into the dialect's.
type conn struct {
	q querier
	d Dialect
}

func (c conn) exec(ctx context.Context, query string, args ...any) error {
	_, err := c.q.ExecContext(ctx, rebind(c.d, query), args...)
	return err
}

func (c conn) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return c.q.QueryContext(ctx, rebind(c.d, query), args...)
}

func (c conn) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return c.q.QueryRowContext(ctx, rebind(c.d, query), args...)
}

// conn returns the database itself, for statements that need no transaction.
func (db *DB) conn() conn { return conn{db.db, db.d} }

// inTx runs first (a lock; "" for none), then fn, in one transaction begun with opts, and
// commits it when both succeed; otherwise it rolls back and returns the error as it is, so that
// callers can read its code.
func (db *DB) inTx(ctx context.Context, opts *sql.TxOptions, first string, fn func(conn) error) error {
	tx, err := db.db.BeginTx(ctx, opts)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	c := conn{tx, db.d}
	if first != "" {
		if err := c.exec(ctx, first); err != nil {
			return err
		}
	}
	if err := fn(c); err != nil {
		return err
	}
	return tx.Commit()
}

// bumpVersion records, in the writing transaction, that the directory changed, and lets the
// dialect announce it to other instances at commit.
func bumpVersion(ctx context.Context, c conn) error {
	if err := c.exec(ctx, `UPDATE directory_version SET version = version + 1 WHERE id = 1`); err != nil {
		return err
	}
	if n := c.d.Notify(); n != "" {
		return c.exec(ctx, n)
	}
	return nil
}

// Version returns the directory's change counter.
func (db *DB) Version(ctx context.Context) (int64, error) {
	var v int64
	if err := db.conn().queryRow(ctx, `SELECT version FROM directory_version WHERE id = 1`).Scan(&v); err != nil {
		return 0, fmt.Errorf("directory version: %w", err)
	}
	return v, nil
}

// Empty reports whether the store holds no resources.
func (db *DB) Empty(ctx context.Context) (bool, error) {
	var n int
	if err := db.conn().queryRow(ctx, `SELECT count(*) FROM resources`).Scan(&n); err != nil {
		return false, fmt.Errorf("count resources: %w", err)
	}
	return n == 0, nil
}
