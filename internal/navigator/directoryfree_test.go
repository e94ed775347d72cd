package navigator

import (
	"strings"
	"testing"
	"unicode"

	"signpost/internal/alternatives"
)

// TestKnowledgeNamesNoResource: no term of the vocabulary or of a language pack is a name the
// default directory gives one of its resources (id, name, short name, alias). Naming a
// resource is the directory's business, read from its own data, so that the knowledge serves
// any department's page. Kinds of office every university has ("hr", "campus police") are
// words for a concern even where this directory also uses them as a name.
func TestKnowledgeNamesNoResource(t *testing.T) {
	k, d := defaults(t)
	kindsOfOffice := map[string]bool{"hr": true, "department head": true, "administrative officer": true, "deb officer": true,
		"urgent care": true, "campus police": true, "anonymous hotline": true, "student mental health": true}
	names := map[string]string{}
	for _, r := range d.Resources {
		for _, name := range append([]string{strings.ReplaceAll(r.ID, "-", " "), r.Name, r.AlternateName}, r.Aliases...) {
			if key := phraseKey(name); key != "" && !kindsOfOffice[key] {
				names[key] = r.ID
			}
		}
	}
	check := func(where string, terms []string) {
		for _, term := range terms {
			for _, text := range alternatives.Expand(term) {
				// A language written without spaces joins a name to its own words ("idhr办公室"):
				// each run of Latin letters counts as a phrase of its own too.
				for _, part := range append([]string{text}, latinRuns(text)...) {
					if id, ok := names[phraseKey(part)]; ok {
						t.Errorf("%s: %q names the default directory's %s", where, text, id)
					}
				}
			}
		}
	}
	for _, c := range k.Vocabulary.Concepts {
		check("vocabulary.json "+c.ID, c.Terms)
	}
	for lang, p := range k.Packs {
		for id, c := range p.Concepts {
			check("vocabulary-"+lang+".json "+id, c.Terms)
		}
	}
}

// latinRuns returns the runs of ASCII letters, digits and spaces in a text that holds other
// characters too.
func latinRuns(text string) []string {
	var runs []string
	if isASCII(text) {
		return nil
	}
	for _, f := range strings.FieldsFunc(text, func(r rune) bool {
		return !(r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == ' '))
	}) {
		if f = strings.TrimSpace(f); f != "" {
			runs = append(runs, f)
		}
	}
	return runs
}
