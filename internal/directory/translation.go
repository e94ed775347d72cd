package directory

import (
	"regexp"
	"slices"
	"strings"
)

// Translation is a resource's card text in another language than its source's. Names stay as
// the source gives them: they are what a person will hear on the phone or see on a door.
type Translation struct {
	// Summary is [Resource.Summary] in the translation's language.
	Summary string `json:"summary"`
}

// languageKey is a primary language subtag as BCP 47 writes it ("es", "pt", "fil").
var languageKey = regexp.MustCompile(`^[a-z]{2,3}$`)

// SummaryIn returns the resource's summary in language lang (a primary subtag such as "es")
// when it has one, and the language it is in: lang for a translation, "" for the source's
// own summary, so that a page can mark text in another language than its own.
func (r *Resource) SummaryIn(lang string) (summary, in string) {
	if lang != "" {
		if t, ok := r.Translations[lang]; ok && t.Summary != "" {
			return t.Summary, lang
		}
	}
	return r.Summary, ""
}

// TranslationLanguages returns the languages the resource has translations in, sorted.
func (r *Resource) TranslationLanguages() []string {
	langs := make([]string, 0, len(r.Translations))
	for l := range r.Translations {
		langs = append(langs, l)
	}
	slices.Sort(langs)
	return langs
}

// TranslationLines writes the translated summaries one "lang: summary" line each, languages
// sorted, each summary passed through esc (a format's escaping; nil for none): the form the
// spreadsheet and the editors' form share.
func (r *Resource) TranslationLines(esc func(string) string) string {
	var lines []string
	for _, lang := range r.TranslationLanguages() {
		s := r.Translations[lang].Summary
		if esc != nil {
			s = esc(s)
		}
		lines = append(lines, lang+": "+s)
	}
	return strings.Join(lines, "\n")
}

func (r *Resource) validateTranslations() error {
	for _, lang := range r.TranslationLanguages() {
		t := r.Translations[lang]
		switch {
		case !languageKey.MatchString(lang):
			return Errorf(EInvalid, "%s: translations: %q is not a language code such as es or pt (two or three lower-case letters).", r.ID, lang)
		case strings.TrimSpace(t.Summary) == "":
			return Errorf(EInvalid, "%s: translations.%s.summary is required (leave the language out instead).", r.ID, lang)
		case len(t.Summary) > 500:
			return Errorf(EInvalid, "%s: translations.%s.summary is over 500 bytes: a card line should be short.", r.ID, lang)
		}
	}
	return nil
}
