package importlist

import (
	"regexp"
	"strings"
	"sync"

	"signpost/internal/concern"
	"signpost/internal/directory"
)

// confidentialCue and anonymousCue read what a page says of a resource's confidentiality in
// its own words: a description or one of its sentences that opens "Confidential.", or a tag
// "(confidential)".
var (
	// Either may also open a later sentence of the description when it says so and no
	// more ("24 hours, 7 days. Confidential.", "Anonymous and confidential.", "Confidential
	// pastoral conversations."), as a table's hours-and-confidentiality cell reads; a
	// "Confidential tip line" or "Anonymous reports are not accepted" is no such cue.
	confidentialCue = regexp.MustCompile(`(?i)^\s*(strictly\s+)?confidential\b|[.;]\s+(strictly\s+)?confidential(\s*([.;,]|$)|\s+(and|but)\b|\s+(pastoral|medical|counseling|counselling|support|conversations?)\b)|\(\s*confidential\s*\)`)
	anonymousCue    = regexp.MustCompile(`(?i)^\s*anonymous\b|[.;]\s+anonymous(\s*([.;,]|$)|\s+(and|if|on request)\b)|\(\s*anonymous\s*\)`)
	// anonymousChannel is a description saying the resource takes reports without a name:
	// "report anonymously", "can be contacted anonymously", "an anonymous hotline".
	anonymousChannel = regexp.MustCompile(`(?i)\b(report|call|submit|contact(ed)?|raise|reach|tip|use|text)\w*\b[^.]{0,60}\banonymous(ly)?\b|\banonymous(ly)?\b[^.]{0,40}\b(report|hotline|line|form|tip|reporting)\b`)
	// emergencyCue is a service saying it answers emergencies.
	emergencyCue = regexp.MustCompile(`(?i)\bemergenc|\b911\b|\b999\b|\b112\b|24/7|around the clock|day or night`)
)

var reader = sync.OnceValue(func() *concern.Reader {
	k, err := concern.DefaultKnowledge()
	if err != nil {
		panic(err) // embedded data, checked by concern's tests
	}
	return concern.NewReader(k)
})

// inferConfidentiality reads the resource's own cue; ok is false when the page says nothing.
func inferConfidentiality(d Draft) (c directory.Confidentiality, cue string, ok bool) {
	switch {
	case hasCue(d.Cues, "anonymous"):
		return directory.Anonymous, "the page marks it anonymous", true
	case hasCue(d.Cues, "confidential"):
		return directory.Confidential, "the page marks it confidential", true
	}
	for _, text := range []string{d.Name, d.Description} {
		if m := anonymousCue.FindString(text); m != "" {
			return directory.Anonymous, strings.TrimSpace(strings.TrimLeft(m, ".;")), true
		}
		if m := confidentialCue.FindString(text); m != "" {
			return directory.Confidential, strings.TrimSpace(strings.TrimLeft(m, ".;")), true
		}
	}
	if m := anonymousChannel.FindString(d.Description); m != "" && !strings.Contains(strings.ToLower(m), "not anonymous") {
		return directory.Anonymous, strings.TrimSpace(m), true
	}
	return "", "", false
}

// inferEmergency reports whether a resource is an emergency service: its name says it is a
// police, medical or fire responder, and its text says it answers emergencies.
func inferEmergency(d Draft) (kinds []string, ok bool) {
	kinds = reader().Responders(d.Name)
	if len(kinds) == 0 || !emergencyCue.MatchString(d.Name+" "+d.Description) {
		return nil, false
	}
	return kinds, true
}
