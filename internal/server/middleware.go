package server

import (
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// Wrap adds security headers, request logging and panic recovery to h.
func Wrap(h http.Handler, logger *slog.Logger) http.Handler {
	return recoverPanics(logRequests(secureHeaders(h), logger), logger)
}

// secureHeaders sets the headers every Signpost response carries: nothing from other hosts,
// no referrer, no framing, no sniffing. Data answers (JSON, metrics, probes) get the short set
// that OWASP's REST guidance gives for APIs: the headers that only steer how a browser renders
// or navigates a document would be bytes spent on every API call for nothing.
func secureHeaders(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		set := documentHeaders
		if isData(r.URL.Path) {
			set = dataHeaders
		}
		hd := w.Header()
		for _, f := range set {
			hd[f.key] = f.value // shared, never appended to (len == cap), so no copy per request
		}
		hd["Date"] = dates.get()
		h.ServeHTTP(w, r)
	})
}

// isData reports whether path answers with data rather than a page.
func isData(path string) bool {
	for _, p := range dataPaths {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

var dataPaths = []string{"/api/", "/hsds/", "/healthz", "/readyz", "/metrics"}

var documentHeaders = sealed(http.Header{
	"Content-Security-Policy":      {"default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; connect-src 'self'"},
	"Referrer-Policy":              {"no-referrer"},
	"X-Content-Type-Options":       {"nosniff"},
	"X-Frame-Options":              {"DENY"},
	"Cross-Origin-Opener-Policy":   {"same-origin"},
	"Cross-Origin-Resource-Policy": {"same-origin"},
	"Permissions-Policy":           {"camera=(), microphone=(), geolocation=(), interest-cohort=()"},
})

var dataHeaders = sealed(http.Header{
	"Content-Security-Policy": {"default-src 'none'; frame-ancestors 'none'"},
	"Referrer-Policy":         {"no-referrer"},
	"X-Content-Type-Options":  {"nosniff"},
	"X-Frame-Options":         {"DENY"},
})

// headerField is one header and its values, ready to set.
type headerField struct {
	key   string
	value []string
}

// sealed lists h's fields, each value slice capped at its length, so that a handler adding a
// value copies it rather than writing into the shared array. A list, because ranging over a
// map on every request cost more than setting the headers.
func sealed(h http.Header) []headerField {
	fields := make([]headerField, 0, len(h))
	for k, v := range h {
		fields = append(fields, headerField{http.CanonicalHeaderKey(k), v[:len(v):len(v)]})
	}
	return fields
}

// statusRecorder remembers the status and size of a response. Its Status method makes it a
// metrics.StatusWriter, so the metrics middleware inside reads it instead of wrapping the
// writer again.
type statusRecorder struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 && (code >= 200 || code == http.StatusSwitchingProtocols) { // other 1xx are not the answer
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

// Status is the final status written so far (0 before any).
func (s *statusRecorder) Status() int { return s.status }

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	n, err := s.ResponseWriter.Write(b)
	s.bytes += n
	return n, err
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// logRequests logs each request with the method, the route pattern (never the raw URL: a
// query string may hold a concern), the status, the size and the duration; never the client
// address. Answered requests are logged at Debug level, since /metrics already counts and
// times every one and a line per request costs a busy server a tenth of its throughput;
// failed ones (5xx) at Error level, always.
func logRequests(h http.Handler, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w}
		h.ServeHTTP(rec, r)
		level := slog.LevelDebug
		if rec.status >= 500 {
			level = slog.LevelError
		}
		if !logger.Enabled(r.Context(), level) {
			return
		}
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		logger.LogAttrs(r.Context(), level, "request",
			slog.String("method", r.Method), slog.String("route", route),
			slog.Int("status", rec.status), slog.Int("bytes", rec.bytes),
			slog.Duration("duration", time.Since(start)))
	})
}

// recoverPanics turns a panic in a handler into a 500 with a generic message, logging the
// panic value and route but nothing the user sent.
func recoverPanics(h http.Handler, logger *slog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				logger.Error("panic in handler", slog.String("route", r.Pattern), slog.Any("panic", v))
				w.Header().Set("Content-Type", "application/json; charset=utf-8")
				w.WriteHeader(http.StatusInternalServerError)
				_, _ = w.Write([]byte(`{"error":{"code":"internal","message":"Internal error."}}` + "\n"))
			}
		}()
		h.ServeHTTP(w, r)
	})
}
