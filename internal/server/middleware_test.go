package server_test

import (
	"bytes"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"signpost/internal/server"
)

// TestRequestLogLevels: answered requests are logged only at Debug level, failures always,
// and neither ever carries the query string.
func TestRequestLogLevels(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /ok", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	mux.HandleFunc("GET /fail", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "no", http.StatusServiceUnavailable) })
	for _, c := range []struct {
		level      slog.Level
		path       string
		wantLogged bool
	}{
		{slog.LevelInfo, "/ok?q=secret", false},
		{slog.LevelInfo, "/fail?q=secret", true},
		{slog.LevelDebug, "/ok?q=secret", true},
		{slog.LevelError, "/fail?q=secret", true},
	} {
		var logs bytes.Buffer
		h := server.Wrap(mux, slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: c.level})))
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, c.path, nil))
		got := logs.String()
		if logged := strings.Contains(got, "msg=request"); logged != c.wantLogged {
			t.Errorf("at level %v, GET %s logged %v, want %v: %q", c.level, c.path, logged, c.wantLogged, got)
		}
		if strings.Contains(got, "secret") || strings.Contains(got, "q=") {
			t.Errorf("the log holds the query: %q", got)
		}
	}
}

// TestSecurityHeaders: pages get the full set, data answers the short one; both forbid
// framing and sniffing.
func TestSecurityHeaders(t *testing.T) {
	h := server.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}), slog.New(slog.DiscardHandler))
	for path, page := range map[string]bool{"/": true, "/resources/x": true, "/api/v1/match": false, "/hsds/services": false, "/healthz": false, "/metrics": false} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, path, nil))
		hd := w.Header()
		if hd.Get("X-Content-Type-Options") != "nosniff" || hd.Get("X-Frame-Options") != "DENY" || !strings.Contains(hd.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
			t.Errorf("GET %s: framing or sniffing allowed: %v", path, hd)
		}
		if hd.Get("Referrer-Policy") != "no-referrer" {
			t.Errorf("GET %s: Referrer-Policy %q, want no-referrer on pages and data alike", path, hd.Get("Referrer-Policy"))
		}
		if got := strings.Contains(hd.Get("Content-Security-Policy"), "script-src 'self'"); got != page {
			t.Errorf("GET %s: page headers %v, want %v", path, got, page)
		}
	}
	// A handler adding to a shared header must not change the next response's.
	add := server.Wrap(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Header().Add("X-Frame-Options", "extra") }), slog.New(slog.DiscardHandler))
	add.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, "/api/x", nil))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/x", nil))
	if v := w.Header().Values("X-Frame-Options"); len(v) != 1 {
		t.Errorf("shared header changed by an earlier handler: %v", v)
	}
}
