package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"signpost/internal/account"
	"signpost/internal/directory"
)

const userColumns = `name, role, password_hash, email, disabled, failed_logins, locked_until, created_at`

// CreateUser adds an account; an existing name or e-mail is an [directory.EConflict] error.
// An admin's addition checks, in the same accounts transaction (see [Dialect.AccountsTx]),
// that the admin still is one.
func (db *DB) CreateUser(ctx context.Context, actor string, u *account.User) error {
	if err := u.Validate(); err != nil {
		return err
	}
	err := db.accountsTx(ctx, func(c conn) error {
		by, err := actorUser(ctx, c, actor)
		if err != nil {
			return err
		}
		if err := account.CheckActor(by); err != nil {
			return err
		}
		err = c.exec(ctx, `INSERT INTO users (`+userColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			u.Name, u.Role, u.PasswordHash, u.Email, u.Disabled, u.FailedLogins, db.d.Time(u.LockedUntil), db.d.Time(u.CreatedAt))
		if db.d.IsUniqueViolation(err) {
			return directory.Errorf(directory.EConflict, "An account named %q, or with e-mail %q, already exists.", u.Name, u.Email)
		}
		return err
	})
	if directory.ErrorCode(err) == directory.EInternal {
		return fmt.Errorf("create user %q: %w", u.Name, err)
	}
	return err
}

// ChangeUser applies change to the account name in one accounts transaction. Those run one
// at a time across every instance (see [Dialect.AccountsTx]), which is what keeps the last
// admin: otherwise two transactions changing two admins could each count the other still an
// admin.
func (db *DB) ChangeUser(ctx context.Context, actor, name string, change func(*account.User) error) error {
	err := db.accountsTx(ctx, func(c conn) error {
		by, err := actorUser(ctx, c, actor)
		if err != nil {
			return err
		}
		before, err := queryUser(ctx, c, `name = ?`, name)
		if err != nil {
			return err
		}
		admins := func() (n int, err error) {
			err = c.queryRow(ctx, `SELECT count(*) FROM users WHERE role = ? AND NOT disabled`, account.RoleAdmin).Scan(&n)
			return n, err
		}
		after, err := account.ApplyChange(by, before, change, admins)
		if err != nil {
			return err
		}
		err = c.exec(ctx, `UPDATE users SET role = ?, password_hash = ?, email = ?, disabled = ? WHERE name = ?`,
			after.Role, after.PasswordHash, after.Email, after.Disabled, after.Name)
		if db.d.IsUniqueViolation(err) {
			return directory.Errorf(directory.EConflict, "Another account already uses e-mail %q.", after.Email)
		}
		return err
	})
	if directory.ErrorCode(err) == directory.EInternal {
		return fmt.Errorf("change user %q: %w", name, err)
	}
	return err
}

// accountsTx runs fn in a transaction that changes accounts, one at a time.
func (db *DB) accountsTx(ctx context.Context, fn func(conn) error) error {
	opts, lock := db.d.AccountsTx()
	return db.inTx(ctx, opts, lock, fn)
}

// actorUser reads the acting account: nil for the command line, an empty User when it is gone.
func actorUser(ctx context.Context, c conn, actor string) (*account.User, error) {
	if actor == "" {
		return nil, nil
	}
	by, err := queryUser(ctx, c, `name = ?`, actor)
	if directory.ErrorCode(err) == directory.ENotFound {
		return &account.User{}, nil
	}
	return by, err
}

// User returns an account by name, or an [directory.ENotFound] error.
func (db *DB) User(ctx context.Context, name string) (*account.User, error) {
	return queryUser(ctx, db.conn(), `name = ?`, name)
}

// UserByEmail returns the account linked to a single sign-on e-mail, or an
// [directory.ENotFound] error.
func (db *DB) UserByEmail(ctx context.Context, email string) (*account.User, error) {
	if email == "" {
		return nil, directory.Errorf(directory.ENotFound, "No account for an empty e-mail.")
	}
	return queryUser(ctx, db.conn(), `email = ?`, strings.ToLower(email))
}

func queryUser(ctx context.Context, c conn, where, arg string) (*account.User, error) {
	u, err := scanUser(c.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE `+where, arg))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, directory.Errorf(directory.ENotFound, "No account %q.", arg)
	} else if err != nil {
		return nil, fmt.Errorf("find user: %w", err)
	}
	return &u, nil
}

func scanUser(row scanner) (account.User, error) {
	var u account.User
	err := row.Scan(&u.Name, &u.Role, &u.PasswordHash, &u.Email, &u.Disabled, &u.FailedLogins, scanTime(&u.LockedUntil), scanTime(&u.CreatedAt))
	return u, err
}

// Users lists every account by name.
func (db *DB) Users(ctx context.Context) ([]account.User, error) {
	out, err := queryAll(ctx, db.conn(), scanUser, `SELECT `+userColumns+` FROM users ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return out, nil
}

// CountUsers says how many accounts exist.
func (db *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := db.conn().queryRow(ctx, `SELECT count(*) FROM users`).Scan(&n)
	return n, err
}
