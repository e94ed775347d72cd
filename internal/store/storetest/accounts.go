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
		if err := s.CreateUser(ctx, "", alex()); err != nil {
			t.Fatal(err)
		}
		if code := directory.ErrorCode(s.CreateUser(ctx, "", alex())); code != directory.EConflict {
			t.Fatalf("second CreateUser(alex) code = %q, want conflict", code)
		}
		other := alex()
		other.Name = "sam"
		if code := directory.ErrorCode(s.CreateUser(ctx, "", other)); code != directory.EConflict {
			t.Fatalf("CreateUser with alex's e-mail code = %q, want conflict", code)
		}
		bad := alex()
		bad.Name, bad.Role = "robin", "owner"
		if code := directory.ErrorCode(s.CreateUser(ctx, "", bad)); code != directory.EInvalid {
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
		err = s.ChangeUser(ctx, "", "alex", func(u *account.User) error {
			u.FailedLogins, u.LockedUntil, u.Role = 3, now.Add(time.Hour), account.RoleAdmin
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		got, _ := s.User(ctx, "alex")
		if got.FailedLogins != 0 || !got.LockedUntil.IsZero() || got.Role != account.RoleAdmin {
			t.Fatalf("after ChangeUser: %+v, want the role saved and the lockout state untouched", got)
		}
		if _, err := s.User(ctx, "nobody"); directory.ErrorCode(err) != directory.ENotFound {
			t.Fatalf("User(nobody) error = %v", err)
		}
		if code := directory.ErrorCode(s.ChangeUser(ctx, "", "ghost", func(*account.User) error { return nil })); code != directory.ENotFound {
			t.Fatalf("ChangeUser(ghost) code = %q, want not_found", code)
		}
		if users, err := s.Users(ctx); err != nil || len(users) != 1 {
			t.Fatalf("Users() = %v, %v", users, err)
		}
	})

	t.Run("ChangeUserRefusesAndSavesNothing", func(t *testing.T) {
		s := newStore(t)
		sam := alex()
		sam.Name, sam.Email = "sam", "sam@example.edu"
		for _, u := range []*account.User{alex(), sam} {
			if err := s.CreateUser(ctx, "", u); err != nil {
				t.Fatal(err)
			}
		}
		refusals := []struct {
			what   string
			change func(*account.User) error
			code   string
		}{
			{"its own error", func(u *account.User) error {
				u.Role = account.RoleAdmin
				return directory.Errorf(directory.EInvalid, "no")
			}, directory.EInvalid},
			{"a new name", func(u *account.User) error { u.Name = "alexandra"; return nil }, directory.EInvalid},
			{"an unknown role", func(u *account.User) error { u.Role = "owner"; return nil }, directory.EInvalid},
			{"sam's e-mail", func(u *account.User) error { u.Email, u.Role = "sam@example.edu", account.RoleAdmin; return nil }, directory.EConflict},
		}
		for _, r := range refusals {
			if code := directory.ErrorCode(s.ChangeUser(ctx, "", "alex", r.change)); code != r.code {
				t.Errorf("ChangeUser with %s: code %q, want %q", r.what, code, r.code)
			}
			if got, _ := s.User(ctx, "alex"); *got != *alex() {
				t.Fatalf("after ChangeUser with %s refused: %+v, want it as it was", r.what, *got)
			}
		}
	})

	// admins makes ada and bo enabled admins and alex an editor.
	admins := func(t *testing.T, s account.Store) {
		t.Helper()
		for _, name := range []string{"ada", "bo"} {
			u := &account.User{Name: name, Role: account.RoleAdmin, Email: name + "@example.edu", CreatedAt: now}
			if err := s.CreateUser(ctx, "", u); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.CreateUser(ctx, "", alex()); err != nil {
			t.Fatal(err)
		}
	}
	demote := func(u *account.User) error { u.Role = account.RoleEditor; return nil }
	disable := func(u *account.User) error { u.Disabled = true; return nil }

	t.Run("ChangeUserKeepsTheLastEnabledAdmin", func(t *testing.T) {
		s := newStore(t)
		admins(t, s)
		if err := s.ChangeUser(ctx, "ada", "bo", disable); err != nil {
			t.Fatal(err)
		}
		for _, change := range []func(*account.User) error{demote, disable} {
			if code := directory.ErrorCode(s.ChangeUser(ctx, "", "ada", change)); code != directory.EConflict {
				t.Fatalf("taking the last enabled admin away: code %q, want conflict", code)
			}
		}
		if got, _ := s.User(ctx, "ada"); !got.EnabledAdmin() {
			t.Fatalf("ada = %+v, want still an enabled admin", *got)
		}
		// Changes that keep ada an enabled admin still go through.
		if err := s.ChangeUser(ctx, "", "ada", func(u *account.User) error { u.Email = "ada@example.org"; return nil }); err != nil {
			t.Fatal(err)
		}
		// With a second enabled admin, the first may go.
		if err := s.ChangeUser(ctx, "ada", "alex", func(u *account.User) error { u.Role = account.RoleAdmin; return nil }); err != nil {
			t.Fatal(err)
		}
		if err := s.ChangeUser(ctx, "alex", "ada", demote); err != nil {
			t.Fatal(err)
		}
	})

	t.Run("ChangeUserNeedsAnEnabledAdmin", func(t *testing.T) {
		s := newStore(t)
		admins(t, s)
		if err := s.ChangeUser(ctx, "ada", "bo", disable); err != nil {
			t.Fatal(err)
		}
		for _, actor := range []string{"alex", "bo", "nobody"} { // an editor, a disabled admin, no account
			err := s.ChangeUser(ctx, actor, "alex", func(u *account.User) error { u.Role = account.RoleAdmin; return nil })
			if code := directory.ErrorCode(err); code != directory.EForbidden {
				t.Errorf("ChangeUser by %s: code %q, want forbidden", actor, code)
			}
		}
		if got, _ := s.User(ctx, "alex"); got.Role != account.RoleEditor {
			t.Fatalf("alex = %+v, want still an editor", *got)
		}
	})

	t.Run("CreateUserNeedsAnEnabledAdmin", func(t *testing.T) {
		s := newStore(t)
		admins(t, s)
		if err := s.ChangeUser(ctx, "ada", "bo", disable); err != nil {
			t.Fatal(err)
		}
		for i, actor := range []string{"alex", "bo", "nobody"} { // an editor, a disabled admin, no account
			u := &account.User{Name: "new" + string(rune('a'+i)), Role: account.RoleAdmin, CreatedAt: now}
			if code := directory.ErrorCode(s.CreateUser(ctx, actor, u)); code != directory.EForbidden {
				t.Errorf("CreateUser by %s: code %q, want forbidden", actor, code)
			}
			if _, err := s.User(ctx, u.Name); directory.ErrorCode(err) != directory.ENotFound {
				t.Errorf("CreateUser by %s was refused but %s exists (%v)", actor, u.Name, err)
			}
		}
		if err := s.CreateUser(ctx, "ada", &account.User{Name: "cy", Role: account.RoleEditor, CreatedAt: now}); err != nil {
			t.Fatalf("CreateUser by an enabled admin: %v", err)
		}
	})

	// Two admins demoting or disabling each other at the same moment: one wins, and the other
	// finds it is no longer an admin (or the last one), so an enabled admin always remains.
	t.Run("ChangeUserMutualDemotionLeavesAnAdmin", func(t *testing.T) {
		s := newStore(t)
		admins(t, s)
		reset := func(u *account.User) error { u.Role, u.Disabled = account.RoleAdmin, false; return nil }
		for round := range 10 {
			change := demote
			if round%2 == 1 {
				change = disable
			}
			for _, name := range []string{"ada", "bo"} {
				if err := s.ChangeUser(ctx, "", name, reset); err != nil {
					t.Fatal(err)
				}
			}
			var wg sync.WaitGroup
			errs := make([]error, 2)
			for i, pair := range [][2]string{{"ada", "bo"}, {"bo", "ada"}} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					errs[i] = s.ChangeUser(ctx, pair[0], pair[1], change)
				}()
			}
			wg.Wait()
			if (errs[0] == nil) == (errs[1] == nil) {
				t.Fatalf("round %d: errors %v and %v, want exactly one change to succeed", round, errs[0], errs[1])
			}
			for _, err := range errs {
				if c := directory.ErrorCode(err); c != "" && c != directory.EForbidden && c != directory.EConflict {
					t.Fatalf("round %d: %v, want forbidden or conflict", round, err)
				}
			}
			users, err := s.Users(ctx)
			if err != nil {
				t.Fatal(err)
			}
			enabled := 0
			for _, u := range users {
				if u.EnabledAdmin() {
					enabled++
				}
			}
			if enabled != 1 {
				t.Fatalf("round %d: %d enabled admins, want 1", round, enabled)
			}
		}
	})

	t.Run("FailuresCountAtomicallyAndLock", func(t *testing.T) {
		s := newStore(t)
		if err := s.CreateUser(ctx, "", alex()); err != nil {
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
		if err := s.CreateUser(ctx, "", alex()); err != nil {
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
