package sqlite_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"signpost/internal/directory"
	"signpost/internal/store/sqlite"
	"signpost/internal/store/storetest"
)

// MustOpenAt opens a store on path and closes it at the end of the test.
func MustOpenAt(tb testing.TB, path string) *sqlite.Store {
	tb.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// backedUp opens a store at dbPath holding the fixture and backs it up to backup. The store
// is closed at the end of the test, or earlier by the test.
func backedUp(tb testing.TB, dbPath, backup string) *sqlite.Store {
	tb.Helper()
	s := MustOpenAt(tb, dbPath)
	storetest.MustReplace(tb, s, storetest.Fixture())
	if err := s.Backup(context.Background(), backup); err != nil {
		tb.Fatal(err)
	}
	return s
}

// extraResource is a valid resource with the given id.
func extraResource(id string) *directory.Resource {
	r := storetest.Fixture().Resources[1]
	r.ID, r.Name = id, "Extra "+id
	return &r
}

// integrity runs PRAGMA integrity_check on the database file at path.
func integrity(tb testing.TB, path string) string {
	tb.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRow(`PRAGMA integrity_check`).Scan(&res); err != nil {
		tb.Fatalf("integrity_check %s: %v", path, err)
	}
	return res
}

// ids returns the resource ids of the store's snapshot.
func ids(tb testing.TB, s directory.Store) []string {
	tb.Helper()
	d, err := s.Snapshot(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for _, r := range d.Resources {
		out = append(out, r.ID)
	}
	return out
}

// Every write adds one resource and bumps the version in one transaction, so a consistent
// copy has exactly as many extra resources as version steps; a torn copy would not.
func TestBackupDuringWritesIsConsistent(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := MustOpenAt(t, filepath.Join(dir, "signpost.db"))
	storetest.MustReplace(t, s, storetest.Fixture())
	v0, err := s.Version(ctx)
	if err != nil {
		t.Fatal(err)
	}
	n0 := len(storetest.Fixture().Resources)

	stop := make(chan struct{})
	var wrote atomic.Int64
	var wg sync.WaitGroup
	for w := range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				if err := s.PutResource(ctx, extraResource(fmt.Sprintf("extra-%d-%d", w, i)), directory.Change{Author: "test"}); err != nil {
					t.Errorf("PutResource during backup: %v", err)
					return
				}
				wrote.Add(1)
			}
		}()
	}
	var backups []string
	for i := range 4 {
		for before := wrote.Load(); wrote.Load() < before+5; {
			runtime.Gosched() // let some writes land between backups
		}
		path := filepath.Join(dir, fmt.Sprintf("backup-%d.db", i))
		if err := s.Backup(ctx, path); err != nil {
			t.Fatalf("Backup while writing: %v", err)
		}
		backups = append(backups, path)
	}
	close(stop)
	wg.Wait()
	if wrote.Load() == 0 {
		t.Fatal("no write happened during the backups")
	}

	var last int
	for _, path := range backups {
		if got := integrity(t, path); got != "ok" {
			t.Fatalf("integrity_check(%s) = %q, want ok", filepath.Base(path), got)
		}
		b := MustOpenAt(t, path)
		v, err := b.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		got := ids(t, b)
		if extra, steps := len(got)-n0, int(v-v0); extra != steps {
			t.Errorf("%s: %d extra resources but %d version steps: not one consistent moment", filepath.Base(path), extra, steps)
		}
		if len(got) < last {
			t.Errorf("%s holds %d resources, fewer than the backup before it (%d)", filepath.Base(path), len(got), last)
		}
		last = len(got)
		if got[0] != "day-office" {
			t.Errorf("%s: first resource %q, want the fixture's day-office", filepath.Base(path), got[0])
		}
	}
	if entries, _ := filepath.Glob(filepath.Join(dir, ".*partial*")); len(entries) > 0 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func TestBackupRefusesToOverwrite(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := MustOpenAt(t, filepath.Join(dir, "signpost.db"))
	storetest.MustReplace(t, s, storetest.Fixture())
	path := filepath.Join(dir, "backup.db")
	if err := os.WriteFile(path, []byte("precious"), 0o600); err != nil {
		t.Fatal(err)
	}
	err := s.Backup(ctx, path)
	if err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Fatalf("Backup onto an existing file: error %v, want one saying it already exists", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "precious" {
		t.Errorf("the existing file was changed to %q", b)
	}
	if err := s.Backup(ctx, filepath.Join(dir, "missing", "backup.db")); err == nil {
		t.Error("Backup into a missing folder succeeded, want an error")
	}
	if entries, _ := filepath.Glob(filepath.Join(dir, ".*")); len(entries) > 0 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

// badBackups writes files that Restore must refuse into dir, from the good backup good.
func badBackups(tb testing.TB, dir, good string) map[string]string {
	tb.Helper()
	out := map[string]string{}
	write := func(name string, b []byte) {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			tb.Fatal(err)
		}
		out[name] = p
	}
	write("garbage", bytes.Repeat([]byte("this is not a database\n"), 400))
	write("empty", nil)

	raw, err := os.ReadFile(good)
	if err != nil {
		tb.Fatal(err)
	}
	damaged := bytes.Clone(raw)
	for i := 4096; i < len(damaged) && i < 4096*3; i++ {
		damaged[i] = 0xA5
	}
	write("damaged", damaged)
	write("truncated", raw[:len(raw)/2])

	other := filepath.Join(dir, "other.db")
	db, err := sql.Open("sqlite", "file:"+other)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := db.Exec(`CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hello')`); err != nil {
		tb.Fatal(err)
	}
	db.Close()
	out["not signpost"] = other

	newer := filepath.Join(dir, "newer.db")
	write("newer.db", raw)
	db, err = sql.Open("sqlite", "file:"+newer)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := db.Exec(`INSERT INTO schema_migrations (version) VALUES ('migrations/999_future.sql')`); err != nil {
		tb.Fatal(err)
	}
	db.Close()
	delete(out, "newer.db")
	out["newer"] = newer
	return out
}

func TestRestoreRefusesBadBackupAndLeavesDatabase(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dbPath, good := filepath.Join(dir, "signpost.db"), filepath.Join(dir, "good.db")
	s := backedUp(t, dbPath, good)
	if err := s.PutResource(ctx, extraResource("after-backup"), directory.Change{Author: "test"}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	before, err := os.ReadFile(dbPath)
	if err != nil {
		t.Fatal(err)
	}

	wantErr := map[string]string{
		"garbage":      "not an SQLite database",
		"empty":        "is empty",
		"damaged":      "",
		"truncated":    "",
		"not signpost": "not a Signpost one",
		"newer":        "newer Signpost",
	}
	for name, path := range badBackups(t, t.TempDir(), good) {
		t.Run(name, func(t *testing.T) {
			err := sqlite.Restore(ctx, path, dbPath)
			if err == nil {
				t.Fatalf("Restore(%s) succeeded, want it refused", name)
			}
			if want := wantErr[name]; !strings.Contains(err.Error(), want) {
				t.Errorf("Restore(%s) error = %v, want it to say %q", name, err, want)
			}
			after, _ := os.ReadFile(dbPath)
			if !bytes.Equal(after, before) {
				t.Fatalf("Restore(%s) changed the database", name)
			}
		})
	}
	if entries, _ := filepath.Glob(filepath.Join(dir, ".signpost-restore-*")); len(entries) > 0 {
		t.Errorf("temporary files left behind: %v", entries)
	}
	s = MustOpenAt(t, dbPath)
	if got := strings.Join(ids(t, s), ","); got != "day-office,night-line,after-backup" {
		t.Errorf("after refused restores the database holds %s, want it as it was", got)
	}
}

func TestRestoreBringsBackupBack(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dbPath, backup := filepath.Join(dir, "signpost.db"), filepath.Join(t.TempDir(), "backup.db")
	s := backedUp(t, dbPath, backup)
	for i := range 20 {
		if err := s.PutResource(ctx, extraResource(fmt.Sprintf("later-%d", i)), directory.Change{Author: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(dbPath, 0o640); err != nil {
		t.Fatal(err)
	}
	s.Close()

	if err := sqlite.Restore(ctx, backup, dbPath); err != nil {
		t.Fatalf("Restore: %v", err)
	}
	for _, side := range []string{"-wal", "-shm", "-journal"} {
		if _, err := os.Stat(dbPath + side); err == nil {
			t.Errorf("%s left beside the restored database", filepath.Base(dbPath+side))
		}
	}
	if fi, err := os.Stat(dbPath); err != nil || fi.Mode().Perm() != 0o640 {
		t.Errorf("restored file mode = %v (%v), want the replaced file's 0640", fi.Mode().Perm(), err)
	}
	s = MustOpenAt(t, dbPath)
	if got := strings.Join(ids(t, s), ","); got != "day-office,night-line" {
		t.Errorf("after restore the database holds %s, want the backup's day-office,night-line", got)
	}
	if err := s.PutResource(ctx, extraResource("after-restore"), directory.Change{Author: "test"}); err != nil {
		t.Errorf("restored database is not writable: %v", err)
	}

	t.Run("into an empty folder", func(t *testing.T) {
		fresh := filepath.Join(t.TempDir(), "signpost.db")
		if err := sqlite.Restore(ctx, backup, fresh); err != nil {
			t.Fatalf("Restore into a new file: %v", err)
		}
		if got := strings.Join(ids(t, MustOpenAt(t, fresh)), ","); got != "day-office,night-line" {
			t.Errorf("restored new file holds %s, want day-office,night-line", got)
		}
	})
	t.Run("missing backup", func(t *testing.T) {
		if err := sqlite.Restore(ctx, filepath.Join(dir, "nope.db"), dbPath); err == nil {
			t.Error("Restore of a missing file succeeded, want an error")
		}
	})
}

func TestRestoreRefusesDatabaseInUse(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dbPath, backup := filepath.Join(dir, "signpost.db"), filepath.Join(dir, "backup.db")
	s := backedUp(t, dbPath, backup)
	if err := s.PutResource(ctx, extraResource("while-open"), directory.Change{Author: "test"}); err != nil {
		t.Fatal(err)
	}

	err := sqlite.Restore(ctx, backup, dbPath)
	if err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("Restore while the store is open: error %v, want one saying the database is in use", err)
	}
	if got := strings.Join(ids(t, s), ","); got != "day-office,night-line,while-open" {
		t.Errorf("after a refused restore the open store holds %s", got)
	}
}

// TestRestoreRefusesDatabaseHeldByAnotherProcess runs a second process that keeps the
// database open, as a running server does.
func TestRestoreRefusesDatabaseHeldByAnotherProcess(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	dbPath, backup := filepath.Join(dir, "signpost.db"), filepath.Join(dir, "backup.db")
	s := backedUp(t, dbPath, backup)
	s.Close()

	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperHoldDB$")
	cmd.Env = append(os.Environ(), "SIGNPOST_TEST_HOLD_DB="+dbPath)
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { stdin.Close(); cmd.Wait() })
	buf := make([]byte, 5)
	if _, err := io.ReadFull(stdout, buf); err != nil || string(buf) != "ready" {
		t.Fatalf("helper did not open the database: %q %v", buf, err)
	}
	err = sqlite.Restore(ctx, backup, dbPath)
	if err == nil || !strings.Contains(err.Error(), "in use") {
		t.Fatalf("Restore while another process holds the database: error %v, want 'in use'", err)
	}
}

// TestHelperHoldDB is not a test: run by the test above, it opens the database named in
// SIGNPOST_TEST_HOLD_DB, says "ready", and holds it until its standard input closes.
func TestHelperHoldDB(t *testing.T) {
	path := os.Getenv("SIGNPOST_TEST_HOLD_DB")
	if path == "" {
		t.Skip("helper process only")
	}
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Version(context.Background()); err != nil {
		t.Fatal(err)
	}
	os.Stdout.WriteString("ready")
	io.Copy(io.Discard, os.Stdin)
}
