package navigator

import (
	"strings"
	"unicode"
	"unicode/utf8"

	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/arabic"
	"github.com/blevesearch/snowballstem/french"
	"github.com/blevesearch/snowballstem/german"
	"github.com/blevesearch/snowballstem/portuguese"
	"github.com/blevesearch/snowballstem/spanish"
)

// packStemmers stem the words of a language pack's terms, and the words of a concern that the
// English stems do not know, with that language's Snowball stemmer: "inventar datos" then
// also reads "inventó los datos" and "están inventando datos". Words are folded to ASCII
// before they get here; the stemmers read unaccented words well enough for matching, since
// the terms and the concern are stemmed alike.
var packStemmers = map[string]func(string) string{
	"es": snowballStemmer(spanish.Stem, [][2]string{{"cion", "ción"}, {"sion", "sión"}}),
	"pt": snowballStemmer(portuguese.Stem, [][2]string{{"cao", "ção"}, {"coes", "ções"}, {"sao", "são"}}),
	"fr": snowballStemmer(french.Stem, nil),
	"de": snowballStemmer(german.Stem, nil),
	"ar": arabicStemmer,
}

// packStem is a language pack's stemmer with its language.
type packStem struct {
	lang string
	stem func(string) string
}

// packStemKey is the lexicon entry of a pack word's stem: the word itself when the stemmer left
// it as it is, else "lang:stem", so that an English word never meets a stem that another
// language's stemmer cut ("mess" and the French "messe"). A word in another script shares
// nothing with English and is always keyed by its stem, so that a term written in the stem's
// own form ("قابل") meets its inflections ("القابلة").
func packStemKey(lang, word, stem string) string {
	if stem == word && isASCII(word) {
		return word
	}
	return lang + ":" + stem
}

// snowballStemmer makes a stemmer of a Snowball program that leaves short and non-ASCII words,
// and stems shorter than three letters, alone: short stems join unrelated words. Words come
// folded to ASCII, as people often type them; accents lists the endings whose suffix rules
// need their accent back ("capacitacion" is "capacitación", the singular of "capacitaciones").
func snowballStemmer(program func(*snowball.Env) bool, accents [][2]string) func(string) string {
	return func(w string) string {
		if len(w) < 4 || !isASCII(w) {
			return w
		}
		in := w
		for _, a := range accents {
			if strings.HasSuffix(w, a[0]) {
				in = strings.TrimSuffix(w, a[0]) + a[1]
				break
			}
		}
		env := snowball.NewEnv(in)
		program(env)
		if s := env.Current(); len(s) >= 3 && isASCII(s) {
			return s
		}
		return w
	}
}

// arabicStemmer strips Arabic's attached articles, prepositions and endings with Snowball's
// Arabic program: "القابلة للاشتعال" (the flammable, feminine) then reads as the pack's
// "قابل للاشتعال". Words of other scripts, and stems shorter than two letters, are left alone.
func arabicStemmer(w string) string {
	if utf8.RuneCountInString(w) < 3 || !isArabic(w) {
		return w
	}
	// Folding wrote the feminine ending ة as ه; the stemmer strips it only as it was.
	in := w
	if strings.HasSuffix(w, "ه") {
		in = strings.TrimSuffix(w, "ه") + "ة"
	}
	env := snowball.NewEnv(in)
	arabic.Stem(env)
	if s := env.Current(); utf8.RuneCountInString(s) >= 2 {
		return s
	}
	return w
}

func isArabic(w string) bool {
	for _, r := range w {
		if !unicode.Is(unicode.Arabic, r) {
			return false
		}
	}
	return true
}
