package navigator

import (
	"strings"
	"unicode/utf8"
)

// substringTerms are a pack's terms for a language written without spaces between words
// (Chinese; Korean, whose particles and endings stick to the word): they are found anywhere
// in the concern's folded text with its spaces removed, as the concern reader finds its
// own terms for those languages.
type substringTerms struct {
	byFirst map[rune][]substringTerm
}

type substringTerm struct {
	text string // folded, without spaces
	p    phrase
}

// addSubstring compiles text into the substring terms of the pack being compiled.
func (n *Navigator) addSubstring(text string, kind phraseKind, ref int, label string) {
	key := strings.ReplaceAll(phraseKey(text), " ", "")
	if key == "" {
		return
	}
	st := n.substr[n.substrLang]
	if st == nil {
		st = &substringTerms{byFirst: map[rune][]substringTerm{}}
		n.substr[n.substrLang] = st
	}
	first, _ := utf8.DecodeRuneInString(key)
	st.byFirst[first] = append(st.byFirst[first], substringTerm{text: key, p: phrase{kind: kind, ref: ref, label: label, lang: n.substrLang}})
}

// scanSubstrings calls take for each substring term of langs' packs found in folded.
func (n *Navigator) scanSubstrings(folded string, langs []string, take func(p *phrase, words string)) {
	var joined string
	for _, l := range langs {
		st := n.substr[l]
		if st == nil {
			continue
		}
		if joined == "" {
			joined = strings.ReplaceAll(folded, " ", "")
		}
		for i, r := range joined {
			for j := range st.byFirst[r] {
				t := &st.byFirst[r][j]
				if strings.HasPrefix(joined[i:], t.text) {
					take(&t.p, t.text)
				}
			}
		}
	}
}
