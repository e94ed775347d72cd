package navigator

import "math"

// posting is one document's weighted term frequency for a stem.
type posting struct {
	doc int32
	tf  float32
	// bm25 is the stem's BM25 in the document, set by finish: scoring at weight 1 then reads
	// the list in order, not docLen at random, and divides nothing.
	bm25 float32
}

// textIndex is an inverted index over the resources' own words, scored with BM25, so a query
// touches only the documents that share a word with it.
type textIndex struct {
	postings map[string][]posting
	docLen   []float32
	avgLen   float32
}

// Field weights: a word in a resource's name or aliases says more than one in its prose.
const (
	weightName        = 3
	weightKeyword     = 2
	weightSummary     = 1.5
	weightDescription = 1
	bm25K1            = 1.2
	bm25B             = 0.75
)

func newTextIndex() *textIndex { return &textIndex{postings: map[string][]posting{}} }

// addDoc indexes one document given as weighted fields. Documents must be added in order
// 0, 1, 2, ….
func (x *textIndex) addDoc(fields []weightedText, stop map[string]bool) {
	doc := int32(len(x.docLen))
	tf := map[string]float32{}
	var length float32
	for _, f := range fields {
		for _, t := range tokenize(f.text) {
			if stop[t.word] {
				continue
			}
			tf[t.stem] += f.weight
			length += f.weight
		}
	}
	for s, w := range tf {
		x.postings[s] = append(x.postings[s], posting{doc: doc, tf: w})
	}
	x.docLen = append(x.docLen, length)
}

// finish computes the average length, and from it each posting's BM25, once every document
// is in.
func (x *textIndex) finish() {
	var sum float32
	for _, l := range x.docLen {
		sum += l
	}
	if len(x.docLen) > 0 {
		x.avgLen = sum / float32(len(x.docLen))
	}
	for _, list := range x.postings {
		idf := x.idf(len(list))
		for i, p := range list {
			list[i].bm25 = x.bm25(1, idf, p)
		}
	}
}

type weightedText struct {
	text   string
	weight float32
}

// score adds weight × BM25(stem) to the text score of every document holding the stem,
// touching each in s.
func (x *textIndex) score(stem string, weight float32, s *scratch) {
	list := x.postings[stem]
	if len(list) == 0 {
		return
	}
	if weight == 1 {
		docs, touched, k := s.docs, s.touched, s.nTouched
		for _, p := range list {
			var ds *docScore
			ds, k = touch(docs, touched, k, p.doc)
			ds.text += p.bm25
		}
		s.nTouched = k
		return
	}
	idf := x.idf(len(list))
	for _, p := range list {
		s.touch(p.doc).text += x.bm25(weight, idf, p)
	}
}

// idf is the inverse document frequency of a stem found in df documents.
func (x *textIndex) idf(df int) float32 {
	n := float64(len(x.docLen))
	return float32(math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5)))
}

// bm25 is weight × the BM25 of posting p of a stem of inverse document frequency idf. At
// weight 1 the product weight × idf is idf exactly, so the precomputed p.bm25 is bit for bit
// what this gives.
func (x *textIndex) bm25(weight, idf float32, p posting) float32 {
	norm := bm25K1 * (1 - bm25B + bm25B*x.docLen[p.doc]/x.avgLen)
	return weight * idf * p.tf * (bm25K1 + 1) / (p.tf + norm)
}
