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

// TestArabicInflectionsReadAsTheirTerm: the Arabic pack's "قابل للاشتعال" (flammable) is read
// in its feminine, with the article, as people write it of a cabinet of chemicals.
func TestArabicInflectionsReadAsTheirTerm(t *testing.T) {
	a := match(t, navigator.Request{Text: "خزانة المواد القابلة للاشتعال في المختبر مفتوحة من أيام، لمين أبلغ؟"})
	found := false
	for _, tp := range a.Understood.Topics {
		found = found || tp.ID == "safety-hazard"
	}
	if !found {
		t.Errorf("lab safety not read (topics %+v)", a.Understood.Topics)
	}
}

// TestLoanwordsKeepTheirMeaning: an English word in a concern written in a pack's language
// ("phishing" in Spanish, which the Spanish stemmer leaves alone) means what the base
// vocabulary says, although another pack has it inside a phrase of its own; a word the
// pack's own terms use ("chats" in "revisa mis chats") stays the pack's.
func TestLoanwordsKeepTheirMeaning(t *testing.T) {
	for _, tc := range []struct{ q, topic string }{
		{"me llegan como 50 correos de phishing al dia", "it-security"},
		{"recebi um email de phishing pedindo minha senha", "it-security"},
		{"mi novio revisa mis chats todo el tiempo", "interpersonal-violence"},
	} {
		a := match(t, navigator.Request{Text: tc.q})
		found := false
		for _, tp := range a.Understood.Topics {
			found = found || tp.ID == tc.topic
		}
		if !found {
			t.Errorf("%q: %s not read (topics %+v)", tc.q, tc.topic, a.Understood.Topics)
		}
	}
}
