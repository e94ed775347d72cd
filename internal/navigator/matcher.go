package navigator

// phraseKind says what a matched phrase signals.
type phraseKind uint8

const (
	kindConcept phraseKind = iota
	kindResourceName
	kindConfidential
	kindAnonymous
	kindRole
	kindUrgent
	kindTime
	kindEmergency
	kindEmergencyAlso
	kindFigure
	kindNegation
	kindSelf
)

// phrase is one compiled term: its stems, in order, and what it points at.
type phrase struct {
	stems []string
	kind  phraseKind
	// ref is the index of the concept, resource, rule or role (per kind); label a name for it.
	ref   int
	label string
	// exact phrases match without typo tolerance (short or risky words).
	exact bool
}

// hit is a phrase found in a concern, over content-token positions [start, end).
type hit struct {
	phrase     int
	start, end int
	fuzzy      bool
}

// matcher finds every compiled phrase in a token sequence, tolerating typing errors in words
// of five letters or more.
type matcher struct {
	phrases []phrase
	byFirst map[string][]int
	fuzzy   *fuzzyIndex
	// fuzzyStems lets a typo match a stem as well as a full spelling.
	fuzzyStems bool
}

// newMatcher returns an empty matcher that tolerates typos in words of at least
// minFuzzy letters.
func newMatcher(minFuzzy int) *matcher {
	return &matcher{byFirst: map[string][]int{}, fuzzy: newFuzzyIndex(minFuzzy)}
}

// add compiles text with the given stop words; a phrase made only of stop words is dropped.
func (m *matcher) add(text string, kind phraseKind, ref int, stop map[string]bool) {
	m.addLabelled(text, kind, ref, text, stop)
}

// addLabelled is add with a label other than the text itself.
func (m *matcher) addLabelled(text string, kind phraseKind, ref int, label string, stop map[string]bool) {
	st := stems(text, stop)
	if len(st) == 0 {
		return
	}
	m.phrases = append(m.phrases, phrase{stems: st, kind: kind, ref: ref, label: label})
	m.byFirst[st[0]] = append(m.byFirst[st[0]], len(m.phrases)-1)
	for _, t := range tokenize(text) {
		if !stop[t.word] {
			m.fuzzy.add(t.word, t.stem)
			if m.fuzzyStems {
				m.fuzzy.add(t.stem, t.stem)
			}
		}
	}
}

// scan returns every phrase occurrence in the content stems. alt[i] lists the vocabulary
// stems within a typo or two of token i (see [matcher.alternatives]).
func (m *matcher) scan(content []string, alt [][]string) []hit {
	var hits []hit
	for i := range content {
		try := func(first string, firstFuzzy bool) {
			for _, pi := range m.byFirst[first] {
				p := &m.phrases[pi]
				if i+len(p.stems) > len(content) {
					continue
				}
				fuzzy := firstFuzzy
				ok := true
				for j := 1; j < len(p.stems); j++ {
					s := content[i+j]
					if s == p.stems[j] {
						continue
					}
					if !contains(alt[i+j], p.stems[j]) {
						ok = false
						break
					}
					fuzzy = true
				}
				if ok && !(fuzzy && p.exact) {
					hits = append(hits, hit{phrase: pi, start: i, end: i + len(p.stems), fuzzy: fuzzy})
				}
			}
		}
		try(content[i], false)
		for _, a := range alt[i] {
			try(a, true)
		}
	}
	return hits
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// alternatives returns, per token, the vocabulary stems its spelling may be a typo of.
func (m *matcher) alternatives(content, words []string) [][]string {
	alt := make([][]string, len(content))
	for i, s := range content {
		if m.fuzzy.words[s] {
			continue
		}
		alt[i] = m.fuzzy.near(words[i])
		for _, a := range m.fuzzy.near(s) {
			if !contains(alt[i], a) {
				alt[i] = append(alt[i], a)
			}
		}
	}
	return alt
}
