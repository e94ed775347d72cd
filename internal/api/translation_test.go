package api_test

import (
	"net/url"
	"testing"

	"signpost/internal/api"
)

// TestMatchSummariesFollowTheLanguage: with lang=es each result's summary is the resource's
// Spanish one (summary_lang "es"), and the resource document carries every translation;
// without lang an English concern gets the directory's own summaries.
func TestMatchSummariesFollowTheLanguage(t *testing.T) {
	srv := newTestServer(t)
	q := url.QueryEscape("my advisor yells at me in lab meetings")
	var es, en api.MatchView
	if code := getJSON(t, srv, "/api/v1/match?lang=es&q="+q, &es); code != 200 {
		t.Fatalf("match lang=es = %d", code)
	}
	if code := getJSON(t, srv, "/api/v1/match?q="+q, &en); code != 200 {
		t.Fatalf("match = %d", code)
	}
	if len(es.Results) == 0 || len(es.Results) != len(en.Results) {
		t.Fatalf("%d Spanish and %d English results", len(es.Results), len(en.Results))
	}
	for i, r := range es.Results {
		var doc api.ResourceView
		if code := getJSON(t, srv, r.Links.Self, &doc); code != 200 {
			t.Fatalf("GET %s = %d", r.Links.Self, code)
		}
		want, ok := doc.Translations["es"]
		if !ok {
			t.Fatalf("%s has no Spanish summary in its resource document", r.ID)
		}
		if r.Summary != want.Summary || r.SummaryLang != "es" {
			t.Errorf("lang=es result %s: summary %q (%q), want the Spanish %q", r.ID, r.Summary, r.SummaryLang, want.Summary)
		}
		if e := en.Results[i]; e.Summary != doc.Summary || e.SummaryLang != "" {
			t.Errorf("English result %s: summary %q (%q), want the directory's %q", e.ID, e.Summary, e.SummaryLang, doc.Summary)
		}
	}
}
