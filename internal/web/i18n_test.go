package web_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"signpost/internal/directory"
	"signpost/internal/mitdusp"
)

func readCatalog(t *testing.T, lang string) map[string]string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("messages", lang+".json"))
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("messages/%s.json: %v", lang, err)
	}
	return m
}

var placeholder = regexp.MustCompile(`\{[0-9]\}`)

func placeholders(s string) []string {
	p := placeholder.FindAllString(s, -1)
	slices.Sort(p)
	return slices.Compact(p)
}

// TestSpanishIsComplete holds Spanish to every English key, with the same placeholders, and
// its translations of data (keys under "data.") to ids the data has.
func TestSpanishIsComplete(t *testing.T) {
	en, es := readCatalog(t, "en"), readCatalog(t, "es")
	for k, v := range en {
		if strings.HasPrefix(k, "data.") {
			t.Errorf("en.json has the data translation %q: English shows the data's own words", k)
		}
		if strings.TrimSpace(es[k]) == "" {
			t.Errorf("es.json lacks %q", k)
			continue
		}
		if got, want := placeholders(es[k]), placeholders(v); !slices.Equal(got, want) {
			t.Errorf("es.json %q has placeholders %v, want %v as in English", k, got, want)
		}
	}
	d, err := mitdusp.Load()
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, tp := range d.Topics {
		known["data.topic."+tp.ID] = true
	}
	for _, a := range []directory.Audience{directory.AudienceAll, directory.AudienceEveryone, directory.AudienceStudents,
		directory.AudienceGraduates, directory.AudienceUndergraduates, directory.AudienceEmployees, directory.AudienceFaculty} {
		known["data.audience."+string(a)] = true
	}
	for _, c := range directory.Confidentialities {
		known["data.conf.explain."+string(c)] = true
	}
	for k := range es {
		if _, ok := en[k]; !ok && !known[k] {
			t.Errorf("es.json has %q, which is neither an English key nor a translation of a known topic, audience or confidentiality", k)
		}
	}
	for k := range known {
		if es[k] == "" {
			t.Errorf("es.json lacks the translation %q", k)
		}
	}
}

// TestEveryKeyInUseExists scans the templates and the Go code for message keys and requires
// each in English (Spanish follows from TestSpanishIsComplete).
func TestEveryKeyInUseExists(t *testing.T) {
	en := readCatalog(t, "en")
	used := map[string]bool{}
	named := map[string]bool{} // string literals that happen to be keys: used, not checked
	key := regexp.MustCompile(`\.T[f]? "([a-z0-9.\-]+)"|\bT[f]?\("([a-z0-9.\-]+)"`)
	literal := regexp.MustCompile(`"([a-z0-9\-]+\.[a-z0-9.\-]+)"`)
	for _, pattern := range []string{"templates/*.html", "*.go"} {
		files, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range key.FindAllStringSubmatch(string(b), -1) {
				if k := m[1] + m[2]; !strings.HasSuffix(k, ".") { // a prefix the code completes
					used[k] = true
				}
			}
			for _, m := range literal.FindAllStringSubmatch(string(b), -1) {
				named[m[1]] = true
			}
		}
	}
	if len(used) < 100 {
		t.Fatalf("found only %d message keys in use; the scan is broken", len(used))
	}
	// Keys the code builds from data.
	for _, r := range directory.Roles {
		used["role."+string(r)] = true
	}
	for _, c := range directory.Confidentialities {
		used["conf."+string(c)] = true
	}
	for i := range 7 {
		used["day."+strconv.Itoa(i)] = true
	}
	for i := 1; i <= 12; i++ {
		used["month."+strconv.Itoa(i)] = true
	}
	for k := range used {
		if _, ok := en[k]; !ok {
			t.Errorf("message key %q is used but not in en.json", k)
		}
	}
	for k := range en {
		if !used[k] && !named[k] && !strings.HasPrefix(k, "hours.term.") {
			t.Errorf("en.json has %q, which nothing uses", k)
		}
	}
}
