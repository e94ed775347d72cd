package concern

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"sync"

	"signpost/internal/ngram"
)

// LabelledFile names the labelled sentences the classifier learns from: one JSON object a
// line, {"q": "...", "emergency": true}.
const LabelledFile = "labelled.jsonl"

// ClassifierSettings say when the n-gram classifier, beside the concepts, reads a danger:
// a message the rules read no danger in is one when the classifier's log-odds reach
// MinLogOdds. It can only add an emergency, never remove one, and says why in one calm
// sentence, since it has no words to point at.
type ClassifierSettings struct {
	MinLogOdds float64           `json:"min_log_odds"`
	Responders []string          `json:"responders"`
	Why        map[string]string `json:"why"`
}

// classifier is the trained model, built once per knowledge on first use.
type classifier struct {
	once  sync.Once
	model *ngram.Model
}

func (k *Knowledge) model() *ngram.Model {
	if k.Classifier == nil || len(k.Labelled) == 0 {
		return nil
	}
	k.trained.once.Do(func() {
		folded := make([]ngram.Example, len(k.Labelled))
		for i, e := range k.Labelled {
			folded[i] = ngram.Example{Text: foldedWords(e.Text), Positive: e.Positive}
		}
		k.trained.model = ngram.Train(folded)
	})
	return k.trained.model
}

// readLabelled reads LabelledFile from fsys; a knowledge without one has no classifier.
func readLabelled(fsys fs.FS) ([]ngram.Example, error) {
	f, err := fsys.Open(LabelledFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("concern knowledge: %w", err)
	}
	defer f.Close()
	var out []ngram.Example
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for line := 1; sc.Scan(); line++ {
		var e struct {
			Q         string `json:"q"`
			Emergency *bool  `json:"emergency"`
		}
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil || e.Q == "" || e.Emergency == nil {
			return nil, fmt.Errorf("concern knowledge: %s line %d: want {\"q\": text, \"emergency\": true or false}", LabelledFile, line)
		}
		out = append(out, ngram.Example{Text: e.Q, Positive: *e.Emergency})
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("concern knowledge: %s: %w", LabelledFile, err)
	}
	return out, nil
}

// classify adds the classifier's emergency to a reading the rules found none in.
func (r *Reader) classify(rd *Reading, text, lang string) {
	m := r.k.model()
	if m == nil || len(rd.Emergencies) > 0 || !rd.Covered {
		return
	}
	if m.LogOdds(foldedWords(text)) < r.k.Classifier.MinLogOdds {
		return
	}
	why := r.k.Classifier.Why[lang]
	if why == "" {
		why = r.k.Classifier.Why["en"]
	}
	rd.Emergencies = append(rd.Emergencies, Emergency{ID: ClassifierID, Responders: r.k.Classifier.Responders, Why: why})
}

// ClassifierID names the classifier's emergency among the frames'.
const ClassifierID = "sounds-like-danger"

// foldedWords is text's words as the reader folds them, joined by single spaces: what the
// classifier learns from and scores.
func foldedWords(text string) string {
	_, toks := normalize(text)
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.text
	}
	return strings.Join(words, " ")
}
