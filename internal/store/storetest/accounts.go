package storetest

import (
	"context"
	"sync"
	"testing"
	"time"

	"signpost/internal/account"
	"signpost/internal/directory"
)

// RunAccounts is the conformance suite for [account.Store]; newStore must return a fresh,
// empty store each time.
func RunAccounts(t *testing.T, newStore func(tb testing.TB) account.Store) {
	ctx := context.Background()
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	alex := func() *account.User {
		return &account.User{Name: "alex", Role: account.RoleEditor, PasswordHash: "$argon2id$x", Email: "alex@example.edu", CreatedAt: now}
	}

	t.Run("UsersCreateFindUpdate", func(t *testing.T) {
		s := newStore(t)
		if n, err := s.CountUsers(ctx); err != nil || n != 0 {
			t.Fatalf("CountUsers() on a new store = %d, %v", n, err)
		}
		if err := s.CreateUser(ctx, alex()); err != nil {
			t.Fatal(err)
		}
		if code := directory.ErrorCode(s.CreateUser(ctx, alex())); code != directory.EConflict {
			t.Fatalf("second CreateUser(alex) code = %q, want conflict", code)
		}
		other := alex()
		other.Name = "sam"
		if code := directory.ErrorCode(s.CreateUser(ctx, other)); code != directory.EConflict {
			t.Fatalf("CreateUser with alex's e-mail code = %q, want conflict", code)
		}
		bad := alex()
		bad.Name, bad.Role = "robin", "owner"
		if code := directory.ErrorCode(s.CreateUser(ctx, bad)); code != directory.EInvalid {
			t.Fatalf("CreateUser(role owner) code = %q, want invalid", code)
		}
		u, err := s.User(ctx, "alex")
		if err != nil {
			t.Fatal(err)
		}
		if *u != *alex() {
			t.Fatalf("User(alex) = %+v, want %+v", *u, *alex())
		}
		if u, err := s.UserByEmail(ctx, "ALEX@example.edu"); err != nil || u.Name != "alex" {
			t.Fatalf("UserByEmail = %v, %v", u, err)
		}
		u.FailedLogins, u.LockedUntil, u.Role = 3, now.Add(time.Hour), account.RoleAdmin
		if err := s.UpdateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		got, _ := s.User(ctx, "alex")
		if got.FailedLogins != 0 || !got.LockedUntil.IsZero() || got.Role != account.RoleAdmin {
			t.Fatalf("after UpdateUser: %+v, want the role saved and the lockout state untouched", got)
		}
		if _, err := s.User(ctx, "nobody"); directory.ErrorCode(err) != directory.ENotFound {
			t.Fatalf("User(nobody) error = %v", err)
		}
		missing := alex()
		missing.Name, missing.Email = "ghost", ""
		if code := directory.ErrorCode(s.UpdateUser(ctx, missing)); code != directory.ENotFound {
			t.Fatalf("UpdateUser(ghost) code = %q, want not_found", code)
		}
		if users, err := s.Users(ctx); err != nil || len(users) != 1 {
			t.Fatalf("Users() = %v, %v", users, err)
		}
	})

	t.Run("FailuresCountAtomicallyAndLock", func(t *testing.T) {
		s := newStore(t)
		if err := s.CreateUser(ctx, alex()); err != nil {
			t.Fatal(err)
		}
		lock := now.Add(15 * time.Minute)
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				if err := s.RecordLoginFailure(ctx, "alex", 5, lock); err != nil {
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		if u, _ := s.User(ctx, "alex"); u.FailedLogins != 4 || !u.LockedUntil.IsZero() {
			t.Fatalf("after 4 failures at once: %d failures, locked until %v; want 4 and no lock", u.FailedLogins, u.LockedUntil)
		}
		if err := s.RecordLoginFailure(ctx, "alex", 5, lock); err != nil {
			t.Fatal(err)
		}
		if u, _ := s.User(ctx, "alex"); u.FailedLogins != 0 || !u.LockedUntil.Equal(lock) {
			t.Fatalf("the fifth failure: %d failures, locked until %v; want 0 and locked", u.FailedLogins, u.LockedUntil)
		}
		if err := s.ResetLoginFailures(ctx, "alex"); err != nil {
			t.Fatal(err)
		}
		if u, _ := s.User(ctx, "alex"); u.FailedLogins != 0 || !u.LockedUntil.IsZero() {
			t.Fatalf("after a reset: %+v", u)
		}
	})

	t.Run("SessionsEndOneOrAll", func(t *testing.T) {
		s := newStore(t)
		if err := s.CreateUser(ctx, alex()); err != nil {
			t.Fatal(err)
		}
		mk := func(id string, expires time.Time) {
			if err := s.CreateSession(ctx, &account.Session{ID: id, User: "alex", CSRF: "c-" + id, CreatedAt: now, ExpiresAt: expires}); err != nil {
				t.Fatal(err)
			}
		}
		mk("one", now.Add(time.Hour))
		mk("two", now.Add(time.Hour))
		mk("old", now.Add(-time.Hour))
		got, err := s.Session(ctx, "one")
		if err != nil || got.User != "alex" || got.CSRF != "c-one" || !got.ExpiresAt.Equal(now.Add(time.Hour)) {
			t.Fatalf("Session(one) = %+v, %v", got, err)
		}
		if err := s.DeleteExpiredSessions(ctx, now); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Session(ctx, "old"); directory.ErrorCode(err) != directory.ENotFound {
			t.Fatalf("expired session survives: %v", err)
		}
		if err := s.DeleteSession(ctx, "one"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Session(ctx, "one"); directory.ErrorCode(err) != directory.ENotFound {
			t.Fatalf("deleted session survives: %v", err)
		}
		if _, err := s.Session(ctx, "two"); err != nil {
			t.Fatalf("deleting one session ended another: %v", err)
		}
		if err := s.DeleteUserSessions(ctx, "alex"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Session(ctx, "two"); directory.ErrorCode(err) != directory.ENotFound {
			t.Fatalf("sign out everywhere left a session: %v", err)
		}
	})
}
