package navigator

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestDeletionHashes holds the hashes a typo search computes from prefix hashes to the hash
// of each deletion built out: a mismatch would make the Bloom filter turn real typos away.
func TestDeletionHashes(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 1; n <= maxFuzzyWord; n++ {
		for range 5 {
			b := make([]byte, n)
			for i := range b {
				b[i] = byte(rng.IntN(256)) // any byte: concerns are UTF-8 of every script
			}
			word := string(b)
			var wh wordHashes
			wh.init(word)
			if got, want := wh.pre[n], polyHash(word); got != want {
				t.Fatalf("%q: whole-word hash %x, want %x", word, got, want)
			}
			for p := range n {
				d := word[:p] + word[p+1:]
				if got, want := wh.without1(n, p), polyHash(d); got != want {
					t.Fatalf("%q without %d: %x, want %x", word, p, got, want)
				}
				for q := p + 1; q < n; q++ {
					d := word[:p] + word[p+1:q] + word[q+1:]
					if got, want := wh.without2(n, p, q), polyHash(d); got != want {
						t.Fatalf("%q without %d and %d: %x, want %x", word, p, q, got, want)
					}
				}
			}
		}
	}
}

// TestBloomFilterKeepsEveryKey: a key the filter turned away would be a typo never matched; and
// the filter, sized to the keys, must still turn away most strings that are no key, or it
// saves nothing.
func TestBloomFilterKeepsEveryKey(t *testing.T) {
	f := newFuzzyIndex(6)
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range 3000 {
		w := make([]byte, 6+rng.IntN(9))
		for j := range w {
			w[j] = 'a' + byte(rng.IntN(26))
		}
		f.add(string(w), string(w), int32(i))
	}
	if !f.mayHave(bloomHash(polyHash("anything"), 8)) {
		t.Fatal("before finish, the filter must let every key through")
	}
	f.finish()
	for key := range f.byDeletion {
		if !f.mayHave(bloomHash(polyHash(key), len(key))) {
			t.Fatalf("key %q turned away", key)
		}
	}
	passed, tries := 0, 100000
	for i := range tries {
		key := fmt.Sprintf("%d-no-such-key", i)
		if f.mayHave(bloomHash(polyHash(key), len(key))) {
			passed++
		}
	}
	if rate := float64(passed) / float64(tries); rate > 0.02 {
		t.Errorf("false positive rate %.3f over %d keys in %d words, want under 0.02", rate, len(f.byDeletion), len(f.seen))
	}
}

// TestVeryLongVocabularyWords: a vocabulary word longer than typo search reaches (a German
// compound, or a curator's paste) is kept for exact matching and does not stop the start.
func TestVeryLongVocabularyWords(t *testing.T) {
	f := newFuzzyIndex(4)
	word := "arbeitnehmerschutzbestimmungsverstoss"
	f.add(word, word, 7)
	if got := f.appendNear(nil, 0, word); len(got) != 0 {
		t.Errorf("a %d-letter word was indexed for typos: %v", len(word), got)
	}
}

// TestTypoIsNotAnotherWord: a short word one changed letter from a vocabulary word is another
// word, not a typo of it; a dropped, doubled or swapped letter still reads, and a long word may
// carry a changed letter.
func TestTypoIsNotAnotherWord(t *testing.T) {
	f := newFuzzyIndex(6)
	for i, w := range []string{"shooting", "hazing", "harassment", "plagiarism"} {
		f.add(w, w, int32(i))
	}
	f.finish()
	for _, tc := range []struct {
		word string
		want bool
	}{
		{"shouting", false}, {"having", false},
		{"shootng", true}, {"hazzing", true}, {"shotoing", true},
		{"harrasment", true}, {"plagiarizm", true},
	} {
		if got := len(f.appendNear(nil, 0, tc.word)) > 0; got != tc.want {
			t.Errorf("%q read as a typo: %v, want %v", tc.word, got, tc.want)
		}
	}
}
