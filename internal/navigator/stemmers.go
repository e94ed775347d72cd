package navigator

import (
	"strings"

	snowball "github.com/blevesearch/snowballstem"
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
}

// packStem is a language pack's stemmer with its language.
type packStem struct {
	lang string
	stem func(string) string
}

// packStemKey is the lexicon entry of a pack word's stem: the word itself when the stemmer left
// it as it is, else "lang:stem", so that an English word never meets a stem that another
// language's stemmer cut ("mess" and the French "messe").
func packStemKey(lang, word, stem string) string {
	if stem == word {
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
