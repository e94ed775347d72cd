package navigator

import (
	"slices"

	"signpost/internal/directory"
)

// reading is what a scan of the concern found, before scoring. It lives in the pooled
// scratch; only timeWords goes into the answer, and it is made afresh for each concern.
type reading struct {
	concepts     []conceptHit
	named        []int32
	orgs         []int32
	confWish     string
	role         directory.Role
	urgent       bool
	negated      bool
	timeWords    []string
	altStems     []string
	contentStems []string
}

type conceptHit struct {
	concept int
	words   []string
}

// reader holds the buffers of reading one concern, reused from query to query.
type reader struct {
	rd reading
	// folded is the concern's words, lower-cased and joined by single spaces (see
	// [foldWords]); words[i] lies at spans[i] in it.
	fold  []byte
	spans []span
	words []concernWord
	// content lists the positions in words of the content words (stop words left out).
	content []int32
	// fullSlots and slots are the words as the full and the content matcher see them;
	// alts backs their typo alternatives.
	fullSlots, slots []slot
	alts             []int32
	fullHits, hits   []hit
	found            []located
	pairHits         []pairHit
	selfEnds         []int
}

// concernWord is one word of a concern, looked up in the lexicon once.
type concernWord struct {
	word, stem string
	// id and flags are the stem's in the lexicon (-1 and 0 when unknown).
	id    int32
	flags lexFlags
	stop  bool
	// newSentence marks the first word of a sentence after the first.
	newSentence bool
}

// located is a hit of either matcher, over positions in reader.words.
type located struct {
	p          *phrase
	start, end int
}

// scanConcern splits text into words, looks them up, and runs both matchers over them,
// leaving the words in r.words, r.content and folded and the hits in r.fullHits and r.hits.
func (n *Navigator) scanConcern(r *reader, text string, langs []string) (folded string) {
	r.fold, r.spans = foldWords(r.fold[:0], r.spans[:0], text)
	folded = string(r.fold)
	r.words, r.content = r.words[:0], r.content[:0]
	for i, sp := range r.spans {
		w := concernWord{word: folded[sp.start:sp.end], newSentence: sp.newSentence}
		w.stem = stem(w.word)
		id, flags := n.lex.lookup(w.word)
		w.stop = flags&lexStop != 0
		if w.stem != w.word {
			id, flags = n.lex.lookup(w.stem)
		}
		if id < 0 || flags&(lexNegator|lexReporting) == 0 {
			// In a concern written in a pack's language, the pack's stem of a word is what
			// the word means ("solo" is Spanish "alone" there), unless English marks the
			// word as a negator or a reporting word. Only those languages' stemmers are
			// asked, since a stemmer reads any word as its own ("mess" as French "messe").
			for _, ps := range n.packStems {
				if !slices.Contains(langs, ps.lang) {
					continue
				}
				st := ps.stem(w.word)
				if st == w.word && flags&lexBase != 0 && !n.packWords[ps.lang][w.word] {
					// A word the pack's stemmer leaves alone, English knows and the pack's
					// own terms do not use is a loanword ("phishing", "emails"): it means
					// what the base vocabulary says.
					break
				}
				if id2, flags2 := n.lex.lookup(packStemKey(ps.lang, w.word, st)); flags2&lexPackStem != 0 {
					w.stem, id, flags = st, id2, flags2
					break
				}
			}
		}
		for _, l := range langs {
			flags |= n.packMarks[l][w.word]
		}
		if flags&(lexBase|lexPackStem) == lexPackStem && !n.inPackLanguage(langs) {
			flags &^= lexContent | lexFull // only a pack knows it: look for the typo it may be
		}
		w.id, w.flags = id, flags
		r.words = append(r.words, w)
		if !w.stop {
			r.content = append(r.content, int32(i))
		}
	}
	r.alts, r.fullSlots, r.slots = r.alts[:0], r.fullSlots[:0], r.slots[:0]
	for _, w := range r.words {
		r.fullSlots, r.alts = n.full.appendSlot(r.fullSlots, r.alts, w.id, w.flags, w.word, w.stem, langs)
	}
	for _, i := range r.content {
		w := &r.words[i]
		r.slots, r.alts = n.m.appendSlot(r.slots, r.alts, w.id, w.flags, w.word, w.stem, langs)
	}
	r.fullHits = n.full.ofLanguages(n.full.scan(r.fullHits[:0], r.fullSlots), langs)
	r.hits = n.m.ofLanguages(n.m.scan(r.hits[:0], r.slots), langs)
	return folded
}

// read scans the concern once and collects every signal in it.
func (n *Navigator) read(s *scratch, text string, langs []string) *reading {
	r := &s.reader
	folded := n.scanConcern(r, text, langs)
	rd := &r.rd
	*rd = reading{
		concepts: rd.concepts[:0], named: rd.named[:0], orgs: rd.orgs[:0],
		altStems: rd.altStems[:0], contentStems: rd.contentStems[:0],
	}
	for _, i := range r.content {
		if st := r.words[i].stem; !contains(rd.contentStems, st) {
			rd.contentStems = append(rd.contentStems, st)
		}
	}

	r.selfEnds = r.selfEnds[:0]
	for _, h := range r.fullHits {
		switch n.full.phrases[h.phrase].kind {
		case kindNegation:
			rd.negated = true
		case kindSelf:
			r.selfEnds = append(r.selfEnds, h.end)
		}
	}
	// Every hit, in full-token positions: the content matcher's positions are mapped back.
	found := r.found[:0]
	for _, h := range r.fullHits {
		found = append(found, located{&n.full.phrases[h.phrase], h.start, h.end})
	}
	for _, h := range r.hits {
		found = append(found, located{&n.m.phrases[h.phrase], int(r.content[h.start]), int(r.content[h.end-1]) + 1})
	}
	r.found = found
	r.pairHits = r.pairHits[:0]
	// take records one hit of phrase p on words; start is its first word's position, -1 for
	// a substring hit, which has none.
	take := func(p *phrase, words string, start int) {
		switch p.kind {
		case kindConcept:
			if i := slices.IndexFunc(rd.concepts, func(c conceptHit) bool { return c.concept == p.ref }); i >= 0 {
				if !contains(rd.concepts[i].words, words) {
					rd.concepts[i].words = append(rd.concepts[i].words, words)
				}
				return
			}
			rd.addConcept(p.ref, words)
		case kindResourceName:
			rd.named = append(rd.named, int32(p.ref))
		case kindOrganization:
			rd.orgs = append(rd.orgs, int32(p.ref))
		case kindConfidential:
			if rd.confWish == "" {
				rd.confWish = string(directory.Confidential)
			}
		case kindAnonymous:
			rd.confWish = string(directory.Anonymous)
		case kindUrgent:
			rd.urgent = true
		case kindTime:
			if !contains(rd.timeWords, p.label) {
				rd.timeWords = append(rd.timeWords, p.label)
			}
		case kindRole:
			if rd.role == "" && start >= 0 && saysSelf(start, r.selfEnds) {
				rd.role = n.roles[p.ref]
			}
		}
	}
	for _, f := range found {
		if f.p.kind == kindPairFirst || f.p.kind == kindPairSecond {
			r.pairHits = append(r.pairHits, pairHit{rule: f.p.ref, second: f.p.kind == kindPairSecond, start: f.start, end: f.end})
		}
	}
	for _, f := range found {
		// The hit's words joined by spaces, as they stand in the folded text.
		take(f.p, folded[r.spans[f.start].start:r.spans[f.end-1].end], f.start)
	}
	n.joinPairs(r, take, folded)
	n.scanSubstrings(folded, langs, func(p *phrase, words string) { take(p, words, -1) })
	if rd.confWish == "" && negatedReporting(r.words) {
		rd.confWish = string(directory.Confidential)
	}
	if rd.timeWords == nil {
		rd.timeWords = []string{}
	}
	for _, sl := range r.slots {
		for _, a := range sl.alt {
			if st := n.lex.stems[a]; !contains(rd.contentStems, st) && !contains(rd.altStems, st) {
				rd.altStems = append(rd.altStems, st)
			}
		}
	}
	return rd
}

// addConcept records a first hit of a concept, reusing a pooled words list.
func (rd *reading) addConcept(concept int, words string) {
	if len(rd.concepts) == cap(rd.concepts) {
		rd.concepts = append(rd.concepts, conceptHit{})
	} else {
		rd.concepts = rd.concepts[:len(rd.concepts)+1]
	}
	c := &rd.concepts[len(rd.concepts)-1]
	c.concept, c.words = concept, append(c.words[:0], words)
}

// negatedReporting reports whether a negator stands up to six words before a reporting term:
// "I do NOT want HR involved", "don't tell me to call the cops".
func negatedReporting(words []concernWord) bool {
	for i, w := range words {
		if w.flags&lexReporting == 0 {
			continue
		}
		// A negator up to six words before, in the same sentence: "with no fire. Who do I
		// report it to" wishes for nothing.
		for j := i - 1; j >= max(0, i-6) && !words[j+1].newSentence; j-- {
			if words[j].flags&lexNegator != 0 {
				return true
			}
		}
	}
	return false
}

// saysSelf reports whether a role word at full position pos describes the speaker: the
// concern starts with it, or a self marker ("I'm a", "as a") ends just before it.
func saysSelf(pos int, selfEnds []int) bool {
	if pos == 0 {
		return true
	}
	for _, e := range selfEnds {
		if e == pos || e == pos-1 {
			return true
		}
	}
	return false
}

// inPackLanguage reports whether one of langs has a language pack.
func (n *Navigator) inPackLanguage(langs []string) bool {
	for _, l := range langs {
		if _, ok := n.k.Packs[l]; ok && l != "" {
			return true
		}
	}
	return false
}
