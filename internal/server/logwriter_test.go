package server

import (
	"signpost/internal/testenv"
	"testing"
	"time"
)

func TestBufferedWriterFlushesOnTickAndClose(t *testing.T) {
	var out testenv.LogBuffer
	w := NewBufferedWriter(&out, 20*time.Millisecond)
	w.Write([]byte("one\n"))
	deadline := time.Now().Add(2 * time.Second)
	for out.String() != "one\n" {
		if time.Now().After(deadline) {
			t.Fatal("the periodic flush never happened")
		}
		time.Sleep(5 * time.Millisecond)
	}
	w.Write([]byte("two\n"))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "one\ntwo\n" {
		t.Fatalf("after Close: %q, want both lines", got)
	}
}
