package concern

import "unicode"

// identify decides which lexicons apply to a concern and its main language. Script settles
// Chinese, Korean, Arabic and Devanagari; among Latin-script languages each lexicon's
// evidence is the share of words it recognises (its stop words count fully, its terms by
// half). English always applies to Latin text, since people mix it into every language;
// another Latin lexicon applies once it recognises a word.
func (r *Reader) identify(toks []token, chosen string) (applied []*lang, primary string) {
	var counts [scriptCount]int
	for _, t := range toks {
		for _, c := range t.text {
			counts[scriptOf(c)]++
			break
		}
	}
	latinWords := counts[scriptLatin]
	best, bestScore := "", 0.0
	// raw counts every word a lexicon knows, shared or not: when no language has words of its
	// own in the text, the one that knows most of it is taken (English on a tie), and only a
	// text no lexicon knows a word of is undetermined.
	rawBest, rawScore := "", 0.0
	for _, l := range r.langs {
		use := false
		switch {
		case l.lx.Lang == chosen:
			use = true
		case l.script != scriptLatin && l.script != scriptOther && counts[l.script] > 0:
			use = true
		}
		score := 0.0
		if latinWords > 0 && !l.lx.Substring {
			raw := 0.0
			for _, t := range toks {
				score += l.evidence[t.text]
				switch {
				case l.stop[t.text]:
					raw++
				case l.words[t.text]:
					raw += 0.5
				}
			}
			if raw > rawScore || (raw == rawScore && l.lx.Lang == "en") {
				rawBest, rawScore = l.lx.Lang, raw
			}
			// Another language applies with two words of evidence, or one in a short cry
			// ("ayuda", "hilfe").
			if score >= 2 || (score > 0 && len(toks) <= 4) {
				use = true
			}
			if score > bestScore || (score == bestScore && l.lx.Lang == "en") {
				best, bestScore = l.lx.Lang, score
			}
		}
		// English applies to every text written in Latin letters or none (a bare "911").
		if l.lx.Lang == "en" && counts[scriptLatin]+counts[scriptOther] > 0 {
			use = true
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
	case chosen != "" && r.byCode[chosen] != nil && (top == scriptLatin || top == scriptOther):
		primary = chosen
		if bestScore >= 2 && best != chosen {
			primary = best
		}
	case top == scriptLatin:
		primary = best
		if bestScore == 0 {
			primary = rawBest
			if rawScore == 0 && latinWords >= 4 {
				primary = "und"
			}
		}
		if primary == "" {
			primary = "en"
		}
	case counts[scriptKana] > 0:
		primary = "und"
	case top == scriptOther:
		primary = "und"
		if counts[scriptOther] == len(toks) && !hasLetters(toks) {
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
