package directory

import (
	"strings"
	"testing"
)

func TestTranslationsAreChecked(t *testing.T) {
	base := Resource{ID: "r", Name: "R", Description: "D", Audience: AudienceAll, Confidentiality: NotConfidential, Kind: KindService, Summary: "Help."}
	for _, tc := range []struct {
		name string
		tr   map[string]Translation
		want string
	}{
		{"fine", map[string]Translation{"es": {Summary: "Ayuda."}, "fil": {Summary: "Tulong."}}, ""},
		{"region in the key", map[string]Translation{"es-MX": {Summary: "Ayuda."}}, "not a language code"},
		{"empty summary", map[string]Translation{"es": {Summary: "  "}}, "translations.es.summary is required"},
		{"too long", map[string]Translation{"es": {Summary: strings.Repeat("a", 501)}}, "over 500 bytes"},
	} {
		r := base
		r.Translations = tc.tr
		err := r.Validate()
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("%s: Validate = %v, want %q", tc.name, err, tc.want)
		}
	}
	r := base
	r.Translations = map[string]Translation{"es": {Summary: "Ayuda."}}
	if s, in := r.SummaryIn("es"); s != "Ayuda." || in != "es" {
		t.Errorf("SummaryIn(es) = %q, %q", s, in)
	}
	if s, in := r.SummaryIn("pt"); s != "Help." || in != "" {
		t.Errorf("SummaryIn(pt) = %q, %q: want the source's own summary", s, in)
	}
}
