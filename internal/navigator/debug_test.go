package navigator

import (
	"fmt"
	"os"
	"testing"

	"signpost/internal/defaults"
)

// TestDebugHits prints what the navigator reads in $SIGNPOST_DEBUG_Q; for tuning only.
func TestDebugHits(t *testing.T) {
	q := os.Getenv("SIGNPOST_DEBUG_Q")
	if q == "" {
		t.Skip("set SIGNPOST_DEBUG_Q to a concern")
	}
	d, _ := defaults.Load()
	k, err := DefaultKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	n := New(k, d)
	toks := tokenize(q)
	var all, words, content, cwords []string
	for _, tk := range toks {
		all, words = append(all, tk.stem), append(words, tk.word)
		if !n.stop[tk.word] {
			content, cwords = append(content, tk.stem), append(cwords, tk.word)
		}
	}
	for _, h := range n.full.scan(all, n.full.alternatives(all, words)) {
		p := n.full.phrases[h.phrase]
		fmt.Printf("full kind=%d ref=%d %q fuzzy=%v at %v\n", p.kind, p.ref, p.label, h.fuzzy, words[h.start:h.end])
	}
	for _, h := range n.m.scan(content, n.m.alternatives(content, cwords)) {
		p := n.m.phrases[h.phrase]
		name := ""
		if p.kind == kindConcept {
			name = n.k.Vocabulary.Concepts[p.ref].ID
		} else if p.kind == kindResourceName {
			name = n.resources[p.ref].ID
		}
		fmt.Printf("content kind=%d %s %q fuzzy=%v at %v\n", p.kind, name, p.label, h.fuzzy, cwords[h.start:h.end])
	}
}
