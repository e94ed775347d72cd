package navigator

import (
	"sync"
	"unsafe"
)

// scratch holds the per-query state sized to the directory, reused across queries so that a
// match over 100,000 resources does not allocate megabytes.
type scratch struct {
	// docs holds each document's state in one small struct rather than one array per field:
	// scoring a document, and clearing it afterwards, then costs one cache miss, not eight.
	docs []docScore
	// touched[:nTouched] are the documents the query scored, in the order first scored.
	touched  []int32
	nTouched int

	reader reader

	// Per-query lists, kept for their capacity.
	heap, order, relevant, private, public []int32
	topics                                 []topicSum
	whys                                   []string
}

// docScore is one document's scores for the current query; its zero value is "untouched".
// It is padded to 32 bytes so that none straddles a cache line.
type docScore struct {
	score   float32
	text    float32 // BM25 relevance, before saturation
	concept float32 // best contribution of the current concept
	whyVal  float32 // contribution of the concept in why
	stamp   int32   // which concept the concept field belongs to (+1)
	why     int32   // best concept (+1), for the explanation
	org     int16   // the organization the concern named (+1), when it is the document's
	named   bool    // the concern named the document
	seen    bool    // the document is in touched
	asked   bool    // lifted as the responder to a danger asked about
	_       [3]byte
}

// docScore must stay 32 bytes: this fails to compile if a field makes it larger.
var _ [32 - unsafe.Sizeof(docScore{})]byte

// topicSum is a topic read in a concern with its summed weight.
type topicSum struct {
	id, name string
	weight   float64
}

type scratchPool struct {
	size int
	pool sync.Pool
}

func (p *scratchPool) get() *scratch {
	if s, ok := p.pool.Get().(*scratch); ok && len(s.docs) == p.size {
		return s
	}
	return &scratch{
		docs: make([]docScore, p.size), touched: make([]int32, p.size+1),
		heap: make([]int32, 0, candidatePool+1), order: make([]int32, 0, 32), relevant: make([]int32, 0, 32),
		private: make([]int32, 0, 32), public: make([]int32, 0, 32), topics: make([]topicSum, 0, 16), whys: make([]string, 0, 32),
	}
}

// put clears what the query touched and returns s to the pool.
func (p *scratchPool) put(s *scratch) {
	for _, d := range s.touched[:s.nTouched] {
		s.docs[d] = docScore{}
	}
	s.nTouched = 0
	p.pool.Put(s)
}

// touch records that doc got a score, once, and returns its state.
func (s *scratch) touch(doc int32) *docScore {
	ds, k := touch(s.docs, s.touched, s.nTouched, doc)
	s.nTouched = k
	return ds
}

// touch is scratch.touch over the scratch's fields held in locals, for the scoring loops: it
// returns doc's state and the new count of touched documents. It does without a branch, as
// whether a document is new to the query is not predictable: it always writes doc after the
// touched documents and counts it only if new (touched is as long as the directory, plus one
// for that write).
func touch(docs []docScore, touched []int32, k int, doc int32) (*docScore, int) {
	ds := &docs[doc]
	touched[k] = doc
	if !ds.seen {
		k++
	}
	ds.seen = true
	return ds, k
}
