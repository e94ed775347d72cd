package main

import (
	"errors"
	"math"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"signpost/internal/metrics"
)

// TestServerSideLatency reads Signpost's real /metrics before and after some requests.
func TestServerSideLatency(t *testing.T) {
	met, err := metrics.New(prometheus.NewRegistry())
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/match", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("{}")) })
	mux.Handle("GET /metrics", met.Handler())
	srv := httptest.NewServer(met.Middleware(mux))
	defer srv.Close()
	get := func(path string) {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	if _, err := scrapeBuckets(srv.URL+"/metrics", "GET /api/v1/match"); !errors.Is(err, errNoHistogram) {
		t.Fatalf("before the first request: %v, want errNoHistogram", err)
	}
	get("/api/v1/match") // the series exists from here on
	before, err := scrapeBuckets(srv.URL+"/metrics", "GET /api/v1/match")
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		get("/api/v1/match")
	}
	after, err := scrapeBuckets(srv.URL+"/metrics", "GET /api/v1/match")
	if err != nil {
		t.Fatal(err)
	}
	if n := after[math.Inf(1)] - before[math.Inf(1)]; n != 20 {
		t.Fatalf("counted %v requests between the scrapes, want 20", n)
	}
	if p99 := quantileBound(before, after, 0.99); p99 <= 0 || p99 > 1000 {
		t.Errorf("p99 bound %v ms for a handler that writes two bytes", p99)
	}
	if _, err := scrapeBuckets(srv.URL+"/metrics", "GET /nowhere"); err == nil {
		t.Error("a route without a histogram should be an error")
	}
}

func TestQuantileBound(t *testing.T) {
	inf := math.Inf(1)
	before := map[float64]float64{0.001: 10, 0.01: 10, inf: 10}
	after := map[float64]float64{0.001: 60, 0.01: 108, inf: 110} // 50 under 1 ms, 48 more under 10 ms, 2 over
	for _, c := range []struct{ q, want float64 }{{0.5, 1}, {0.51, 10}, {0.98, 10}, {0.99, -1}} {
		if got := quantileBound(before, after, c.q); got != c.want {
			t.Errorf("quantile %v: %v ms, want %v", c.q, got, c.want)
		}
	}
	if got := quantileBound(after, after, 0.99); got != 0 {
		t.Errorf("no requests: %v, want 0", got)
	}
}
