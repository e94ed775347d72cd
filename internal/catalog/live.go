package catalog

import (
	"context"
	"fmt"
	"sync/atomic"
	"time"

	"signpost/internal/directory"
	"signpost/internal/navigator"
)

// Live holds the current [Catalog] of a store and replaces it on [Live.Reload]. Readers call
// [Live.Current] on every request and never block on the database.
type Live struct {
	store     directory.Store
	knowledge *navigator.Knowledge
	cur       atomic.Pointer[Catalog]
	// Now returns the current time; tests replace it.
	Now func() time.Time
}

// NewLive loads a first catalog from s, with a navigator using knowledge k.
func NewLive(ctx context.Context, s directory.Store, k *navigator.Knowledge) (*Live, error) {
	l := &Live{store: s, knowledge: k, Now: time.Now}
	if err := l.Reload(ctx); err != nil {
		return nil, err
	}
	return l, nil
}

// Current returns the latest catalog.
func (l *Live) Current() *Catalog { return l.cur.Load() }

// Reload takes a new snapshot from the store. On error the previous catalog stays current.
func (l *Live) Reload(ctx context.Context) error {
	d, err := l.store.Snapshot(ctx)
	if err != nil {
		return fmt.Errorf("reload catalog: %w", err)
	}
	c, err := New(d, l.knowledge, l.Now())
	if err != nil {
		return fmt.Errorf("reload catalog: %w", err)
	}
	l.cur.Store(c)
	return nil
}
