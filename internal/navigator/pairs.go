package navigator

import (
	"strings"

	"signpost/internal/directory"
)

// pairGap is how many words may stand between the two parts of a paired term, in one
// sentence: "made up some of the isotope numbers" is "made up … numbers".
const pairGap = 5

// pairRule is one paired term of a concept: an action and its object ("{faked|made up} …
// {data|numbers}"), each part compiled as phrases of their own kind. A phrase list would
// need every word people put between them.
type pairRule struct {
	// joined is the concept's phrase a pair found in a concern stands for.
	joined phrase
}

// pairHit is one part of a paired term found in a concern, in full-token positions.
type pairHit struct {
	rule       int
	second     bool
	start, end int
}

// addPair compiles a paired term of concept ci; it reports false when term has no pair mark.
func (n *Navigator) addPair(term string, ci int) bool {
	first, second, ok := strings.Cut(term, directory.PairMark)
	if !ok {
		return false
	}
	// The knowledge was checked on loading (directory.CheckTerm).
	first, second = strings.TrimSpace(first), strings.TrimSpace(second)
	rule := len(n.pairs)
	n.pairs = append(n.pairs, pairRule{joined: phrase{kind: kindConcept, ref: ci, label: term}})
	n.addTerm(first, kindPairFirst, rule, first)
	n.addTerm(second, kindPairSecond, rule, second)
	return true
}

// joinPairs records, for every paired term whose first part is followed within pairGap
// words of the same sentence by its second, a hit of its concept over both.
func (n *Navigator) joinPairs(r *reader, take func(p *phrase, words string, start int), folded string) {
	for _, a := range r.pairHits {
		if a.second {
			continue
		}
		for _, b := range r.pairHits {
			if !b.second || b.rule != a.rule || b.start < a.end || b.start-a.end > pairGap || sentenceBreak(r.words, a.end, b.start) {
				continue
			}
			// The parts' own words, not those between: the words a concept is told in weigh
			// its fit (specificity), and fillers must not.
			words := folded[r.spans[a.start].start:r.spans[a.end-1].end] + " … " + folded[r.spans[b.start].start:r.spans[b.end-1].end]
			take(&n.pairs[a.rule].joined, words, a.start)
			break
		}
	}
}

// sentenceBreak reports whether a sentence starts among words[from:to+1].
func sentenceBreak(words []concernWord, from, to int) bool {
	for i := from; i <= to && i < len(words); i++ {
		if i > 0 && words[i].newSentence {
			return true
		}
	}
	return false
}
