package server

import (
	"bufio"
	"context"
	"io"
	"sync"
	"time"
)

// BufferedWriter batches log lines so that a busy server does not make one write system call
// per request; it flushes at least every interval and on [BufferedWriter.Close].
type BufferedWriter struct {
	mu   sync.Mutex
	w    *bufio.Writer
	stop context.CancelFunc
	done chan struct{}
}

// NewBufferedWriter wraps w and flushes it every interval until Close.
func NewBufferedWriter(w io.Writer, interval time.Duration) *BufferedWriter {
	ctx, cancel := context.WithCancel(context.Background())
	b := &BufferedWriter{w: bufio.NewWriterSize(w, 64<<10), stop: cancel, done: make(chan struct{})}
	go func() {
		defer close(b.done)
		t := time.NewTicker(interval)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				b.Flush()
			}
		}
	}()
	return b
}

// Write buffers p.
func (b *BufferedWriter) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.w.Write(p)
}

// Flush writes out what is buffered.
func (b *BufferedWriter) Flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.w.Flush()
}

// Close stops the flusher and flushes what remains.
func (b *BufferedWriter) Close() error {
	b.stop()
	<-b.done
	return b.Flush()
}
