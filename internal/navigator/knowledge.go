package navigator

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"

	"signpost/internal/alternatives"
	"signpost/internal/concern"
	"signpost/internal/datafs"
	"signpost/internal/directory"
)

// Knowledge is everything the navigator knows besides the directory: the concern vocabulary,
// the words that signal confidentiality, roles and time, and the reading of danger in every
// language it has a lexicon for ([concern.Knowledge]). It is data, read from JSON files, and
// it never names a resource: it speaks of topics and of resources' attributes.
type Knowledge struct {
	Vocabulary Vocabulary
	Signals    Signals
	Concern    *concern.Knowledge
	// Packs are the other languages' vocabularies (vocabulary-LANG.json), by language code.
	Packs map[string]*LanguagePack
}

// Vocabulary maps the words people use to concepts, and concepts to topics and resources.
type Vocabulary struct {
	Concepts []Concept `json:"concepts"`
}

// Concept is one thing a person may be talking about; it is directory data, so that editors
// can change the vocabulary.
type Concept = directory.Concept

// Signals are the words that say something about the person or the request rather than the
// concern itself.
type Signals struct {
	Confidential []string            `json:"confidential"`
	Anonymous    []string            `json:"anonymous"`
	Roles        map[string][]string `json:"roles"`
	SelfMarkers  []string            `json:"self_markers"`
	Urgent       []string            `json:"urgent"`
	TimeWords    map[string][]string `json:"time_words"`
	Stopwords    []string            `json:"stopwords"`
	// FallbackTopics mark the general navigators offered when nothing fits well: the
	// resources that have one of these topics, in this order.
	FallbackTopics []string `json:"fallback_topics"`
	// ConfidentialFallbackTopics mark the private resources, in this order, that fill the
	// first places when a person asks for confidentiality and too few private options fit.
	ConfidentialFallbackTopics []string `json:"confidential_fallback_topics"`
	// AnonymousFallbackTopics mark the general anonymous reporting channels, in this order:
	// one of them is offered to a person who asks for anonymity when no anonymous option
	// fits the concern's topics (overtime kept off the books, to be reported anonymously).
	AnonymousFallbackTopics []string `json:"anonymous_fallback_topics,omitempty"`
	// UrgentTopics are the topics that, chosen in the guided path, put the emergency services
	// and the options open around the clock first.
	UrgentTopics []string `json:"urgent_topics"`
	// NotUrgent phrases say it is not urgent ("no rush", "not an emergency").
	NotUrgent []string `json:"not_urgent"`
	// Negators (single words) and ReportingTerms read a wish for confidentiality said the other way round:
	// a negator shortly before a reporting term ("I do NOT want HR involved", "don't tell me
	// to call the cops", "nothing on my record").
	Negators       []string `json:"negators"`
	ReportingTerms []string `json:"reporting_terms"`
	// AfterHoursResponderTopics mark the responders to offer, when they are available, to
	// someone whose need is urgent or who speaks of the night, the weekend or a holiday:
	// resources with one of these topics and stated hours, other than emergency services.
	AfterHoursResponderTopics []string `json:"after_hours_responder_topics"`
	// AfterHoursTopics are the needs those responders also take when they are open, even if
	// the person did not say it was urgent.
	AfterHoursTopics []string `json:"after_hours_topics"`
}

//go:embed data/*.json
var defaultData embed.FS

// The file names of the knowledge, in the embedded defaults and in an override folder; the
// concern reader's files (concepts.json, lexicon/*.json) sit beside them.
const (
	VocabularyFile = "vocabulary.json"
	SignalsFile    = "signals.json"
)

// DefaultKnowledge returns the knowledge embedded in the binary.
func DefaultKnowledge() (*Knowledge, error) {
	sub, err := fs.Sub(defaultData, "data")
	if err != nil {
		return nil, err
	}
	k, err := LoadKnowledge(sub)
	if err != nil {
		return nil, err
	}
	if k.Concern, err = concern.DefaultKnowledge(); err != nil {
		return nil, err
	}
	return k, nil
}

// LoadKnowledgeDir loads the knowledge from dir, taking each file that dir lacks from the
// embedded defaults, so that an operator can override only the vocabulary, say.
func LoadKnowledgeDir(dir string) (*Knowledge, error) {
	sub, err := fs.Sub(defaultData, "data")
	if err != nil {
		return nil, err
	}
	k, err := LoadKnowledge(datafs.Overlay{Dir: dir, Embedded: sub})
	if err != nil {
		return nil, err
	}
	if k.Concern, err = concern.LoadKnowledgeDir(dir); err != nil {
		return nil, err
	}
	return k, nil
}

// LoadKnowledge reads the vocabulary and signals files from fsys and checks them; the
// concern knowledge is left for the caller to set (New uses the embedded one when it is nil). Unknown fields are
// errors, so that a misspelt key in a hand-edited file is caught rather than ignored.
func LoadKnowledge(fsys fs.FS) (*Knowledge, error) {
	var k Knowledge
	for _, f := range []struct {
		name string
		into any
	}{{VocabularyFile, &k.Vocabulary}, {SignalsFile, &k.Signals}} {
		if err := decodeStrict(fsys, f.name, f.into); err != nil {
			return nil, err
		}
	}
	var err error
	if k.Packs, err = loadPacks(fsys); err != nil {
		return nil, err
	}
	if err := k.validate(); err != nil {
		return nil, fmt.Errorf("navigator knowledge: %w", err)
	}
	return &k, nil
}

func (k *Knowledge) validate() error {
	seen := map[string]bool{}
	for i, c := range k.Vocabulary.Concepts {
		switch {
		case c.ID == "":
			return fmt.Errorf("%s: concepts[%d] has no id", VocabularyFile, i)
		case seen[c.ID]:
			return fmt.Errorf("%s: concept %q appears twice", VocabularyFile, c.ID)
		case len(c.Terms) == 0:
			return fmt.Errorf("%s: concept %q has no terms", VocabularyFile, c.ID)
		case len(c.Topics) == 0:
			return fmt.Errorf("%s: concept %q points at no topic", VocabularyFile, c.ID)
		}
		for _, t := range c.Terms {
			if err := directory.CheckTerm(t); err != nil {
				return fmt.Errorf("%s: concept %q: %w", VocabularyFile, c.ID, err)
			}
		}
		seen[c.ID] = true
	}
	if err := checkSignalTerms(SignalsFile, &k.Signals); err != nil {
		return err
	}
	for _, lang := range sortedKeys(k.Packs) {
		if err := checkSignalTerms("vocabulary-"+lang+".json", &k.Packs[lang].Signals); err != nil {
			return err
		}
	}
	// Paired terms need words to count between their parts: a pack matched by substring
	// (Chinese, Korean, Arabic) has none, and there the mark would be dropped silently.
	for _, lang := range sortedKeys(k.Packs) {
		p := k.Packs[lang]
		for _, id := range sortedKeys(p.Concepts) {
			for _, t := range p.Concepts[id].Terms {
				if p.Substring && strings.Contains(t, directory.PairMark) {
					return fmt.Errorf("vocabulary-%s.json: concept %q: term %q: paired terms (%s) need a language written in words", lang, id, t, directory.PairMark)
				}
				if err := directory.CheckTerm(t); err != nil {
					return fmt.Errorf("vocabulary-%s.json: concept %q: %w", lang, id, err)
				}
			}
		}
	}
	return nil
}

// decodeStrict reads one JSON file of fsys into into, refusing unknown fields so that a
// misspelt key in a hand-edited file is caught rather than ignored.
func decodeStrict(fsys fs.FS, name string, into any) error {
	if err := datafs.DecodeStrict(fsys, name, into); err != nil {
		return fmt.Errorf("navigator knowledge: %w", err)
	}
	return nil
}

// WithConcepts returns a copy of k whose vocabulary is the files' concepts overlaid with
// edited ones: an edited concept replaces the one with its id, a new id adds one, and a
// retired one is left out. It returns k itself when there is nothing to overlay.
func (k *Knowledge) WithConcepts(edited []directory.Concept) (*Knowledge, error) {
	if len(edited) == 0 {
		return k, nil
	}
	byID := make(map[string]int, len(edited))
	for i, c := range edited {
		byID[c.ID] = i
	}
	out := *k
	out.Vocabulary.Concepts = make([]Concept, 0, len(k.Vocabulary.Concepts)+len(edited))
	for _, c := range k.Vocabulary.Concepts {
		if i, ok := byID[c.ID]; ok {
			c = edited[i]
			delete(byID, c.ID)
		}
		if !c.Retired {
			out.Vocabulary.Concepts = append(out.Vocabulary.Concepts, c)
		}
	}
	for _, c := range edited {
		if _, isNew := byID[c.ID]; isNew && !c.Retired {
			out.Vocabulary.Concepts = append(out.Vocabulary.Concepts, c)
		}
	}
	if err := out.validate(); err != nil {
		return nil, err
	}
	return &out, nil
}

// checkSignalTerms refuses a signal phrase that stands for more phrases than the matcher
// compiles (see alternatives.Check), naming the file.
func checkSignalTerms(file string, sig *Signals) error {
	lists := [][]string{sig.Confidential, sig.Anonymous, sig.SelfMarkers, sig.Urgent, sig.NotUrgent, sig.ReportingTerms}
	for _, k := range sortedKeys(sig.Roles) {
		lists = append(lists, sig.Roles[k])
	}
	for _, k := range sortedKeys(sig.TimeWords) {
		lists = append(lists, sig.TimeWords[k])
	}
	for _, list := range lists {
		for _, t := range list {
			if err := alternatives.Check(t); err != nil {
				return fmt.Errorf("%s: %w", file, err)
			}
		}
	}
	return nil
}
