package navigator

import (
	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/spanish"
)

// packStemmers stem the words of a language pack's terms, and the words of a concern that the
// English stems do not know, with that language's Snowball stemmer: "inventar datos" then
// also reads "inventó los datos" and "están inventando datos".
var packStemmers = map[string]func(string) string{
	"es": spanishStem,
}

func spanishStem(w string) string {
	if len(w) < 4 || !isASCII(w) {
		return w
	}
	env := snowball.NewEnv(w)
	spanish.Stem(env)
	if s := env.Current(); len(s) >= 3 {
		return s
	}
	return w
}
