package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"signpost/internal/account"
	"signpost/internal/directory"
)

var _ account.Store = (*Store)(nil)

const userColumns = `name, role, password_hash, email, disabled, failed_logins, locked_until, created_at`

// formatTime writes a fixed-width UTC time, so that SQL compares the strings as times.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05.000000000Z")
}

func parseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.RFC3339Nano, s)
}

// CreateUser adds an account; an existing name or e-mail is an [directory.EConflict] error.
// An admin's addition checks, in the same write transaction, that the admin still is one.
func (s *Store) CreateUser(ctx context.Context, actor string, u *account.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("create user %q: %w", u.Name, err)
	}
	defer tx.Rollback()
	if err := checkActor(ctx, tx, actor); err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO users (`+userColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		u.Name, u.Role, u.PasswordHash, u.Email, u.Disabled, u.FailedLogins, formatTime(u.LockedUntil), formatTime(u.CreatedAt))
	if err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed") {
		return directory.Errorf(directory.EConflict, "An account named %q, or with e-mail %q, already exists.", u.Name, u.Email)
	} else if err != nil {
		return fmt.Errorf("create user %q: %w", u.Name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("create user %q: %w", u.Name, err)
	}
	return nil
}

// checkActor applies [account.CheckActor] to the account actor as tx sees it.
func checkActor(ctx context.Context, tx *sql.Tx, actor string) error {
	by, err := actorUser(ctx, tx, actor)
	if err != nil {
		return err
	}
	return account.CheckActor(by)
}

// actorUser reads the acting account: nil for the command line, an empty User when it is gone.
func actorUser(ctx context.Context, tx *sql.Tx, actor string) (*account.User, error) {
	if actor == "" {
		return nil, nil
	}
	by, err := queryUser(ctx, tx, `name = ?`, actor)
	if directory.ErrorCode(err) == directory.ENotFound {
		return &account.User{}, nil
	}
	return by, err
}

// User returns an account by name, or an [directory.ENotFound] error.
func (s *Store) User(ctx context.Context, name string) (*account.User, error) {
	return s.oneUser(ctx, `name = ?`, name)
}

// UserByEmail returns the account linked to a single sign-on e-mail.
func (s *Store) UserByEmail(ctx context.Context, email string) (*account.User, error) {
	if email == "" {
		return nil, directory.Errorf(directory.ENotFound, "No account for an empty e-mail.")
	}
	return s.oneUser(ctx, `email = ?`, strings.ToLower(email))
}

func (s *Store) oneUser(ctx context.Context, where string, arg string) (*account.User, error) {
	return queryUser(ctx, s.db, where, arg)
}

// rowQuerier is a *sql.DB or a *sql.Tx.
type rowQuerier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func queryUser(ctx context.Context, q rowQuerier, where string, arg string) (*account.User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, directory.Errorf(directory.ENotFound, "No account %q.", arg)
	} else if err != nil {
		return nil, fmt.Errorf("find user: %w", err)
	}
	return u, nil
}

func scanUser(row interface{ Scan(...any) error }) (*account.User, error) {
	var u account.User
	var locked, created string
	if err := row.Scan(&u.Name, &u.Role, &u.PasswordHash, &u.Email, &u.Disabled, &u.FailedLogins, &locked, &created); err != nil {
		return nil, err
	}
	var err1, err2 error
	u.LockedUntil, err1 = parseTime(locked)
	u.CreatedAt, err2 = parseTime(created)
	return &u, errors.Join(err1, err2)
}

// Users lists every account by name.
func (s *Store) Users(ctx context.Context) ([]account.User, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT `+userColumns+` FROM users ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	out := []account.User{}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("list users: %w", err)
		}
		out = append(out, *u)
	}
	return out, rows.Err()
}

// CountUsers says how many accounts exist.
func (s *Store) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM users`).Scan(&n)
	return n, err
}

// ChangeUser applies change to the account name in one write transaction; SQLite runs write
// transactions one at a time (they begin IMMEDIATE), which is what keeps the last admin.
func (s *Store) ChangeUser(ctx context.Context, actor, name string, change func(*account.User) error) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("change user %q: %w", name, err)
	}
	defer tx.Rollback()
	by, err := actorUser(ctx, tx, actor)
	if err != nil {
		return err
	}
	before, err := queryUser(ctx, tx, `name = ?`, name)
	if err != nil {
		return err
	}
	admins := func() (n int, err error) {
		err = tx.QueryRowContext(ctx, `SELECT count(*) FROM users WHERE role = ? AND NOT disabled`, account.RoleAdmin).Scan(&n)
		return n, err
	}
	after, err := account.ApplyChange(by, before, change, admins)
	if err != nil {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE users SET role = ?, password_hash = ?, email = ?, disabled = ? WHERE name = ?`,
		after.Role, after.PasswordHash, after.Email, after.Disabled, after.Name)
	if err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed") {
		return directory.Errorf(directory.EConflict, "Another account already uses e-mail %q.", after.Email)
	} else if err != nil {
		return fmt.Errorf("change user %q: %w", name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("change user %q: %w", name, err)
	}
	return nil
}

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, sess *account.Session) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO sessions (id, user_name, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		sess.ID, sess.User, sess.CSRF, formatTime(sess.CreatedAt), formatTime(sess.ExpiresAt))
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// Session returns a session by id, or an [directory.ENotFound] error.
func (s *Store) Session(ctx context.Context, id string) (*account.Session, error) {
	var sess account.Session
	var created, expires string
	err := s.db.QueryRowContext(ctx, `SELECT id, user_name, csrf, created_at, expires_at FROM sessions WHERE id = ?`, id).
		Scan(&sess.ID, &sess.User, &sess.CSRF, &created, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, directory.Errorf(directory.ENotFound, "No such session.")
	} else if err != nil {
		return nil, fmt.Errorf("find session: %w", err)
	}
	var err1, err2 error
	sess.CreatedAt, err1 = parseTime(created)
	sess.ExpiresAt, err2 = parseTime(expires)
	return &sess, errors.Join(err1, err2)
}

// DeleteSession ends one session.
func (s *Store) DeleteSession(ctx context.Context, id string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE id = ?`, id)
	return err
}

// DeleteUserSessions ends every session of a user.
func (s *Store) DeleteUserSessions(ctx context.Context, user string) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE user_name = ?`, user)
	return err
}

// DeleteExpiredSessions removes sessions that ended before now.
func (s *Store) DeleteExpiredSessions(ctx context.Context, now time.Time) error {
	_, err := s.db.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at < ?`, formatTime(now))
	return err
}

// RecordLoginFailure counts one failed sign-in in one statement, locking the account when the
// count reaches maxFailures.
func (s *Store) RecordLoginFailure(ctx context.Context, name string, maxFailures int, lockUntil time.Time) error {
	_, err := s.db.ExecContext(ctx, `
		UPDATE users SET
			locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END,
			failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0 ELSE failed_logins + 1 END
		WHERE name = ?`, maxFailures, formatTime(lockUntil), maxFailures, name)
	if err != nil {
		return fmt.Errorf("record failed sign-in: %w", err)
	}
	return nil
}

// ResetLoginFailures clears the failure count and any lock.
func (s *Store) ResetLoginFailures(ctx context.Context, name string) error {
	_, err := s.db.ExecContext(ctx, `UPDATE users SET failed_logins = 0, locked_until = '' WHERE name = ?`, name)
	return err
}
