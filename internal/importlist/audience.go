package importlist

import (
	"fmt"
	"regexp"
	"strings"

	"signpost/internal/directory"
)

// audienceStatement finds a sentence in which a resource says whom it serves: "The office
// serves all undergraduate and graduate students.", "Nightline is for students.", "The
// program is open to all first-generation undergraduate and graduate students.", "care for
// enrolled students" (only students enrol).
var audienceStatement = regexp.MustCompile(`(?i)\b(?:serves|serve|is (?:only )?for|are (?:only )?for|is open to|are open to|is available to|are available to|is limited to|is reserved for|is open only to|for (?:currently )?enrolled)\s+([^.;:!?]+)`)

// servesAs is "serves as a neutral resource …", which says what a resource is, not whom it
// serves.
var servesAs = regexp.MustCompile(`(?i)^serves?\s+as\b`)

// groupWords name the groups of a university community as pages write them.
var groupWords = map[string]string{
	"student": "student", "undergraduate": "undergraduate", "undergrad": "undergraduate",
	"graduate": "graduate", "grad": "graduate", "master": "graduate", "doctoral": "graduate",
	"phd": "graduate", "graduates": "graduate", "staff": "employee", "employee": "employee", "faculty": "faculty",
	"postdoc": "employee", "postdoctoral": "employee", "instructor": "employee",
	"everyone": "everyone", "anyone": "everyone", "alumni": "everyone", "scholar": "everyone",
	"family": "everyone", "familie": "everyone", "people": "everyone",
	"visitor": "campus", "public": "campus", "guest": "campus",
}

// statedAudience reads the audience a description states in a sentence of its own ("X serves
// Y"), when exactly one statement names groups and they make one audience; ok is false
// otherwise, and the heading decides.
func statedAudience(description string) (aud directory.Audience, statement string, ok bool) {
	found := audienceStatement.FindAllStringSubmatch(description, -1)
	var groups map[string]bool
	for _, m := range found {
		if servesAs.MatchString(m[0]) {
			continue
		}
		// "for enrolled students, as well as group programs … in the community": the groups
		// come before what else is offered.
		phrase, _, _ := strings.Cut(strings.ToLower(m[1]), "as well as")
		g := groupsIn(phrase)
		if len(g) == 0 {
			continue
		}
		if groups != nil {
			return "", "", false // two statements: leave it to the heading and an editor
		}
		groups, statement = g, strings.TrimSpace(m[0])
	}
	if groups == nil {
		return "", "", false
	}
	students := groups["student"] || groups["undergraduate"] || groups["graduate"]
	switch {
	case groups["campus"] || groups["everyone"] && strings.Contains(strings.ToLower(statement), "on campus"):
		// Visitors and the public too: everyone on campus.
		return directory.AudienceEveryone, statement, true
	case groups["everyone"] || students && (groups["employee"] || groups["faculty"]):
		return directory.AudienceAll, statement, true
	case groups["faculty"] && !groups["employee"]:
		return directory.AudienceFaculty, statement, true
	case groups["employee"] || groups["faculty"]:
		// Staff or postdocs, with faculty or not, are the employees.
		return directory.AudienceEmployees, statement, true
	case groups["undergraduate"] && !groups["graduate"]:
		return directory.AudienceUndergraduates, statement, true
	case groups["graduate"] && !groups["undergraduate"]:
		return directory.AudienceGraduates, statement, true
	}
	return directory.AudienceStudents, statement, true
}

// groupsIn lists the kinds of group a phrase names. "Graduate" counts as a group only before
// "student" ("graduate students") or as "graduates": "students struggling to graduate" are
// students.
func groupsIn(phrase string) map[string]bool {
	out := map[string]bool{}
	words := strings.FieldsFunc(strings.ToLower(phrase), func(r rune) bool {
		return !(r >= 'a' && r <= 'z')
	})
	for i, w := range words {
		if w != "graduates" {
			w = strings.TrimSuffix(w, "s")
		}
		if w == "graduate" && (i+1 == len(words) || !strings.HasPrefix(words[i+1], "student")) {
			continue
		}
		if g, ok := groupWords[w]; ok {
			out[g] = true
		}
	}
	return out
}

// audienceOf is a draft's audience: what its heading names when it names one group, else
// what its description states, else all; with a note of how it was chosen.
func audienceOf(d Draft) (directory.Audience, string) {
	aud, note := audience(d.Section)
	if aud != directory.AudienceAll {
		return aud, note
	}
	if stated, statement, ok := statedAudience(d.Description); ok {
		return stated, fmt.Sprintf("audience (%s, read from %q)", stated, statement)
	}
	return aud, note
}
