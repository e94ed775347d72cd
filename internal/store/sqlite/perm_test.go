package sqlite_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"signpost/internal/store/sqlite"
)

// TestDatabaseFilesAreOwnerOnly: in a folder others can read, the database and its WAL and
// SHM files are created 0600, and an existing 0644 database is tightened.
func TestDatabaseFilesAreOwnerOnly(t *testing.T) {
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "signpost.db")
	st, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for _, p := range []string{path, path + "-wal", path + "-shm"} {
		fi, err := os.Stat(p)
		if err != nil {
			continue // the WAL and SHM exist only once written
		}
		if m := fi.Mode().Perm(); m&0o077 != 0 {
			t.Errorf("%s has mode %v, want 0600", filepath.Base(p), m)
		}
	}
	other := filepath.Join(dir, "old.db")
	if err := os.WriteFile(other, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	st2, err := sqlite.Open(context.Background(), other)
	if err != nil {
		t.Fatal(err)
	}
	st2.Close()
	if fi, _ := os.Stat(other); fi.Mode().Perm() != 0o600 {
		t.Errorf("an existing 0644 database was left %v", fi.Mode().Perm())
	}
}
