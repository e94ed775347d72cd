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
	// seen is a Bloom filter over byDeletion's keys: most deletions of a word are in no
	// vocabulary spelling, and two bit tests in a small array are much cheaper than a miss in
	// a map of a hundred thousand keys (that lookup was a tenth of the match endpoint's time).
	seen    []uint64
	spelled map[string]bool
	// minLen is the shortest spelling that may be matched with a typo.
	minLen int
}

type spelling struct {
	text string
	stem string
	id   int32 // the stem's in the lexicon
}

func newFuzzyIndex(minLen int) *fuzzyIndex {
	return &fuzzyIndex{byDeletion: map[string][]spelling{}, spelled: map[string]bool{}, minLen: minLen,
		seen: make([]uint64, bloomBits/64)}
}

// bloomBits sizes the filter: 2 Mbit (256 KB) keeps false positives near 3% for the 200,000
// deletion keys of a vocabulary several times today's.
const bloomBits = 1 << 21

// bloomHash is FNV-1a over the key; its two halves pick the filter's two bits.
func bloomHash(key []byte) uint64 {
	h := uint64(14695981039346656037)
	for _, c := range key {
		h ^= uint64(c)
		h *= 1099511628211
	}
	return h
}

func (f *fuzzyIndex) mark(key []byte) {
	h := bloomHash(key)
	a, b := h%bloomBits, (h>>32)%bloomBits
	f.seen[a/64] |= 1 << (a % 64)
	f.seen[b/64] |= 1 << (b % 64)
}

func (f *fuzzyIndex) mayHave(key []byte) bool {
	h := bloomHash(key)
	a, b := h%bloomBits, (h>>32)%bloomBits
	return f.seen[a/64]&(1<<(a%64)) != 0 && f.seen[b/64]&(1<<(b%64)) != 0
}

// add registers a spelling of a vocabulary word and the stem it stands for, whose lexicon id
// is id.
func (f *fuzzyIndex) add(text, stem string, id int32) {
	key := text + "\x00" + stem
	if f.spelled[key] || len(text) < f.minLen {
		return
	}
	f.spelled[key] = true
	for _, d := range deletions(text, maxEdits(len(text))) {
		f.byDeletion[d] = append(f.byDeletion[d], spelling{text, stem, id})
		f.mark([]byte(d))
	}
}

// appendNear appends to out the ids of the stems of the vocabulary spellings within maxEdits
// of word (by true edit distance with transpositions), except word itself and the stems
// already in out[from:], in the order found. It looks up word's deletions in a reused buffer,
// so a lookup allocates nothing.
func (f *fuzzyIndex) appendNear(out []int32, from int, word string) []int32 {
	k := maxEdits(len(word))
	if k == 0 || len(word) < f.minLen {
		return out
	}
	check := func(key []byte) {
		if !f.mayHave(key) {
			return
		}
		for _, cand := range f.byDeletion[string(key)] {
			if cand.stem == word || slices.Contains(out[from:], cand.id) {
				continue
			}
			limit := min(k, maxEdits(len(cand.text)))
			if limit > 0 && editDistance(word, cand.text, limit) <= limit {
				out = append(out, cand.id)
			}
		}
	}
	var arr [64]byte
	buf := arr[:0]
	check(append(buf, word...))
	for i := range len(word) {
		if i > 0 && word[i] == word[i-1] {
			continue // deleting either letter of a double gives the same string
		}
		d1 := append(append(buf[:0], word[:i]...), word[i+1:]...)
		check(d1)
		if k < 2 {
			continue
		}
		var arr2 [64]byte
		for j := range len(d1) {
			if j > 0 && d1[j] == d1[j-1] {
				continue
			}
			check(append(append(arr2[:0], d1[:j]...), d1[j+1:]...))
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
