package metrics_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"signpost/internal/metrics"
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

func TestRequestSeriesByRouteAndStatusClass(t *testing.T) {
	m := MustNew(t)
	site := newSite(m)
	concern := "my roommate zebracorn took pills and will not wake up"
	for _, target := range []string{
		"/api/v1/match?q=" + url.QueryEscape(concern),
		"/api/v1/match?q=" + url.QueryEscape(concern),
		"/api/v1/match",
		"/resources/" + url.PathEscape("zebracorn-resource"),
		"/nowhere/zebracorn",
		"/boom",
		"/quiet",
	} {
		get(site, target, "203.0.113.77:4242")
	}
	body := scrape(t, site)

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
