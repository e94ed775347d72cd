package importlist_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"signpost/internal/directory"
	"signpost/internal/importlist"
	"signpost/internal/mitdusp"
)

const seedPath = "../../testdata/seed/000_70754ded20267d86.txt"

// parseFile parses a list from testdata and returns its drafts and its text.
func parseFile(tb testing.TB, path string) ([]importlist.Draft, string) {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	ds, err := importlist.Parse(strings.NewReader(string(b)))
	if err != nil {
		tb.Fatalf("Parse(%s): %v", path, err)
	}
	return ds, string(b)
}

func byName(ds []importlist.Draft) map[string]*importlist.Draft {
	m := make(map[string]*importlist.Draft, len(ds))
	for i := range ds {
		m[ds[i].Name] = &ds[i]
	}
	return m
}

func digitsOf(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// TestSeedAgainstCuratedDefaults compares the parser's reading of the seed page with the
// directory curated from the same page by hand (internal/mitdusp/resources.json).
func TestSeedAgainstCuratedDefaults(t *testing.T) {
	ds, _ := parseFile(t, seedPath)
	drafts := byName(ds)
	d, err := mitdusp.Load()
	if err != nil {
		t.Fatal(err)
	}

	// Every resource of the page's list is found, under its heading. The five contacts the
	// introduction names inside one sentence of prose are not list items, and the parser does
	// not guess them out of it.
	listed, found := 0, 0
	for _, r := range d.Resources {
		if strings.Contains(r.Section, "introduction") {
			if _, ok := drafts[r.Name]; ok {
				t.Errorf("%s: named only in the introduction's prose, but parsed as a resource", r.Name)
			}
			continue
		}
		listed++
		dr, ok := drafts[r.Name]
		if !ok {
			t.Errorf("curated resource %q (%s) not found by the parser", r.Name, r.ID)
			continue
		}
		found++
		if dr.Section != r.Section {
			t.Errorf("%s: section %q, want %q", r.Name, dr.Section, r.Section)
		}
	}
	t.Logf("resources: %d of the %d list items of the curated defaults found; %d drafts in all (%d curated resources, %d of them only in the introduction's prose)",
		found, listed, len(ds), len(d.Resources), len(d.Resources)-listed)
	if found != listed || len(ds) != listed {
		t.Errorf("found %d of %d, %d drafts: want every list item once and nothing else", found, listed, len(ds))
	}

	// Recall of the phone numbers and e-mail addresses the curated defaults state.
	want, got := 0, 0
	for _, r := range d.Resources {
		dr := drafts[r.Name]
		for _, c := range r.Contacts {
			// Only what the seed page states: the offices' own pages added more since.
			if c.Value == "" || (c.Kind != directory.ContactPhone && c.Kind != directory.ContactEmail) || c.Source != directory.SourceSeed {
				continue
			}
			want++
			if dr != nil && slices.ContainsFunc(dr.Contacts, func(p directory.Contact) bool {
				if c.Kind == directory.ContactEmail {
					return p.Kind == c.Kind && strings.EqualFold(p.Value, c.Value)
				}
				return p.Kind == c.Kind && digitsOf(p.Value) == digitsOf(c.Value) && p.Extension == c.Extension
			}) {
				got++
			} else {
				t.Errorf("%s: curated %s %q not found by the parser", r.Name, c.Kind, c.Value)
			}
		}
	}
	recall := float64(got) / float64(want)
	t.Logf("phone and e-mail recall against the curated defaults: %d/%d = %.2f", got, want, recall)
	if want < 9 || recall < 1.0 { // measured: 9/9
		t.Errorf("recall %.2f over %d curated values, want 1.00 over at least 9", recall, want)
	}

	// The other way round: what the parser finds that the curators did not write down.
	extra := 0
	for _, r := range d.Resources {
		dr := drafts[r.Name]
		if dr == nil {
			continue
		}
		for _, p := range dr.Contacts {
			if !slices.ContainsFunc(r.Contacts, func(c directory.Contact) bool {
				return c.Kind == p.Kind && strings.EqualFold(c.Value, p.Value)
			}) {
				extra++
				t.Logf("%s: parser found %s %q, which the curated defaults do not have", r.Name, p.Kind, p.Value)
			}
		}
	}
	t.Logf("parser contacts not in the curated defaults: %d", extra)
}

// TestSeedSpotChecks checks facts the seed states in so many words: each expectation is
// first looked up in the page's own text, so the test cannot drift from the source.
func TestSeedSpotChecks(t *testing.T) {
	ds, text := parseFile(t, seedPath)
	drafts := byName(ds)
	tests := []struct {
		name, source string // source: the words of the page that state the fact
		kind         directory.ContactKind
		value        string
		purpose      directory.ContactPurpose
		url          string
	}{
		{"Dean on Call", "Dial 100 from campus phones", directory.ContactPhone, "100", directory.PurposeCampus, ""},
		{"Dean on Call", "or 617-253-1212 to reach MIT Police", directory.ContactPhone, "617-253-1212", directory.PurposeGeneral, "tel:+16172531212"},
		{"MIT Police", "Dial 100 from any campus phone", directory.ContactPhone, "100", directory.PurposeCampus, ""},
		{"MIT Police", "For non-emergencies, dial 617-253-2996", directory.ContactPhone, "617-253-2996", directory.PurposeNonEmergency, "tel:+16172532996"},
		{"MIT Emergency Medical Services", "Call MIT Police Dispatch at 617-253-1212", directory.ContactPhone, "617-253-1212", directory.PurposeGeneral, "tel:+16172531212"},
		{"MIT Anonymous Reporting Hotline", "For questions about the hotline or related material on this website, contact compliance@mit.edu", directory.ContactEmail, "compliance@mit.edu", directory.PurposeQuestions, "mailto:compliance@mit.edu"},
		{"iREFS (Institute-Wide Resources for Easing Friction & Stress)", "To meet with an iREF, email irefs-contact@mit.edu", directory.ContactEmail, "irefs-contact@mit.edu", directory.PurposeGeneral, "mailto:irefs-contact@mit.edu"},
		{"Martha Collins, Assistant Dean for Human Resources and Administration, SA+P", "SA+P (mjcoll@mit.edu)", directory.ContactEmail, "mjcoll@mit.edu", directory.PurposeGeneral, "mailto:mjcoll@mit.edu"},
		{"DoingWell.mit.edu", "- DoingWell.mit.edu", directory.ContactWeb, "DoingWell.mit.edu", directory.PurposeGeneral, "https://doingwell.mit.edu"},
	}
	for _, tc := range tests {
		t.Run(tc.name+" "+tc.value, func(t *testing.T) {
			if !strings.Contains(text, tc.source) || !strings.Contains(tc.source, tc.value) {
				t.Fatalf("the seed does not say %q with %q: fix the test", tc.source, tc.value)
			}
			d := drafts[tc.name]
			if d == nil {
				t.Fatalf("no draft named %q", tc.name)
			}
			i := slices.IndexFunc(d.Contacts, func(c directory.Contact) bool { return c.Kind == tc.kind && c.Value == tc.value })
			if i < 0 {
				t.Fatalf("contacts = %+v, want a %s %q", d.Contacts, tc.kind, tc.value)
			}
			if c := d.Contacts[i]; c.Purpose != tc.purpose || c.URL != tc.url {
				t.Errorf("contact = %+v, want purpose %q and URL %q", c, tc.purpose, tc.url)
			}
		})
	}

	// Hours: 24/7 only where the page says so in so many words; the Dean on Call's hours,
	// which an overnight window and a holiday rule would need, stay in the source's words.
	for _, tc := range []struct {
		name, desc string
		always     bool
	}{
		{"MIT Emergency Medical Services", "24/7", true},
		{"MIT Police", "24 hours a day, seven days a week", true},
		{"MIT MyLife Services", "24/7", true},
		{"Dean on Call", "The service is available Monday through Friday, 5PM – 9AM, and all weekend on Saturday and Sunday and on MIT-observed holidays", false},
	} {
		h := drafts[tc.name].Hours
		if h == nil || h.Description != tc.desc || h.Always != tc.always || len(h.Weekly) != 0 || h.TimeZone != "America/New_York" {
			t.Errorf("%s: hours = %+v, want always=%v described %q", tc.name, h, tc.always, tc.desc)
		}
		if !strings.Contains(text, tc.desc) {
			t.Errorf("%s: hours description %q is not the source's words", tc.name, tc.desc)
		}
	}
	for _, name := range []string{"MIT Health", "CARE Team", "MIT Ombuds Office"} {
		if h := drafts[name].Hours; h != nil {
			t.Errorf("%s: hours = %+v, but the page states none", name, h)
		}
	}
	if d := drafts["Martha Collins, Assistant Dean for Human Resources and Administration, SA+P"]; d == nil || len(d.Review) == 0 {
		t.Errorf("the entry without a description line is not flagged for review: %+v", d)
	}
}

// TestNothingInvented checks, on every list in testdata, that each contact value, extension
// and hours description is the source's words, and that each draft's source text is lines of
// the list.
func TestNothingInvented(t *testing.T) {
	for _, path := range []string{seedPath, "testdata/chemistry-support.txt"} {
		ds, text := parseFile(t, path)
		lines := strings.Split(text, "\n")
		for _, d := range ds {
			for _, c := range d.Contacts {
				if !strings.Contains(d.SourceText, c.Value) || !strings.Contains(d.SourceText, c.Extension) || c.Label == "" {
					t.Errorf("%s: %s: contact %+v is not in its source text %q", path, d.Name, c, d.SourceText)
				}
			}
			if h := d.Hours; h != nil {
				for _, part := range strings.Split(strings.ReplaceAll(h.Description, "; ", ". "), ". ") {
					if !strings.Contains(d.SourceText, part) {
						t.Errorf("%s: %s: hours description %q is not in the source text", path, d.Name, part)
					}
				}
			}
			for _, l := range strings.Split(d.SourceText, "\n") {
				if !slices.Contains(lines, l) {
					t.Errorf("%s: %s: source text line %q is not a line of the list", path, d.Name, l)
				}
			}
			if !strings.Contains(d.SourceText, d.Name) || !strings.Contains(d.SourceText, d.Description) {
				t.Errorf("%s: name %q or description not word for word in %q", path, d.Name, d.SourceText)
			}
		}
	}
}
