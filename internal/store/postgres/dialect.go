package postgres

import (
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"signpost/internal/store"
)

// dialect is PostgreSQL's [store.Dialect]. Transactions run at READ COMMITTED (see Open), so
// writers that must see each other's work take locks first: a statement after a lock sees what
// committed before it.
type dialect struct{}

var _ store.Dialect = dialect{}

func (dialect) Placeholder(n int) string { return "$" + strconv.Itoa(n) }

// Time binds the time itself to a TIMESTAMPTZ; none is NULL.
func (dialect) Time(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t
}

// uniqueViolation is PostgreSQL's SQLSTATE unique_violation.
const uniqueViolation = "23505"

func (dialect) IsUniqueViolation(err error) bool {
	var e *pgconn.PgError
	return errors.As(err, &e) && e.Code == uniqueViolation
}

// SnapshotTx reads at REPEATABLE READ: at READ COMMITTED each statement would see its own
// state, and a write between them could pair new resources with old topics.
func (dialect) SnapshotTx() *sql.TxOptions {
	return &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true}
}

// LockPut lets readers through but makes writers of table (from any instance) wait: each sees
// the document it replaces, and two new entries never take the same position.
func (dialect) LockPut(table string) string {
	return `LOCK TABLE ` + table + ` IN SHARE ROW EXCLUSIVE MODE`
}

func (dialect) LockReplace() string { return `LOCK TABLE resources, topics IN EXCLUSIVE MODE` }

func (dialect) ForUpdate() string { return ` FOR UPDATE` }

func (dialect) Clear(tables ...string) []string {
	return []string{`TRUNCATE ` + strings.Join(tables, ", ")}
}

// accountsLock is the transaction-level advisory lock that runs account changes one at a
// time across every instance ("SIGNUSER" in ASCII).
const accountsLock = 0x5349474e55534552

// AccountsTx holds accountsLock. It must be READ COMMITTED: at REPEATABLE READ the snapshot
// would be taken by the lock statement, before its wait ends, and the transaction would not
// see the change the lock made it wait for.
func (dialect) AccountsTx() (*sql.TxOptions, string) {
	return &sql.TxOptions{Isolation: sql.LevelReadCommitted},
		`SELECT pg_advisory_xact_lock(` + strconv.FormatInt(accountsLock, 10) + `)`
}

// Notify announces the change on changeChannel; PostgreSQL delivers it only if the
// transaction commits.
func (dialect) Notify() string { return `SELECT pg_notify('` + changeChannel + `', '')` }
