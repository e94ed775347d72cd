package server

import (
	"context"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Pinger is a dependency whose reachability decides readiness, such as the store.
type Pinger interface {
	// Ping returns nil when the dependency answers.
	Ping(ctx context.Context) error
}

// Health serves the liveness and readiness probes. Build it with [NewHealth].
type Health struct {
	dep    Pinger
	logger *slog.Logger
	// Timeout bounds how long /readyz waits for the dependency; [NewHealth] sets one second.
	Timeout time.Duration
	// ready remembers the last answer, so that only changes are logged, not every probe.
	ready atomic.Bool

	mu sync.Mutex
	// inflight is the ping under way, shared by every probe that arrives meanwhile, so that
	// a hung dependency costs one goroutine, not one per probe.
	inflight *ping
}

// ping is one call to the dependency; err is set before done is closed.
type ping struct {
	done chan struct{}
	err  error
}

// NewHealth returns probes whose readiness follows dep.
func NewHealth(dep Pinger, logger *slog.Logger) *Health {
	h := &Health{dep: dep, logger: logger, Timeout: time.Second}
	h.ready.Store(true)
	return h
}

// Register adds GET /healthz and GET /readyz to mux.
//
// /healthz answers 200 {"status":"ok"} for as long as the process serves HTTP: it checks
// nothing else, so that an orchestrator restarts the process only when it is stuck.
//
// /readyz answers 200 {"status":"ok"} while the dependency answers within Timeout, else 503
// {"status":"unavailable","reason":"store unreachable"}. The error itself is logged, on a
// change of state only, and never shown.
func (h *Health) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /healthz", h.live)
	mux.HandleFunc("GET /readyz", h.readiness)
}

func (h *Health) live(w http.ResponseWriter, r *http.Request) {
	writeProbe(w, http.StatusOK, `{"status":"ok"}`)
}

func (h *Health) readiness(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), h.Timeout)
	defer cancel()
	if err := h.check(ctx); err != nil {
		if h.ready.Swap(false) {
			h.logger.LogAttrs(r.Context(), slog.LevelWarn, "not ready: store unreachable", slog.Any("err", err))
		}
		writeProbe(w, http.StatusServiceUnavailable, `{"status":"unavailable","reason":"store unreachable"}`)
		return
	}
	if !h.ready.Swap(true) {
		h.logger.LogAttrs(r.Context(), slog.LevelInfo, "ready again: store reachable")
	}
	writeProbe(w, http.StatusOK, `{"status":"ok"}`)
}

// check pings the dependency, joining a ping already under way, and gives up when ctx ends
// even if the dependency ignores its own deadline.
func (h *Health) check(ctx context.Context) error {
	h.mu.Lock()
	p := h.inflight
	if p == nil {
		p = &ping{done: make(chan struct{})}
		h.inflight = p
		go h.run(p)
	}
	h.mu.Unlock()
	select {
	case <-p.done:
		return p.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (h *Health) run(p *ping) {
	// Not the request's context: the ping is shared, and must not end with the first caller.
	ctx, cancel := context.WithTimeout(context.Background(), h.Timeout)
	defer cancel()
	p.err = h.dep.Ping(ctx)
	if p.err == nil && ctx.Err() != nil {
		p.err = ctx.Err() // answered, but too late
	}
	h.mu.Lock()
	h.inflight = nil
	h.mu.Unlock()
	close(p.done)
}

func writeProbe(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body + "\n"))
}
