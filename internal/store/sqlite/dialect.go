package sqlite

import (
	"database/sql"
	"errors"
	"time"

	driver "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"signpost/internal/store"
)

// dialect is SQLite's [store.Dialect]. Write transactions begin IMMEDIATE (see Open's DSN), so
// SQLite runs them one at a time: no write needs a lock of its own, and a read-only
// transaction already sees one state of the database.
type dialect struct{}

var _ store.Dialect = dialect{}

func (dialect) Placeholder(int) string { return "?" }

// Time writes a fixed-width UTC time, so that SQL compares the strings as times; "" is none.
func (dialect) Time(t time.Time) any {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.000000000Z")
}

// IsUniqueViolation reads the extended result code, which the driver turns on for every
// connection: a TEXT primary key is a unique index of its own.
func (dialect) IsUniqueViolation(err error) bool {
	var e *driver.Error
	if !errors.As(err, &e) {
		return false
	}
	return e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
}

func (dialect) SnapshotTx() *sql.TxOptions { return &sql.TxOptions{ReadOnly: true} }

func (dialect) LockPut(string) string { return "" }

func (dialect) LockReplace() string { return "" }

func (dialect) ForUpdate() string { return "" }

// Clear deletes every row: SQLite has no TRUNCATE.
func (dialect) Clear(tables ...string) []string {
	out := make([]string, len(tables))
	for i, t := range tables {
		out[i] = "DELETE FROM " + t
	}
	return out
}

func (dialect) AccountsTx() (*sql.TxOptions, string) { return nil, "" }

// Notify is "": other processes on the same file notice the version change when they poll.
func (dialect) Notify() string { return "" }
