package concern

import (
	"embed"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"

	"signpost/internal/alternatives"
	"signpost/internal/datafs"
	"signpost/internal/ngram"
)

// Knowledge is what the reader knows: concepts and frames shared by every language, and one
// lexicon per language.
type Knowledge struct {
	// Concepts come in the order their emergencies are reported, and so their responders
	// put first: a person who is the danger (a weapon, an attack, a threat) before the harm
	// done, so that the police, who make a scene safe, come before the medics.
	Concepts []Concept `json:"concepts"`
	Frames   []Frame   `json:"frames"`
	// Classifier, with Labelled, adds an n-gram classifier beside the rules (see
	// [ClassifierSettings]).
	Classifier *ClassifierSettings `json:"classifier,omitempty"`
	Lexicons   []Lexicon           `json:"-"`
	Labelled   []ngram.Example     `json:"-"`
	trained    classifier
}

// Concept kinds.
const (
	KindDanger    = "danger"
	KindResponder = "responder"
)

// Concept is one thing a person may be describing, whatever the language.
type Concept struct {
	ID   string `json:"id"`
	Kind string `json:"kind"`
	// Alone is true for a danger that is an emergency by itself when present.
	Alone bool `json:"alone,omitempty"`
	// Exempt lists context categories that do not hold this concept (a conditional "if I
	// don't get help I'll kill myself" is still an emergency).
	Exempt []string `json:"exempt,omitempty"`
	// Self marks the concepts of the writer's own safety (intent, means, goodbyes), which a
	// statement anywhere in the message ("I'm safe, there's no plan") can negate.
	Self bool `json:"self,omitempty"`
	// Responders are the kinds of responder to put first, in order (police, medical, fire).
	Responders []string `json:"responders,omitempty"`
	// Claims marks a concept whose terms name a thing, not the danger in their words: the
	// "fire" of "fire alarm" is no fire, as that of "fire department" is none.
	Claims bool `json:"claims,omitempty"`
	// Why is one calm sentence per language code.
	Why map[string]string `json:"why,omitempty"`
	// Topics are the topics of the directory's taxonomy a concern naming this concept is
	// about, with weights: a fire that is out is still a matter for safety.
	Topics map[string]float64 `json:"topics,omitempty"`
}

// Frame is an emergency made of several concepts: each group of All needs one present
// concept.
type Frame struct {
	ID  string     `json:"id"`
	All [][]string `json:"all"`
	// MaxWords, when set, limits the frame to short messages (a bare "help!").
	MaxWords int `json:"max_words,omitempty"`
	// MinEvidence, when set, asks for that many different cues: one goodbye may be a
	// farewell to a city, two in one message ("sorry for everything … my last message")
	// are a warning sign.
	MinEvidence int `json:"min_evidence,omitempty"`
	// Near, when set, asks each group's concept to stand fewer than that many words from
	// one of the first group's: a fear said of a deadline, in a long message, is not a fear
	// of the man outside the door.
	Near       int               `json:"near,omitempty"`
	Exempt     []string          `json:"exempt,omitempty"`
	Responders []string          `json:"responders"`
	Why        map[string]string `json:"why"`
}

// Lexicon is one language's words for the concepts and its context triggers.
type Lexicon struct {
	Lang   string `json:"lang"`
	Name   string `json:"name"`
	Window int    `json:"window"`
	// Substring languages (no spaces between words, or clitics attached to them) match
	// terms anywhere in the text with spaces removed.
	Substring bool `json:"substring,omitempty"`
	// DigitLetters are the digits a romanised spelling of the language writes as letters
	// (Arabizi's "3" for ع, "7" for ح): a Latin word holding one is evidence of it.
	DigitLetters string                         `json:"digit_letters,omitempty"`
	Stopwords    []string                       `json:"stopwords"`
	Chat         map[string]string              `json:"chat,omitempty"`
	Terms        map[string][]string            `json:"terms"`
	Classes      map[string][]string            `json:"classes,omitempty"`
	Figurative   []string                       `json:"figurative,omitempty"`
	Context      map[string]map[string][]string `json:"context"`
	Terminators  []string                       `json:"terminators,omitempty"`
	Present      []string                       `json:"present,omitempty"`
	// Now are strong present-time cues ("right now", "here with me now"): in their sentence
	// they overrule a historical or hypothetical reading, as the navigator's design asks
	// ("when I was home I took the gun, it is here with me now").
	Now []string `json:"now,omitempty"`
	// Pseudo are phrases with a negation word that negate nothing ("can't stop", "not
	// sure"): NegEx's pseudo-negations. A trigger inside one is ignored.
	Pseudo []string `json:"pseudo,omitempty"`
}

// Context categories: a danger concept in one of these scopes is not happening now.
const (
	Negated      = "negated"
	Historical   = "historical"
	Hypothetical = "hypothetical"
	Conditional  = "conditional"
	Fiction      = "fiction"
	Resolved     = "resolved"
	// Attributed symptoms have a stated cause that is not an emergency ("can't breathe"
	// during a panic attack).
	Attributed = "attributed"
)

var categories = []string{Negated, Historical, Hypothetical, Conditional, Fiction, Resolved, Attributed}

//go:embed data/concepts.json data/lexicon/*.json data/labelled.jsonl
var defaultData embed.FS

// ConceptsFile and LexiconDir name the knowledge in the embedded defaults and in an override
// folder.
const (
	ConceptsFile = "concepts.json"
	LexiconDir   = "lexicon"
)

// DefaultKnowledge returns the knowledge embedded in the binary.
func DefaultKnowledge() (*Knowledge, error) {
	sub, err := fs.Sub(defaultData, "data")
	if err != nil {
		return nil, err
	}
	return LoadKnowledge(sub)
}

// LoadKnowledgeDir loads the knowledge from dir, taking what dir lacks from the embedded
// defaults: a file in dir replaces the embedded file of its name, and a lexicon for a new
// language adds that language.
func LoadKnowledgeDir(dir string) (*Knowledge, error) {
	sub, err := fs.Sub(defaultData, "data")
	if err != nil {
		return nil, err
	}
	return LoadKnowledge(datafs.Overlay{Dir: dir, Embedded: sub})
}

// LoadKnowledge reads concepts.json and every lexicon/*.json from fsys and checks that they
// refer only to what exists. Unknown fields are errors, so a misspelt key is caught.
func LoadKnowledge(fsys fs.FS) (*Knowledge, error) {
	var k Knowledge
	if err := decodeFile(fsys, ConceptsFile, &k); err != nil {
		return nil, err
	}
	entries, err := fs.ReadDir(fsys, LexiconDir)
	if err != nil {
		return nil, fmt.Errorf("concern knowledge: %w", err)
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		var lx Lexicon
		if err := decodeFile(fsys, path.Join(LexiconDir, e.Name()), &lx); err != nil {
			return nil, err
		}
		k.Lexicons = append(k.Lexicons, lx)
	}
	if k.Labelled, err = readLabelled(fsys); err != nil {
		return nil, err
	}
	if err := k.validate(); err != nil {
		return nil, fmt.Errorf("concern knowledge: %w", err)
	}
	return &k, nil
}

func decodeFile(fsys fs.FS, name string, into any) error {
	if err := datafs.DecodeStrict(fsys, name, into); err != nil {
		return fmt.Errorf("concern knowledge: %w", err)
	}
	return nil
}

func (k *Knowledge) validate() error {
	known := map[string]bool{}
	for i, c := range k.Concepts {
		switch {
		case c.ID == "":
			return fmt.Errorf("%s: concepts[%d] has no id", ConceptsFile, i)
		case known[c.ID]:
			return fmt.Errorf("%s: concept %q appears twice", ConceptsFile, c.ID)
		case c.Kind != KindDanger && c.Kind != KindResponder:
			return fmt.Errorf("%s: concept %q: kind must be %q or %q", ConceptsFile, c.ID, KindDanger, KindResponder)
		case c.Alone && (len(c.Responders) == 0 || c.Why["en"] == ""):
			return fmt.Errorf("%s: concept %q is an emergency alone but has no responders or English why", ConceptsFile, c.ID)
		}
		known[c.ID] = true
	}
	for i, f := range k.Frames {
		if f.ID == "" || len(f.All) == 0 || len(f.Responders) == 0 || f.Why["en"] == "" {
			return fmt.Errorf("%s: frames[%d] needs an id, all, responders and an English why", ConceptsFile, i)
		}
		for _, g := range f.All {
			for _, id := range g {
				if !known[id] {
					return fmt.Errorf("%s: frame %q refers to unknown concept %q", ConceptsFile, f.ID, id)
				}
			}
		}
	}
	if c := k.Classifier; c != nil && (c.MinLogOdds <= 0 || len(c.Responders) == 0 || c.Why["en"] == "") {
		return fmt.Errorf("%s: classifier needs a positive min_log_odds, responders and an English why", ConceptsFile)
	}
	langs := map[string]bool{}
	for _, lx := range k.Lexicons {
		if lx.Lang == "" || langs[lx.Lang] {
			return fmt.Errorf("lexicon %q: a lexicon needs a language code of its own", lx.Lang)
		}
		langs[lx.Lang] = true
		for id := range lx.Terms {
			if !known[id] {
				return fmt.Errorf("lexicon %s: terms for unknown concept %q", lx.Lang, id)
			}
		}
		if err := lx.checkClasses(); err != nil {
			return err
		}
		for cat := range lx.Context {
			if !contains(categories, cat) {
				return fmt.Errorf("lexicon %s: unknown context category %q (known: %s)", lx.Lang, cat, strings.Join(categories, ", "))
			}
			for dir := range lx.Context[cat] {
				if dir != "forward" && dir != "backward" && dir != "both" && dir != "message" {
					return fmt.Errorf("lexicon %s: context %s: direction %q is not forward, backward, both or message", lx.Lang, cat, dir)
				}
			}
		}
	}
	return nil
}

// Languages lists the language codes the knowledge has a lexicon for, sorted.
func (k *Knowledge) Languages() []string {
	var out []string
	for _, lx := range k.Lexicons {
		out = append(out, lx.Lang)
	}
	sort.Strings(out)
	return out
}

func contains[T comparable](list []T, x T) bool {
	for _, y := range list {
		if y == x {
			return true
		}
	}
	return false
}

// checkClasses reports a pattern that names a class the lexicon does not define: such a
// pattern could never match, and would fail silently. A brace group with a bar is a set of
// alternatives (see [alternatives.Expand]), not a class.
func (lx *Lexicon) checkClasses() error {
	check := func(where, term string) error {
		if err := alternatives.Check(term); err != nil {
			return fmt.Errorf("lexicon %s: %s: %w", lx.Lang, where, err)
		}
		for rest := term; ; {
			open := strings.IndexByte(rest, '{')
			if open < 0 {
				return nil
			}
			end := strings.IndexByte(rest[open:], '}')
			if end < 0 {
				return nil
			}
			name := rest[open+1 : open+end]
			if _, ok := lx.Classes[name]; !ok && !strings.Contains(name, "|") { // a bar spells alternatives
				return fmt.Errorf("lexicon %s: %s %q names the class {%s}, which the lexicon does not define", lx.Lang, where, term, name)
			}
			rest = rest[open+end+1:]
		}
	}
	// In a fixed order, so that the same knowledge reports the same first error.
	for _, id := range slices.Sorted(maps.Keys(lx.Terms)) {
		for _, t := range lx.Terms[id] {
			if err := check("term of "+id, t); err != nil {
				return err
			}
		}
	}
	for _, cat := range slices.Sorted(maps.Keys(lx.Context)) {
		dirs := lx.Context[cat]
		for _, dir := range slices.Sorted(maps.Keys(dirs)) {
			for _, t := range dirs[dir] {
				if err := check("context "+cat, t); err != nil {
					return err
				}
			}
		}
	}
	for _, t := range lx.Figurative {
		if err := check("figure of speech", t); err != nil {
			return err
		}
	}
	for _, list := range []struct {
		what  string
		terms []string
	}{{"pseudo-negation", lx.Pseudo}, {"present cue", lx.Present}, {"now cue", lx.Now}, {"terminator", lx.Terminators}} {
		for _, t := range list.terms {
			if err := check(list.what, t); err != nil {
				return err
			}
		}
	}
	return nil
}
