package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"signpost/internal/account"
	"signpost/internal/directory"
)

var _ account.Store = (*Store)(nil)

const userColumns = `name, role, password_hash, email, disabled, failed_logins, locked_until, created_at`

func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func isUniqueViolation(err error) bool {
	var pgErr interface{ SQLState() string }
	return errors.As(err, &pgErr) && pgErr.SQLState() == "23505"
}

// CreateUser adds an account; an existing name or e-mail is an [directory.EConflict] error.
// An admin's addition checks, in the same transaction and under accountsLock, that the admin
// still is one.
func (s *Store) CreateUser(ctx context.Context, actor string, u *account.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	err := s.accountsTx(ctx, func(tx pgx.Tx) error {
		by, err := actorUser(ctx, tx, actor)
		if err != nil {
			return err
		}
		if err := account.CheckActor(by); err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `INSERT INTO users (`+userColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			u.Name, u.Role, u.PasswordHash, u.Email, u.Disabled, u.FailedLogins, nullTime(u.LockedUntil), u.CreatedAt)
		if isUniqueViolation(err) {
			return directory.Errorf(directory.EConflict, "An account named %q, or with e-mail %q, already exists.", u.Name, u.Email)
		}
		return err
	})
	if directory.ErrorCode(err) == directory.EInternal {
		return fmt.Errorf("create user %q: %w", u.Name, err)
	}
	return err
}

// accountsTx runs fn in a transaction holding accountsLock. It must be READ COMMITTED: at
// REPEATABLE READ the snapshot would be taken by the lock statement, before its wait ends, and
// fn would not see the change the lock made it wait for.
func (s *Store) accountsTx(ctx context.Context, fn func(pgx.Tx) error) error {
	return pgx.BeginTxFunc(ctx, s.pool, pgx.TxOptions{IsoLevel: pgx.ReadCommitted}, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, int64(accountsLock)); err != nil {
			return err
		}
		return fn(tx)
	})
}

// actorUser reads the acting account: nil for the command line, an empty User when it is gone.
func actorUser(ctx context.Context, tx pgx.Tx, actor string) (*account.User, error) {
	if actor == "" {
		return nil, nil
	}
	by, err := queryUser(ctx, tx, `name = $1`, actor)
	if directory.ErrorCode(err) == directory.ENotFound {
		return &account.User{}, nil
	}
	return by, err
}

// User returns an account by name, or an [directory.ENotFound] error.
func (s *Store) User(ctx context.Context, name string) (*account.User, error) {
	return s.oneUser(ctx, `name = $1`, name)
}

// UserByEmail returns the account linked to a single sign-on e-mail.
func (s *Store) UserByEmail(ctx context.Context, email string) (*account.User, error) {
	if email == "" {
		return nil, directory.Errorf(directory.ENotFound, "No account for an empty e-mail.")
	}
	return s.oneUser(ctx, `email = $1`, strings.ToLower(email))
}

func (s *Store) oneUser(ctx context.Context, where, arg string) (*account.User, error) {
	return queryUser(ctx, s.pool, where, arg)
}

// querier is the pool or a transaction.
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

func queryUser(ctx context.Context, q querier, where, arg string) (*account.User, error) {
	rows, _ := q.Query(ctx, `SELECT `+userColumns+` FROM users WHERE `+where, arg)
	u, err := pgx.CollectExactlyOneRow(rows, scanUser)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, directory.Errorf(directory.ENotFound, "No account %q.", arg)
	} else if err != nil {
		return nil, fmt.Errorf("find user: %w", err)
	}
	return &u, nil
}

func scanUser(row pgx.CollectableRow) (account.User, error) {
	var u account.User
	var locked *time.Time
	err := row.Scan(&u.Name, &u.Role, &u.PasswordHash, &u.Email, &u.Disabled, &u.FailedLogins, &locked, &u.CreatedAt)
	if locked != nil {
		u.LockedUntil = locked.UTC()
	}
	u.CreatedAt = u.CreatedAt.UTC()
	return u, err
}

// Users lists every account by name.
func (s *Store) Users(ctx context.Context) ([]account.User, error) {
	rows, _ := s.pool.Query(ctx, `SELECT `+userColumns+` FROM users ORDER BY name`)
	out, err := pgx.CollectRows(rows, scanUser)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return out, nil
}

// CountUsers says how many accounts exist.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := s.pool.QueryRow(ctx, `SELECT count(*) FROM users`).Scan(&n)
	return n, err
}

// accountsLock is the transaction-level advisory lock that runs account changes one at a
// time across every instance ("SIGNUSER" in ASCII).
const accountsLock = 0x5349474e55534552

// ChangeUser applies change to the account name in one transaction, holding accountsLock, so
// that every instance's changes run one at a time: at READ COMMITTED, two transactions changing
// two admins could each count the other still an admin.
func (s *Store) ChangeUser(ctx context.Context, actor, name string, change func(*account.User) error) error {
	err := s.accountsTx(ctx, func(tx pgx.Tx) error {
		by, err := actorUser(ctx, tx, actor)
		if err != nil {
			return err
		}
		before, err := queryUser(ctx, tx, `name = $1`, name)
		if err != nil {
			return err
		}
		admins := func() (n int, err error) {
			err = tx.QueryRow(ctx, `SELECT count(*) FROM users WHERE role = $1 AND NOT disabled`, account.RoleAdmin).Scan(&n)
			return n, err
		}
		after, err := account.ApplyChange(by, before, change, admins)
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE users SET role = $1, password_hash = $2, email = $3, disabled = $4 WHERE name = $5`,
			after.Role, after.PasswordHash, after.Email, after.Disabled, after.Name)
		if isUniqueViolation(err) {
			return directory.Errorf(directory.EConflict, "Another account already uses e-mail %q.", after.Email)
		}
		return err
	})
	if directory.ErrorCode(err) == directory.EInternal {
		return fmt.Errorf("change user %q: %w", name, err)
	}
	return err
}

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, sess *account.Session) error {
	_, err := s.pool.Exec(ctx, `INSERT INTO sessions (id, user_name, csrf, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
		sess.ID, sess.User, sess.CSRF, sess.CreatedAt, sess.ExpiresAt)
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// Session returns a session by id, or an [directory.ENotFound] error.
func (s *Store) Session(ctx context.Context, id string) (*account.Session, error) {
	var sess account.Session
	err := s.pool.QueryRow(ctx, `SELECT id, user_name, csrf, created_at, expires_at FROM sessions WHERE id = $1`, id).
		Scan(&sess.ID, &sess.User, &sess.CSRF, &sess.CreatedAt, &sess.ExpiresAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, directory.Errorf(directory.ENotFound, "No such session.")
	} else if err != nil {
		return nil, fmt.Errorf("find session: %w", err)
	}
	sess.CreatedAt, sess.ExpiresAt = sess.CreatedAt.UTC(), sess.ExpiresAt.UTC()
	return &sess, nil
}

// DeleteSession ends one session.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM sessions WHERE id = $1`, id)
	return err
}

// DeleteUserSessions ends every session of a user.
func (s *Store) DeleteUserSessions(ctx context.Context, user string) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM sessions WHERE user_name = $1`, user)
	return err
}

// DeleteExpiredSessions removes sessions that ended before now.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM sessions WHERE expires_at < $1`, now)
	return err
}

// RecordLoginFailure counts one failed sign-in in one statement, locking the account when the
// count reaches maxFailures.
func (s *Store) RecordLoginFailure(ctx context.Context, name string, maxFailures int, lockUntil time.Time) error {
	_, err := s.pool.Exec(ctx, `
		UPDATE users SET
			locked_until = CASE WHEN failed_logins + 1 >= $1 THEN $2 ELSE locked_until END,
			failed_logins = CASE WHEN failed_logins + 1 >= $1 THEN 0 ELSE failed_logins + 1 END
		WHERE name = $3`, maxFailures, lockUntil, name)
	if err != nil {
		return fmt.Errorf("record failed sign-in: %w", err)
	}
	return nil
}

// ResetLoginFailures clears the failure count and any lock.
func (s *Store) ResetLoginFailures(ctx context.Context, name string) error {
	_, err := s.pool.Exec(ctx, `UPDATE users SET failed_logins = 0, locked_until = NULL WHERE name = $1`, name)
	return err
}
