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
	code, out, errs := runCLI(t, dir, "import-list", "-dry-run", seedList)
	if code != 0 || !strings.Contains(out, "would add 30 draft resources") || !strings.Contains(out, "phone 617-253-2996") {
		t.Fatalf("import-list -dry-run = %d %q %s", code, out, errs)
	}
	if after := storedDirectory(t, dir); !reflect.DeepEqual(before, after) {
		t.Fatal("a dry run changed the store")
	}
}

func TestImportListAddsDrafts(t *testing.T) {
	dir := t.TempDir()
	before := storedDirectory(t, dir)
	code, out, errs := runCLI(t, dir, "import-list", seedList)
	if code != 0 || !strings.Contains(out, "added 30 draft resources from 000_70754ded20267d86.txt") {
		t.Fatalf("import-list = %d %q %s", code, out, errs)
	}
	after := storedDirectory(t, dir)
	if len(after.Resources) != len(before.Resources)+30 {
		t.Fatalf("%d resources after the import, want %d", len(after.Resources), len(before.Resources)+30)
	}
	if !reflect.DeepEqual(after.Resources[:len(before.Resources)], before.Resources) {
		t.Error("the import changed resources that were there")
	}
	drafts := map[string]directory.Resource{}
	for _, r := range after.Resources[len(before.Resources):] {
		if r.Status != directory.StatusDraft || r.Public() {
			t.Errorf("%s: status %q, want draft", r.ID, r.Status)
		}
		if r.Provenance.Source != "000_70754ded20267d86.txt" || !strings.Contains(r.Provenance.Notes, "Unreviewed draft") {
			t.Errorf("%s: provenance %+v", r.ID, r.Provenance)
		}
		drafts[r.Name] = r
	}
	if p := drafts["MIT Police"]; p.ID != "mit-police-2" || len(p.Contacts) != 3 || p.Hours == nil || !p.Hours.Always {
		t.Errorf("MIT Police draft = %+v", p)
	}

	// Drafts are not public: the list shows the 35 published resources only.
	_, out, _ = runCLI(t, dir, "list", "-json")
	var listed struct {
		Resources []struct{ ID string } `json:"resources"`
	}
	if err := json.Unmarshal([]byte(out), &listed); err != nil || len(listed.Resources) != len(before.Resources) {
		t.Errorf("list -json after the import: %v, %d resources, want %d", err, len(listed.Resources), len(before.Resources))
	}
	if strings.Contains(out, "mit-police-2") {
		t.Error("a draft is listed publicly")
	}

	// A second import of the same list gets ids of its own.
	if code, _, errs := runCLI(t, dir, "import-list", "-json", seedList); code != 0 {
		t.Fatalf("second import-list = %d %s", code, errs)
	}
	if n := len(storedDirectory(t, dir).Resources); n != len(before.Resources)+60 {
		t.Errorf("%d resources after two imports, want %d", n, len(before.Resources)+60)
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
