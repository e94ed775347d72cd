// Package synthetic generates large, plausible directories for benchmarks and load tests:
// resources built from the words of a real directory, so that queries hit realistic postings.
//
// It imports only the domain. Generation is deterministic for a given seed.
package synthetic

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"signpost/internal/directory"
)

// filler words dilute the vocabulary the way real prose does.
var filler = strings.Fields(`the and for with your you our their campus community members staff students
faculty office services support program team available confidential questions concerns information
resources help provide offer advice guidance referral meeting appointment contact please also may can
well health safety research work life academic graduate undergraduate employees department university
process policy report response options rights responsibilities training workshops consultation`)

// Generate returns a directory of n resources of about words words each, drawn from base's
// resource texts and topics, with ids synthetic-000001 …, and base's topics and calendar.
func Generate(base *directory.Directory, n, words int, seed uint64) *directory.Directory {
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	var vocab []string
	for _, r := range base.Resources {
		vocab = append(vocab, strings.Fields(strings.ToLower(r.Description))...)
	}
	for _, t := range base.Topics {
		vocab = append(vocab, strings.Fields(strings.ToLower(t.Name+" "+t.Description))...)
	}
	vocab = append(vocab, filler...)
	audiences := []directory.Audience{directory.AudienceAll, directory.AudienceStudents, directory.AudienceGraduates,
		directory.AudienceUndergraduates, directory.AudienceEmployees, directory.AudienceFaculty}
	d := &directory.Directory{Topics: base.Topics, Calendar: base.Calendar, Resources: make([]directory.Resource, 0, n)}
	for i := range n {
		desc := make([]string, words)
		for j := range desc {
			desc[j] = strings.Trim(vocab[rng.IntN(len(vocab))], ".,;:()")
		}
		nt := 1 + rng.IntN(3)
		topics := make([]string, 0, nt)
		for len(topics) < nt {
			t := base.Topics[rng.IntN(len(base.Topics))].ID
			if !slices.Contains(topics, t) {
				topics = append(topics, t)
			}
		}
		id := fmt.Sprintf("synthetic-%06d", i+1)
		r := directory.Resource{
			ID:              id,
			Name:            fmt.Sprintf("%s %s %d", title(desc[0]), title(desc[1]), i+1),
			Organization:    "Synthetic University",
			Section:         "Synthetic",
			Description:     strings.Join(desc, " ") + ".",
			Audience:        audiences[rng.IntN(len(audiences))],
			Confidentiality: directory.Confidentialities[rng.IntN(len(directory.Confidentialities))],
			Kind:            directory.KindService,
			Topics:          topics,
			Contacts:        []directory.Contact{},
			Provenance:      directory.Provenance{Source: "synthetic", SourceText: id},
		}
		if rng.IntN(4) == 0 {
			r.Hours = &directory.Hours{TimeZone: "America/New_York", Description: "Weekdays 9 to 5",
				Weekly: []directory.Window{{Days: []directory.Weekday{"MO", "TU", "WE", "TH", "FR"}, Opens: "09:00", Closes: "17:00"}}}
		}
		d.Resources = append(d.Resources, r)
	}
	return d
}

func title(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 {
		return s
	}
	// The whole first letter, not its first byte: upper-casing half of "é" made invalid UTF-8.
	return string(unicode.ToUpper(r)) + s[size:]
}
