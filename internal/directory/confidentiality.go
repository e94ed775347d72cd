package directory

import "strings"

// Confidentiality is what a resource promises about what a person tells it.
type Confidentiality string

// The confidentiality levels.
const (
	// Confidential: what you share stays with the resource, with the usual legal exceptions
	// such as imminent danger.
	Confidential Confidentiality = "confidential"
	// Anonymous: the resource offers a channel where you need not give your name.
	Anonymous Confidentiality = "anonymous"
	// NotConfidential: the resource may have to act on or pass on what you report.
	NotConfidential Confidentiality = "not-confidential"
)

// Confidentialities lists every level, most private first.
var Confidentialities = []Confidentiality{Confidential, Anonymous, NotConfidential}

// ParseConfidentiality returns the level named by s or an [EInvalid] error.
func ParseConfidentiality(s string) (Confidentiality, error) {
	c := Confidentiality(strings.ToLower(strings.TrimSpace(s)))
	if c.Valid() {
		return c, nil
	}
	return "", Errorf(EInvalid, "Unknown confidentiality %q: use one of confidential, anonymous, not-confidential.", s)
}

// Valid reports whether c is a known level.
func (c Confidentiality) Valid() bool {
	return c == Confidential || c == Anonymous || c == NotConfidential
}

// Private reports whether the level keeps a person's identity or words out of a report:
// confidential or anonymous.
func (c Confidentiality) Private() bool { return c == Confidential || c == Anonymous }

// Label is the level as a short badge.
func (c Confidentiality) Label() string {
	switch c {
	case Confidential:
		return "Confidential"
	case Anonymous:
		return "Anonymous option"
	case NotConfidential:
		return "Not confidential"
	}
	return string(c)
}

// Explanation says in plain language what the level means for the person using the resource.
func (c Confidentiality) Explanation() string {
	switch c {
	case Confidential:
		return "Confidential: what you share stays with this resource. It will not start an investigation or tell anyone without your consent, except where the law requires it (for example, an imminent risk of serious harm)."
	case Anonymous:
		return "Anonymous option: you can raise a concern here without giving your name. What you report may be acted on, so leave out details that would identify you if you want to stay anonymous."
	case NotConfidential:
		return "Not confidential: this office can help directly, and it may be required to act on or pass on what you tell it (for example, a report of harassment or a safety risk). Ask about privacy before you share details."
	}
	return ""
}
