package navigator

import "sync"

// scratch holds the per-query arrays sized to the directory, reused across queries so that a
// match over 100,000 resources does not allocate megabytes.
type scratch struct {
	score   []float32
	text    []float32
	concept []float32 // best contribution of the current concept, per document
	stamp   []int32   // which concept concept[doc] belongs to (+1)
	why     []int32   // best concept per document (+1), for the explanation
	whyVal  []float32
	named   []bool
	seen    []bool
	touched []int32

	reader reader

	// Per-query lists, kept for their capacity.
	heap, order, relevant, private, public []int32
	topics                                 []topicSum
	whys                                   []string
}

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
	if s, ok := p.pool.Get().(*scratch); ok && len(s.score) == p.size {
		return s
	}
	return &scratch{
		score: make([]float32, p.size), text: make([]float32, p.size),
		concept: make([]float32, p.size), stamp: make([]int32, p.size),
		why: make([]int32, p.size), whyVal: make([]float32, p.size),
		named: make([]bool, p.size), seen: make([]bool, p.size), touched: make([]int32, 0, 256),
		heap: make([]int32, 0, candidatePool+1), order: make([]int32, 0, 32), relevant: make([]int32, 0, 32),
		private: make([]int32, 0, 32), public: make([]int32, 0, 32), topics: make([]topicSum, 0, 16), whys: make([]string, 0, 32),
	}
}

// put clears what the query touched and returns s to the pool.
func (p *scratchPool) put(s *scratch) {
	for _, d := range s.touched {
		s.score[d], s.text[d], s.concept[d], s.stamp[d] = 0, 0, 0, 0
		s.why[d], s.whyVal[d], s.named[d], s.seen[d] = 0, 0, false, false
	}
	s.touched = s.touched[:0]
	p.pool.Put(s)
}

// touch records that doc got a score, once.
func (s *scratch) touch(doc int32) {
	if !s.seen[doc] {
		s.seen[doc] = true
		s.touched = append(s.touched, doc)
	}
}
