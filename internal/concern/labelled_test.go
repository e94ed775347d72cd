package concern

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var updateLabelled = flag.Bool("update", false, "rewrite data/labelled.jsonl from testdata/eval")

// evalSets are the labelled concern sets; the classifier learns from every sentence with an
// emergency label in them.
func evalSets(t *testing.T) map[string][]labelled {
	t.Helper()
	files, err := filepath.Glob("../../testdata/eval/*.jsonl")
	if err != nil || len(files) == 0 {
		t.Fatalf("no evaluation sets: %v", err)
	}
	sets := map[string][]labelled{}
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		sc.Buffer(make([]byte, 64*1024), 1<<20)
		for sc.Scan() {
			var c struct {
				ID        string `json:"id"`
				Q         string `json:"q"`
				Emergency *bool  `json:"emergency"`
			}
			if json.Unmarshal(sc.Bytes(), &c) == nil && c.Q != "" && c.Emergency != nil {
				sets[filepath.Base(name)] = append(sets[filepath.Base(name)], labelled{c.ID, c.Q, *c.Emergency})
			}
		}
		f.Close()
	}
	return sets
}

type labelled struct {
	id, q     string
	emergency bool
}

// TestLabelledSentencesAreTheEvaluationSets: data/labelled.jsonl is every labelled sentence
// of testdata/eval, once, in file order (go test ./internal/concern -run Labelled -update
// rewrites it after a set changes).
func TestLabelledSentencesAreTheEvaluationSets(t *testing.T) {
	sets := evalSets(t)
	var want bytes.Buffer
	seen := map[string]bool{}
	for _, name := range sortedKeys(sets) {
		for _, c := range sets[name] {
			if seen[c.q] {
				continue
			}
			seen[c.q] = true
			line, _ := json.Marshal(struct {
				Q         string `json:"q"`
				Emergency bool   `json:"emergency"`
			}{c.q, c.emergency})
			want.Write(append(line, '\n'))
		}
	}
	path := filepath.Join("data", LabelledFile)
	if *updateLabelled {
		if err := os.WriteFile(path, want.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Errorf("%s is not the labelled sentences of testdata/eval; rewrite it with -update", path)
	}
}
