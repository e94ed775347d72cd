package directory

import (
	"context"
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
	// Resources point straight at resources that are what the concept names ("chaplain").
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
	case len(c.Topics) == 0 && len(c.Resources) == 0:
		return Errorf(EInvalid, "concept %s: topics: point at least one topic or resource.", c.ID)
	}
	for i, t := range c.Terms {
		if strings.TrimSpace(t) == "" || len(t) > 200 {
			return Errorf(EInvalid, "concept %s: terms[%d] must be 1 to 200 characters.", c.ID, i)
		}
	}
	for _, m := range []map[string]float64{c.Topics, c.Resources} {
		for id, w := range m {
			if !ValidID(id) || w <= 0 || w > 1 {
				return Errorf(EInvalid, "concept %s: %q with weight %v: ids are lower-case with hyphens and weights are above 0 and at most 1.", c.ID, id, w)
			}
		}
	}
	return nil
}

// ConceptStore keeps the editors' concepts.
type ConceptStore interface {
	// Concepts returns every stored concept, in the order first stored.
	Concepts(ctx context.Context) ([]Concept, error)
	// PutConcept creates or replaces a concept after validating it, recording a revision when
	// anything changed.
	PutConcept(ctx context.Context, c *Concept, by Change) error
}
