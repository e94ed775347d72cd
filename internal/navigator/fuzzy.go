package navigator

// maxEdits is how many typing errors a word of n letters may carry and still match a
// vocabulary word: none below five letters (too many short words are one edit apart), one
// from five, two from nine.
func maxEdits(n int) int {
	switch {
	case n >= 9:
		return 2
	case n >= 5:
		return 1
	}
	return 0
}

// fuzzyIndex finds the vocabulary words within a few edits of a word, by the symmetric
// deletion method: every word is stored under each string obtained by deleting up to two of
// its letters, and a query looks up its own deletions, so no scan of the vocabulary is needed.
type fuzzyIndex struct {
	byDeletion map[string][]string
	words      map[string]bool
}

func newFuzzyIndex() *fuzzyIndex {
	return &fuzzyIndex{byDeletion: map[string][]string{}, words: map[string]bool{}}
}

func (f *fuzzyIndex) add(word string) {
	if f.words[word] || len(word) < 5 {
		f.words[word] = true
		return
	}
	f.words[word] = true
	for _, d := range deletions(word, maxEdits(len(word))) {
		f.byDeletion[d] = append(f.byDeletion[d], word)
	}
}

// near returns the vocabulary words within maxEdits of word (by true edit distance with
// transpositions), not including word itself.
func (f *fuzzyIndex) near(word string) []string {
	k := maxEdits(len(word))
	if k == 0 {
		return nil
	}
	var out []string
	seen := map[string]bool{word: true}
	for _, d := range deletions(word, k) {
		for _, cand := range f.byDeletion[d] {
			if seen[cand] {
				continue
			}
			seen[cand] = true
			limit := min(k, maxEdits(len(cand)))
			if limit > 0 && editDistance(word, cand, limit) <= limit {
				out = append(out, cand)
			}
		}
	}
	return out
}

// deletions returns s and every string made by deleting up to k bytes of it.
func deletions(s string, k int) []string {
	out := []string{s}
	level := []string{s}
	seen := map[string]bool{s: true}
	for range k {
		var next []string
		for _, w := range level {
			for i := range len(w) {
				d := w[:i] + w[i+1:]
				if !seen[d] {
					seen[d] = true
					next = append(next, d)
				}
			}
		}
		out = append(out, next...)
		level = next
	}
	return out
}

// editDistance is the optimal-string-alignment distance between a and b (insertions,
// deletions, substitutions and adjacent transpositions), or limit+1 once it exceeds limit.
func editDistance(a, b string, limit int) int {
	if d := len(a) - len(b); d > limit || -d > limit {
		return limit + 1
	}
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
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
