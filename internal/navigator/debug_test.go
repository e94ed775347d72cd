package navigator

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"signpost/internal/mitdusp"
)

// TestDebugHits prints what the navigator reads in $SIGNPOST_DEBUG_Q; for tuning only.
func TestDebugHits(t *testing.T) {
	q := os.Getenv("SIGNPOST_DEBUG_Q")
	if q == "" {
		t.Skip("set SIGNPOST_DEBUG_Q to a concern")
	}
	d, _ := mitdusp.Load()
	k, err := DefaultKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	n := New(k, d)
	var r reader
	// SIGNPOST_DEBUG_LANGS (such as "es") lets the packs of those languages read the concern.
	n.scanConcern(&r, q, strings.Split(os.Getenv("SIGNPOST_DEBUG_LANGS"), ","))
	for _, h := range r.fullHits {
		p := n.full.phrases[h.phrase]
		fmt.Printf("full kind=%d ref=%d %q fuzzy=%v at %v\n", p.kind, p.ref, p.label, h.fuzzy, spelt(r.words[h.start:h.end]))
	}
	for _, h := range r.hits {
		p := n.m.phrases[h.phrase]
		name := ""
		if p.kind == kindConcept {
			name = n.k.Vocabulary.Concepts[p.ref].ID
		} else if p.kind == kindResourceName {
			name = n.resources[p.ref].ID
		}
		fmt.Printf("content kind=%d %s %q fuzzy=%v at %v\n", p.kind, name, p.label, h.fuzzy, spelt(r.words[r.content[h.start]:r.content[h.end-1]+1]))
	}
}

func spelt(words []concernWord) []string {
	var out []string
	for _, w := range words {
		out = append(out, w.word)
	}
	return out
}
