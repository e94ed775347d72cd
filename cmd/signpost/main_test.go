package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"os"
	"path/filepath"
	"signpost/internal/directory"
	"strings"
	"testing"
	"time"
)

// runCLI runs the command line in-process against a fresh data directory.
func runCLI(t *testing.T, dataDir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	t.Setenv("SIGNPOST_DATA", dataDir)
	var out, errb bytes.Buffer
	code = run(context.Background(), args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestVersionAndHelp(t *testing.T) {
	dir := t.TempDir()
	if code, out, _ := runCLI(t, dir, "version"); code != 0 || !strings.HasPrefix(out, "signpost ") {
		t.Fatalf("version = %d %q", code, out)
	}
	if code, _, errs := runCLI(t, dir, "-h"); code != 0 || !strings.Contains(errs, "serve") {
		t.Fatalf("-h = %d %q, want the command list", code, errs)
	}
	for _, cmd := range []string{"serve", "list", "show", "match", "eval", "version"} {
		if code, _, errs := runCLI(t, dir, cmd, "-h"); code != 0 || !strings.Contains(errs, "Usage: signpost "+cmd) {
			t.Errorf("%s -h = %d %q, want its usage", cmd, code, errs)
		}
	}
	if code, _, errs := runCLI(t, dir, "frobnicate"); code != 2 || !strings.Contains(errs, "unknown command") {
		t.Fatalf("unknown command = %d %q", code, errs)
	}
	if code, _, _ := runCLI(t, dir, "list", "-bogus"); code != 2 {
		t.Fatalf("bad flag exit = %d, want 2", code)
	}
}

func TestListAndShowOnFirstRun(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "fresh", "data")
	code, out, errs := runCLI(t, dir, "list", "-json")
	if code != 0 {
		t.Fatalf("list = %d %s", code, errs)
	}
	var got struct {
		Resources []struct{ ID string } `json:"resources"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got.Resources) != 35 {
		t.Fatalf("list -json: %v, %d resources, want 35", err, len(got.Resources))
	}
	if _, err := os.Stat(filepath.Join(dir, "signpost.db")); err != nil {
		t.Fatalf("first run did not create the database: %v", err)
	}
	code, out, _ = runCLI(t, dir, "list", "-role", "staff")
	if code != 0 || strings.Contains(out, "lets-chat") || !strings.Contains(out, "mit-hr") {
		t.Fatalf("list -role staff = %d:\n%s", code, out)
	}
	code, out, _ = runCLI(t, dir, "show", "-at", "2026-11-24T12:00:00-05:00", "dean-on-call")
	if code != 0 || !strings.Contains(out, "Available now:   Closed now; opens Tuesday 5:00 PM") {
		t.Fatalf("show dean-on-call = %d:\n%s", code, out)
	}
}

func TestBadInputGivesOneClearLine(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"show", "no-such-office"}, 1, `Resource "no-such-office" not found`},
		{[]string{"show", "-at", "noon", "dean-on-call"}, 1, "not an RFC 3339 time"},
		{[]string{"list", "-role", "student"}, 1, "Unknown role"},
		{[]string{"list", "-topic", "nonsense"}, 1, "Unknown topic"},
		{[]string{"match", "   "}, 1, "empty"},
		{[]string{"match", "-role", "wizard", "help"}, 1, "Unknown role"},
	}
	for _, tc := range tests {
		code, _, errs := runCLI(t, dir, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.want) || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
			t.Errorf("%v = %d %q, want %d and one line containing %q", tc.args, code, errs, tc.code, tc.want)
		}
	}
}

func TestCorruptDataDirectoryIsRefusedAndKept(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "signpost.db")
	junk := bytes.Repeat([]byte("garbage!"), 1000)
	if err := os.WriteFile(db, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCLI(t, dir, "list")
	if code != 1 || !strings.Contains(errs, "not a readable Signpost database") {
		t.Fatalf("list on a corrupt database = %d %q", code, errs)
	}
	if after, _ := os.ReadFile(db); !bytes.Equal(after, junk) {
		t.Fatal("the corrupt database was modified")
	}
	file := filepath.Join(t.TempDir(), "a-file")
	os.WriteFile(file, []byte("x"), 0o600)
	if code, _, errs := runCLI(t, file, "list"); code != 1 || !strings.Contains(errs, "data directory") {
		t.Fatalf("list with a file as data directory = %d %q", code, errs)
	}
}

func TestServePortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	t.Setenv("SIGNPOST_DATA", t.TempDir())
	var out, errb bytes.Buffer
	code := run(ctx, []string{"serve", "-addr", ln.Addr().String()}, &out, &errb)
	if code != 1 || !strings.Contains(errb.String(), "already in use") {
		t.Fatalf("serve on a busy port = %d %q", code, errb.String())
	}
}

// TestPostgresIsOneSetting runs the CLI against PostgreSQL named by SIGNPOST_DATABASE_URL
// alone: first run loads the defaults there, as with SQLite.
func TestPostgresIsOneSetting(t *testing.T) {
	url := os.Getenv("SIGNPOST_TEST_POSTGRES")
	if url == "" {
		t.Skip("SIGNPOST_TEST_POSTGRES not set (scripts/test sets it)")
	}
	t.Setenv("SIGNPOST_DATABASE_URL", url)
	code, out, errs := runCLI(t, t.TempDir(), "list", "-json")
	if code != 0 {
		t.Fatalf("list on PostgreSQL = %d %s", code, errs)
	}
	var got struct {
		Resources []struct{ ID string } `json:"resources"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got.Resources) != 35 {
		t.Fatalf("list on PostgreSQL: %v, %d resources, want 35", err, len(got.Resources))
	}
	t.Setenv("SIGNPOST_DATABASE_URL", "mysql://nope")
	if code, _, errs := runCLI(t, t.TempDir(), "list"); code != 1 || !strings.Contains(errs, "postgres://") {
		t.Fatalf("a non-PostgreSQL URL = %d %q, want a clear refusal", code, errs)
	}
}

func TestImportIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	gen := filepath.Join(t.TempDir(), "syn.json")
	if code, _, errs := runCLI(t, dir, "gen-synthetic", "-n", "50", "-o", gen); code != 0 {
		t.Fatalf("gen-synthetic = %d %s", code, errs)
	}
	code, out, errs := runCLI(t, dir, "import", "-dry-run", gen)
	if code != 0 || !strings.Contains(out, "would import 50 resources (50 new, 0 changed, 35 removed)") {
		t.Fatalf("import -dry-run = %d %q %s", code, out, errs)
	}
	if _, out, _ := runCLI(t, dir, "list"); !strings.Contains(out, "dean-on-call") {
		t.Fatal("a dry run changed the directory")
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	os.WriteFile(bad, []byte("{\n\"resources\": [\n{\"id\": 5}\n]}"), 0o600)
	if code, _, errs := runCLI(t, dir, "import", bad); code != 1 || !strings.Contains(errs, "line 3") {
		t.Fatalf("import of a bad file = %d %q, want an error naming line 3", code, errs)
	}
	if code, _, errs := runCLI(t, dir, "import", gen); code != 0 {
		t.Fatalf("import = %d %s", code, errs)
	}
	if _, out, _ := runCLI(t, dir, "list"); strings.Contains(out, "dean-on-call") || !strings.Contains(out, "synthetic-000050") {
		t.Fatalf("after import the directory is not the imported one:\n%s", out)
	}
}

func TestExportImportRoundTripIsByteIdentical(t *testing.T) {
	a, b := t.TempDir(), t.TempDir()
	first := filepath.Join(t.TempDir(), "first.json")
	second := filepath.Join(t.TempDir(), "second.json")
	if code, _, errs := runCLI(t, a, "export", "-o", first); code != 0 {
		t.Fatalf("export = %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, b, "import", first); code != 0 {
		t.Fatalf("import = %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, b, "export", "-o", second); code != 0 {
		t.Fatalf("second export = %d %s", code, errs)
	}
	x, _ := os.ReadFile(first)
	y, _ := os.ReadFile(second)
	if !bytes.Equal(x, y) || len(x) < 1000 {
		t.Fatalf("export → import → export differs (%d vs %d bytes)", len(x), len(y))
	}
	code, out, errs := runCLI(t, a, "export", "-format", "hsds")
	if code != 0 || !strings.Contains(out, `"taxonomy_terms"`) || !strings.Contains(out, "617-253-1212") {
		t.Fatalf("export -format hsds = %d %s", code, errs)
	}
}

// TestDryRunListsEachChange: a dry run names what would appear, go away and change, with the
// changed fields, and stores nothing.
func TestDryRunListsEachChange(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(t.TempDir(), "dir.json")
	if code, _, errs := runCLI(t, dir, "export", "-o", file); code != 0 {
		t.Fatalf("export = %d %s", code, errs)
	}
	var d directory.Directory
	b, _ := os.ReadFile(file)
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	changed, removed := d.Resources[0].ID, d.Resources[1].ID
	d.Resources[0].Summary = "A new summary."
	added := d.Resources[1]
	added.ID = "a-new-office"
	d.Resources[1] = added
	b, _ = json.Marshal(&d)
	os.WriteFile(file, b, 0o600)
	code, out, errs := runCLI(t, dir, "import", "-dry-run", file)
	if code != 0 {
		t.Fatalf("import -dry-run = %d %s", code, errs)
	}
	for _, want := range []string{"change resource " + changed + ": summary", "new resource a-new-office", "remove resource " + removed} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run output lacks %q:\n%s", want, out)
		}
	}
	if _, out, _ := runCLI(t, dir, "show", "a-new-office"); strings.Contains(out, "a-new-office") {
		t.Fatal("a dry run stored something")
	}
}

// TestTopicsAndFriendlyFilters: `topics` lists what -topic takes; -topic accepts a name in
// any case, and -role the audiences list prints.
func TestTopicsAndFriendlyFilters(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runCLI(t, dir, "topics")
	if code != 0 || !strings.Contains(out, "crisis") || !strings.Contains(out, "Crisis") {
		t.Fatalf("topics = %d %q %s", code, out, errs)
	}
	code, out, errs = runCLI(t, dir, "list", "-topic", "Crisis")
	if code != 0 || !strings.Contains(out, "dean-on-call") {
		t.Fatalf("list -topic Crisis = %d %q %s", code, out, errs)
	}
	code, out, errs = runCLI(t, dir, "list", "-role", "students")
	if code != 0 || !strings.Contains(out, "lets-chat") || strings.Contains(out, "mit-hr") {
		t.Fatalf("list -role students = %d %q %s", code, out, errs)
	}
	if code, _, _ := runCLI(t, dir, "list", "-role", "wizard"); code != 1 {
		t.Fatalf("list -role wizard = %d, want 1", code)
	}
}
