package catalog

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"signpost/internal/directory"
	"signpost/internal/navigator"
)

// Live holds the current [Catalog] of a store and replaces it on [Live.Reload]. Readers call
// [Live.Current] on every request and never block on the database, so the public directory
// and the navigator keep answering from the last snapshot while the database is unreachable.
type Live struct {
	store     directory.Store
	knowledge *navigator.Knowledge
	cur       atomic.Pointer[Catalog]
	version   atomic.Int64
	// checkedAt is when the store last confirmed the snapshot is current (Unix nanoseconds).
	checkedAt atomic.Int64
	// lastErr holds the error of the latest check of the store, or nil.
	lastErr atomic.Pointer[error]
	// reloading serialises Reload.
	reloading sync.Mutex
	// poke asks Watch to check now (see [Live.Notify]); it holds at most one request.
	poke chan struct{}
	// Now returns the current time; tests replace it.
	Now func() time.Time
	// OnError, if set, is told of each failed check or reload (for metrics and logs).
	OnError func(op string, err error)
}

// NewLive loads a first catalog from s, with a navigator using knowledge k.
func NewLive(ctx context.Context, s directory.Store, k *navigator.Knowledge) (*Live, error) {
	l := &Live{store: s, knowledge: k, Now: time.Now, poke: make(chan struct{}, 1)}
	if err := l.Reload(ctx); err != nil {
		return nil, err
	}
	return l, nil
}

// Current returns the latest catalog.
func (l *Live) Current() *Catalog { return l.cur.Load() }

// Reload takes a new snapshot from the store. On error the previous catalog stays current.
func (l *Live) Reload(ctx context.Context) error {
	// One reload at a time: an editor's reload and the watch's could otherwise finish out of
	// order and put the older snapshot back.
	l.reloading.Lock()
	defer l.reloading.Unlock()
	v, err := l.store.Version(ctx)
	if err != nil {
		return fmt.Errorf("reload catalog: %w", err)
	}
	d, err := l.store.Snapshot(ctx)
	if err != nil {
		return fmt.Errorf("reload catalog: %w", err)
	}
	concepts, err := l.store.Concepts(ctx)
	if err != nil {
		return fmt.Errorf("reload catalog: %w", err)
	}
	k, err := l.knowledge.WithConcepts(concepts)
	if err != nil {
		return fmt.Errorf("reload catalog: vocabulary: %w", err)
	}
	c, err := New(d, k, l.Now())
	if err != nil {
		return fmt.Errorf("reload catalog: %w", err)
	}
	l.cur.Store(c)
	l.version.Store(v)
	l.checkedAt.Store(l.Now().UnixNano())
	return nil
}

// CheckedAt returns when the store last confirmed that the snapshot is current: the age of
// what is served, which keeps growing only while the store cannot be reached.
func (l *Live) CheckedAt() time.Time {
	if n := l.checkedAt.Load(); n != 0 {
		return time.Unix(0, n)
	}
	return time.Time{}
}

// Notify tells a running [Live.Watch] that the store announced a change, so that it checks at
// once instead of at its next tick. It never blocks; notices that arrive while one is pending
// are folded into it.
func (l *Live) Notify() {
	select {
	case l.poke <- struct{}{}:
	default:
	}
}

// Watch checks the store's version every interval (and on each [Live.Notify]) until ctx ends,
// and reloads when another writer (this instance, another instance, another process) changed
// the directory. A failed
// check leaves the current catalog in place and is reported by [Live.Err] until a check
// succeeds again, so the service recovers by itself when the database returns.
func (l *Live) Watch(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			l.check(ctx, interval)
		case <-l.poke:
			l.check(ctx, interval)
		}
	}
}

// check compares the store's version with the loaded one, reloading on a change.
func (l *Live) check(ctx context.Context, timeout time.Duration) {
	cctx, cancel := context.WithTimeout(ctx, max(timeout, time.Second))
	defer cancel()
	v, err := l.store.Version(cctx)
	if err == nil && v != l.version.Load() {
		err = l.Reload(cctx)
	}
	if err != nil {
		if ctx.Err() == nil && l.OnError != nil {
			l.OnError("watch", err)
		}
		l.lastErr.Store(&err)
		return
	}
	l.checkedAt.Store(l.Now().UnixNano())
	l.lastErr.Store(nil)
}

// Err returns the error of the latest failed check, or nil when the store answered.
func (l *Live) Err() error {
	if p := l.lastErr.Load(); p != nil {
		return *p
	}
	return nil
}
