package account

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"signpost/internal/directory"
)

// Policy holds the sign-in rules.
type Policy struct {
	// MaxFailures failed sign-ins in a row lock an account for LockFor.
	MaxFailures int
	LockFor     time.Duration
	// SessionTTL is how long a session lasts from sign-in.
	SessionTTL time.Duration
	Hash       HashParams
}

// DefaultPolicy locks an account for 15 minutes after 5 failures; sessions last 12 hours.
var DefaultPolicy = Policy{MaxFailures: 5, LockFor: 15 * time.Minute, SessionTTL: 12 * time.Hour, Hash: DefaultHashParams}

// Service signs people in and out.
type Service struct {
	Store  Store
	Policy Policy
	// Now returns the current time; tests replace it.
	Now func() time.Time

	dummyOnce sync.Once
	dummyHash string
}

// NewService returns a service over st with the default policy.
func NewService(st Store) *Service {
	return &Service{Store: st, Policy: DefaultPolicy, Now: time.Now}
}

func errInvalid(format string, args ...any) error {
	return directory.Errorf(directory.EInvalid, format+".", args...)
}

// errSignIn is the one answer to every failed sign-in, so that it tells a guesser nothing
// about which accounts exist or are locked.
var errSignIn = directory.Errorf(directory.EUnauthorized, "The name or password is wrong, or the account is locked for a while after too many attempts.")

// AddUser creates an account with a password (or none, for single sign-on only, when
// password is empty and email is set), on behalf of the admin actor ("" for the command line).
func (s *Service) AddUser(ctx context.Context, actor, name string, role Role, password, email string) error {
	u := &User{Name: name, Role: role, Email: strings.ToLower(strings.TrimSpace(email)), CreatedAt: s.Now().UTC()}
	if err := u.Validate(); err != nil {
		return err
	}
	if password == "" && u.Email == "" {
		return errInvalid("an account needs a password, or an e-mail address to sign in with single sign-on")
	}
	if password != "" {
		if err := CheckPassword(password); err != nil {
			return err
		}
		h, err := HashPassword(password, s.Policy.Hash)
		if err != nil {
			return err
		}
		u.PasswordHash = h
	}
	return s.Store.CreateUser(ctx, actor, u)
}

// SetPassword changes a password and signs the account out everywhere. It is the command
// line's: it acts with the machine's authority.
func (s *Service) SetPassword(ctx context.Context, name, password string) error {
	if err := CheckPassword(password); err != nil {
		return err
	}
	hash, err := HashPassword(password, s.Policy.Hash)
	if err != nil {
		return err
	}
	if err := s.Store.ChangeUser(ctx, "", name, func(u *User) error { u.PasswordHash = hash; return nil }); err != nil {
		return err
	}
	if err := s.Store.ResetLoginFailures(ctx, name); err != nil {
		return err
	}
	return s.Store.DeleteUserSessions(ctx, name)
}

// SetDisabled disables or enables an account on behalf of the admin actor ("" for the
// command line); disabling also signs it out everywhere. The last enabled admin cannot be
// disabled.
func (s *Service) SetDisabled(ctx context.Context, actor, name string, disabled bool) error {
	if err := s.Store.ChangeUser(ctx, actor, name, func(u *User) error { u.Disabled = disabled; return nil }); err != nil {
		return err
	}
	if disabled {
		return s.Store.DeleteUserSessions(ctx, name)
	}
	return nil
}

// SignOut ends every session of an account, on behalf of the admin actor ("" for the command
// line).
func (s *Service) SignOut(ctx context.Context, actor, name string) error {
	// An unchanged account, saved through ChangeUser, checks in one transaction that the
	// account exists and that actor is still an enabled admin.
	if err := s.Store.ChangeUser(ctx, actor, name, func(*User) error { return nil }); err != nil {
		return err
	}
	return s.Store.DeleteUserSessions(ctx, name)
}

// SetRole gives an account another role on behalf of the admin actor ("" for the command
// line). The last enabled admin cannot be made an editor.
func (s *Service) SetRole(ctx context.Context, actor, name string, role Role) error {
	return s.Store.ChangeUser(ctx, actor, name, func(u *User) error { u.Role = role; return nil })
}

// Authenticate checks a name and password, counting failures and locking the account after
// too many. Every failure gives the same [directory.EUnauthorized] error.
func (s *Service) Authenticate(ctx context.Context, name, password string) (*User, error) {
	now := s.Now()
	u, err := s.Store.User(ctx, name)
	if directory.ErrorCode(err) == directory.ENotFound {
		// The same work as a wrong password for a real account (the hash and the counting
		// write, which here updates nothing), so that timing does not tell which names exist.
		s.burnHash(password)
		if err := s.Store.RecordLoginFailure(ctx, name, s.Policy.MaxFailures, now.Add(s.Policy.LockFor)); err != nil {
			return nil, err
		}
		return nil, errSignIn
	} else if err != nil {
		return nil, err
	}
	if u.Disabled || now.Before(u.LockedUntil) || u.PasswordHash == "" {
		s.burnHash(password)
		return nil, errSignIn
	}
	ok, err := VerifyPassword(u.PasswordHash, password)
	if err != nil {
		return nil, fmt.Errorf("account %s: %w", u.Name, err)
	}
	if !ok {
		if err := s.Store.RecordLoginFailure(ctx, u.Name, s.Policy.MaxFailures, now.Add(s.Policy.LockFor)); err != nil {
			return nil, err
		}
		return nil, errSignIn
	}
	if u.FailedLogins != 0 || !u.LockedUntil.IsZero() {
		if err := s.Store.ResetLoginFailures(ctx, u.Name); err != nil {
			return nil, err
		}
		u.FailedLogins, u.LockedUntil = 0, time.Time{}
	}
	return u, nil
}

func (s *Service) burnHash(password string) {
	s.dummyOnce.Do(func() { s.dummyHash, _ = HashPassword("not a real password", s.Policy.Hash) })
	VerifyPassword(s.dummyHash, password)
}

// StartSession creates a session for an authenticated user and returns the cookie token.
func (s *Service) StartSession(ctx context.Context, u *User) (token string, sess *Session, err error) {
	now := s.Now().UTC()
	token = NewToken()
	sess = &Session{ID: SessionID(token), User: u.Name, CSRF: NewToken(), CreatedAt: now, ExpiresAt: now.Add(s.Policy.SessionTTL)}
	if err := s.Store.CreateSession(ctx, sess); err != nil {
		return "", nil, err
	}
	// Housekeeping on sign-in keeps the table small without a background job.
	_ = s.Store.DeleteExpiredSessions(ctx, now)
	return token, sess, nil
}

// Resume returns the live session and its enabled user for a cookie token, or an
// [directory.EUnauthorized] error.
func (s *Service) Resume(ctx context.Context, token string) (*Session, *User, error) {
	none := directory.Errorf(directory.EUnauthorized, "Please sign in.")
	if token == "" || len(token) > 128 {
		return nil, nil, none
	}
	sess, err := s.Store.Session(ctx, SessionID(token))
	if directory.ErrorCode(err) == directory.ENotFound {
		return nil, nil, none
	} else if err != nil {
		return nil, nil, err
	}
	if !s.Now().Before(sess.ExpiresAt) {
		return nil, nil, none
	}
	u, err := s.Store.User(ctx, sess.User)
	if directory.ErrorCode(err) == directory.ENotFound {
		return nil, nil, none
	} else if err != nil {
		return nil, nil, err
	}
	if u.Disabled {
		return nil, nil, none
	}
	return sess, u, nil
}
