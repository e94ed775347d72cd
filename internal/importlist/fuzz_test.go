package importlist_test

import (
	"os"
	"strings"
	"testing"

	"signpost/internal/directory"
	"signpost/internal/importlist"
)

// FuzzParse checks that no input makes Parse panic, that a list it accepts has at least one
// draft, and that every draft it returns becomes a resource that validates, with an id of
// its own.
func FuzzParse(f *testing.F) {
	for _, path := range []string{seedPath, chemistryPath, "testdata/seed.html"} {
		b, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(string(b))
		for _, chunk := range strings.SplitAfter(string(b), "\n- ") {
			f.Add(chunk)
		}
	}
	for _, s := range []string{
		"", "-", "- ", "-\n-", "- (a@b.co)", "- x\n- 24/7 Monday–Friday 9am–5pm.", "- ((((\n- ))))).",
		"- A\n- Call 617-253-1212 x3-1234, ext. 5, dial 100, 3-1212, http://a.b/c).", "H:\n- 12am–12pm Sun–Sat.",
		"- \u200b\n- \u00a0", "- Name\n- Open Mon–Fri 24:00–05:00.", "Name: x@y.zz.", "- ¿¿\n- ¿¿",
		"<html><body><ul><li>A — b.</li></ul></body></html>", "<html><main><h2>S</h2><h3>N</h3><p>d</p><dl><dt>x</dt><dd>y</dd></dl>",
		"<html><li><em><a href=\"tel:+1\">x</a></em></li>", "1. A (confidential) — b.\n2) C: d.", "# H\n- [A](https://a.b) — c.",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		ds, err := importlist.Parse(strings.NewReader(in))
		if err != nil {
			if strings.Contains(err.Error(), "\n") {
				t.Fatalf("error %q is not one line", err)
			}
			return
		}
		if len(ds) == 0 {
			t.Fatal("no error and no drafts")
		}
		rs, err := importlist.Resources(ds, "fuzz.txt", []string{"mit-health", "resource"})
		if err != nil {
			t.Fatalf("Resources: %v", err)
		}
		ids := map[string]bool{"mit-health": true, "resource": true}
		for _, r := range rs {
			if err := r.Validate(); err != nil {
				t.Fatalf("%v", err)
			}
			if ids[r.ID] {
				t.Fatalf("id %q twice", r.ID)
			}
			ids[r.ID] = true
			if r.Status != directory.StatusDraft {
				t.Fatalf("%s: status %q", r.ID, r.Status)
			}
		}
	})
}
