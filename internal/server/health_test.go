package server_test

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"signpost/internal/server"
	"signpost/internal/testenv"
)

// fakePinger answers Ping with PingFn.
type fakePinger struct {
	PingFn func(ctx context.Context) error
	calls  atomic.Int32
}

func (f *fakePinger) Ping(ctx context.Context) error {
	f.calls.Add(1)
	return f.PingFn(ctx)
}

// newHealthMux returns a mux with the probes of a Health over p, and the log they write.
func newHealthMux(tb testing.TB, p server.Pinger, timeout time.Duration) (*http.ServeMux, *testenv.LogBuffer) {
	tb.Helper()
	var logs testenv.LogBuffer
	h := server.NewHealth(p, slog.New(slog.NewTextHandler(&logs, nil)))
	if timeout > 0 {
		h.Timeout = timeout
	}
	mux := http.NewServeMux()
	h.Register(mux)
	return mux, &logs
}

func probe(h http.Handler, path string) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	return rec
}

func TestHealthProbes(t *testing.T) {
	secret := errors.New("dial tcp 10.1.2.3:5432: connect: connection refused (password=hunter2)")
	tests := []struct {
		name       string
		ping       error
		path       string
		wantStatus int
		wantBody   string
	}{
		{"live while store up", nil, "/healthz", 200, `{"status":"ok"}`},
		{"live while store down", secret, "/healthz", 200, `{"status":"ok"}`},
		{"ready while store up", nil, "/readyz", 200, `{"status":"ok"}`},
		{"not ready while store down", secret, "/readyz", 503, `{"status":"unavailable","reason":"store unreachable"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mux, _ := newHealthMux(t, &fakePinger{PingFn: func(context.Context) error { return tc.ping }}, 0)
			rec := probe(mux, tc.path)
			if rec.Code != tc.wantStatus {
				t.Errorf("GET %s = %d, want %d", tc.path, rec.Code, tc.wantStatus)
			}
			if got := strings.TrimSpace(rec.Body.String()); got != tc.wantBody {
				t.Errorf("GET %s body = %s, want %s", tc.path, got, tc.wantBody)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("GET %s Content-Type = %q, want JSON", tc.path, ct)
			}
			if strings.Contains(rec.Body.String(), "10.1.2.3") || strings.Contains(rec.Body.String(), "hunter2") {
				t.Errorf("GET %s leaks the error: %s", tc.path, rec.Body)
			}
		})
	}
}

func TestReadyFollowsStoreAndLogsChangesOnly(t *testing.T) {
	var down atomic.Bool
	p := &fakePinger{PingFn: func(context.Context) error {
		if down.Load() {
			return errors.New("connection refused")
		}
		return nil
	}}
	mux, logs := newHealthMux(t, p, 0)
	steps := []struct {
		down bool
		want int
	}{{false, 200}, {true, 503}, {true, 503}, {true, 503}, {false, 200}, {false, 200}}
	for i, s := range steps {
		down.Store(s.down)
		if got := probe(mux, "/readyz").Code; got != s.want {
			t.Fatalf("step %d (store down=%v): GET /readyz = %d, want %d", i, s.down, got, s.want)
		}
	}
	if n := strings.Count(logs.String(), "not ready"); n != 1 {
		t.Errorf("logged %d not-ready lines for one outage, want 1:\n%s", n, logs)
	}
	if n := strings.Count(logs.String(), "ready again"); n != 1 {
		t.Errorf("logged %d recovery lines, want 1:\n%s", n, logs)
	}
}

// A store that hangs and ignores its deadline must not hold the probe past the timeout, and
// probes arriving meanwhile share the one ping in flight.
func TestReadyTimesOutOnHungStore(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	p := &fakePinger{PingFn: func(context.Context) error { <-release; return nil }}
	mux, _ := newHealthMux(t, p, 30*time.Millisecond)

	var wg sync.WaitGroup
	codes := make([]int, 5)
	for i := range codes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i] = probe(mux, "/readyz").Code
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("GET /readyz still waiting on a hung store after 5s; want 503 after the timeout")
	}
	for i, c := range codes {
		if c != http.StatusServiceUnavailable {
			t.Errorf("probe %d = %d, want 503", i, c)
		}
	}
	if n := p.calls.Load(); n != 1 {
		t.Errorf("%d pings for concurrent probes of a hung store, want 1", n)
	}
}
