package main

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"signpost/internal/directory"
)

const seedList = "../../testdata/seed/000_70754ded20267d86.txt"

// storedDirectory returns the whole stored directory of a data directory, drafts included.
func storedDirectory(t *testing.T, dataDir string) *directory.Directory {
	t.Helper()
	st, err := openStore(context.Background(), Config{DataDir: dataDir})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	d, err := st.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestImportListDryRunStoresNothing(t *testing.T) {
	dir := t.TempDir()
	before := storedDirectory(t, dir)
	for _, flagName := range []string{"--dry-run", "-dry-run"} {
		code, out, errs := runCLI(t, dir, "import-list", "-data", dir, flagName, "--json", seedList)
		if code != 0 {
			t.Fatalf("import-list %s --json = %d %s", flagName, code, errs)
		}
		var drafts []map[string]json.RawMessage
		if err := json.Unmarshal([]byte(out), &drafts); err != nil {
			t.Fatalf("output is not a JSON array: %v\n%s", err, out)
		}
		if len(drafts) != 30 {
			t.Errorf("%d drafts, want the seed's 30 list items", len(drafts))
		}
		for _, d := range drafts {
			for _, k := range []string{"name", "description", "section", "contacts", "hours"} {
				if _, ok := d[k]; !ok {
					t.Fatalf("draft %s has no %q", d["name"], k)
				}
			}
		}
		if !strings.Contains(out, `"value": "617-253-2996"`) || !strings.Contains(out, `"value": "mjcoll@mit.edu"`) {
			t.Errorf("the seed's contacts are missing from the drafts:\n%s", out)
		}
	}
	// The default directory already has the seed's resources: a dry run says they would be
	// skipped, not added again.
	code, out, errs := runCLI(t, dir, "import-list", "-dry-run", seedList)
	if code != 0 || !strings.Contains(out, "would add 0, updated 0, retired 0, skipped 30 already there") || !strings.Contains(out, "phone 617-253-2996") {
		t.Fatalf("import-list -dry-run = %d %q %s", code, out, errs)
	}
	if after := storedDirectory(t, dir); !reflect.DeepEqual(before, after) {
		t.Fatal("a dry run changed the store")
	}
}

// otherDepartment is a page of another department, in a layout of its own.
const otherDepartment = "../../testdata/departments/riverbend.txt"

func TestImportListAddsDrafts(t *testing.T) {
	dir := t.TempDir()
	before := storedDirectory(t, dir)
	code, out, errs := runCLI(t, dir, "import-list", otherDepartment)
	if code != 0 || !strings.Contains(out, "added 16, updated 0, retired 0, skipped 0 already there, from riverbend.txt: drafts") {
		t.Fatalf("import-list = %d %q %s", code, out, errs)
	}
	after := storedDirectory(t, dir)
	if len(after.Resources) != len(before.Resources)+16 {
		t.Fatalf("%d resources after the import, want %d", len(after.Resources), len(before.Resources)+16)
	}
	if !reflect.DeepEqual(after.Resources[:len(before.Resources)], before.Resources) {
		t.Error("the import changed resources that were there")
	}
	drafts := map[string]directory.Resource{}
	for _, r := range after.Resources[len(before.Resources):] {
		if r.Status != directory.StatusDraft || r.Public() {
			t.Errorf("%s: status %q, want draft", r.ID, r.Status)
		}
		if r.Provenance.Source != "riverbend.txt" || !strings.Contains(r.Provenance.Notes, "Unreviewed draft") {
			t.Errorf("%s: provenance %+v", r.ID, r.Provenance)
		}
		drafts[r.Name] = r
	}
	if p := drafts["Riverbend Campus Security"]; !p.Emergency || len(p.Contacts) == 0 {
		t.Errorf("the campus security draft = %+v, want an emergency service with its numbers", p)
	}
	if c := drafts["Harbor Counseling Center"]; c.Confidentiality != directory.Confidential {
		t.Errorf("the counseling center, whose description opens 'Confidential.', is %s", c.Confidentiality)
	}

	// Drafts are not public: the list shows the published resources only.
	_, out, _ = runCLI(t, dir, "list", "-json")
	var listed struct {
		Resources []struct{ ID string } `json:"resources"`
	}
	if err := json.Unmarshal([]byte(out), &listed); err != nil || len(listed.Resources) != len(before.Resources) {
		t.Errorf("list -json after the import: %v, %d resources, want %d", err, len(listed.Resources), len(before.Resources))
	}

	// A second import of the same page adds no copy: it reports each resource as there.
	code, out, errs = runCLI(t, dir, "import-list", otherDepartment)
	if code != 0 || !strings.Contains(out, "added 0, updated 0, retired 0, skipped 16 already there") || !strings.Contains(out, "use -replace") {
		t.Fatalf("second import-list = %d %q %s", code, out, errs)
	}
	if n := len(storedDirectory(t, dir).Resources); n != len(before.Resources)+16 {
		t.Errorf("%d resources after two imports, want %d", n, len(before.Resources)+16)
	}
}

// TestImportListReplacePublish: one command turns a page into published resources, and
// running it again — on the same page, or on the page after the department changed it — keeps
// one copy of each, with its id and history, and retires what the page dropped.
func TestImportListReplacePublish(t *testing.T) {
	dir := t.TempDir()
	before := storedDirectory(t, dir)
	for round := 0; round < 2; round++ {
		code, out, errs := runCLI(t, dir, "import-list", "-replace", "-publish", otherDepartment)
		if code != 0 {
			t.Fatalf("round %d: import-list -replace -publish = %d %s", round, code, errs)
		}
		want := "added 16, updated 0"
		if round == 1 {
			want = "added 0, updated 16"
		}
		if !strings.Contains(out, want) || !strings.Contains(out, "published") {
			t.Fatalf("round %d: %q, want %q", round, out, want)
		}
	}
	after := storedDirectory(t, dir)
	if len(after.Resources) != len(before.Resources)+16 {
		t.Fatalf("%d resources after two imports, want %d: one copy each", len(after.Resources), len(before.Resources)+16)
	}
	ids := map[string]string{}
	for _, r := range after.Resources[len(before.Resources):] {
		if !r.Public() {
			t.Errorf("%s is %q, want published", r.ID, r.Status)
		}
		ids[r.Name] = r.ID
	}

	// The department drops one resource and renames nothing: read from standard input.
	page, err := os.ReadFile(otherDepartment)
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(page), "- Student Food Pantry\n- Free groceries and meal swipes for students who cannot afford food, no questions asked.\n", "", 1)
	if changed == string(page) {
		t.Fatal("the test page lacks the food pantry")
	}
	code, out, errs := runCLIStdin(t, dir, changed, "import-list", "-replace", "-publish", "-source", "riverbend.txt", "-")
	if code != 0 || !strings.Contains(out, "retire") || !strings.Contains(out, "Student Food Pantry") {
		t.Fatalf("import-list from standard input = %d %q %s", code, out, errs)
	}
	final := storedDirectory(t, dir)
	for _, r := range final.Resources {
		if id, ok := ids[r.Name]; ok && id != r.ID {
			t.Errorf("%s changed id from %s to %s", r.Name, id, r.ID)
		}
		if r.Name == "Student Food Pantry" && r.Status != directory.StatusRetired {
			t.Errorf("the dropped resource is %q, want retired", r.Status)
		}
	}
}

func TestImportListBadInput(t *testing.T) {
	dir := t.TempDir()
	before := storedDirectory(t, dir)
	files := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(files, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	tests := []struct {
		name, path, want string
	}{
		{"empty", write("empty.txt", ""), "empty file"},
		{"binary", write("junk.bin", "Heading\n- A\n\x7fELF\x02\x01\x01\x00\x00"), "line 3: NUL byte"},
		{"no resources", write("prose.txt", "A Heading\nJust a paragraph about the page.\n"), "no resources found in lines 1-2"},
		{"missing", filepath.Join(files, "nope.txt"), "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			for _, args := range [][]string{{"import-list", tc.path}, {"import-list", "-dry-run", "-json", tc.path}} {
				code, out, errs := runCLI(t, dir, args...)
				if code != 1 || out != "" || !strings.Contains(errs, tc.want) || strings.Count(errs, "\n") != 1 {
					t.Errorf("%q = %d, stdout %q, stderr %q; want exit 1 and one line with %q", args, code, out, errs, tc.want)
				}
			}
		})
	}
	if code, _, _ := runCLI(t, dir, "import-list"); code != 2 {
		t.Errorf("import-list without a file = %d, want 2", code)
	}
	if after := storedDirectory(t, dir); !reflect.DeepEqual(before, after) {
		t.Fatal("bad input changed the store")
	}
}

// runCLIStdin runs the command with in as its standard input.
func runCLIStdin(t *testing.T, dataDir, in string, args ...string) (int, string, string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "stdin")
	if err := os.WriteFile(p, []byte(in), 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	old := os.Stdin
	os.Stdin = f
	defer func() { os.Stdin = old }()
	return runCLI(t, dataDir, args...)
}

// TestImportListAlone: a department's page becomes the whole public directory in one step;
// what was there before is retired, not deleted.
func TestImportListAlone(t *testing.T) {
	dir := t.TempDir()
	before := storedDirectory(t, dir)
	code, out, errs := runCLI(t, dir, "import-list", "-replace", "-publish", "-alone", otherDepartment)
	if code != 0 || !strings.Contains(out, "added 16") || !strings.Contains(out, "retired 35") {
		t.Fatalf("import-list -alone = %d %q %s", code, out, errs)
	}
	after := storedDirectory(t, dir)
	if len(after.Resources) != len(before.Resources)+16 {
		t.Fatalf("%d resources, want %d: nothing deleted", len(after.Resources), len(before.Resources)+16)
	}
	for _, r := range after.Resources {
		if r.Public() != (r.Provenance.Source == "riverbend.txt") {
			t.Errorf("%s (from %s) public = %v", r.ID, r.Provenance.Source, r.Public())
		}
	}
	_, out, _ = runCLI(t, dir, "match", "my labmate collapsed and is not breathing")
	if !strings.HasPrefix(out, "EMERGENCY: call Riverbend") {
		t.Errorf("the emergency line does not name the department's own service:\n%s", out)
	}
}
