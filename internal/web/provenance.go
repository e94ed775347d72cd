package web

import (
	"strings"
	"time"
	"unicode"

	"signpost/internal/directory"
)

// provenance says in plain words where a fact was read: the department's page, or an
// office's website as of a date; "" when the record does not say.
func (p *page) provenance(source, asOf string) string {
	switch {
	case source == directory.SourceSeed:
		return p.T("source.seed")
	case source != "":
		if d, err := time.Parse(time.DateOnly, asOf); err == nil {
			return p.Tf("source.web", p.date(d, true))
		}
	}
	return ""
}

// squash lowers s and keeps only its letters and digits, so that two statements of the same
// words compare equal whatever their spacing, dashes and punctuation.
func squash(s string) string {
	var b strings.Builder
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// sourceRepeats reports whether r's source text is its name and description again (the
// usual case for an entry read from a department's page).
func sourceRepeats(r *directory.Resource) bool {
	src := squash(r.Provenance.SourceText)
	if src == "" {
		return false
	}
	rest := strings.Replace(src, squash(r.Name), "", 1)
	rest = strings.Replace(rest, squash(r.Description), "", 1)
	return len(rest) <= len(src)/10
}
