package concern

import (
	"slices"
	"strings"
)

// Reader reads concerns with one [Knowledge]. It is immutable and safe for concurrent use.
type Reader struct {
	k        *Knowledge
	concepts []Concept
	index    map[string]int
	frames   []Frame
	langs    []*lang
	byCode   map[string]*lang
}

// NewReader compiles k.
func NewReader(k *Knowledge) *Reader {
	r := &Reader{k: k, concepts: k.Concepts, index: map[string]int{}, frames: k.Frames, byCode: map[string]*lang{}}
	for i, c := range k.Concepts {
		r.index[c.ID] = i
	}
	for i := range k.Lexicons {
		l := compileLang(&k.Lexicons[i], r.index)
		r.langs = append(r.langs, l)
		r.byCode[l.lx.Lang] = l
	}
	r.distinguish()
	return r
}

// distinguish weighs each word a lexicon knows as evidence of its language: a stop word 1 and
// a term 1/2, divided by the number of lexicons that know the word (a Hindi lexicon's English
// loan words are little evidence of Hindi), so that "an" (English, and Vietnamese "ăn" folded) or
// "de" (Spanish, French, Portuguese) identifies nothing by itself.
func (r *Reader) distinguish() {
	shared := map[string]int{}
	for _, l := range r.langs {
		seen := map[string]bool{}
		for w := range l.stop {
			seen[w] = true
		}
		for w := range l.words {
			seen[w] = true
		}
		for w := range seen {
			shared[w]++
		}
	}
	for _, l := range r.langs {
		l.evidence = map[string]float64{}
		for w := range l.words {
			l.evidence[w] = 0.5 / float64(shared[w])
		}
		for w := range l.stop {
			l.evidence[w] = 1 / float64(shared[w])
		}
	}
}

// Knowledge returns the knowledge r was built with.
func (r *Reader) Knowledge() *Knowledge { return r.k }

// Reading is what a concern says, as far as danger goes.
type Reading struct {
	// Language is the concern's main language ("und" when none is recognised), and Covered
	// whether there is a lexicon for it.
	Language string
	Covered  bool
	// Languages are the lexicons that were applied (a concern may mix languages).
	Languages []string
	// Words counts the concern's words.
	Words int
	// Concepts are the concepts found, each with its context.
	Concepts []Found
	// Emergencies are the emergency frames that fired, strongest first.
	Emergencies []Emergency
}

// Found is one concept found in a concern.
type Found struct {
	Concept string
	Kind    string
	// Words are the words that named it, as normalised.
	Words string
	Lang  string
	// Context lists the categories whose scope holds the concept; empty when it is present
	// and literal. Figurative marks a figure of speech.
	Context    []string
	Figurative bool
	// start and end are the token span, to tell readings of the same words apart.
	start, end int
}

// Present reports whether the concept is meant literally and happening now.
func (f Found) Present() bool { return len(f.Context) == 0 && !f.Figurative }

// Emergency is one emergency frame that fired, with the kinds of responder to put first.
type Emergency struct {
	ID         string
	Responders []string
	// Why is one calm sentence in the concern's language when the knowledge has it, else
	// in English.
	Why string
	// Evidence are the words that made it.
	Evidence []string
}

// Read reads text. lang, when not empty, is the language the person chose (a page's
// language); it is applied together with the languages recognised in the text.
func (r *Reader) Read(text, lang string) *Reading {
	_, toks := normalize(text)
	rd := &Reading{Words: len(toks)}
	applied, primary := r.identify(toks, lang)
	rd.Language = primary
	_, rd.Covered = r.byCode[primary]
	// Each language's hits; a figure of speech in any of them covers the words for all, since
	// a text mixes languages ("ye gaana fire hai": the song is great).
	hits := make([][]hit, len(applied))
	var figures []hit
	for i, l := range applied {
		rd.Languages = append(rd.Languages, l.lx.Lang)
		hits[i] = l.spot(toks)
		for _, h := range hits[i] {
			if h.p.kind == patFigure {
				figures = append(figures, h)
			}
		}
	}
	var all []hit
	for i := range applied {
		all = append(all, hits[i]...)
	}
	rd.Concepts = oneReadingPerWords(r.readHits(toks, all, figures, primary), applied)
	r.decide(rd, primary)
	r.classify(rd, text, primary)
	return rd
}

// readHits applies the context triggers of a concept's own language and of the concern's main
// language: a text mixes languages, and a Chinese "如果" (if) frames an English "911" in the
// same sentence; a language applied on little evidence frames only its own words.
func (r *Reader) readHits(toks []token, hits, figures []hit, primary string) []Found {
	var concepts, triggers, stops, presents, pseudo []hit
	nowIn := map[int]bool{} // sentences with a strong present-time cue
	for _, h := range hits {
		switch h.p.kind {
		case patConcept:
			concepts = append(concepts, h)
		case patTrigger:
			triggers = append(triggers, h)
		case patTerminator:
			stops = append(stops, h)
		case patPresent:
			presents = append(presents, h)
		case patPseudo:
			pseudo = append(pseudo, h)
		case patNow:
			nowIn[h.sentence] = true
			presents = append(presents, h)
		}
	}
	// A trigger inside a longer concept term is part of it: the "not" of "not breathing".
	triggers = slices.DeleteFunc(triggers, func(t hit) bool {
		for _, c := range concepts {
			if c.start <= t.start && t.end <= c.end && c.end-c.start > t.end-t.start {
				return true
			}
		}
		// A pseudo-trigger claims its words: a trigger that shares any of them is not one
		// ("la verdad no" within "la verdad no sé si": the "no" is the pseudo's), unless the
		// trigger holds the whole pseudo and more, as the longest match wins ("not think she
		// is in danger" over "not think").
		for _, p := range pseudo {
			longer := t.start <= p.start && p.end <= t.end && t.end-t.start > p.end-p.start
			if p.start < t.end && t.start < p.end && !longer {
				return true
			}
		}
		return false
	})
	// Naming a service or a device is no danger: "fire" in "the fire department came" or
	// "the fire alarm went off".
	all := slices.Clone(concepts) // DeleteFunc rewrites concepts as it goes
	concepts = slices.DeleteFunc(concepts, func(c hit) bool {
		if r.concepts[c.p.ref].Kind != KindDanger || r.concepts[c.p.ref].Claims {
			return false
		}
		for _, o := range all {
			if r.concepts[o.p.ref].Claims && o.start < c.end && c.start < o.end {
				return true // a device's words, however the danger's term spans them
			}
			if r.concepts[o.p.ref].Kind == KindResponder && o.start <= c.start && c.end <= o.end && o.end-o.start > c.end-c.start {
				return true
			}
		}
		return false
	})
	var out []Found
	for _, c := range concepts {
		concept := r.concepts[c.p.ref]
		f := Found{Concept: concept.ID, Kind: concept.Kind, Words: wordsOf(toks, c.start, c.end), Lang: c.p.lang, start: c.start, end: c.end}
		for _, fg := range figures {
			if fg.start < c.end && c.start < fg.end {
				f.Figurative = true
			}
		}
		for _, t := range triggers {
			if t.p.dir == message {
				// The writer's word on their own safety holds for the whole message, unless
				// the concept's sentence says it is happening now.
				if concept.Self && !nowIn[c.sentence] && !contains(f.Context, t.p.cat) && (t.p.lang == c.p.lang || t.p.lang == primary) {
					f.Context = append(f.Context, t.p.cat)
				}
				continue
			}
			if t.sentence != c.sentence || contains(f.Context, t.p.cat) || contains(concept.Exempt, t.p.cat) ||
				(t.p.lang != c.p.lang && t.p.lang != primary) {
				continue
			}
			if nowIn[c.sentence] && (t.p.cat == Historical || t.p.cat == Hypothetical) {
				continue
			}
			if inScope(t, c, t.p.window, stops, presents) {
				f.Context = append(f.Context, t.p.cat)
			}
		}
		out = append(out, f)
	}
	return out
}

// oneReadingPerWords keeps, where several languages read the same concept in the same
// words ("suicidarme" is English "suicid*" too), only the reading of the language that comes
// first in applied (the concern's main language first): its context triggers are the ones
// that speak of those words.
func oneReadingPerWords(found []Found, applied []*lang) []Found {
	rank := map[string]int{}
	for i, l := range applied {
		rank[l.lx.Lang] = i
	}
	out := found[:0:0]
	for i, f := range found {
		shadowed := false
		for j, g := range found {
			if i == j || f.Concept != g.Concept || f.Lang == g.Lang || g.end <= f.start || f.end <= g.start {
				continue
			}
			if rank[g.Lang] < rank[f.Lang] {
				shadowed = true
				break
			}
		}
		if !shadowed {
			out = append(out, f)
		}
	}
	return out
}

// inScope reports whether concept hit c lies in the scope of trigger t: overlapping it, or
// on the trigger's side within window tokens with no terminator between (and, for a
// historical trigger, no present-time cue).
func inScope(t, c hit, window int, stops, presents []hit) bool {
	if t.start < c.end && c.start < t.end {
		return true
	}
	if t.p.cat == Negated && t.clause != c.clause {
		return false
	}
	var from, to int
	switch {
	case t.end <= c.start && t.p.dir&forward != 0:
		from, to = t.end, c.start
	case c.end <= t.start && t.p.dir&backward != 0:
		from, to = c.end, t.start
	default:
		return false
	}
	// A resolution told after the danger reaches back across "but": "she fell off her bike
	// this morning and scraped her knee, but she's fine now".
	resolvedAfter := t.p.cat == Resolved && c.end <= t.start
	if t.p.cat == Hypothetical || t.p.cat == Fiction || resolvedAfter {
		// A question or a story frames its whole sentence: "what am I supposed to do if a
		// student tells me in office hours that they are thinking about suicide".
		window *= 2
	}
	if to-from > window || (t.p.cat == Negated && to-from > negationWindow) {
		return false
	}
	between := func(hs []hit) bool {
		for _, h := range hs {
			if h.sentence == c.sentence && h.start >= from && h.end <= to {
				return true
			}
		}
		return false
	}
	if !resolvedAfter && between(stops) {
		return false
	}
	return t.p.cat != Historical || !between(presents)
}

// negationWindow is NegEx's: a negation reaches five words.
const negationWindow = 5

func wordsOf(toks []token, start, end int) string {
	parts := make([]string, 0, end-start)
	for _, t := range toks[start:end] {
		parts = append(parts, t.text)
	}
	return strings.Join(parts, " ")
}

// decide fires the emergency frames, single concepts first.
func (r *Reader) decide(rd *Reading, lang string) {
	present := map[string][]string{}
	spans := map[string][][2]int{}
	for _, f := range rd.Concepts {
		if f.Kind == KindDanger && f.Present() {
			present[f.Concept] = append(present[f.Concept], f.Words)
			spans[f.Concept] = append(spans[f.Concept], [2]int{f.start, f.end})
		}
	}
	why := func(m map[string]string) string {
		if s := m[lang]; s != "" {
			return s
		}
		return m["en"]
	}
	fired := map[string]bool{}
	for _, c := range r.concepts {
		if c.Alone && len(present[c.ID]) > 0 {
			rd.Emergencies = append(rd.Emergencies, Emergency{ID: c.ID, Responders: c.Responders, Why: why(c.Why), Evidence: present[c.ID]})
			fired[c.ID] = true
		}
	}
	for _, f := range r.frames {
		if f.MaxWords > 0 && rd.Words > f.MaxWords {
			continue
		}
		var evidence []string
		ok := true
		if f.MinEvidence > 0 && distinctCount(f.All, present) < f.MinEvidence {
			continue
		}
		if f.Near > 0 && !groupsNear(f.All, spans, f.Near) {
			continue
		}
		for _, group := range f.All {
			found := false
			for _, id := range group {
				if ws := present[id]; len(ws) > 0 {
					evidence = append(evidence, ws...)
					found = true
				}
			}
			ok = ok && found
		}
		if ok {
			rd.Emergencies = append(rd.Emergencies, Emergency{ID: f.ID, Responders: f.Responders, Why: why(f.Why), Evidence: evidence})
		}
	}
}

// groupsNear reports whether some occurrence of the first group's concepts has an occurrence
// of every other group's with fewer than near words between them (or overlapping).
func groupsNear(groups [][]string, spans map[string][][2]int, near int) bool {
	for _, id := range groups[0] {
		for _, a := range spans[id] {
			all := true
			for _, group := range groups[1:] {
				found := false
				for _, gid := range group {
					for _, b := range spans[gid] {
						found = found || (b[0] < a[1]+near && a[0] < b[1]+near)
					}
				}
				all = all && found
			}
			if all {
				return true
			}
		}
	}
	return false
}

// distinctCount counts the different words that named the concepts of groups.
func distinctCount(groups [][]string, present map[string][]string) int {
	seen := map[string]bool{}
	for _, group := range groups {
		for _, id := range group {
			for _, w := range present[id] {
				seen[w] = true
			}
		}
	}
	return len(seen)
}

// Responders returns the kinds of responder a resource's own text says it is ("police",
// "medical", "fire"), from the responder concepts of every lexicon.
func (r *Reader) Responders(text string) []string {
	_, toks := normalize(text)
	var out []string
	for _, l := range r.langs {
		for _, h := range l.spot(toks) {
			if h.p.kind != patConcept {
				continue
			}
			c := r.concepts[h.p.ref]
			if c.Kind == KindResponder {
				if kind := strings.TrimPrefix(c.ID, "responder-"); !contains(out, kind) {
					out = append(out, kind)
				}
			}
		}
	}
	return out
}

// Why returns the sentence of an emergency concept or frame in lang, else in English.
func (r *Reader) Why(id, lang string) string {
	pick := func(m map[string]string) string {
		if s := m[lang]; s != "" {
			return s
		}
		return m["en"]
	}
	if i, ok := r.index[id]; ok {
		return pick(r.concepts[i].Why)
	}
	for _, f := range r.frames {
		if f.ID == id {
			return pick(f.Why)
		}
	}
	if id == ClassifierID && r.k.Classifier != nil {
		return pick(r.k.Classifier.Why)
	}
	return ""
}
