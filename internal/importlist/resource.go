package importlist

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"signpost/internal/directory"
)

// Resources turns drafts into unreviewed resources with [directory.StatusDraft], so that none
// is public until a person reviews and publishes it. Source names the list (its file name).
//
// Each gets an id slugged from its name, unique among the drafts and not in existing; Kind
// service; Confidentiality not-confidential unless the page's own words for the resource say
// otherwise (a description opening "Confidential." or a "(confidential)" tag: the stricter
// promise is never guessed); Emergency when its name says it is a police, medical or fire
// service and its text that it answers emergencies; Audience from the section heading when the heading
// names one group, else from a sentence of the description that says whom it serves ("The
// office serves all undergraduate and graduate students."), else all; no topics (the navigator reads them from the text until an
// editor sets them); and provenance holding the list's lines word for word and notes on what
// needs review, every inferred field among them. Resources returns an [directory.EInvalid] error naming the
// draft's line if one does not validate.
func Resources(drafts []Draft, source string, existing []string) ([]directory.Resource, error) {
	taken := make(map[string]bool, len(existing)+len(drafts))
	for _, id := range existing {
		taken[id] = true
	}
	out := make([]directory.Resource, 0, len(drafts))
	for _, d := range drafts {
		id := uniqueID(slug(d.Name), taken)
		taken[id] = true
		aud, audNote := audienceOf(d)
		r := directory.Resource{
			ID:              id,
			Name:            d.Name,
			Section:         d.Section,
			Description:     d.Description,
			Audience:        aud,
			Confidentiality: directory.NotConfidential,
			Kind:            directory.KindService,
			Topics:          []string{},
			Contacts:        append([]directory.Contact{}, d.Contacts...),
			Provenance: directory.Provenance{
				Source:     source,
				SourceText: d.SourceText,
				Notes:      notes(d, source, audNote),
			},
			Status: directory.StatusDraft,
		}
		if d.Hours != nil {
			h := *d.Hours
			r.Hours = &h
		}
		var inferred []string
		if c, cue, ok := inferConfidentiality(d); ok {
			r.Confidentiality = c
			inferred = append(inferred, fmt.Sprintf("confidentiality %s (inferred from %q)", c, cue))
		}
		if kinds, ok := inferEmergency(d); ok {
			r.Emergency = true
			inferred = append(inferred, fmt.Sprintf("emergency service (inferred: its name says %s and its text that it answers emergencies)", strings.Join(kinds, ", ")))
		}
		if len(inferred) > 0 {
			r.Provenance.Notes += " Inferred, to check: " + strings.Join(inferred, "; ") + "."
		}
		if err := r.Validate(); err != nil {
			return nil, directory.Errorf(directory.EInvalid, "line %d: %s", d.Line, directory.ErrorMessage(err))
		}
		out = append(out, r)
	}
	return out, nil
}

// notes is the provenance note of a draft: where it comes from and what a person must check.
func notes(d Draft, source, audNote string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Unreviewed draft from signpost import-list (%s, line %d): not public until reviewed. Review: ", source, d.Line)
	b.WriteString(audNote)
	b.WriteString("; confidentiality (set to not-confidential by default")
	if l := strings.ToLower(d.Description); strings.Contains(l, "confidential") || strings.Contains(l, "anonymous") {
		b.WriteString(", but the description speaks of confidentiality or anonymity")
	}
	b.WriteString("); organization, topics and kind (service by default); contacts (")
	if len(d.Contacts) == 0 {
		b.WriteString("none found in the text")
	} else {
		fmt.Fprintf(&b, "%d read from the text, purposes guessed from their sentence", len(d.Contacts))
	}
	b.WriteString("); hours (")
	if d.Hours == nil {
		b.WriteString("none stated")
	} else {
		b.WriteString("see below")
	}
	b.WriteString(").")
	for _, r := range d.Review {
		b.WriteString(" ")
		b.WriteString(strings.ToUpper(r[:1]) + r[1:])
		b.WriteString(".")
	}
	return b.String()
}

// audience reads the group a section heading names, and says how it was chosen.
func audience(section string) (directory.Audience, string) {
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(section), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r == '-')
	}) {
		words[strings.TrimSuffix(w, "s")] = true
	}
	var found []directory.Audience
	undergrad, grad := words["undergraduate"] || words["undergrad"], words["graduate"] || words["grad"]
	switch {
	case undergrad && grad, words["student"] && !undergrad && !grad:
		// "Students (undergraduate and graduate)" are all students.
		found = append(found, directory.AudienceStudents)
	case undergrad:
		found = append(found, directory.AudienceUndergraduates)
	case grad:
		found = append(found, directory.AudienceGraduates)
	}
	if words["employee"] {
		found = append(found, directory.AudienceEmployees)
	}
	if words["faculty"] {
		found = append(found, directory.AudienceFaculty)
	}
	for _, w := range []string{"staff", "postdoc", "post-doc", "postdoctoral", "alumni", "alumnus", "visitor", "parent", "family", "familie"} {
		if words[w] {
			found = append(found, "")
		}
	}
	if len(found) == 1 && found[0] != "" {
		return found[0], fmt.Sprintf("audience (%s, read from the heading %q)", found[0], section)
	}
	return directory.AudienceAll, "audience (all: the heading does not name one group)"
}

var nonSlug = regexp.MustCompile(`[^a-z0-9]+`)

// slug is an id made of a name's letters and digits: "Let's Chat" is "lets-chat".
func slug(name string) string {
	s := strings.ToLower(name)
	s = strings.NewReplacer("'", "", "’", "", "‘", "").Replace(s)
	s = strings.Trim(nonSlug.ReplaceAllString(s, "-"), "-")
	if s == "" {
		return "resource"
	}
	return s
}

// uniqueID returns base, shortened to fit 64 characters, or base-2, base-3 … when taken.
func uniqueID(base string, taken map[string]bool) string {
	for n := 1; ; n++ {
		suffix := ""
		if n > 1 {
			suffix = "-" + strconv.Itoa(n)
		}
		b := base
		if len(b)+len(suffix) > 64 {
			b = b[:64-len(suffix)]
			if i := strings.LastIndexByte(b, '-'); i > 0 {
				b = b[:i]
			}
			b = strings.TrimRight(b, "-")
		}
		if id := b + suffix; !taken[id] && directory.ValidID(id) {
			return id
		}
	}
}
