package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"signpost/internal/directory"
	"signpost/internal/store/sqlite"
)

// runBackupCmd runs one of the backup commands in-process with SIGNPOST_DATA set to dataDir.
func runBackupCmd(t *testing.T, f func(context.Context, []string, io.Writer, io.Writer) error, dataDir string, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	t.Setenv("SIGNPOST_DATA", dataDir)
	t.Setenv("SIGNPOST_DATABASE_URL", "")
	var out, errb bytes.Buffer
	err = f(context.Background(), args, &out, &errb)
	return out.String(), errb.String(), err
}

// seedData creates the default directory in dataDir, plus one resource with the given id.
func seedData(t *testing.T, dataDir, extraID string) {
	t.Helper()
	ctx := context.Background()
	st, err := openStore(ctx, Config{DataDir: dataDir})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if extraID == "" {
		return
	}
	d, err := st.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	r := d.Resources[0]
	r.ID, r.Name = extraID, "Resource "+extraID
	if err := st.PutResource(ctx, &r, directory.Change{Author: "test"}); err != nil {
		t.Fatal(err)
	}
}

// hasResource reports whether the database in dataDir holds the resource id.
func hasResource(t *testing.T, dataDir, id string) bool {
	t.Helper()
	st, err := sqlite.Open(context.Background(), filepath.Join(dataDir, "signpost.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	_, err = st.Resource(context.Background(), id)
	if err != nil && directory.ErrorCode(err) != directory.ENotFound {
		t.Fatal(err)
	}
	return err == nil
}

func TestBackupAndRestoreCommands(t *testing.T) {
	data := t.TempDir()
	seedData(t, data, "in-backup")
	backup := filepath.Join(t.TempDir(), "signpost-backup.db")

	out, _, err := runBackupCmd(t, runBackup, data, backup)
	if err != nil {
		t.Fatalf("backup: %v", err)
	}
	if !strings.Contains(out, backup) {
		t.Errorf("backup output %q does not name the file", out)
	}
	if _, _, err := runBackupCmd(t, runBackup, data, backup); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second backup to the same file: %v, want 'already exists'", err)
	}

	seedData(t, data, "after-backup")
	out, _, err = runBackupCmd(t, runRestore, data, backup)
	if err != nil {
		t.Fatalf("restore: %v", err)
	}
	if !hasResource(t, data, "in-backup") || hasResource(t, data, "after-backup") {
		t.Error("after restore the database is not the backup's")
	}
	safeties, _ := filepath.Glob(filepath.Join(data, "signpost.db.before-restore-*"))
	if len(safeties) != 1 {
		t.Fatalf("safety copies: %v, want one", safeties)
	}
	if !strings.Contains(out, safeties[0]) {
		t.Errorf("restore output %q does not name the safety copy %s", out, safeties[0])
	}
	// The safety copy is the database as it was just before the restore.
	safetyData := t.TempDir()
	raw, err := os.ReadFile(safeties[0])
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(safetyData, "signpost.db"), raw, 0o600); err != nil {
		t.Fatal(err)
	}
	if !hasResource(t, safetyData, "after-backup") {
		t.Error("the safety copy lacks the change made after the backup")
	}
}

func TestRestoreCommandRefusesGarbage(t *testing.T) {
	data := t.TempDir()
	seedData(t, data, "kept")
	bad := filepath.Join(t.TempDir(), "bad.db")
	if err := os.WriteFile(bad, []byte(strings.Repeat("not a database\n", 300)), 0o600); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(filepath.Join(data, "signpost.db"))
	_, _, err := runBackupCmd(t, runRestore, data, bad)
	if err == nil || !strings.Contains(err.Error(), "not an SQLite database") {
		t.Fatalf("restore of garbage: %v, want it refused as not a database", err)
	}
	after, _ := os.ReadFile(filepath.Join(data, "signpost.db"))
	if !bytes.Equal(before, after) {
		t.Error("a refused restore changed the database")
	}
	if safeties, _ := filepath.Glob(filepath.Join(data, "*.before-restore-*")); len(safeties) > 0 {
		t.Errorf("a refused restore left safety copies: %v", safeties)
	}
	if !hasResource(t, data, "kept") {
		t.Error("the database lost its data")
	}
}

func TestBackupCommandErrors(t *testing.T) {
	tests := []struct {
		name    string
		run     func(context.Context, []string, io.Writer, io.Writer) error
		args    []string
		pgURL   string
		wantErr string
	}{
		{"backup without FILE", runBackup, nil, "", "usage"},
		{"restore without FILE", runRestore, nil, "", "usage"},
		{"backup with two files", runBackup, []string{"a", "b"}, "", "usage"},
		{"backup of PostgreSQL", runBackup, []string{"x.db"}, "postgres://u@localhost/db", "pg_dump"},
		{"restore of PostgreSQL", runRestore, []string{"x.db"}, "postgres://u@localhost/db", "pg_dump"},
		{"backup with no database yet", runBackup, []string{"x.db"}, "", "no database at"},
		{"restore of a missing file", runRestore, []string{"missing.db"}, "", "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			data := t.TempDir()
			t.Chdir(t.TempDir())
			t.Setenv("SIGNPOST_DATA", data)
			t.Setenv("SIGNPOST_DATABASE_URL", tc.pgURL)
			err := tc.run(context.Background(), tc.args, io.Discard, io.Discard)
			switch {
			case tc.wantErr == "usage":
				if !errors.Is(err, errUsage) {
					t.Errorf("error = %v, want a usage error", err)
				}
			case err == nil || !strings.Contains(err.Error(), tc.wantErr):
				t.Errorf("error = %v, want one containing %q", err, tc.wantErr)
			}
			if _, err := os.Stat(filepath.Join(data, "signpost.db")); err == nil {
				t.Error("the command created a database")
			}
		})
	}
}
