package metrics_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"signpost/internal/metrics"
	"signpost/internal/server"
)

// MustNew returns metrics on a fresh registry.
func MustNew(tb testing.TB) *metrics.Metrics {
	tb.Helper()
	m, err := metrics.New(prometheus.NewRegistry())
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

// scrape fetches /metrics from h and returns the body.
func scrape(tb testing.TB, h http.Handler) string {
	tb.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != http.StatusOK {
		tb.Fatalf("GET /metrics = %d, want 200", rec.Code)
	}
	b, _ := io.ReadAll(rec.Body)
	return string(b)
}

// newSite is a small mux like Signpost's, wrapped in the metrics middleware.
func newSite(m *metrics.Metrics) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v1/match", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Query().Get("q") == "" {
			http.Error(w, "empty", http.StatusBadRequest)
			return
		}
		w.Write([]byte(`{"results":[]}`))
	})
	mux.HandleFunc("GET /resources/{id}", func(w http.ResponseWriter, r *http.Request) {
		http.NotFound(w, r)
	})
	mux.HandleFunc("GET /boom", func(w http.ResponseWriter, r *http.Request) { panic("boom") })
	mux.HandleFunc("GET /quiet", func(w http.ResponseWriter, r *http.Request) {})
	mux.HandleFunc("GET /early", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Link", "</style.css>; rel=preload")
		w.WriteHeader(http.StatusEarlyHints)
		w.WriteHeader(http.StatusNoContent)
	})
	mux.Handle("GET /metrics", m.Handler())
	return m.Middleware(mux)
}

func get(h http.Handler, target, remote string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("GET", target, nil)
	req.RemoteAddr = remote
	req.Header.Set("X-Forwarded-For", "198.51.100.23")
	rec := httptest.NewRecorder()
	func() {
		defer func() { recover() }() // GET /boom panics through the middleware
		h.ServeHTTP(rec, req)
	}()
	return rec
}

// TestRequestSeriesByRouteAndStatusClass runs the site with the metrics middleware alone and
// inside the server package's middleware, whose writer it reads instead of wrapping its own.
func TestRequestSeriesByRouteAndStatusClass(t *testing.T) {
	t.Run("alone", func(t *testing.T) { testRequestSeries(t, newSite) })
	t.Run("in server.Wrap", func(t *testing.T) {
		testRequestSeries(t, func(m *metrics.Metrics) http.Handler {
			return server.Wrap(newSite(m), slog.New(slog.DiscardHandler))
		})
	})
}

func testRequestSeries(t *testing.T, site func(*metrics.Metrics) http.Handler) {
	m := MustNew(t)
	h := site(m)
	concern := "my roommate zebracorn took pills and will not wake up"
	for _, target := range []string{
		"/api/v1/match?q=" + url.QueryEscape(concern),
		"/api/v1/match?q=" + url.QueryEscape(concern),
		"/api/v1/match",
		"/resources/" + url.PathEscape("zebracorn-resource"),
		"/nowhere/zebracorn",
		"/boom",
		"/quiet",
		"/early",
	} {
		get(h, target, "203.0.113.77:4242")
	}
	body := scrape(t, h)

	tests := []struct {
		name string
		want string
	}{
		{"match ok", `signpost_http_request_duration_seconds_count{route="GET /api/v1/match",status="2xx"} 2`},
		{"match refused", `signpost_http_request_duration_seconds_count{route="GET /api/v1/match",status="4xx"} 1`},
		{"pattern not path", `signpost_http_request_duration_seconds_count{route="GET /resources/{id}",status="4xx"} 1`},
		{"unmatched", `signpost_http_request_duration_seconds_count{route="unmatched",status="4xx"} 1`},
		{"panic counted as 500", `signpost_http_request_duration_seconds_count{route="GET /boom",status="5xx"} 1`},
		{"nothing written is 200", `signpost_http_request_duration_seconds_count{route="GET /quiet",status="2xx"} 1`},
		{"a 1xx before the answer is not it", `signpost_http_request_duration_seconds_count{route="GET /early",status="2xx"} 1`},
		{"histogram buckets", `signpost_http_request_duration_seconds_bucket{route="GET /api/v1/match",status="2xx",le="0.00025"}`},
		{"match histogram", "# TYPE signpost_match_duration_seconds histogram"},
		{"go runtime", "go_goroutines "},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(body, tc.want) {
				t.Errorf("scrape lacks %q:\n%s", tc.want, grep(body, "signpost_"))
			}
		})
	}
	for _, secret := range []string{"zebracorn", "roommate", url.QueryEscape(concern), "203.0.113.77", "198.51.100.23", "q="} {
		if strings.Contains(body, secret) {
			t.Errorf("scrape contains %q, which came from a request", secret)
		}
	}
}

func TestHooks(t *testing.T) {
	m := MustNew(t)
	now := time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC)
	m.Now = func() time.Time { return now }
	loaded := now.Add(-42 * time.Second)
	if err := m.RegisterSnapshotAge(func() time.Time { return loaded }); err != nil {
		t.Fatal(err)
	}
	m.ObserveMatch(300 * time.Microsecond)
	m.ObserveMatch(2 * time.Millisecond)
	m.StoreError("watch")
	m.StoreError("watch")
	m.StoreError("reload")
	m.RateLimited("GET /api/v1/match")
	m.RateLimited("")

	body := scrape(t, m.Handler())
	tests := []struct {
		name string
		want string
	}{
		{"snapshot age", "signpost_snapshot_age_seconds 42\n"},
		{"match count", "signpost_match_duration_seconds_count 2\n"},
		{"match fast bucket", `signpost_match_duration_seconds_bucket{le="0.0005"} 1` + "\n"},
		{"store errors by op", `signpost_store_errors_total{op="watch"} 2` + "\n"},
		{"other op", `signpost_store_errors_total{op="reload"} 1` + "\n"},
		{"rate limited by route", `signpost_rate_limited_total{route="GET /api/v1/match"} 1` + "\n"},
		{"rate limited unmatched", `signpost_rate_limited_total{route="unmatched"} 1` + "\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if !strings.Contains(body, tc.want) {
				t.Errorf("scrape lacks %q:\n%s", tc.want, grep(body, "signpost_"))
			}
		})
	}

	t.Run("zero load time reads 0", func(t *testing.T) {
		m := MustNew(t)
		if err := m.RegisterSnapshotAge(func() time.Time { return time.Time{} }); err != nil {
			t.Fatal(err)
		}
		if body := scrape(t, m.Handler()); !strings.Contains(body, "signpost_snapshot_age_seconds 0\n") {
			t.Errorf("age with no load: %s", grep(body, "snapshot_age"))
		}
	})
	t.Run("registered twice", func(t *testing.T) {
		if err := m.RegisterSnapshotAge(func() time.Time { return loaded }); err == nil {
			t.Error("second RegisterSnapshotAge succeeded, want an error")
		}
	})
}

func TestNewRefusesSharedRegistry(t *testing.T) {
	reg := prometheus.NewRegistry()
	if _, err := metrics.New(reg); err != nil {
		t.Fatal(err)
	}
	if _, err := metrics.New(reg); err == nil {
		t.Error("New on a registry that already holds the metrics succeeded, want an error")
	}
	if _, err := metrics.New(nil); err == nil {
		t.Error("New(nil) succeeded, want an error")
	}
}

// grep returns the lines of s that contain sub, for failure messages.
func grep(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// TestConcurrentRequestsAllCounted: requests meeting routes for the first time at once, on
// many goroutines, are each counted once (the observer cache is filled while it is read).
func TestConcurrentRequestsAllCounted(t *testing.T) {
	m := MustNew(t)
	h := newSite(m)
	targets := []string{"/quiet", "/early", "/api/v1/match?q=x", "/api/v1/match", "/resources/a"}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 100 {
				get(h, targets[(g+i)%len(targets)], "192.0.2.1:1")
			}
		}()
	}
	wg.Wait()
	body := scrape(t, h)
	for _, want := range []string{
		`signpost_http_request_duration_seconds_count{route="GET /quiet",status="2xx"} 160`,
		`signpost_http_request_duration_seconds_count{route="GET /early",status="2xx"} 160`,
		`signpost_http_request_duration_seconds_count{route="GET /api/v1/match",status="2xx"} 160`,
		`signpost_http_request_duration_seconds_count{route="GET /api/v1/match",status="4xx"} 160`,
		`signpost_http_request_duration_seconds_count{route="GET /resources/{id}",status="4xx"} 160`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("scrape lacks %q:\n%s", want, grep(body, "_count"))
		}
	}
}
