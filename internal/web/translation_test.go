package web_test

import (
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"signpost/internal/directory"
	"signpost/internal/mitdusp"
)

// TestSpanishPagesShowTranslatedSummaries: a Spanish page shows a resource's Spanish summary
// where the data has one, unmarked, and the English one marked lang="en" where it has not;
// an English page always shows the directory's own summary.
func TestSpanishPagesShowTranslatedSummaries(t *testing.T) {
	d, err := mitdusp.Load()
	if err != nil {
		t.Fatal(err)
	}
	const untranslated = "ombuds"
	s := newSiteWith(t, siteOptions{edit: func(d *directory.Directory) {
		for i := range d.Resources {
			if d.Resources[i].ID == untranslated {
				d.Resources[i].Translations = nil
			}
		}
	}})
	translated := d.Resources[0]
	es, ok := translated.Translations["es"]
	if !ok {
		t.Fatalf("the default directory's first resource has no Spanish summary")
	}
	page := s.get(t, "/resources/"+translated.ID+"?lang=es")
	if !strings.Contains(html.UnescapeString(page.body), `<p class="lead">`+es.Summary+`</p>`) {
		t.Errorf("the Spanish page of %s lacks its Spanish summary, unmarked", translated.ID)
	}
	if en := html.UnescapeString(s.get(t, "/resources/"+translated.ID).body); strings.Contains(en, es.Summary) || !strings.Contains(en, translated.Summary) {
		t.Errorf("the English page of %s should show the English summary only", translated.ID)
	}
	if page := s.get(t, "/resources/"+untranslated+"?lang=es"); !strings.Contains(page.body, `<p class="lead" lang="en">`) {
		t.Errorf("an untranslated summary on a Spanish page should be marked lang=\"en\"")
	}

	// Results in Spanish: every card's summary is its resource's Spanish one, or marked English.
	byID := map[string]directory.Resource{}
	for _, r := range d.Resources {
		byID[r.ID] = r
	}
	r := s.post(t, "/?lang=es", url.Values{"q": {"mi asesor se lleva el crédito de mi trabajo y quiero hablar en confianza"}})
	cards := regexp.MustCompile(`<a href="/resources/([a-z0-9-]+)\?lang=es"[^>]*>[^<]*</a></h[23]>\n<p class="summary"( lang="en")?>([^<]*)</p>`).FindAllStringSubmatch(r.body, -1)
	if len(cards) < 2 {
		t.Fatalf("found %d result cards with summaries in the Spanish results", len(cards))
	}
	for _, c := range cards {
		id, markedEnglish, shown := c[1], c[2] != "", html.UnescapeString(c[3])
		want, wantEnglish := byID[id].Translations["es"].Summary, false
		if id == untranslated {
			want, wantEnglish = byID[id].Summary, true
		}
		if shown != want || markedEnglish != wantEnglish {
			t.Errorf("card %s shows %q (marked English: %v), want %q (%v)", id, shown, markedEnglish, want, wantEnglish)
		}
	}
}
