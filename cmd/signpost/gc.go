package main

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
)

// gcHeadroom is how far the heap may grow past what is live before the collector runs, at
// least. With the collector's default (GOGC=100) the heap grows only by what is live: about
// 13 MB with the default directory, which a busy match endpoint allocates in a fifth of a
// second, so the collector ran five times a second and took a tenth of the server's CPU
// (GODEBUG=gctrace=1 under scripts/load). 40 MiB more keeps resident memory far under the
// 150 MB target; a large directory, whose live heap is already larger, is left as it was.
const gcHeadroom = 40 << 20

// tuneGC sets the collector's percentage so that the heap may grow by at least gcHeadroom
// past the live heap measured now, unless the operator chose with GOGC. It returns the
// percentage set, or 0 when it left the collector alone.
func tuneGC(getenv func(string) string) int {
	if getenv("GOGC") != "" {
		return 0
	}
	runtime.GC() // measure what is live once loading's garbage is gone
	live := liveHeapBytes()
	if live == 0 {
		return 0
	}
	percent := max(100, int(gcHeadroom*100/live))
	debug.SetGCPercent(percent)
	return percent
}

// liveHeapBytes is the heap the last collection found live, 0 if unknown.
func liveHeapBytes() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
