package concern

import (
	"maps"
	"signpost/internal/alternatives"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// patKind says what a compiled pattern marks.
type patKind uint8

const (
	patConcept patKind = iota
	patFigure
	patTrigger
	patTerminator
	patPresent
	patPseudo
	patNow
)

// direction is the side of a trigger its scope covers.
type direction uint8

const (
	forward direction = 1 << iota
	backward
	both = forward | backward
	// message scopes the whole concern, for the writer's statements about their own safety.
	message direction = 1 << 3
)

// unit is one step of a word pattern: a word, a word prefix ("suicid*"), a class ("{work}")
// or a gap of up to gap words ("...").
type unit struct {
	word   string
	prefix bool
	class  string
	gap    int
}

type pattern struct {
	kind patKind
	// ref is the concept's index for patConcept.
	ref int
	cat string
	dir direction
	// units for word languages; pieces for substring languages (gaps between pieces).
	units  []unit
	pieces []string
	// lang and window are the pattern's lexicon's: a trigger's scope is counted in its own
	// language's tokens.
	lang   string
	window int
}

// lang is one lexicon compiled for matching.
type lang struct {
	lx      *Lexicon
	script  script
	window  int
	stop    map[string]bool
	chat    map[string][]string
	words   map[string]bool
	classes map[string]map[string]bool
	// spelt are, per class, its members of several words ("my roommate"), which a class
	// unit (one word) cannot match: a term naming the class is compiled once more with each
	// of them spelt out (see spellClasses).
	spelt    map[string][]string
	patterns []pattern
	// first indexes word patterns by their first word, prefixFirst by their first prefix;
	// loose lists the patterns that start with a class or a gap.
	first       map[string][]int32
	prefixFirst map[string][]int32
	prefixLens  []int
	loose       []int32
	// evidence weighs the words that tell this language from the others (see distinguish).
	evidence map[string]float64
	// byFirstRune indexes a substring language's patterns by the first rune of their first
	// piece, so that a scan looks only at the patterns that can start where it stands.
	byFirstRune map[rune][]int32
	// fuzzy maps each word of at least fuzzyMin letters, and each of its one-letter
	// deletions, to the words it came from.
	fuzzy map[string][]string
}

const (
	fuzzyMin      = 6 // insertions, deletions and transpositions from this length
	fuzzySubstMin = 9 // substitutions only from this length: "shouting" is not "shooting"
	substringGap  = 6 // runes a "..." spans in a substring language
)

func compileLang(lx *Lexicon, conceptIndex map[string]int) *lang {
	l := &lang{
		lx: lx, window: lx.Window, stop: map[string]bool{}, chat: map[string][]string{}, words: map[string]bool{},
		classes: map[string]map[string]bool{}, first: map[string][]int32{}, prefixFirst: map[string][]int32{}, fuzzy: map[string][]string{},
	}
	if l.window <= 0 {
		l.window = 8
	}
	var counts [scriptCount]int
	for _, w := range lx.Stopwords {
		w = foldTerm(w)
		l.stop[w] = true
		if r, _ := utf8.DecodeRuneInString(w); r != utf8.RuneError {
			counts[scriptOf(r)]++
		}
	}
	for s := range counts {
		if counts[s] > counts[l.script] {
			l.script = script(s)
		}
	}
	for from, to := range lx.Chat {
		l.chat[foldTerm(from)] = strings.Fields(foldTerm(to))
	}
	l.spelt = map[string][]string{}
	for name, ws := range lx.Classes {
		set := map[string]bool{}
		for _, w := range ws {
			f := foldTerm(w)
			if strings.Contains(f, " ") && !lx.Substring {
				l.spelt[name] = append(l.spelt[name], f)
				continue
			}
			set[f] = true
		}
		l.classes[name] = set
	}
	for _, id := range sortedKeys(lx.Terms) {
		for _, t := range lx.Terms[id] {
			l.add(t, pattern{kind: patConcept, ref: conceptIndex[id]})
		}
	}
	for _, t := range lx.Figurative {
		l.add(t, pattern{kind: patFigure})
	}
	for _, cat := range sortedKeys(lx.Context) {
		for _, d := range sortedKeys(lx.Context[cat]) {
			dir := map[string]direction{"forward": forward, "backward": backward, "both": both, "message": message}[d]
			for _, t := range lx.Context[cat][d] {
				l.add(t, pattern{kind: patTrigger, cat: cat, dir: dir})
			}
		}
	}
	for _, t := range lx.Terminators {
		l.add(t, pattern{kind: patTerminator})
	}
	for _, t := range lx.Present {
		l.add(t, pattern{kind: patPresent})
	}
	for _, t := range lx.Pseudo {
		l.add(t, pattern{kind: patPseudo})
	}
	for _, t := range lx.Now {
		l.add(t, pattern{kind: patNow})
	}
	for w := range l.words {
		if utf8.RuneCountInString(w) < fuzzyMin {
			continue
		}
		for _, d := range deletions(w) {
			if !contains(l.fuzzy[d], w) {
				l.fuzzy[d] = append(l.fuzzy[d], w)
			}
		}
	}
	lens := map[int]bool{}
	for p := range l.prefixFirst {
		lens[len(p)] = true
	}
	for n := range lens {
		l.prefixLens = append(l.prefixLens, n)
	}
	sort.Ints(l.prefixLens)
	return l
}

// add compiles one term, each of its alternatives ("{has|with} a knife") as a term of its own.
func (l *lang) add(term string, p pattern) {
	if alts := alternatives.Expand(term); len(alts) > 1 {
		for _, a := range alts {
			l.add(a, p)
		}
		return
	}
	term = foldTerm(term)
	if term == "" {
		return
	}
	if spelt := l.spellClasses(term, 0); len(spelt) > 0 {
		for _, t := range spelt {
			l.addFolded(t, p)
		}
	}
	l.addFolded(term, p)
}

// spellClasses returns the variants of term in which one or more of its class names from
// byte from on are replaced by a member of several words, each variant once.
func (l *lang) spellClasses(term string, from int) []string {
	for i := from; i < len(term); {
		open := strings.IndexByte(term[i:], '{')
		if open < 0 {
			return nil
		}
		open += i
		end := strings.IndexByte(term[open:], '}')
		if end < 0 {
			return nil
		}
		end += open
		members := l.spelt[term[open+1:end]]
		if len(members) == 0 {
			i = end + 1
			continue
		}
		// This class kept as a unit, with the later ones spelt; then each member here.
		out := l.spellClasses(term, end+1)
		for _, m := range members {
			t := term[:open] + m + term[end+1:]
			out = append(out, t)
			out = append(out, l.spellClasses(t, open+len(m))...)
		}
		return out
	}
	return nil
}

// addFolded compiles one folded term without alternatives.
func (l *lang) addFolded(term string, p pattern) {
	p.lang, p.window = l.lx.Lang, l.window
	idx := int32(len(l.patterns))
	if l.lx.Substring {
		for _, piece := range strings.Split(term, "...") {
			piece = strings.ReplaceAll(piece, " ", "")
			if piece != "" {
				p.pieces = append(p.pieces, piece)
			}
		}
		if len(p.pieces) == 0 {
			return
		}
		l.patterns = append(l.patterns, p)
		if l.byFirstRune == nil {
			l.byFirstRune = map[rune][]int32{}
		}
		first, _ := utf8.DecodeRuneInString(p.pieces[0])
		l.byFirstRune[first] = append(l.byFirstRune[first], idx)
		return
	}
	for _, f := range strings.Fields(strings.ReplaceAll(term, "...", " ... ")) {
		switch {
		case f == "...":
			p.units = append(p.units, unit{gap: 3})
		case strings.HasPrefix(f, "{") && strings.HasSuffix(f, "}"):
			p.units = append(p.units, unit{class: f[1 : len(f)-1]})
		case strings.HasSuffix(f, "*") && len(f) > 1:
			p.units = append(p.units, unit{word: strings.TrimRight(f, "*"), prefix: true})
		default:
			f = strings.Trim(f, "*.")
			if f == "" {
				continue
			}
			p.units = append(p.units, unit{word: f})
			if p.kind == patConcept {
				l.words[f] = true
			}
		}
	}
	if len(p.units) == 0 {
		return
	}
	if p.kind == patConcept {
		p.units = loosen(p.units)
	}
	l.patterns = append(l.patterns, p)
	switch u := p.units[0]; {
	case u.prefix:
		l.prefixFirst[u.word] = append(l.prefixFirst[u.word], idx)
	case u.word != "":
		l.first[u.word] = append(l.first[u.word], idx)
	case u.class != "":
		// Indexed by each word of the class, rather than tried at every word of a concern.
		for w := range l.classes[u.class] {
			l.first[w] = append(l.first[w], idx)
		}
	default:
		l.loose = append(l.loose, idx)
	}
}

// looseGap is how many words may stand between the words of a concept's term: "sent le
// gaz" also reads "sent super fort le gaz", "not breathing" "not really breathing".
const looseGap = 1

// loosen lets a few words stand between the words of a term, where it has no gap of its own.
func loosen(units []unit) []unit {
	if len(units) < 2 {
		return units
	}
	out := make([]unit, 0, 2*len(units))
	for i, u := range units {
		if i > 0 && u.gap == 0 && units[i-1].gap == 0 {
			out = append(out, unit{gap: looseGap})
		}
		out = append(out, u)
	}
	return out
}

// deletions returns w and every string made from it by deleting one letter.
func deletions(w string) []string {
	rs := []rune(w)
	out := []string{w}
	for i := range rs {
		out = append(out, string(rs[:i])+string(rs[i+1:]))
	}
	return out
}

// oneEdit reports whether a and b differ by one insertion, deletion or adjacent
// transposition, or, when both are long, by one substitution.
func oneEdit(a, b string) bool {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > len(rb) {
		ra, rb = rb, ra
	}
	switch len(rb) - len(ra) {
	case 1:
		i := 0
		for i < len(ra) && ra[i] == rb[i] {
			i++
		}
		return string(ra[i:]) == string(rb[i+1:])
	case 0:
		var diff []int
		for i := range ra {
			if ra[i] != rb[i] {
				diff = append(diff, i)
			}
		}
		switch {
		case len(diff) == 2 && diff[1] == diff[0]+1:
			return ra[diff[0]] == rb[diff[1]] && ra[diff[1]] == rb[diff[0]]
		case len(diff) == 1:
			return len(ra) >= fuzzySubstMin
		}
	}
	return false
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }
