package navigator

import (
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
			if got, want := wh.pre[n], polyHash(b); got != want {
				t.Fatalf("%q: whole-word hash %x, want %x", word, got, want)
			}
			for p := range n {
				d := word[:p] + word[p+1:]
				if got, want := wh.without1(n, p), polyHash([]byte(d)); got != want {
					t.Fatalf("%q without %d: %x, want %x", word, p, got, want)
				}
				for q := p + 1; q < n; q++ {
					d := word[:p] + word[p+1:q] + word[q+1:]
					if got, want := wh.without2(n, p, q), polyHash([]byte(d)); got != want {
						t.Fatalf("%q without %d and %d: %x, want %x", word, p, q, got, want)
					}
				}
			}
		}
	}
}
