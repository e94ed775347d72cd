package server_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"signpost/internal/metrics"
	"signpost/internal/server"
)

// benchMux serves one request through a mux with a trivial handler, wrapped as signpost serve
// wraps it when wrap is set: what the middleware itself costs per request is the difference.
func benchMux(b *testing.B, wrap bool) {
	met, err := metrics.New(prometheus.NewRegistry())
	if err != nil {
		b.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/match", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("{}")) })
	var h http.Handler = mux
	if wrap {
		h = server.Wrap(met.Middleware(mux), slog.New(slog.DiscardHandler))
	}
	req := httptest.NewRequest("GET", "/api/v1/match?q=x", nil)
	w := httptest.NewRecorder()
	b.ReportAllocs()
	for b.Loop() {
		w.Body.Reset()
		h.ServeHTTP(w, req)
	}
}

func BenchmarkMux(b *testing.B)        { benchMux(b, false) }
func BenchmarkWrappedMux(b *testing.B) { benchMux(b, true) }
