package catalog_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"signpost/internal/catalog"
	"signpost/internal/directory"
	"signpost/internal/mitdusp"
	"signpost/internal/navigator"
	"signpost/internal/store/sqlite"
)

// flakyStore wraps a store and fails every call while down is set, as an unreachable database
// would.
type flakyStore struct {
	directory.Store
	mu   sync.Mutex
	down bool
}

var errDown = errors.New("connection refused")

func (f *flakyStore) setDown(v bool) { f.mu.Lock(); f.down = v; f.mu.Unlock() }
func (f *flakyStore) isDown() bool   { f.mu.Lock(); defer f.mu.Unlock(); return f.down }

func (f *flakyStore) Version(ctx context.Context) (int64, error) {
	if f.isDown() {
		return 0, errDown
	}
	return f.Store.Version(ctx)
}

func (f *flakyStore) Snapshot(ctx context.Context) (*directory.Directory, error) {
	if f.isDown() {
		return nil, errDown
	}
	return f.Store.Snapshot(ctx)
}

func openDefaults(t *testing.T, path string) *sqlite.Store {
	t.Helper()
	s, err := sqlite.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if empty, _ := s.Empty(context.Background()); empty {
		d, _ := mitdusp.Load()
		if err := s.Replace(context.Background(), d, directory.Change{Author: "test"}); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func waitFor(t *testing.T, within time.Duration, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("not within %v: %s", within, what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestWatchSeesOtherWriters: two connections to one database, as two instances would have;
// an edit through one is served by the other within a second.
func TestWatchSeesOtherWriters(t *testing.T) {
	path := filepath.Join(t.TempDir(), "signpost.db")
	a, b := openDefaults(t, path), openDefaults(t, path)
	k, _ := navigator.DefaultKnowledge()
	live, err := catalog.NewLive(context.Background(), b, k)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go live.Watch(ctx, 100*time.Millisecond)

	r, _ := a.Resource(context.Background(), "ombuds")
	r.Summary = "Edited through another connection."
	if err := a.PutResource(context.Background(), r, directory.Change{Author: "test"}); err != nil {
		t.Fatal(err)
	}
	// Polled every 100 ms; the rest of the bound is the rebuild (the navigator compiles its
	// knowledge) on a busy two-core machine.
	waitFor(t, 3*raceSlowdown*time.Second, func() bool {
		got, _ := live.Current().Resource("ombuds")
		return got.Summary == r.Summary
	}, "the edit reached the other instance's catalog")
}

// TestServesLastSnapshotWhileStoreIsDown: reads keep answering from memory while the store
// fails, Err reports the outage, and the catalog recovers by itself.
func TestServesLastSnapshotWhileStoreIsDown(t *testing.T) {
	path := filepath.Join(t.TempDir(), "signpost.db")
	inner := openDefaults(t, path)
	fs := &flakyStore{Store: inner}
	k, _ := navigator.DefaultKnowledge()
	live, err := catalog.NewLive(context.Background(), fs, k)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go live.Watch(ctx, 50*time.Millisecond)

	fs.setDown(true)
	waitFor(t, 5*raceSlowdown*time.Second, func() bool { return live.Err() != nil }, "the outage was noticed")
	if n := len(live.Current().Resources()); n != 35 {
		t.Fatalf("while down the catalog has %d resources, want the last snapshot's 35", n)
	}
	if _, err := live.Current().Match(navigator.Request{Text: "my advisor yells at me", At: time.Now()}); err != nil {
		t.Fatalf("the navigator failed while the store is down: %v", err)
	}
	r, _ := inner.Resource(context.Background(), "ombuds")
	r.Summary = "Changed during the outage."
	if err := inner.PutResource(context.Background(), r, directory.Change{Author: "test"}); err != nil {
		t.Fatal(err)
	}
	fs.setDown(false)
	waitFor(t, 5*raceSlowdown*time.Second, func() bool {
		got, _ := live.Current().Resource("ombuds")
		return live.Err() == nil && got.Summary == r.Summary
	}, "recovered and reloaded after the store returned")
}

// TestNotifyChecksAtOnce: with a poll interval far too long for the test, a Notify makes the
// watch pick up another writer's change.
func TestNotifyChecksAtOnce(t *testing.T) {
	path := filepath.Join(t.TempDir(), "signpost.db")
	a, b := openDefaults(t, path), openDefaults(t, path)
	k, _ := navigator.DefaultKnowledge()
	live, err := catalog.NewLive(context.Background(), b, k)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go live.Watch(ctx, time.Hour)
	r, _ := a.Resource(context.Background(), "ombuds")
	r.Summary = "Announced rather than polled."
	if err := a.PutResource(context.Background(), r, directory.Change{Author: "test"}); err != nil {
		t.Fatal(err)
	}
	live.Notify()
	live.Notify() // a second notice while one is pending must not block
	waitFor(t, 5*raceSlowdown*time.Second, func() bool {
		got, _ := live.Current().Resource("ombuds")
		return got.Summary == r.Summary
	}, "the notified watch reloaded")
}
