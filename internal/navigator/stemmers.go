package navigator

import (
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
	"es": snowballStemmer(spanish.Stem),
	"pt": snowballStemmer(portuguese.Stem),
	"fr": snowballStemmer(french.Stem),
	"de": snowballStemmer(german.Stem),
}

// snowballStemmer makes a stemmer of a Snowball program that leaves short and non-ASCII words,
// and stems shorter than three letters, alone: short stems join unrelated words.
func snowballStemmer(program func(*snowball.Env) bool) func(string) string {
	return func(w string) string {
		if len(w) < 4 || !isASCII(w) {
			return w
		}
		env := snowball.NewEnv(w)
		program(env)
		if s := env.Current(); len(s) >= 3 {
			return s
		}
		return w
	}
}
