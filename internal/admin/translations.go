package admin

import (
	"fmt"
	"strings"

	"signpost/internal/directory"
)

// parseTranslationLines reads what Resource.TranslationLines writes; blank lines are skipped. It returns
// a message naming the line when one is not "language: summary".
func parseTranslationLines(s string) (map[string]directory.Translation, string) {
	var out map[string]directory.Translation
	for i, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		lang, text, ok := strings.Cut(line, ":")
		lang, text = strings.ToLower(strings.TrimSpace(lang)), strings.TrimSpace(text)
		if !ok || text == "" {
			return nil, fmt.Sprintf("Summary in other languages, line %d: write the language code, a colon and the summary, such as \"es: Atención las 24 horas\".", i+1)
		}
		if _, dup := out[lang]; dup {
			return nil, fmt.Sprintf("Summary in other languages, line %d: %s appears twice.", i+1, lang)
		}
		if out == nil {
			out = map[string]directory.Translation{}
		}
		out[lang] = directory.Translation{Summary: text}
	}
	return out, ""
}
