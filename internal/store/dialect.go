package store

import (
	"database/sql"
	"strings"
	"time"
)

// Dialect is what one database does differently from another under the SQL that [DB] shares.
// Each store package implements it next to the driver it imports, so that this package needs
// none.
type Dialect interface {
	// Placeholder returns the marker of the n-th parameter of a statement, counting from 1:
	// "?" or "$n". Shared statements are written with "?" and rewritten through it.
	Placeholder(n int) string
	// Time returns t as the driver should bind it to a time column. The zero time stands for
	// "none" (an unset lock), which each database spells its own way.
	Time(t time.Time) any
	// IsUniqueViolation reports whether err is the driver's error for a statement that broke a
	// unique or primary-key constraint, by the driver's error code.
	IsUniqueViolation(err error) bool

	// SnapshotTx returns the options of a read-only transaction that sees one consistent state
	// of every table it reads.
	SnapshotTx() *sql.TxOptions
	// LockPut returns the statement that, first in a transaction writing one document of
	// table, makes other writers of that table wait for it, or "" when no two write
	// transactions can run at once anyway.
	LockPut(table string) string
	// LockReplace is LockPut for a transaction that replaces the whole directory.
	LockReplace() string
	// ForUpdate is added to a SELECT of a row that the transaction goes on to change, so that
	// another writer waits rather than reads a value about to change; "" where writers are
	// already one at a time.
	ForUpdate() string
	// Clear returns the statements that empty tables inside a transaction.
	Clear(tables ...string) []string
	// AccountsTx returns the options and the first statement ("" for none) of a transaction
	// that changes accounts, which must run one at a time across every instance.
	AccountsTx() (*sql.TxOptions, string)
	// Notify returns the statement that, run in a writing transaction, tells other instances
	// at commit that the directory changed, or "" when they only poll.
	Notify() string
}

// rebind rewrites the "?" placeholders of query into d's, leaving quoted text alone.
func rebind(d Dialect, query string) string {
	if !strings.Contains(query, "?") || d.Placeholder(1) == "?" {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n, quoted := 0, false
	for _, r := range query {
		switch {
		case r == '\'':
			quoted = !quoted
		case r == '?' && !quoted:
			n++
			b.WriteString(d.Placeholder(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
