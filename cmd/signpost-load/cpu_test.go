package main

import (
	"os"
	"runtime"
	"testing"
	"time"
)

func TestParseStatCPU(t *testing.T) {
	// A command name with a space and a parenthesis, as /proc prints it; utime 250, stime 50.
	line := "4242 (sig post) x) S 1 4242 4242 0 -1 4194560 1000 0 0 0 250 50 0 0 20 0 9 0 12345 0 0"
	got, err := parseStatCPU(line)
	if err != nil {
		t.Fatal(err)
	}
	if want := 3 * time.Second; got != want {
		t.Errorf("got %v, want %v", got, want)
	}
	for _, bad := range []string{"", "4242 (x) S 1 2", "4242 (x) S 1 2 3 4 5 6 7 8 9 10 ten 12 13"} {
		if _, err := parseStatCPU(bad); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestProcessCPU reads this process's own /proc entry while it burns CPU. It spins until
// getrusage has counted 100 ms of CPU, however long a loaded machine takes to give it that
// (bounded at 60 s), so that it depends on the counters, not on the clock.
func TestProcessCPU(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("/proc is Linux's")
	}
	before, err := processCPU(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	self := selfCPU()
	x := 0
	for deadline := time.Now().Add(60 * time.Second); selfCPU()-self < 100*time.Millisecond; {
		if time.Now().After(deadline) {
			t.Fatalf("getrusage counted %v of CPU in 60 s of spinning (x=%d)", selfCPU()-self, x)
		}
		for range 100_000 {
			x++
		}
	}
	after, err := processCPU(os.Getpid())
	if err != nil {
		t.Fatal(err)
	}
	// /proc counts in clock ticks (10 ms): it must have seen most of the same 100 ms.
	if d := after - before; d < 50*time.Millisecond {
		t.Errorf("/proc counted %v of CPU while getrusage counted %v", d, selfCPU()-self)
	}
	if _, err := processCPU(-1); err == nil {
		t.Error("no error for a process that does not exist")
	}
}

func TestMicrosPerRequest(t *testing.T) {
	if got := microsPerRequest(3*time.Second, 100_000); got != 30 {
		t.Errorf("got %v µs, want 30", got)
	}
	if got := microsPerRequest(time.Second, 0); got != 0 {
		t.Errorf("no requests: got %v", got)
	}
}
