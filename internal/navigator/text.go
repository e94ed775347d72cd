package navigator

import (
	"signpost/internal/concern"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one word of a text: its lower-cased form and its stem.
type token struct {
	word string
	stem string
}

// tokenize lower-cases s, folds apostrophes away ("don't" → "dont"), splits on everything
// that is not a letter or digit, and stems each word. Words of any script are kept. Each word
// is a string of its own, so that an index may keep it without keeping s.
func tokenize(s string) []token {
	buf, spans := foldWords(nil, nil, s)
	toks := make([]token, 0, max(len(spans), 16))
	for _, sp := range spans {
		w := string(buf[sp.start:sp.end])
		toks = append(toks, token{word: w, stem: stem(w)})
	}
	return toks
}

// phraseKey is a phrase's words as folded for matching, to tell two spellings of one phrase.
func phraseKey(text string) string { return tokensKey(tokenize(text)) }

// tokensKey is phraseKey of a phrase already split into words.
func tokensKey(toks []token) string {
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.word
	}
	return strings.Join(words, " ")
}

// span is where a word lies in a folded text.
type span struct {
	start, end int32
	// newSentence marks a word after a full stop, question or exclamation mark (Latin,
	// CJK, Arabic, Devanagari) or a line break, where the concern reader ends sentences too.
	newSentence bool
}

// foldWords appends to buf the words of s as [tokenize] reads them — lower-cased, apostrophes
// dropped — with one space between words, and appends each word's place in buf to spans.
// The words of spans[i:j] thus read, joined by spaces, as buf[spans[i].start:spans[j-1].end].
func foldWords(buf []byte, spans []span, s string) ([]byte, []span) {
	in, ended := false, false
	for i := 0; i < len(s); {
		// ASCII, nearly every byte of a concern, is classified without the unicode tables.
		var r rune
		if c := s[i]; c < utf8.RuneSelf {
			r = rune(c)
			i++
		} else {
			var size int
			r, size = utf8.DecodeRuneInString(s[i:])
			i += size
		}
		var letter bool
		switch {
		case r == '\'' || r == '’' || r == '‘' || r == '`':
			continue // folded: "I'm" → "im"
		case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			letter = true
		case 'A' <= r && r <= 'Z':
			r, letter = r+'a'-'A', true
		case r >= utf8.RuneSelf:
			letter = unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r) // Devanagari vowel signs are Mc
		}
		switch {
		case letter:
			if !in {
				if len(buf) > 0 {
					buf = append(buf, ' ')
				}
				spans = append(spans, span{start: int32(len(buf)), newSentence: ended && len(spans) > 0})
				in, ended = true, false
			}
			if r >= utf8.RuneSelf {
				// Accents folded as the concern reader folds them: people type "depresion".
				buf = append(buf, concern.Fold(r)...)
			} else {
				buf = utf8.AppendRune(buf, r)
			}
		case in:
			spans[len(spans)-1].end = int32(len(buf))
			in = false
		}
		if !letter {
			ended = ended || r == '.' || r == '?' || r == '!' || r == '。' || r == '？' || r == '！' || r == '\n' || r == '؟' || r == '।'
		}
	}
	if in {
		spans[len(spans)-1].end = int32(len(buf))
	}
	return buf, spans
}

// stem reduces an English word to a crude stem so that inflections meet: plural -s/-es/-ies,
// -ing, -ed, -ment, -ness, -ly. It only needs to be consistent: the vocabulary and the concern
// go through the same function. Non-ASCII words are returned unchanged.
func stem(w string) string {
	if len(w) <= 3 || !isASCII(w) {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") || strings.HasSuffix(w, "ied"):
		if len(w) > 4 {
			w = w[:len(w)-3] + "y"
		}
	case strings.HasSuffix(w, "sses"):
		w = w[:len(w)-2]
	case strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") || strings.HasSuffix(w, "is"):
	case strings.HasSuffix(w, "s"):
		w = w[:len(w)-1]
	}
	if strings.HasSuffix(w, "ly") && len(w) >= 6 {
		w = w[:len(w)-2]
	}
	for _, suf := range []string{"ing", "ed"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 3 && hasVowel(w[:len(w)-len(suf)]) {
			w = w[:len(w)-len(suf)]
			if n := len(w); n >= 2 && w[n-1] == w[n-2] && !strings.ContainsRune("lsz", rune(w[n-1])) && !isVowel(w[n-1]) {
				w = w[:n-1]
			} else if suf == "ing" && shortSyllable(w) {
				// "coping" → "cope", not "cop": a short consonant-vowel-consonant stem had an
				// e. Not after -ed, so that "fired" stays apart from "fire".
				w += "e"
			}
			break
		}
	}
	for _, suf := range []string{"ment", "ness"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 5 {
			w = w[:len(w)-len(suf)]
		}
	}
	if strings.HasSuffix(w, "e") && len(w) > 4 {
		w = w[:len(w)-1]
	}
	return w
}

// shortSyllable reports whether w is three letters, consonant-vowel-consonant, ending in
// neither w, x nor y (Porter's *o condition on a one-syllable stem).
func shortSyllable(w string) bool {
	return len(w) == 3 && !isVowel(w[0]) && isVowel(w[1]) && !isVowel(w[2]) && !strings.ContainsRune("wxy", rune(w[2]))
}

func isVowel(c byte) bool { return strings.IndexByte("aeiouy", c) >= 0 }

func hasVowel(s string) bool {
	for i := 0; i < len(s); i++ {
		if isVowel(s[i]) {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
