package concern

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// hit is a pattern found in a text, over base token positions [start, end).
type hit struct {
	p                *pattern
	start, end       int
	sentence, clause int
}

// etok is a token as one language reads it: chat spellings expanded ("rn" → "right", "now"),
// each word keeping the position of the token it came from.
type etok struct {
	text     string
	orig     int
	sentence int
	clause   int
	alts     []string
}

// spot finds every pattern of l in the tokens.
func (l *lang) spot(toks []token) []hit {
	if l.lx.Substring {
		return l.spotSubstrings(toks)
	}
	et := make([]etok, 0, len(toks))
	for i, t := range toks {
		if exp, ok := l.chat[t.text]; ok {
			for _, w := range exp {
				et = append(et, etok{text: w, orig: i, sentence: t.sentence, clause: t.clause})
			}
			continue
		}
		e := etok{text: t.text, orig: i, sentence: t.sentence, clause: t.clause}
		known := l.words[t.text] || l.stop[t.text] || l.inClass(t.text)
		if one, ok := singled(t.text); ok && !known {
			e.alts = append(e.alts, one)
		}
		if n := utf8.RuneCountInString(t.text); n >= fuzzyMin && !known {
			e.alts = append(e.alts, l.corrections(t.text)...)
		}
		et = append(et, e)
	}
	var hits []hit
	for pos := range et {
		try := func(ids []int32) {
			for _, id := range ids {
				p := &l.patterns[id]
				if end := l.matchUnits(p.units, et, pos, pos, et[pos].clause); end > pos {
					hits = append(hits, hit{p: p, start: et[pos].orig, end: et[end-1].orig + 1, sentence: et[pos].sentence, clause: toks[et[pos].orig].clause})
				}
			}
		}
		for i := -1; i < len(et[pos].alts); i++ {
			f := et[pos].text
			if i >= 0 {
				f = et[pos].alts[i]
			}
			try(l.first[f])
			for _, n := range l.prefixLens {
				if len(f) >= n {
					try(l.prefixFirst[f[:n]])
				}
			}
		}
		try(l.loose)
	}
	return dedupe(hits)
}

func (l *lang) inClass(w string) bool {
	for _, set := range l.classes {
		if set[w] {
			return true
		}
	}
	return false
}

// corrections returns the lexicon words one typing error away from w.
func (l *lang) corrections(w string) []string {
	var out []string
	for _, d := range deletions(w) {
		for _, cand := range l.fuzzy[d] {
			if cand != w && !contains(out, cand) && oneEdit(w, cand) {
				out = append(out, cand)
			}
		}
	}
	return out
}

// matchUnits matches units from position pos, within one clause (a term does not run over a
// comma or a sentence end), and returns the position after the match, or -1.
func (l *lang) matchUnits(units []unit, et []etok, pos, start, clause int) int {
	if len(units) == 0 {
		return pos
	}
	u := units[0]
	if u.gap > 0 {
		for skip := 0; skip <= u.gap && pos+skip <= len(et); skip++ {
			if end := l.matchUnits(units[1:], et, pos+skip, start, clause); end >= 0 {
				return end
			}
		}
		return -1
	}
	if pos >= len(et) || et[pos].clause != clause || !l.unitMatches(u, &et[pos]) {
		return -1
	}
	return l.matchUnits(units[1:], et, pos+1, start, clause)
}

func (l *lang) unitMatches(u unit, t *etok) bool {
	match := func(w string) bool {
		switch {
		case u.class != "":
			return l.classes[u.class][w]
		case u.prefix:
			return strings.HasPrefix(w, u.word)
		}
		return w == u.word
	}
	if match(t.text) {
		return true
	}
	for _, a := range t.alts {
		if match(a) {
			return true
		}
	}
	return false
}

// spotSubstrings matches a substring language's patterns over the tokens joined without
// spaces, so that particles and clitics attached to a word do not hide it.
func (l *lang) spotSubstrings(toks []token) []hit {
	var b strings.Builder
	starts := make([]int, len(toks))
	for i, t := range toks {
		starts[i] = b.Len()
		b.WriteString(t.text)
	}
	compact := b.String()
	tokenAt := func(off int) int {
		return sort.Search(len(starts), func(i int) bool { return starts[i] > off }) - 1
	}
	var hits []hit
	for s, r := range compact {
		for _, pi := range l.byFirstRune[r] {
			p := &l.patterns[pi]
			if !strings.HasPrefix(compact[s:], p.pieces[0]) {
				continue
			}
			if p.kind == patConcept && starts[tokenAt(s)] != s && crossesWord(starts, compact, s, p.pieces[0]) {
				continue
			}
			e := s + len(p.pieces[0])
			ok := true
			for _, piece := range p.pieces[1:] {
				window := compact[e:]
				limit := 0
				for n := 0; n < substringGap && limit < len(window); n++ {
					_, size := utf8.DecodeRuneInString(window[limit:])
					limit += size
				}
				j := strings.Index(window, piece)
				if j < 0 || j > limit {
					ok = false
					break
				}
				if p.kind == patConcept && starts[tokenAt(e+j)] != e+j && crossesWord(starts, compact, e+j, piece) {
					ok = false
					break
				}
				e += j + len(piece)
			}
			if ok {
				st, en := tokenAt(s), tokenAt(e-1)+1
				if toks[st].clause == toks[en-1].clause {
					hits = append(hits, hit{p: p, start: st, end: en, sentence: toks[st].sentence, clause: toks[st].clause})
				}
			}
		}
	}
	return dedupe(hits)
}

// crossesWord reports whether a piece found at off, inside a word, holds fewer than two letters
// of that word before running into the next: Arabic "بس لاحظت" (but I noticed) spells "سلاح"
// (weapon) once its space is gone. A clitic attached to a word ("والسلاح") and a term that
// starts at a word's start, however the writer spaced it, still read. Only danger terms are
// held to it: a context trigger may begin with a suffix (Korean "면 어떻게", if … how).
func crossesWord(starts []int, compact string, off int, piece string) bool {
	next := sort.SearchInts(starts, off+1)
	if next == len(starts) || starts[next] >= off+len(piece) {
		return false
	}
	return utf8.RuneCountInString(compact[off:starts[next]]) < 2
}

// dedupe drops a hit that another hit of the same kind and reference covers.
func dedupe(hits []hit) []hit {
	out := hits[:0]
	for i, h := range hits {
		covered := false
		for j, o := range hits {
			if i == j || o.p.kind != h.p.kind || o.p.ref != h.p.ref || o.p.cat != h.p.cat || o.p.dir != h.p.dir {
				continue
			}
			if o.start <= h.start && h.end <= o.end && (o.end-o.start > h.end-h.start || j < i) {
				covered = true
				break
			}
		}
		if !covered {
			out = append(out, h)
		}
	}
	return out
}
