package concern

import (
	"fmt"
	"strings"
	"testing"

	"signpost/internal/ngram"
)

// TestClassifierLeaveOneSourceOut measures the n-gram classifier honestly: for each labelled
// set, a model trained on the other sets only reads that set's sentences, and what it adds
// to the rules is counted: the emergencies the rules missed that it catches, and the
// non-emergencies it flags that the rules did not. (The rules were tuned on these sets, so
// their own misses here are few; the classifier's figures are first looks.) The threshold in
// concepts.json must keep the added false alarms under 1 % of the non-emergencies.
func TestClassifierLeaveOneSourceOut(t *testing.T) {
	k, err := DefaultKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	if k.Classifier == nil {
		t.Skip("no classifier configured")
	}
	threshold := k.Classifier.MinLogOdds
	k.Classifier = nil // the rules alone
	rules := NewReader(k)
	sets := evalSets(t)
	var report strings.Builder
	thresholds := []float64{20, 30, 40, 50, 60, 80, 90, 100}
	caught, added := make([]int, len(thresholds)), make([]int, len(thresholds))
	missed, emergencies, harmless := 0, 0, 0
	for _, name := range sortedKeys(sets) {
		var train []ngram.Example
		for _, other := range sortedKeys(sets) {
			if other != name {
				for _, c := range sets[other] {
					train = append(train, ngram.Example{Text: foldedWords(c.q), Positive: c.emergency})
				}
			}
		}
		m := ngram.Train(train)
		for _, c := range sets[name] {
			rd := rules.Read(c.q, "")
			if !rd.Covered || len(rd.Emergencies) > 0 {
				if c.emergency {
					emergencies++
				} else {
					harmless++
				}
				continue
			}
			odds := m.LogOdds(foldedWords(c.q))
			if c.emergency {
				emergencies++
				missed++
			} else {
				harmless++
			}
			for i, th := range thresholds {
				if odds >= th {
					if c.emergency {
						caught[i]++
					} else {
						added[i]++
					}
				}
			}
		}
	}
	fmt.Fprintf(&report, "%d emergencies (the rules miss %d), %d non-emergencies\n", emergencies, missed, harmless)
	for i, th := range thresholds {
		fmt.Fprintf(&report, "min_log_odds %3.0f: catches %d of the misses, adds %d false alarms\n", th, caught[i], added[i])
		if th == threshold && 100*added[i] >= harmless {
			t.Errorf("at the configured %v the classifier adds %d false alarms of %d", th, added[i], harmless)
		}
	}
	t.Log("\n" + report.String())
}

// TestClassifierAddsButNeverRemoves: the classifier reads a danger into a message the rules
// found none in only above its threshold, and leaves the rules' own emergencies as they are;
// a bad setting is refused at load.
func TestClassifierAddsButNeverRemoves(t *testing.T) {
	k, err := DefaultKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	k.Labelled = []ngram.Example{
		{Text: "the zorblat is loose in the hallway and it is biting people", Positive: true},
		{Text: "a zorblat bit my friend, there is blood everywhere", Positive: true},
		{Text: "where do I return a library book", Positive: false},
		{Text: "how do I change my advisor", Positive: false},
	}
	k.Classifier = &ClassifierSettings{MinLogOdds: 5, Responders: []string{"police"}, Why: map[string]string{"en": "Sounds like danger."}}
	r := NewReader(k)
	if rd := r.Read("help, a zorblat is biting people in the hallway", ""); len(rd.Emergencies) != 1 || rd.Emergencies[0].ID != ClassifierID || rd.Emergencies[0].Why != "Sounds like danger." {
		t.Errorf("the classifier did not add its emergency: %+v", rd.Emergencies)
	}
	if rd := r.Read("where do I return a library book", ""); len(rd.Emergencies) != 0 {
		t.Errorf("the classifier flagged a negative example: %+v", rd.Emergencies)
	}
	if rd := r.Read("my roommate is not breathing", ""); len(rd.Emergencies) == 0 || rd.Emergencies[0].ID == ClassifierID {
		t.Errorf("the rules' emergency should stand alone: %+v", rd.Emergencies)
	}
	k.Classifier.MinLogOdds = 0
	if err := k.validate(); err == nil {
		t.Error("a classifier without a threshold was accepted")
	}
}
