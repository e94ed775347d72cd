// Package concern reads what a person wrote — in any of the languages it has a lexicon for —
// and says which concepts it names and whether they describe a danger happening now.
//
// The knowledge is data ([Knowledge]): language-independent concepts and frames
// (data/concepts.json) and one lexicon per language (data/lexicon/*.json) mapping words to
// those concepts, with the context triggers that change their meaning. Reading follows
// NegEx and ConText (Chapman et al. 2001; Harkema et al. 2009): a trigger ("not", "years
// ago", "what if", "in a story") opens a scope over nearby concepts in its sentence until a
// terminator ("but", "now"), and a danger concept counts only when no scope holds it. A danger
// is an emergency when a frame of present concepts fires: one concept that is enough alone
// ("not breathing"), or several that only together are ("pills" with "goodbye").
//
// The package is pure and imports nothing of the project: no resource ids, no directory.
package concern
