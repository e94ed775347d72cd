package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"signpost/internal/account"
	"signpost/internal/directory"
	"signpost/internal/store/sqlite"
	"signpost/internal/store/storetest"
)

// MustOpen opens a store on a real SQLite file in a fresh temporary folder.
func MustOpen(tb testing.TB) *sqlite.Store {
	tb.Helper()
	s, err := sqlite.Open(context.Background(), filepath.Join(tb.TempDir(), "signpost.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

func TestConformance(t *testing.T) {
	storetest.Run(t, func(tb testing.TB) directory.Store { return MustOpen(tb) })
}

func TestAccountConformance(t *testing.T) {
	storetest.RunAccounts(t, func(tb testing.TB) account.Store { return MustOpen(tb) })
}

func TestDataSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "signpost.db")
	s, err := sqlite.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	storetest.MustReplace(t, s, storetest.Fixture())
	s.Close()

	s, err = sqlite.Open(ctx, path)
	if err != nil {
		t.Fatalf("reopen: %v", err)
	}
	defer s.Close()
	r, err := s.Resource(ctx, "day-office")
	if err != nil {
		t.Fatal(err)
	}
	if r.Hours == nil || len(r.Hours.Weekly) != 1 || r.Hours.Weekly[0].Opens != "17:00" {
		t.Fatalf("reopened resource hours = %+v, want the fixture's window", r.Hours)
	}
}

func TestCorruptFileGivesClearErrorAndIsLeftAlone(t *testing.T) {
	path := filepath.Join(t.TempDir(), "signpost.db")
	garbage := []byte(strings.Repeat("this is not a database\n", 400))
	if err := os.WriteFile(path, garbage, 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := sqlite.Open(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), "not a readable Signpost database") {
		t.Fatalf("Open(corrupt) error = %v, want a message saying the database is not readable", err)
	}
	after, _ := os.ReadFile(path)
	if string(after) != string(garbage) {
		t.Fatal("Open(corrupt) modified the file")
	}
}

func TestUnwritableFolderGivesClearError(t *testing.T) {
	if os.Geteuid() == 0 {
		// root writes anywhere; a missing folder still cannot be opened.
		t.Log("running as root: testing a missing folder instead of a read-only one")
	}
	path := filepath.Join(t.TempDir(), "missing", "signpost.db")
	_, err := sqlite.Open(context.Background(), path)
	if err == nil || !strings.Contains(err.Error(), "cannot open") {
		t.Fatalf("Open(missing folder) error = %v, want a clear 'cannot open' message", err)
	}
}
