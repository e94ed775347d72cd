package navigator

// lexicon numbers the words and stems the navigator knows, and says of each what it is, so
// that reading a concern looks each word up once instead of once per table, and the phrase
// scan compares small integers.
type lexicon struct {
	ids   map[string]int32
	stems []string
	flags []lexFlags
}

// lexFlags say what a lexicon entry is.
type lexFlags uint8

const (
	// lexStop marks a stop word (as written, not as a stem).
	lexStop lexFlags = 1 << iota
	// lexContent and lexFull mark a stem of a phrase of the content matcher and of the full
	// matcher: a word with such a stem needs no typo search in that matcher.
	lexContent
	lexFull
	// lexNegator and lexReporting mark the stems of Signals.Negators and ReportingTerms.
	lexNegator
	lexReporting
	// lexPackStem marks a stem a language pack's stemmer made: the only stems a concern's
	// word may reach through that stemmer (so that Spanish "examen" does not become English
	// "exam").
	lexPackStem
	// lexBase marks a stem of a base vocabulary phrase: a word only a pack knows is not
	// "known" in a concern in another language, and is searched for typos there.
	lexBase
)

func newLexicon() *lexicon { return &lexicon{ids: map[string]int32{}} }

// mark adds f to the flags of s, adding s if new, and returns its id.
func (l *lexicon) mark(s string, f lexFlags) int32 {
	id, ok := l.ids[s]
	if !ok {
		id = int32(len(l.stems))
		l.ids[s] = id
		l.stems = append(l.stems, s)
		l.flags = append(l.flags, 0)
	}
	l.flags[id] |= f
	return id
}

// lookup returns the id and flags of s; id is -1 when s is unknown.
func (l *lexicon) lookup(s string) (int32, lexFlags) {
	if id, ok := l.ids[s]; ok {
		return id, l.flags[id]
	}
	return -1, 0
}
