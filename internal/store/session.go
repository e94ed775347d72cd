package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"signpost/internal/account"
	"signpost/internal/directory"
)

// CreateSession stores a new session.
func (db *DB) CreateSession(ctx context.Context, sess *account.Session) error {
	err := db.conn().exec(ctx, `INSERT INTO sessions (id, user_name, csrf, created_at, expires_at) VALUES (?, ?, ?, ?, ?)`,
		sess.ID, sess.User, sess.CSRF, db.d.Time(sess.CreatedAt), db.d.Time(sess.ExpiresAt))
	if err != nil {
		return fmt.Errorf("create session: %w", err)
	}
	return nil
}

// Session returns a session by id, or an [directory.ENotFound] error.
func (db *DB) Session(ctx context.Context, id string) (*account.Session, error) {
	var sess account.Session
	err := db.conn().queryRow(ctx, `SELECT id, user_name, csrf, created_at, expires_at FROM sessions WHERE id = ?`, id).
		Scan(&sess.ID, &sess.User, &sess.CSRF, scanTime(&sess.CreatedAt), scanTime(&sess.ExpiresAt))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, directory.Errorf(directory.ENotFound, "No such session.")
	} else if err != nil {
		return nil, fmt.Errorf("find session: %w", err)
	}
	return &sess, nil
}

// DeleteSession ends one session.
func (db *DB) DeleteSession(ctx context.Context, id string) error {
	return db.conn().exec(ctx, `DELETE FROM sessions WHERE id = ?`, id)
}

// DeleteUserSessions ends every session of a user.
func (db *DB) DeleteUserSessions(ctx context.Context, user string) error {
	return db.conn().exec(ctx, `DELETE FROM sessions WHERE user_name = ?`, user)
}

// DeleteExpiredSessions removes sessions that ended before now.
func (db *DB) DeleteExpiredSessions(ctx context.Context, now time.Time) error {
	return db.conn().exec(ctx, `DELETE FROM sessions WHERE expires_at < ?`, db.d.Time(now))
}

// RecordLoginFailure counts one failed sign-in in one statement, locking the account when the
// count reaches maxFailures: sign-ins failing at once cannot lose a count.
func (db *DB) RecordLoginFailure(ctx context.Context, name string, maxFailures int, lockUntil time.Time) error {
	err := db.conn().exec(ctx, `
		UPDATE users SET
			locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END,
			failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0 ELSE failed_logins + 1 END
		WHERE name = ?`, maxFailures, db.d.Time(lockUntil), maxFailures, name)
	if err != nil {
		return fmt.Errorf("record failed sign-in: %w", err)
	}
	return nil
}

// ResetLoginFailures clears the failure count and any lock.
func (db *DB) ResetLoginFailures(ctx context.Context, name string) error {
	return db.conn().exec(ctx, `UPDATE users SET failed_logins = 0, locked_until = ? WHERE name = ?`, db.d.Time(time.Time{}), name)
}
