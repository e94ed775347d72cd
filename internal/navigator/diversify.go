package navigator

import (
	"slices"

	"signpost/internal/concern"
)

// coverShare is the least score, as a share of the best, a resource needs to be lifted into
// the first three for a need the first three leave out.
const coverShare = 0.35

// coverThird is the least score, as a share of the third answer's, such a resource needs.
const coverThird = 0.6

// coverNeeds keeps a concern that names two needs from getting three answers to one of them:
// "my grandmother died and I have a final on Thursday" wants someone for the loss and someone
// for the exam. When a concept's main topic has no resource among the first three, the best
// candidate that has it takes third place. One place only: the first two stay the best fits.
// It is intent-aware diversification (as in xQuAD), with the concepts read as the intents.
// A request for orientation counts as a need too: where the directory has no office for a
// concern ("visa stress"), the vocabulary sends it to the general navigators, and lifting
// one into third place served the evaluation sets better than leaving it out.
func (n *Navigator) coverNeeds(s *scratch, rd *reading, cr *concern.Reading, order, cands []int32, best float32) []int32 {
	figurative := figurativeDanger(cr)
	// The needs: the main topic of each concept read, then of each danger read in any time
	// but negated or as a figure: past ("a guy followed me home last week, I want it on
	// record" wants the violence advocates too) or asked about ("what training do I need to
	// handle hydrofluoric acid" wants environmental safety).
	var needs []string
	for _, ch := range rd.concepts {
		if topic := n.mainTopic(ch.concept); topic != "" && !slices.Contains(needs, topic) {
			needs = append(needs, topic)
		}
	}
	for _, f := range cr.Concepts {
		if f.Kind != concern.KindDanger || f.Figurative || slices.Contains(f.Context, concern.Negated) {
			continue
		}
		if topic := n.mainDangerTopic(f.Concept); topic != "" && !slices.Contains(needs, topic) {
			needs = append(needs, topic)
		}
	}
	if len(order) < 3 || len(needs) < 2 {
		return order
	}
	if third := s.docs[order[2]]; third.named || third.org > 0 {
		return order // what the person named keeps its place
	}
	covered := func(topic string) bool {
		for _, d := range order[:3] {
			if contains(n.topicsOf(int(d)), topic) {
				return true
			}
		}
		return false
	}
	var lift int32 = -1
	for _, topic := range needs {
		if covered(topic) {
			continue
		}
		floor := max(coverShare*best, coverThird*s.docs[order[2]].score)
		for _, d := range cands {
			if s.docs[d].score < floor {
				break
			}
			// A danger word read as a figure of speech ("shooting for a deadline") must not
			// lift the responders.
			if contains(n.topicsOf(int(d)), topic) && !(figurative && n.resources[d].Emergency) && !slices.Contains(order[:3], d) {
				lift = d
				break
			}
		}
		if lift >= 0 {
			break
		}
	}
	if lift < 0 {
		return order
	}
	if i := slices.Index(order, lift); i >= 0 {
		order = slices.Delete(order, i, i+1)
	}
	return slices.Insert(order, 2, lift)
}

// mainTopic is the known topic a concept of the vocabulary weighs most, or "".
func (n *Navigator) mainTopic(concept int) string { return heaviest(n.conceptTopics[concept]) }

// mainDangerTopic is the topic a danger concept of the reader weighs most in this
// directory, or "".
func (n *Navigator) mainDangerTopic(concept string) string {
	return heaviest(n.dangerTopics[concept])
}

// heaviest is the known topic of the greatest weight among cts, or "".
func heaviest(cts []conceptTopic) string {
	var id string
	var w float64
	for _, ct := range cts {
		if ct.known && ct.weight > w {
			id, w = ct.id, ct.weight
		}
	}
	return id
}

// figurativeDanger reports whether the concern reader read a danger word as a figure of speech.
func figurativeDanger(cr *concern.Reading) bool {
	for _, f := range cr.Concepts {
		if f.Figurative && f.Kind == concern.KindDanger {
			return true
		}
	}
	return false
}
