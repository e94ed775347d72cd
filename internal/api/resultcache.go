package api

import (
	"sync"
	"sync/atomic"

	"signpost/internal/catalog"
	"signpost/internal/directory"
)

// resultFragments are the JSON of a match result's fields that come from its resource alone,
// in the three runs that the per-answer fields (score, why, available_now, next_change)
// separate: escaping the same names, summaries and links for every answer was a tenth of the
// match endpoint's server time.
type resultFragments struct {
	head, middle, tail []byte
}

// resultCache holds, for one catalog snapshot, the base view of each resource a match has
// returned, with its fragments. It is dropped with its snapshot, so an edit is never served
// from it; it holds nothing a person typed.
type resultCache struct {
	catalog *catalog.Catalog
	bases   sync.Map // *directory.Resource → *MatchResultView
	size    atomic.Int32
}

// maxCachedResults bounds a snapshot's cache: over a large directory, the resources matches
// return beyond it are encoded per answer, as they were before the cache.
const maxCachedResults = 4096

// resultCacheFor returns the cache for snapshot c, starting a new one when c is newer than
// the one held. Two requests racing at a reload may each start one; either is right for c.
func (s *Server) resultCacheFor(c *catalog.Catalog) *resultCache {
	if rc := s.results.Load(); rc != nil && rc.catalog == c {
		return rc
	}
	rc := &resultCache{catalog: c}
	s.results.Store(rc)
	return rc
}

// base returns res's base view, with its fragments when the cache has room. The view's
// slices are shared between answers, which only read them.
func (rc *resultCache) base(res *directory.Resource) MatchResultView {
	if v, ok := rc.bases.Load(res); ok {
		return *v.(*MatchResultView)
	}
	rv := resultBase(rc.catalog, res)
	if rc.size.Load() >= maxCachedResults {
		return rv
	}
	rv.fragments = &resultFragments{head: rv.appendHead(nil), middle: rv.appendMiddle(nil), tail: rv.appendTail(nil)}
	if _, loaded := rc.bases.LoadOrStore(res, &rv); !loaded {
		rc.size.Add(1)
	}
	return rv
}
