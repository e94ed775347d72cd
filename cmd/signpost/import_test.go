package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"signpost/internal/mitdusp"
	"signpost/internal/testenv"
)

// withDrafts stores the default directory with a draft, a retired resource, a review interval
// and a retired topic in a fresh data directory, and returns that directory.
func withDrafts(t *testing.T) string {
	t.Helper()
	d := testenv.Varied(t)
	b, _ := json.Marshal(d)
	file := filepath.Join(t.TempDir(), "drafts.json")
	if err := os.WriteFile(file, b, 0o600); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if code, _, errs := runCLI(t, dir, "import", file); code != 0 {
		t.Fatalf("import = %d %s", code, errs)
	}
	return dir
}

func exportFile(t *testing.T, dir string, args ...string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "export")
	if code, _, errs := runCLI(t, dir, append(append([]string{"export"}, args...), "-o", out)...); code != 0 {
		t.Fatalf("export %v = %d %s", args, code, errs)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestExportImportRoundTripsPerFormat(t *testing.T) {
	a := withDrafts(t)
	for _, format := range []string{"hsds", "csv", "signpost"} {
		t.Run(format, func(t *testing.T) {
			first := exportFile(t, a, "-format", format)
			if !bytes.Contains(first, []byte(defaultsID(t, 0))) {
				t.Fatalf("export -format %s leaves out the draft %s", format, defaultsID(t, 0))
			}
			file := filepath.Join(t.TempDir(), "first")
			os.WriteFile(file, first, 0o600)
			b := t.TempDir()
			code, out, errs := runCLI(t, b, "import", "-format", format, "-dry-run", file)
			if code != 0 || !strings.Contains(out, "would import 35 resources (0 new, 4 changed, 0 removed)") {
				t.Fatalf("import -dry-run -format %s = %d %q %s", format, code, out, errs)
			}
			if code, _, errs := runCLI(t, b, "import", "-format", format, file); code != 0 {
				t.Fatalf("import -format %s = %d %s", format, code, errs)
			}
			if second := exportFile(t, b, "-format", format); !bytes.Equal(first, second) {
				t.Fatalf("export → import → export -format %s differs (%d vs %d bytes)", format, len(first), len(second))
			}
		})
	}
	// HSDS carries topics and the calendar too: the whole directory arrives.
	hs := filepath.Join(t.TempDir(), "hsds.json")
	os.WriteFile(hs, exportFile(t, a, "-format", "hsds"), 0o600)
	b := t.TempDir()
	runCLI(t, b, "import", "-format", "hsds", hs)
	if x, y := exportFile(t, a), exportFile(t, b); !bytes.Equal(x, y) {
		t.Fatal("after an HSDS import the Signpost export differs from the original's")
	}
}

func defaultsID(t *testing.T, i int) string {
	d, err := mitdusp.Load()
	if err != nil {
		t.Fatal(err)
	}
	return d.Resources[i].ID
}

func TestBadImportLeavesTheStoreUnchanged(t *testing.T) {
	dir := withDrafts(t)
	before := exportFile(t, dir)
	csvGood := string(exportFile(t, dir, "-format", "csv"))
	tests := []struct {
		format, content, want string
	}{
		{"hsds", "{\n\"services\": [\n{\"id\": \"x\", \"name\": \"A\", \"status\": \"active\", \"phones\": [{\"number\": []}]}]}", "services[0].phones[0].number: expected a string"},
		{"hsds", "{\"services\": [", "ends too soon"},
		{"csv", "id,name,colour\n", "row 1, column 3"},
		{"csv", strings.Replace(csvGood, ",published,", ",live,", 1), "row 4, column status"},
		{"csv", strings.Replace(csvGood, "department-contacts", "no-such-topic", 1), `topic "no-such-topic" does not exist`},
		{"signpost", "{\n\"resources\": [\n{\"id\": 5}\n]}", "line 3"},
		{"xml", "<x/>", "use signpost, hsds or csv"},
	}
	for _, tc := range tests {
		file := filepath.Join(t.TempDir(), "bad")
		os.WriteFile(file, []byte(tc.content), 0o600)
		code, _, errs := runCLI(t, dir, "import", "-format", tc.format, file)
		if code != 1 || !strings.Contains(errs, tc.want) || strings.Count(strings.TrimSpace(errs), "\n") > 0 {
			t.Errorf("import -format %s of a bad file = %d %q, want 1 and one line containing %q", tc.format, code, errs, tc.want)
		}
	}
	if after := exportFile(t, dir); !bytes.Equal(before, after) {
		t.Fatal("a refused import changed the directory")
	}
}
