package navigator

import (
	"slices"

	"signpost/internal/concern"
)

// metaShare is what a request for orientation ("what should I do", "where do I start")
// weighs beside a concern that says what it is about: the concern decides, the request only
// asks for a way in.
const metaShare = 0.4

// compileMeta marks the concepts whose every topic is a fallback topic: they ask for a
// general navigator rather than name a need.
func (n *Navigator) compileMeta() {
	n.metaConcept = make([]bool, len(n.k.Vocabulary.Concepts))
	for ci, c := range n.k.Vocabulary.Concepts {
		meta := len(c.Topics) > 0
		for t := range c.Topics {
			meta = meta && slices.Contains(n.k.Signals.FallbackTopics, t)
		}
		n.metaConcept[ci] = meta
	}
}

// metaWeight is the factor on the orientation concepts of a concern: metaShare when it also
// names a danger that is no figure of speech, even one past or supposed ("what should I do
// if I find someone unconscious"), else 1. (Lowering them beside any other concept too
// gained as many cases as it lost over the evaluation sets.)
func (n *Navigator) metaWeight(cr *concern.Reading) float32 {
	for _, f := range cr.Concepts {
		if f.Kind == concern.KindDanger && !f.Figurative && len(n.dangerTopics[f.Concept]) > 0 {
			return metaShare
		}
	}
	return 1
}
