package concern

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// token is one word of a normalised text. Han and kana characters are a token each, since
// those scripts do not separate words.
type token struct {
	text     string
	sentence int
	// clause counts commas and sentence ends: a negation does not reach past one.
	clause     int
	start, end int // byte offsets in the normalised text
}

// Script classes used for language identification.
type script uint8

const (
	scriptOther script = iota
	scriptLatin
	scriptHan
	scriptKana
	scriptHangul
	scriptArabic
	scriptDevanagari
	scriptCount
)

func scriptOf(r rune) script {
	switch {
	case r < 0x80:
		if 'a' <= r && r <= 'z' {
			return scriptLatin
		}
		return scriptOther
	case unicode.Is(unicode.Latin, r):
		return scriptLatin
	case unicode.Is(unicode.Han, r):
		return scriptHan
	case unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r):
		return scriptKana
	case unicode.Is(unicode.Hangul, r):
		return scriptHangul
	case unicode.Is(unicode.Arabic, r):
		return scriptArabic
	case unicode.Is(unicode.Devanagari, r):
		return scriptDevanagari
	}
	return scriptOther
}

// Fold is [fold] for other packages: the navigator's own tokenizer folds accents the same
// way, so "depresion" meets "depresión".
func Fold(r rune) string { return fold(r) }

// fold lower-cases r and strips what people leave out when typing fast: accents on Latin
// letters, Arabic short vowels and tatweel; it unifies Arabic alef, ya and ta marbuta forms.
// It returns "" to drop r.
func fold(r rune) string {
	r = unicode.ToLower(r)
	if r < 0x80 {
		return string(r)
	}
	switch r {
	case 'ß':
		return "ss"
	case 'đ':
		return "d"
	case 'ø':
		return "o"
	case 'æ':
		return "ae"
	case 'œ':
		return "oe"
	case 'ł':
		return "l"
	case 'ı':
		return "i"
	case 'أ', 'إ', 'آ', 'ٱ':
		return "ا"
	case 'ى':
		return "ي"
	case 'ة':
		return "ه"
	case 'ـ':
		return ""
	}
	if 0x064B <= r && r <= 0x065F || r == 0x0670 {
		return ""
	}
	if unicode.Is(unicode.Latin, r) {
		d := norm.NFD.String(string(r))
		base, _ := utf8.DecodeRuneInString(d)
		return string(base)
	}
	if unicode.Is(unicode.Mn, r) && unicode.Is(unicode.Inherited, r) {
		// Combining accents left over (on Latin letters written decomposed).
		return ""
	}
	return string(r)
}

// contractions are the English endings after an apostrophe that stay joined to their word
// ("don't" → "dont"); any other apostrophe separates words ("l'ambulance" → "l ambulance"),
// "'ll" too, so that "he'll" does not read as "hell".
var contractions = map[string]bool{"t": true, "s": true, "m": true, "re": true, "ve": true, "d": true}

func isApostrophe(r rune) bool { return r == '\'' || r == '’' || r == '‘' || r == '`' || r == 'ʼ' }

func isSentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '?', ';', '\n', '。', '！', '？', '；', '…', '؟', '।':
		return true
	}
	return false
}

// normalize folds text and splits it into tokens, shortening runs of three or more identical
// letters to two ("pleeease" → "pleease"; see [singled] for the rest).
func normalize(text string) (string, []token) {
	text = norm.NFKC.String(text)
	buf := make([]byte, 0, len(text)+8)
	var toks []token
	sentence, clause := 0, 0
	in := false
	var last rune
	run := 0
	closeTok := func() {
		if in {
			toks[len(toks)-1].end = len(buf)
			in = false
		}
	}
	runes := []rune(text)
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		if isApostrophe(r) && in {
			j := i + 1
			for j < len(runes) && unicode.IsLetter(runes[j]) {
				j++
			}
			if contractions[strings.ToLower(string(runes[i+1:j]))] {
				continue // joined: "don't" → "dont"
			}
			closeTok()
			continue
		}
		if isSentenceEnd(r) {
			closeTok()
			sentence++
			clause++
			continue
		}
		if r == ',' || r == '，' || r == '、' || r == '،' || r == ':' {
			closeTok()
			clause++
			continue
		}
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r)) {
			closeTok()
			continue
		}
		f := fold(r)
		if f == "" {
			continue
		}
		first, _ := utf8.DecodeRuneInString(f)
		if sc := scriptOf(first); sc == scriptHan || sc == scriptKana {
			closeTok()
			if len(buf) > 0 {
				buf = append(buf, ' ')
			}
			start := len(buf)
			buf = append(buf, f...)
			toks = append(toks, token{sentence: sentence, clause: clause, start: start, end: len(buf)})
			last, run = 0, 0
			continue
		}
		if !in {
			if len(buf) > 0 {
				buf = append(buf, ' ')
			}
			toks = append(toks, token{sentence: sentence, clause: clause, start: len(buf)})
			in = true
			last, run = 0, 0
		}
		for _, fr := range f {
			if fr == last && unicode.IsLetter(fr) {
				run++
			} else {
				last, run = fr, 1
			}
			if run >= 3 {
				// A third identical letter and more: keep two ("helppp" → "helpp",
				// "cứuuu" → "cuu"); matching also tries the run as one letter.
				continue
			}
			buf = utf8.AppendRune(buf, fr)
		}
	}
	closeTok()
	out := string(buf)
	for i := range toks {
		toks[i].text = out[toks[i].start:toks[i].end]
	}
	return out, toks
}

// foldTerm normalises a lexicon term the way a concern is normalised, keeping the pattern
// marks "*", "...", "{" and "}".
func foldTerm(term string) string {
	term = norm.NFKC.String(term)
	var b strings.Builder
	for _, r := range term {
		switch {
		case r == '*' || r == '.' || r == '{' || r == '}' || r == '_':
			b.WriteRune(r)
		case isApostrophe(r):
			// Terms are written as people type them; an apostrophe joins as in a concern.
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r):
			b.WriteString(fold(r))
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// singled returns w with every run of identical letters as one letter ("pleease" → "please"),
// and whether that changed it: a fast typist doubles letters a word does not have.
func singled(w string) (string, bool) {
	var b []byte
	var last rune
	changed := false
	for _, r := range w {
		if r == last {
			changed = true
			continue
		}
		last = r
		b = utf8.AppendRune(b, r)
	}
	return string(b), changed
}
