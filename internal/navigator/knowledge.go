package navigator

import (
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"signpost/internal/directory"
)

// Knowledge is everything the navigator knows besides the directory: the concern vocabulary,
// the words that signal confidentiality, roles and time, and the emergency rules. It is data,
// read from JSON files.
type Knowledge struct {
	Vocabulary Vocabulary
	Signals    Signals
	Emergency  EmergencyRules
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
	// Fallback lists the general navigators offered when nothing fits well.
	Fallback []string `json:"fallback"`
	// ConfidentialFallback lists confidential resources, broadest first, that fill the first
	// places when a person asks for confidentiality and too few private options fit.
	ConfidentialFallback []string `json:"confidential_fallback"`
	// Negators (single words) and ReportingTerms read a wish for confidentiality said the other way round:
	// a negator shortly before a reporting term ("I do NOT want HR involved", "don't tell me
	// to call the cops", "nothing on my record").
	Negators       []string `json:"negators"`
	ReportingTerms []string `json:"reporting_terms"`
	// AfterHours lists the responders to offer, when they are available, to someone whose
	// need is urgent or who speaks of the night, the weekend or a holiday.
	AfterHours []string `json:"after_hours"`
	// AfterHoursTopics are the needs those responders also take when they are open, even if
	// the person did not say it was urgent.
	AfterHoursTopics []string `json:"after_hours_topics"`
}

// EmergencyRules recognise an immediate danger to life or safety.
type EmergencyRules struct {
	Rules []EmergencyRule `json:"rules"`
	// FiguresOfSpeech are idioms whose words must not raise an alarm ("this is killing me").
	FiguresOfSpeech []string `json:"figures_of_speech"`
	// Negations say the person is not in an emergency ("not an emergency").
	Negations []string `json:"negations"`
}

// EmergencyRule fires when any of Any appears (outside a figure of speech), and, when AlsoAny
// is set, one of AlsoAny appears too.
type EmergencyRule struct {
	ID       string   `json:"id"`
	Category string   `json:"category"`
	Any      []string `json:"any"`
	AlsoAny  []string `json:"also_any,omitempty"`
	// SendTo lists the resources to put first, in order.
	SendTo []string `json:"send_to"`
	// Why is one calm sentence shown to the person.
	Why string `json:"why"`
}

//go:embed data/*.json
var defaultData embed.FS

// The file names of the knowledge, in the embedded defaults and in an override folder.
const (
	VocabularyFile = "vocabulary.json"
	SignalsFile    = "signals.json"
	EmergencyFile  = "emergency.json"
)

// DefaultKnowledge returns the knowledge embedded in the binary.
func DefaultKnowledge() (*Knowledge, error) {
	sub, err := fs.Sub(defaultData, "data")
	if err != nil {
		return nil, err
	}
	return LoadKnowledge(sub)
}

// LoadKnowledgeDir loads the knowledge from dir, taking each file that dir lacks from the
// embedded defaults, so that an operator can override only the vocabulary, say.
func LoadKnowledgeDir(dir string) (*Knowledge, error) {
	return LoadKnowledge(overlayFS{dir: dir})
}

type overlayFS struct{ dir string }

func (o overlayFS) Open(name string) (fs.File, error) {
	f, err := os.Open(filepath.Join(o.dir, filepath.FromSlash(name)))
	if errors.Is(err, fs.ErrNotExist) {
		return defaultData.Open("data/" + name)
	}
	return f, err
}

// LoadKnowledge reads the three knowledge files from fsys and checks them. Unknown fields are
// errors, so that a misspelt key in a hand-edited file is caught rather than ignored.
func LoadKnowledge(fsys fs.FS) (*Knowledge, error) {
	var k Knowledge
	for _, f := range []struct {
		name string
		into any
	}{{VocabularyFile, &k.Vocabulary}, {SignalsFile, &k.Signals}, {EmergencyFile, &k.Emergency}} {
		b, err := fs.ReadFile(fsys, f.name)
		if err != nil {
			return nil, fmt.Errorf("navigator knowledge: %w", err)
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		dec.DisallowUnknownFields()
		if err := dec.Decode(f.into); err != nil {
			return nil, fmt.Errorf("navigator knowledge %s: %w", f.name, err)
		}
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
		case len(c.Topics) == 0 && len(c.Resources) == 0:
			return fmt.Errorf("%s: concept %q points at no topic or resource", VocabularyFile, c.ID)
		}
		seen[c.ID] = true
	}
	for i, r := range k.Emergency.Rules {
		if r.ID == "" || len(r.Any) == 0 || len(r.SendTo) == 0 {
			return fmt.Errorf("%s: rules[%d] needs an id, terms in any, and send_to", EmergencyFile, i)
		}
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
