package account

import (
	"context"
	"regexp"
	"time"

	"signpost/internal/directory"
)

// Role is what an account may do.
type Role string

// Roles.
const (
	// RoleEditor edits content: resources, topics, vocabulary; marks records verified.
	RoleEditor Role = "editor"
	// RoleAdmin does what an editor does and manages accounts and settings.
	RoleAdmin Role = "admin"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleEditor || r == RoleAdmin }

// User is one account.
type User struct {
	// Name is the sign-in name: letters, digits, and . _ @ + - (an e-mail address works).
	Name string
	Role Role
	// PasswordHash is an argon2id hash in PHC string form; empty for accounts that sign in
	// only through single sign-on.
	PasswordHash string
	// Email links a single sign-on identity (the provider's verified e-mail) to the account.
	Email    string
	Disabled bool
	// FailedLogins counts failed sign-ins since the last success; LockedUntil is when a lockout
	// ends.
	FailedLogins int
	LockedUntil  time.Time
	CreatedAt    time.Time
}

var namePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$`)

// EnabledAdmin reports whether u may manage accounts now.
func (u *User) EnabledAdmin() bool { return u.Role == RoleAdmin && !u.Disabled }

// CheckActor is the rule every account write applies inside its transaction: actor, read
// there (nil for the command line; an empty User when the account is gone), must be an
// enabled admin.
func CheckActor(actor *User) error {
	if actor != nil && !actor.EnabledAdmin() {
		return directory.Errorf(directory.EForbidden, "Your account is no longer an enabled admin, so nothing was changed.")
	}
	return nil
}

// CheckChange is the rule every [Store.ChangeUser] applies inside its transaction: actor (nil
// for the command line) must be an enabled admin, the change must keep the account's name and
// be valid, and it must not take the last enabled admin away; admins counts the enabled
// admins, before the change, and is called only when the change turns one into something else.
func CheckChange(actor, before, after *User, admins func() (int, error)) error {
	if err := CheckActor(actor); err != nil {
		return err
	}
	if after.Name != before.Name {
		return directory.Errorf(directory.EInvalid, "An account's name cannot be changed.")
	}
	if err := after.Validate(); err != nil {
		return err
	}
	if before.EnabledAdmin() && !after.EnabledAdmin() {
		n, err := admins()
		if err != nil {
			return err
		}
		if n <= 1 {
			return directory.Errorf(directory.EConflict, "%s is the last enabled admin: make another account an admin first.", before.Name)
		}
	}
	return nil
}

// ApplyChange runs change on a copy of before and holds the result to [CheckChange]: the part
// of [Store.ChangeUser] that does not depend on the database. It returns the account to save.
func ApplyChange(actor, before *User, change func(*User) error, admins func() (int, error)) (*User, error) {
	after := *before
	if err := change(&after); err != nil {
		return nil, err
	}
	if err := CheckChange(actor, before, &after, admins); err != nil {
		return nil, err
	}
	return &after, nil
}

// Validate returns an [directory.EInvalid] error naming what is wrong.
func (u *User) Validate() error {
	switch {
	case !namePattern.MatchString(u.Name):
		return directory.Errorf(directory.EInvalid, "user name %q: use 1 to 64 letters, digits and . _ @ + - (starting with a letter or digit).", u.Name)
	case !u.Role.Valid():
		return directory.Errorf(directory.EInvalid, "role %q is not one of editor, admin.", u.Role)
	}
	return nil
}

// Store keeps accounts and sessions. Implementations must be safe for concurrent use.
type Store interface {
	// CreateUser adds an account on behalf of the admin named actor ("" for the command line,
	// which acts with the machine's authority). It fails with [directory.EForbidden] if actor
	// is not an enabled admin at that moment (checked in the same transaction, so an admin
	// demoted a moment ago cannot still add accounts), and with [directory.EConflict] if the
	// name or e-mail is taken.
	CreateUser(ctx context.Context, actor string, u *User) error
	// User returns an account by name, or an [directory.ENotFound] error.
	User(ctx context.Context, name string) (*User, error)
	// UserByEmail returns the account linked to a single sign-on e-mail, or ENotFound.
	UserByEmail(ctx context.Context, email string) (*User, error)
	// Users lists every account by name.
	Users(ctx context.Context) ([]User, error)
	// ChangeUser reads the account name, lets change alter its role, password hash, e-mail and
	// disabled flag, and saves it, all in one transaction, on behalf of the admin named actor
	// ("" for the command line, which acts with the machine's authority). It saves nothing and
	// fails with [directory.EForbidden] if actor is not an enabled admin at that moment, with
	// [directory.ENotFound] if there is no account name, with [directory.EConflict] if the
	// change would leave no enabled admin or take another account's e-mail, and with change's
	// own error. Changes run one at a time, so two admins demoting or disabling each other at
	// once cannot both succeed: the second finds it is no longer an admin, or the last one.
	// The lockout state is not written: it changes only through the two methods below, each one
	// statement, so that sign-in attempts running at once cannot lose a count or undo an
	// admin's change.
	ChangeUser(ctx context.Context, actor, name string, change func(*User) error) error
	// RecordLoginFailure adds one failed sign-in; the one that reaches maxFailures locks the
	// account until lockUntil and starts the count again.
	RecordLoginFailure(ctx context.Context, name string, maxFailures int, lockUntil time.Time) error
	// ResetLoginFailures clears the failure count and any lock.
	ResetLoginFailures(ctx context.Context, name string) error
	// CountUsers says how many accounts exist: none means the first admin is still to be made.
	CountUsers(ctx context.Context) (int, error)

	// CreateSession stores a new session.
	CreateSession(ctx context.Context, s *Session) error
	// Session returns a session by id, or ENotFound.
	Session(ctx context.Context, id string) (*Session, error)
	// DeleteSession ends one session; ending a missing one is not an error.
	DeleteSession(ctx context.Context, id string) error
	// DeleteUserSessions ends every session of a user: sign out everywhere.
	DeleteUserSessions(ctx context.Context, user string) error
	// DeleteExpiredSessions removes sessions that ended before now.
	DeleteExpiredSessions(ctx context.Context, now time.Time) error
}
