package main

import (
	"runtime/debug"
	"testing"
)

func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	if p := tuneGC(func(k string) string {
		if k == "GOGC" {
			return "150"
		}
		return ""
	}); p != 0 {
		t.Errorf("with GOGC set: tuned to %d, want left alone", p)
	}
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set the percentage became %d", got)
	}

	p := tuneGC(func(string) string { return "" })
	if p < 100 {
		t.Fatalf("tuned to %d, want at least the default 100", p)
	}
	if got := debug.SetGCPercent(100); got != p {
		t.Errorf("collector at %d, tuneGC said %d", got, p)
	}
	// A test binary's live heap is a few MB, under the headroom: the percentage lets the heap
	// grow by about the headroom, not much less and not much more.
	if live := liveHeapBytes(); live > 0 && live < gcHeadroom/2 {
		grow := uint64(p) * live / 100
		if grow < gcHeadroom*9/10 || grow > gcHeadroom*11/10 {
			t.Errorf("percent %d lets a live heap of %d bytes grow by %d, want about %d", p, live, grow, gcHeadroom)
		}
	}
}
