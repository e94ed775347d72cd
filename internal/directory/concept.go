package directory

import (
	"context"
	"fmt"
	"signpost/internal/alternatives"
	"slices"
	"strings"
)

// Concept is one entry of the concern vocabulary: a thing a person may be talking about
// ("sexual harassment", "advisor"), the words that name it, and where it points. The defaults
// are the navigator's embedded vocabulary; concepts stored by editors override those with the
// same id, add new ones, or (Retired) take one out.
type Concept struct {
	ID string `json:"id"`
	// Label names the concept in the explanation a person reads ("You mentioned …").
	Label string `json:"label"`
	// Terms are the words and phrases that name it.
	Terms []string `json:"terms"`
	// Topics are topic ids with weights from 0 to 1.
	Topics map[string]float64 `json:"topics"`
	// Prefer lifts, among the resources that have one of Topics, those with an attribute
	// ([Preferences] lists them) by a weight: "stalking" prefers the emergency services,
	// "sexual assault" confidential ones. Knowledge speaks of attributes, never of one
	// directory's resources.
	Prefer map[string]float64 `json:"prefer,omitempty"`
	// Resources is what older vocabularies used to point at resources by id. It is read so
	// that stored concepts still load, but the navigator ignores it and reports it.
	Resources map[string]float64 `json:"resources,omitempty"`
	// Retired concepts are no longer recognised.
	Retired bool `json:"retired,omitempty"`
}

// Validate returns an [EInvalid] error naming the first wrong field.
func (c *Concept) Validate() error {
	switch {
	case !ValidID(c.ID):
		return Errorf(EInvalid, "concept id %q: use lower-case letters, digits and single hyphens.", c.ID)
	case strings.TrimSpace(c.Label) == "":
		return Errorf(EInvalid, "concept %s: label is required.", c.ID)
	case len(c.Terms) == 0:
		return Errorf(EInvalid, "concept %s: terms: give at least one word or phrase.", c.ID)
	case len(c.Topics) == 0:
		return Errorf(EInvalid, "concept %s: topics: point at least one topic.", c.ID)
	}
	for i, t := range c.Terms {
		if strings.TrimSpace(t) == "" || len(t) > 200 {
			return Errorf(EInvalid, "concept %s: terms[%d] must be 1 to 200 characters.", c.ID, i)
		}
		if err := CheckTerm(t); err != nil {
			return Errorf(EInvalid, "concept %s: %v.", c.ID, err)
		}
	}
	for key, w := range c.Prefer {
		if !slices.Contains(Preferences, key) || w <= 0 || w > 1 {
			return Errorf(EInvalid, "concept %s: prefer %q with weight %v: use one of %s, with a weight above 0 and at most 1.", c.ID, key, w, strings.Join(Preferences, ", "))
		}
	}
	for _, m := range []map[string]float64{c.Topics} {
		for id, w := range m {
			if !ValidID(id) || w <= 0 || w > 1 {
				return Errorf(EInvalid, "concept %s: %q with weight %v: ids are lower-case with hyphens and weights are above 0 and at most 1.", c.ID, id, w)
			}
		}
	}
	return nil
}

// Preferences are the resource attributes a [Concept] may prefer.
var Preferences = []string{"confidential", "anonymous", "private", "emergency", "always-open", "kind:service", "kind:person", "kind:guide", "kind:site"}

// HasPreference reports whether r has the attribute key of [Preferences].
func (r *Resource) HasPreference(key string) bool {
	switch key {
	case "confidential":
		return r.Confidentiality == Confidential
	case "anonymous":
		return r.Confidentiality == Anonymous
	case "private":
		return r.Confidentiality.Private()
	case "emergency":
		return r.Emergency
	case "always-open":
		return r.Hours != nil && r.Hours.Always
	}
	if kind, ok := strings.CutPrefix(key, "kind:"); ok {
		return string(r.Kind) == kind
	}
	return false
}

// ConceptStore keeps the editors' concepts.
type ConceptStore interface {
	// Concepts returns every stored concept, in the order first stored.
	Concepts(ctx context.Context) ([]Concept, error)
	// PutConcept creates or replaces a concept after validating it, recording a revision when
	// anything changed.
	PutConcept(ctx context.Context, c *Concept, by Change) error
}

// PairMark holds a concept term's two parts apart: "{faked|made up} … {data|numbers}"
// matches with up to five words between them, in one sentence.
const PairMark = "…"

// CheckTerm reports what is wrong with a concept term: a pair mark, if it has one, must
// stand once, with words on both sides and not inside braces (alternatives are spelt on
// each side); and no part may stand for more phrases than alternatives.MaxExpansions,
// which would be cut silently.
func CheckTerm(term string) error {
	first, second, paired := strings.Cut(term, PairMark)
	for _, part := range []string{first, second} {
		if err := alternatives.Check(part); err != nil {
			return err
		}
	}
	if !paired {
		return nil
	}
	n := strings.Count(term, PairMark)
	switch {
	case n > 1:
		return fmt.Errorf("term %q: use %s once, between two parts", term, PairMark)
	case strings.TrimSpace(first) == "" || strings.TrimSpace(second) == "":
		return fmt.Errorf("term %q: put words on both sides of %s", term, PairMark)
	case strings.Count(first, "{") != strings.Count(first, "}"):
		return fmt.Errorf("term %q: %s stands inside braces; spell the alternatives on each side", term, PairMark)
	}
	return nil
}
