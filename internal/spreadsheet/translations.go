package spreadsheet

import (
	"fmt"
	"strings"

	"signpost/internal/directory"
)

// parseTranslations reads a summary_translations cell, as Resource.TranslationLines writes it
// with the cell escaping.
func parseTranslations(s string) (map[string]directory.Translation, error) {
	if s == "" {
		return nil, nil
	}
	out := map[string]directory.Translation{}
	for i, line := range strings.Split(s, "\n") {
		lang, text, ok := strings.Cut(line, ": ")
		if !ok {
			return nil, fmt.Errorf("line %d: %q is not \"language: summary\", such as \"es: Atención las 24 horas\"", i+1, line)
		}
		if _, dup := out[lang]; dup {
			return nil, fmt.Errorf("line %d: %s appears twice", i+1, lang)
		}
		v, err := unescape(text)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		out[lang] = directory.Translation{Summary: v}
	}
	return out, nil
}
