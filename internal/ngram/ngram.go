// Package ngram is a naive Bayes classifier over character n-grams: small, trained in
// milliseconds from labelled sentences, and indifferent to word boundaries, inflections and
// scripts, so that it reads a language or a spelling that word lists lack. It knows nothing of
// what the classes mean, nor how to fold a text: its caller folds training and scored texts
// alike.
package ngram

import (
	"math"
	"slices"
)

// Example is one labelled text.
type Example struct {
	Text     string
	Positive bool
}

// Model holds, for each n-gram (by hash) seen in training, what it adds to the log-odds,
// and what an unseen one adds.
type Model struct {
	prior, unseen float64
	weights       map[uint32]float64
}

// Sizes of the n-grams, in characters.
const minN, maxN = 3, 5

// Train weighs the n-grams of the examples (Bernoulli naive Bayes, add-one smoothing).
func Train(examples []Example) *Model {
	var docs [2]int
	counts := map[uint32][2]int32{}
	for _, e := range examples {
		c := class(e.Positive)
		docs[c]++
		for _, g := range grams(e.Text) {
			n := counts[g]
			n[c]++
			counts[g] = n
		}
	}
	m := &Model{weights: make(map[uint32]float64, len(counts))}
	if docs[0] == 0 || docs[1] == 0 {
		return m
	}
	ratio := func(n [2]int32) float64 {
		p1 := (float64(n[1]) + 1) / (float64(docs[1]) + 2)
		p0 := (float64(n[0]) + 1) / (float64(docs[0]) + 2)
		return math.Log(p1 / p0)
	}
	m.prior, m.unseen = math.Log(float64(docs[1])/float64(docs[0])), ratio([2]int32{})
	for g, n := range counts {
		m.weights[g] = ratio(n)
	}
	return m
}

func class(positive bool) int {
	if positive {
		return 1
	}
	return 0
}

// LogOdds is the natural log of how much likelier the positive class is than the negative
// for text, from the n-grams it has (Bernoulli naive Bayes, add-one smoothing). A long
// text's evidence adds up: the figure grows with length, so thresholds are set high.
func (m *Model) LogOdds(text string) float64 {
	if len(m.weights) == 0 {
		return 0
	}
	odds := m.prior
	for _, g := range grams(text) {
		if w, ok := m.weights[g]; ok {
			odds += w
		} else {
			odds += m.unseen
		}
	}
	return odds
}

// grams returns the distinct n-grams of text, padded with a space at each end. Texts come
// as the caller folds them (lower case, no accents, words joined by single spaces), the same
// way for training and for scoring.
func grams(text string) []uint32 {
	text = " " + text + " "
	// Where each character starts, so that an n-gram is a byte slice of text.
	starts := make([]int, 0, len(text)+1)
	for i := range text {
		starts = append(starts, i)
	}
	starts = append(starts, len(text))
	chars := len(starts) - 1
	out := make([]uint32, 0, 3*chars)
	for n := minN; n <= maxN; n++ {
		for i := 0; i+n <= chars; i++ {
			out = append(out, fnv1a(text[starts[i]:starts[i+n]]))
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// fnv1a is the 32-bit FNV-1a hash of s, without hash.Hash's allocation.
func fnv1a(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}
