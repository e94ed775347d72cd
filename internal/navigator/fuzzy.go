package navigator

import "slices"

// maxEdits is how many typing errors a word of n letters may carry and still match a
// vocabulary word: none below six letters (too many short words are one edit apart: "short"
// and "shoot"), one from six, two from ten, none above thirty (no word is that long).
func maxEdits(n int) int {
	switch {
	case n > 30:
		return 0 // no vocabulary word is this long; and the search would cost n² lookups
	case n >= 10:
		return 2
	case n >= 6:
		return 1
	}
	return 0
}

// fuzzyIndex finds the vocabulary stems whose spelling is within a few edits of a word, by
// the symmetric deletion method: every vocabulary spelling (a word as written and its stem) is
// stored under each string obtained by deleting up to two of its letters, and a query looks up
// its own deletions, so no scan of the vocabulary is needed. Keeping the full spelling matters:
// "harrasment" is one edit from "harassment" but two from its stem "harass".
type fuzzyIndex struct {
	byDeletion map[string][]spelling
	// seen is a blocked Bloom filter over byDeletion's keys, built by finish: most deletions
	// of a word are in no vocabulary spelling, and a test of three bits in one word of a small
	// array is much cheaper than a miss in a map of tens of thousands of keys (that lookup was a
	// tenth of the match endpoint's time). One word per key, not a bit anywhere in the array,
	// and an array sized to the keys, because under load a typo search's few hundred probes
	// were cache misses. Until finish, every key may be there.
	seen    []uint64
	spelled map[string]bool
	// minLen is the shortest spelling that may be matched with a typo.
	minLen int
	// oneEdit limits typos to one edit whatever the length: a language pack's long
	// compounds would otherwise cost the start more than the base vocabulary does.
	oneEdit bool
}

// edits is how many typos a spelling of n bytes may carry in this index.
func (f *fuzzyIndex) edits(n int) int {
	k := maxEdits(n)
	if f.oneEdit {
		k = min(k, 1)
	}
	return k
}

// substMin is the shortest word read as a typo by one changed letter: below it a changed
// letter makes another real word too often ("shouting" is not "shooting", "having" is not
// "hazing"), while a letter dropped, added or swapped still reads.
const substMin = 9

// oneSubstitution reports whether a and b have the same length and differ in one letter.
func oneSubstitution(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	diff := 0
	for i := range len(a) {
		if a[i] != b[i] {
			diff++
		}
	}
	return diff == 1
}

type spelling struct {
	text string
	stem string
	id   int32 // the stem's in the lexicon
}

func newFuzzyIndex(minLen int) *fuzzyIndex {
	return &fuzzyIndex{byDeletion: map[string][]spelling{}, spelled: map[string]bool{}, minLen: minLen}
}

// bloomBitsPerKey sizes the filter: with three bits of a 64-bit word per key, 16 bits a key
// (before rounding up to a power of two words) keep false positives under 1%, and a false
// positive costs only a map lookup. The default vocabulary's two indexes take 160 KB.
const bloomBitsPerKey = 16

// finish builds the filter over the keys added so far; an index is queried only after it.
func (f *fuzzyIndex) finish() {
	words := 1
	for words*64 < len(f.byDeletion)*bloomBitsPerKey {
		words *= 2
	}
	f.seen = make([]uint64, words)
	for key := range f.byDeletion {
		h := bloomHash(polyHash(key), len(key))
		f.seen[h&uint64(words-1)] |= bloomMask(h)
	}
}

// The filter's hash is polynomial in the key's bytes, so that the hash of a word with one or
// two letters deleted follows from the word's prefix hashes in a few operations: a typo search
// tries up to a few hundred deletions of each word, most in no vocabulary spelling, and
// building and hashing each one was most of its cost. A deletion is built only when the filter
// lets it through.
const hashBase = 1099511628211 // odd, so that powers of it never vanish modulo 2⁶⁴

// polyHash is Σ key[i]·hashBase^(len-1-i), modulo 2⁶⁴.
func polyHash(key string) uint64 {
	var h uint64
	for i := range len(key) {
		h = h*hashBase + uint64(key[i])
	}
	return h
}

// bloomHash mixes a key's polyHash with its length (murmur3's finalizer), so that every bit
// of the result, whose low bits pick the filter's word and high bits the three bits in it,
// depends on every byte.
func bloomHash(poly uint64, n int) uint64 {
	h := poly ^ uint64(n)<<56
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	h *= 0xc4ceb9fe1a85ec53
	return h ^ h>>33
}

// bloomMask is the three bits of a filter word that stand for a key of hash h.
func bloomMask(h uint64) uint64 {
	return 1<<(h>>58) | 1<<(h>>52&63) | 1<<(h>>46&63)
}

func (f *fuzzyIndex) mayHave(h uint64) bool {
	if f.seen == nil {
		return true
	}
	m := bloomMask(h)
	return f.seen[h&uint64(len(f.seen)-1)]&m == m
}

// wordHashes holds a word's prefix hashes and the powers of hashBase, from which the hash of
// any deletion of up to two of its letters is a few multiplications away.
type wordHashes struct {
	pre, pow [maxFuzzyWord + 1]uint64
}

// maxFuzzyWord is the longest word a typo search is made for (see maxEdits).
const maxFuzzyWord = 30

func (w *wordHashes) init(word string) {
	w.pow[0] = 1
	for i := range len(word) {
		w.pre[i+1] = w.pre[i]*hashBase + uint64(word[i])
		w.pow[i+1] = w.pow[i] * hashBase
	}
}

// part is the polyHash of word[a:b].
func (w *wordHashes) part(a, b int) uint64 { return w.pre[b] - w.pre[a]*w.pow[b-a] }

// without1 is the polyHash of the word of n letters without its letter p.
func (w *wordHashes) without1(n, p int) uint64 {
	return w.part(0, p)*w.pow[n-1-p] + w.part(p+1, n)
}

// without2 is the polyHash of the word of n letters without its letters p < q.
func (w *wordHashes) without2(n, p, q int) uint64 {
	return w.part(0, p)*w.pow[n-2-p] + w.part(p+1, q)*w.pow[n-1-q] + w.part(q+1, n)
}

// add registers a spelling of a vocabulary word and the stem it stands for, whose lexicon id
// is id.
func (f *fuzzyIndex) add(text, stem string, id int32) {
	key := text + "\x00" + stem
	if f.spelled[key] || len(text) < f.minLen {
		return
	}
	f.spelled[key] = true
	k := f.edits(len(text))
	if k == 0 {
		return // too short or too long to be looked for with typos (a German compound)
	}
	for _, d := range deletions(text, k) {
		f.byDeletion[d] = append(f.byDeletion[d], spelling{text, stem, id})
	}
}

// appendNear appends to out the ids of the stems of the vocabulary spellings within maxEdits
// of word (by true edit distance with transpositions), except word itself and the stems
// already in out[from:], in the order found. It looks up word's deletions in a reused buffer,
// so a lookup allocates nothing.
func (f *fuzzyIndex) appendNear(out []int32, from int, word string) []int32 {
	k := f.edits(len(word))
	if k == 0 || len(word) < f.minLen {
		return out
	}
	var arr [maxFuzzyWord]byte
	check := func(key []byte) {
		for _, cand := range f.byDeletion[string(key)] {
			if cand.stem == word || slices.Contains(out[from:], cand.id) {
				continue
			}
			limit := min(k, maxEdits(len(cand.text)))
			if len(word) < substMin && oneSubstitution(word, cand.text) {
				continue
			}
			if limit > 0 && editDistance(word, cand.text, limit) <= limit {
				out = append(out, cand.id)
			}
		}
	}
	n := len(word)
	var wh wordHashes
	wh.init(word)
	if f.mayHave(bloomHash(wh.pre[n], n)) {
		check(append(arr[:0], word...))
	}
	for i := range n {
		if i > 0 && word[i] == word[i-1] {
			continue // deleting either letter of a double gives the same string
		}
		if f.mayHave(bloomHash(wh.without1(n, i), n-1)) {
			check(append(append(arr[:0], word[:i]...), word[i+1:]...))
		}
		if k < 2 {
			continue
		}
		// The second deletion is at j of the word without its letter i, whose letter j is the
		// word's j before i and j+1 from i on.
		at := func(j int) byte {
			if j < i {
				return word[j]
			}
			return word[j+1]
		}
		for j := range n - 1 {
			if j > 0 && at(j) == at(j-1) {
				continue
			}
			p, q := j, i
			if j >= i {
				p, q = i, j+1
			}
			if f.mayHave(bloomHash(wh.without2(n, p, q), n-2)) {
				check(append(append(append(arr[:0], word[:p]...), word[p+1:q]...), word[q+1:]...))
			}
		}
	}
	return out
}

// deletions returns s and every string made by deleting up to k bytes of it (k is 1 or 2),
// without duplicates.
func deletions(s string, k int) []string {
	out := make([]string, 0, 1+len(s)*(1+len(s)/2*(k-1)))
	out = append(out, s)
	level := out[:1]
	for range k {
		start := len(out)
		for _, w := range level {
			for i := range len(w) {
				// Deleting either letter of a double ("ss") gives the same string.
				if i > 0 && w[i] == w[i-1] {
					continue
				}
				d := w[:i] + w[i+1:]
				if !containsFrom(out, start, d) {
					out = append(out, d)
				}
			}
		}
		level = out[start:]
	}
	return out
}

// containsFrom reports whether list[from:] holds s.
func containsFrom(list []string, from int, s string) bool {
	for _, x := range list[from:] {
		if x == s {
			return true
		}
	}
	return false
}

// editDistance is the optimal-string-alignment distance between a and b (insertions,
// deletions, substitutions and adjacent transpositions), or limit+1 once it exceeds limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	// Three rows on the stack: vocabulary spellings are at most 30 letters (see maxEdits).
	var rows [3][32]int
	var prev2, prev, cur []int
	if len(b) < len(rows[0]) {
		prev2, prev, cur = rows[0][:len(b)+1], rows[1][:len(b)+1], rows[2][:len(b)+1]
	} else {
		prev2, prev, cur = make([]int, len(b)+1), make([]int, len(b)+1), make([]int, len(b)+1)
	}
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return limit + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
