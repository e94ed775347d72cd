package concern

import (
	"sort"
	"strings"
	"unicode"
)

// identify decides which lexicons apply to a concern, and its main language, and returns the
// applied lexicons main language first.
//
// Script settles Chinese, Korean, Arabic and Devanagari. Among word languages, a lexicon's
// evidence is the words of the text it knows, each shared by k lexicons counting 1/k (a stop
// word) or 1/2k (a term): "de" says little, "pastillas" a lot. English applies to every text
// in Latin letters, since people mix it into every language; another lexicon applies with one
// word's worth of evidence, or any in a short cry ("ayuda", "hilfe").
func (r *Reader) identify(toks []token, chosen string) (applied []*lang, primary string) {
	var counts [scriptCount]int
	for _, t := range toks {
		for _, c := range t.text {
			counts[scriptOf(c)]++
			break
		}
	}
	scores := map[string]float64{}
	best, bestScore := "", 0.0
	for _, l := range r.langs {
		use := l.lx.Lang == chosen ||
			(l.script != scriptLatin && l.script != scriptOther && counts[l.script] > 0) ||
			(l.lx.Lang == "en" && counts[scriptLatin]+counts[scriptOther] > 0)
		if counts[scriptLatin] > 0 && !l.lx.Substring {
			score := 0.0
			for _, t := range toks {
				e := l.evidence[t.text]
				if e == 0 {
					// "bachaooo" is evidence of Hindi as "bachao" is.
					if one, ok := singled(t.text); ok {
						e = l.evidence[one]
					}
				}
				score += e
			}
			scores[l.lx.Lang] = score
			// A long message gathers stray evidence for every language: the bar grows with it.
			if score >= max(1, float64(len(toks))/20) || (score > 0 && len(toks) <= 4) {
				use = true
			}
			if score > bestScore || (score == bestScore && score > 0 && l.lx.Lang == "en") {
				best, bestScore = l.lx.Lang, score
			}
		}
		if l.lx.DigitLetters != "" && counts[scriptLatin] > 0 {
			// "sa7beti 2afalet 3ala nafsaha": two romanised words, or one in a short cry.
			n := digitLetterWords(toks, l.lx.DigitLetters)
			if n >= 2 || (n == 1 && len(toks) <= 4) {
				use = true
				if float64(n) > bestScore {
					best, bestScore = l.lx.Lang, float64(n)
				}
			}
			scores[l.lx.Lang] += float64(n)
		}
		if use {
			applied = append(applied, l)
		}
	}
	// The main language: the script with most words, and among Latin languages the one
	// with most evidence.
	top := scriptOther
	for s := scriptLatin; s < scriptCount; s++ {
		if counts[s] > counts[top] {
			top = s
		}
	}
	switch {
	case counts[scriptKana] > 0:
		primary = "und" // Japanese: no lexicon, though the Chinese one reads its kanji
	case chosen != "" && r.byCode[chosen] != nil && (top == scriptLatin || (top == scriptOther && !hasLetters(toks))):
		primary = chosen
		if bestScore >= 2 && best != chosen {
			primary = best
		}
	case top == scriptLatin:
		primary = best
		if primary == "" {
			primary = "und"
			if counts[scriptLatin] < 4 {
				primary = "en" // too short to tell: English, which applies anyway
			}
		}
	case top == scriptOther:
		primary = "und"
		if !hasLetters(toks) {
			primary = "en" // digits only: "911"
		}
	default:
		primary = "und"
		for _, l := range r.langs {
			if l.script == top {
				primary = l.lx.Lang
				break
			}
		}
	}
	sort.SliceStable(applied, func(i, j int) bool {
		a, b := applied[i].lx.Lang, applied[j].lx.Lang
		if (a == primary) != (b == primary) {
			return a == primary
		}
		return scores[a] > scores[b]
	})
	return applied, primary
}

func hasLetters(toks []token) bool {
	for _, t := range toks {
		for _, r := range t.text {
			if unicode.IsLetter(r) {
				return true
			}
		}
	}
	return false
}

// digitLetterWords counts the words that mix Latin letters with one of digits ("3ala",
// "sa7beti", "el7a2ni"), a romanised spelling's mark; plain numbers and "24/7" are not.
func digitLetterWords(toks []token, digits string) int {
	n := 0
	for _, t := range toks {
		if isNumberWithUnit(t.text) {
			continue
		}
		letters, marks := false, false
		for _, c := range t.text {
			switch {
			case c >= 'a' && c <= 'z':
				letters = true
			case strings.ContainsRune(digits, c):
				marks = true
			}
		}
		if letters && marks {
			n++
		}
	}
	return n
}

// isNumberWithUnit reports a number with an English suffix or unit: "5th", "3rd", "2pm",
// "90s", "10k".
func isNumberWithUnit(w string) bool {
	i := 0
	for i < len(w) && w[i] >= '0' && w[i] <= '9' {
		i++
	}
	if i == 0 {
		return false
	}
	switch w[i:] {
	case "st", "nd", "rd", "th", "am", "pm", "s", "k", "m", "h", "x", "min", "mg", "ml", "kg", "km":
		return true
	}
	return false
}
