package navigator_test

import (
	"testing"

	"signpost/internal/navigator"
)

// TestSpanishInflectionsReadAsTheirTerm: a Spanish concern whose verb is inflected otherwise
// than the pack's term (which says "inventando datos") still reads research misconduct; an
// English word that only looks like a Spanish stem does not borrow it.
func TestSpanishInflectionsReadAsTheirTerm(t *testing.T) {
	for _, q := range []string{
		"creo que en mi grupo inventaron los datos del experimento",
		"sospecho que falsificaron los resultados",
	} {
		a := match(t, navigator.Request{Text: q})
		found := false
		for _, tp := range a.Understood.Topics {
			found = found || tp.ID == "research-misconduct"
		}
		if !found {
			t.Errorf("%q: research misconduct not read (topics %+v)", q, a.Understood.Topics)
		}
	}
}
