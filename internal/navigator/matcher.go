package navigator

import "slices"

// phraseKind says what a matched phrase signals.
type phraseKind uint8

const (
	kindConcept phraseKind = iota
	kindResourceName
	kindOrganization
	kindConfidential
	kindAnonymous
	kindRole
	kindUrgent
	kindTime
	kindNegation
	kindSelf
	// kindPairFirst and kindPairSecond are the two parts of a concept's paired term.
	kindPairFirst
	kindPairSecond
)

// phrase is one compiled term: what it points at. Its stems are the path to it in the
// matcher's trie.
type phrase struct {
	kind phraseKind
	// ref is the index of the concept, resource, rule or role (per kind); label a name for it.
	ref   int
	label string
	// exact phrases match without typo tolerance (short or risky words).
	exact bool
	// lang is the language pack the phrase comes from, "" for the base vocabulary: a pack's
	// phrase counts only in a concern in that language.
	lang string
}

// hit is a phrase found in a concern, over the matcher's token positions [start, end).
type hit struct {
	phrase     int
	start, end int
	fuzzy      bool
}

// matcher finds every compiled phrase in a token sequence, tolerating typing errors in words
// of five letters or more.
//
// The phrases are kept in a trie over the lexicon ids of their stems, so that a scan follows
// only the phrases that go on matching the concern: many phrases start with the same common
// word ("i", "my", "not").
type matcher struct {
	phrases []phrase
	lex     *lexicon
	// known is the lexicon flag of this matcher's stems.
	known lexFlags
	// first maps a stem id to the trie node of the phrases starting with it (0: none);
	// next maps a node and the following stem id, as node<<32 | id, to the node after.
	first []int32
	next  map[uint64]int32
	nodes []trieNode
	fuzzy *fuzzyIndex
	// packFuzzy holds each language pack's spellings for typos apart, so that a concern
	// meets them only in its own language ("decide" is no typo of French "décédé").
	packFuzzy map[string]*fuzzyIndex
	minFuzzy  int
	// fuzzyStems lets a typo match a stem as well as a full spelling.
	fuzzyStems bool
	// stemWith, when set, stems the words of the phrases being added (a language pack's),
	// and the stems it makes are marked lexPackStem.
	stemWith func(string) string
	// packTypos says whether the pack being added is searched for typos (LanguagePack.Typos).
	packTypos bool
	// stemLang is the language of the pack whose phrases are being added, and stemWith's
	// (see packStemKey); "" for the base vocabulary.
	stemLang string
}

// trieNode is a sequence of stems: the phrases that are exactly it, in phrase order, and
// whether a longer phrase goes on from it. nodes[0] is the empty sequence.
type trieNode struct {
	ends  []int32
	inner bool
}

// newMatcher returns an empty matcher that tolerates typos in words of at least minFuzzy
// letters, and numbers its stems in lex with the flag known.
func newMatcher(minFuzzy int, lex *lexicon, known lexFlags) *matcher {
	return &matcher{lex: lex, known: known, next: map[uint64]int32{}, nodes: make([]trieNode, 1), fuzzy: newFuzzyIndex(minFuzzy),
		packFuzzy: map[string]*fuzzyIndex{}, minFuzzy: minFuzzy}
}

// add compiles text with the given stop words; a phrase made only of stop words is dropped.
func (m *matcher) add(text string, kind phraseKind, ref int, stop map[string]bool) {
	m.addLabelled(text, kind, ref, text, stop)
}

// addLabelled is add with a label other than the text itself.
func (m *matcher) addLabelled(text string, kind phraseKind, ref int, label string, stop map[string]bool) {
	m.addTokens(tokenize(text), kind, ref, label, stop)
}

// addTokens is addLabelled over a phrase already split into words; it may change toks.
func (m *matcher) addTokens(toks []token, kind phraseKind, ref int, label string, stop map[string]bool) {
	if m.stemLang != "" {
		for i := range toks {
			if m.stemWith != nil {
				toks[i].stem = packStemKey(m.stemLang, toks[i].word, m.stemWith(toks[i].word))
			}
			m.lex.mark(toks[i].stem, lexPackStem)
		}
	}
	var st []string
	for _, t := range toks {
		if !stop[t.word] {
			st = append(st, t.stem)
		}
	}
	if len(st) == 0 {
		return
	}
	pi := int32(len(m.phrases))
	m.phrases = append(m.phrases, phrase{kind: kind, ref: ref, label: label, lang: m.stemLang})
	node := int32(0)
	known := m.known
	if m.stemLang == "" {
		known |= lexBase
	}
	for _, stem := range st {
		node = m.child(node, m.lex.mark(stem, known))
	}
	m.nodes[node].ends = append(m.nodes[node].ends, pi)
	for _, t := range toks {
		if !stop[t.word] {
			id := m.lex.mark(t.stem, m.known)
			fz := m.fuzzy
			if m.stemLang != "" && !m.packTypos {
				continue
			}
			if m.stemLang != "" {
				if fz = m.packFuzzy[m.stemLang]; fz == nil {
					fz = newFuzzyIndex(m.minFuzzy)
					fz.oneEdit = true
					m.packFuzzy[m.stemLang] = fz
				}
			}
			fz.add(t.word, t.stem, id)
			if m.fuzzyStems {
				fz.add(t.stem, t.stem, id)
			}
		}
	}
}

// child returns the trie node after node with the stem id, adding it if new.
func (m *matcher) child(node, id int32) int32 {
	if c := m.step(node, id); c != 0 {
		return c
	}
	c := int32(len(m.nodes))
	m.nodes = append(m.nodes, trieNode{})
	m.nodes[node].inner = true
	if node == 0 {
		if int(id) >= len(m.first) {
			m.first = append(m.first, make([]int32, int(id)+1-len(m.first))...)
		}
		m.first[id] = c
	} else {
		m.next[uint64(node)<<32|uint64(id)] = c
	}
	return c
}

// step returns the trie node after node with the stem id, or 0.
func (m *matcher) step(node, id int32) int32 {
	if node == 0 {
		if int(id) < len(m.first) {
			return m.first[id]
		}
		return 0
	}
	return m.next[uint64(node)<<32|uint64(id)]
}

// slot is one token of a concern as a matcher sees it: the lexicon id of its stem if the
// matcher knows the stem, else -1 and the ids of the stems its spelling may be a typo of.
// (A known stem gets no typo search, and an unknown one starts no phrase, so a token matches
// either exactly or through a typo.)
type slot struct {
	id  int32
	alt []int32
}

// appendSlot appends to slots the matcher's view of a token with the given stem id and lexicon
// flags, spelt word, and appends its alternatives to alts, which it returns too.
func (m *matcher) appendSlot(slots []slot, alts []int32, id int32, flags lexFlags, word, stem string, langs []string) ([]slot, []int32) {
	if flags&m.known != 0 {
		return append(slots, slot{id: id}), alts
	}
	from := len(alts)
	alts = m.fuzzy.appendNear(alts, from, word)
	if stem != word {
		alts = m.fuzzy.appendNear(alts, from, stem)
	}
	for _, l := range langs {
		if fz := m.packFuzzy[l]; fz != nil {
			alts = fz.appendNear(alts, from, word)
		}
	}
	return append(slots, slot{id: -1, alt: alts[from:len(alts):len(alts)]}), alts
}

// scan appends to hits every phrase occurrence in slots: by start, then the phrases met with
// the first token as written before those met through each of its typo alternatives in turn,
// then phrase order.
func (m *matcher) scan(hits []hit, slots []slot) []hit {
	for i, sl := range slots {
		if sl.id >= 0 {
			hits = m.scanFrom(hits, slots, i, sl.id, false)
			continue
		}
		for _, a := range sl.alt {
			hits = m.scanFrom(hits, slots, i, a, true)
		}
	}
	return hits
}

// scanFrom appends the phrases that start at token i with the stem first, in phrase order.
func (m *matcher) scanFrom(hits []hit, slots []slot, i int, first int32, fuzzy bool) []hit {
	node := m.step(0, first)
	if node == 0 {
		return hits
	}
	from := len(hits)
	hits = m.walk(hits, slots, i, i+1, node, fuzzy)
	found := hits[from:]
	// Insertion sort: the walk meets the phrases by length and branch, and they are few.
	for j := 1; j < len(found); j++ {
		for k := j; k > 0 && found[k].phrase < found[k-1].phrase; k-- {
			found[k], found[k-1] = found[k-1], found[k]
		}
	}
	return hits
}

// walk appends the phrases of node and of the nodes below it that slots[pos:] go on to match.
func (m *matcher) walk(hits []hit, slots []slot, start, pos int, node int32, fuzzy bool) []hit {
	nd := &m.nodes[node]
	for _, pi := range nd.ends {
		if !(fuzzy && m.phrases[pi].exact) {
			hits = append(hits, hit{phrase: int(pi), start: start, end: pos, fuzzy: fuzzy})
		}
	}
	if !nd.inner || pos == len(slots) {
		return hits
	}
	if sl := slots[pos]; sl.id >= 0 {
		if c := m.step(node, sl.id); c != 0 {
			hits = m.walk(hits, slots, start, pos+1, c, fuzzy)
		}
	} else {
		for _, a := range sl.alt {
			if c := m.step(node, a); c != 0 {
				hits = m.walk(hits, slots, start, pos+1, c, true)
			}
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

// ofLanguages keeps the hits of base phrases and of the packs of langs: a pack's word that
// English also has ("emergency" in a French list of urgent words) must not move an English
// answer.
func (m *matcher) ofLanguages(hits []hit, langs []string) []hit {
	return slices.DeleteFunc(hits, func(h hit) bool {
		l := m.phrases[h.phrase].lang
		return l != "" && !slices.Contains(langs, l)
	})
}
