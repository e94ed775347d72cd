package account_test

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"signpost/internal/account"
	"signpost/internal/directory"
	"signpost/internal/store/sqlite"
)

// fastHash keeps tests quick; the production parameters are tested once below.
var fastHash = account.HashParams{Memory: 1024, Time: 1, Threads: 1}

func newService(t *testing.T) (*account.Service, *time.Time) {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "signpost.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
	s := account.NewService(st)
	s.Policy.Hash = fastHash
	s.Now = func() time.Time { return now }
	return s, &now
}

func TestPasswordHashIsArgon2idAndSalted(t *testing.T) {
	h1, err := account.HashPassword("correct horse battery", account.DefaultHashParams)
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := account.HashPassword("correct horse battery", account.DefaultHashParams)
	if !strings.HasPrefix(h1, "$argon2id$v=19$m=19456,t=2,p=1$") || h1 == h2 {
		t.Fatalf("hashes %q and %q: want argon2id PHC strings with different salts", h1, h2)
	}
	if ok, err := account.VerifyPassword(h1, "correct horse battery"); !ok || err != nil {
		t.Fatalf("VerifyPassword(right) = %v, %v", ok, err)
	}
	if ok, _ := account.VerifyPassword(h1, "correct horse batterY"); ok {
		t.Fatal("VerifyPassword(wrong) = true")
	}
	for _, bad := range []string{"", "$argon2i$v=19$m=1,t=1,p=1$AA$AA", "$argon2id$v=19$m=999999999,t=1,p=1$AA$AA", "$argon2id$v=19$m=8,t=1,p=1$!!$AA"} {
		if _, err := account.VerifyPassword(bad, "x"); err == nil {
			t.Errorf("VerifyPassword(%q) gave no error", bad)
		}
	}
}

func TestWeakPasswordsAndBadNamesAreRefused(t *testing.T) {
	s, _ := newService(t)
	ctx := context.Background()
	if code := directory.ErrorCode(s.AddUser(ctx, "", "alex", account.RoleEditor, "short", "")); code != directory.EInvalid {
		t.Errorf("short password: code %q", code)
	}
	if code := directory.ErrorCode(s.AddUser(ctx, "", "no spaces", account.RoleEditor, "long enough password", "")); code != directory.EInvalid {
		t.Errorf("name with a space: code %q", code)
	}
	if code := directory.ErrorCode(s.AddUser(ctx, "", "alex", account.RoleEditor, "", "")); code != directory.EInvalid {
		t.Errorf("neither password nor e-mail: code %q", code)
	}
	if n, _ := s.Store.CountUsers(ctx); n != 0 {
		t.Errorf("%d accounts after refused additions", n)
	}
}

func TestLockoutAfterRepeatedFailures(t *testing.T) {
	s, now := newService(t)
	ctx := context.Background()
	if err := s.AddUser(ctx, "", "alex", account.RoleEditor, "a long passphrase", ""); err != nil {
		t.Fatal(err)
	}
	for i := range s.Policy.MaxFailures {
		if _, err := s.Authenticate(ctx, "alex", "wrong guess"); directory.ErrorCode(err) != directory.EUnauthorized {
			t.Fatalf("failure %d: %v", i+1, err)
		}
	}
	// Locked: even the right password fails, with the same message as a wrong one.
	_, locked := s.Authenticate(ctx, "alex", "a long passphrase")
	_, unknown := s.Authenticate(ctx, "nobody", "a long passphrase")
	if directory.ErrorCode(locked) != directory.EUnauthorized || directory.ErrorMessage(locked) != directory.ErrorMessage(unknown) {
		t.Fatalf("locked account: %v; unknown account: %v; want the same unauthorized answer", locked, unknown)
	}
	*now = now.Add(s.Policy.LockFor + time.Second)
	if u, err := s.Authenticate(ctx, "alex", "a long passphrase"); err != nil || u.Name != "alex" {
		t.Fatalf("after the lockout: %v, %v", u, err)
	}
	u, _ := s.Store.User(ctx, "alex")
	if u.FailedLogins != 0 || !u.LockedUntil.IsZero() {
		t.Fatalf("a success did not reset the failure count: %+v", u)
	}
}

func TestSessionsResumeExpireAndEndEverywhere(t *testing.T) {
	s, now := newService(t)
	ctx := context.Background()
	if err := s.AddUser(ctx, "", "alex", account.RoleEditor, "a long passphrase", ""); err != nil {
		t.Fatal(err)
	}
	u, err := s.Authenticate(ctx, "alex", "a long passphrase")
	if err != nil {
		t.Fatal(err)
	}
	tok1, sess, err := s.StartSession(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	if sess.ID == tok1 || sess.ID != account.SessionID(tok1) {
		t.Fatal("the stored session id must be the token's hash, not the token")
	}
	tok2, _, _ := s.StartSession(ctx, u)
	if _, got, err := s.Resume(ctx, tok1); err != nil || got.Name != "alex" {
		t.Fatalf("Resume(tok1) = %v, %v", got, err)
	}
	if _, _, err := s.Resume(ctx, "forged"); directory.ErrorCode(err) != directory.EUnauthorized {
		t.Fatalf("Resume(forged) = %v", err)
	}
	if err := s.SetPassword(ctx, "alex", "another long passphrase"); err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{tok1, tok2} {
		if _, _, err := s.Resume(ctx, tok); directory.ErrorCode(err) != directory.EUnauthorized {
			t.Fatalf("a session survived a password change: %v", err)
		}
	}
	tok3, _, _ := s.StartSession(ctx, u)
	*now = now.Add(s.Policy.SessionTTL)
	if _, _, err := s.Resume(ctx, tok3); directory.ErrorCode(err) != directory.EUnauthorized {
		t.Fatalf("an expired session resumed: %v", err)
	}
	*now = now.Add(-time.Hour)
	if err := s.SetDisabled(ctx, "", "alex", true); err != nil {
		t.Fatal(err)
	}
	if _, _, err := s.Resume(ctx, tok3); directory.ErrorCode(err) != directory.EUnauthorized {
		t.Fatalf("a disabled account's session resumed: %v", err)
	}
}

// TestGuessesSentAtOnceStillLock: wrong passwords sent in parallel are each counted, and
// guesses in flight cannot undo an admin disabling the account.
func TestGuessesSentAtOnceStillLock(t *testing.T) {
	s, _ := newService(t)
	ctx := context.Background()
	for _, name := range []string{"alex", "sam"} {
		if err := s.AddUser(ctx, "", name, account.RoleEditor, "a long passphrase", ""); err != nil {
			t.Fatal(err)
		}
	}
	guess := func(name string, n int) *sync.WaitGroup {
		var wg sync.WaitGroup
		for range n {
			wg.Add(1)
			go func() { defer wg.Done(); s.Authenticate(ctx, name, "wrong guess") }()
		}
		return &wg
	}
	guess("alex", s.Policy.MaxFailures).Wait()
	if u, _ := s.Store.User(ctx, "alex"); u.LockedUntil.IsZero() {
		t.Fatalf("after %d wrong guesses at once: %+v; want locked", s.Policy.MaxFailures, u)
	}
	wg := guess("sam", 20)
	if err := s.SetDisabled(ctx, "", "sam", true); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if u, _ := s.Store.User(ctx, "sam"); !u.Disabled {
		t.Fatal("wrong guesses running during a disable undid it")
	}
}
