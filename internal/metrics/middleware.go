package metrics

import (
	"net/http"
	"time"
)

// Middleware records each request's duration in signpost_http_request_duration_seconds,
// labelled by the route pattern the mux chose (r.Pattern, never the raw URL, whose query may
// hold a concern) and the status class. It must wrap the [http.ServeMux] itself, or a handler
// that passes the same *http.Request to it, so that it sees the pattern the mux sets.
//
// A writer that already remembers its status (one with a Status method, as the server
// package's logging middleware passes on) is read rather than wrapped again.
func (m *Metrics) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec, ok := w.(StatusWriter)
		if !ok {
			own := &statusRecorder{ResponseWriter: w}
			rec, w = own, own
		}
		defer func() {
			if v := recover(); v != nil {
				// The panic is answered with a 500 further out; count it as one.
				m.observe(r.Pattern, http.StatusInternalServerError, time.Since(start))
				panic(v)
			}
			m.observe(r.Pattern, rec.Status(), time.Since(start))
		}()
		next.ServeHTTP(w, r)
	})
}

// StatusWriter is a ResponseWriter that remembers the final status written through it: 0
// before any, 200 once the body is written without one, informational (1xx) statuses not
// counted.
type StatusWriter interface {
	http.ResponseWriter
	Status() int
}

func (m *Metrics) observe(pattern string, status int, d time.Duration) {
	m.observers.get(m.requestDuration, routeLabel(pattern), statusClass(status)).Observe(d.Seconds())
}

// statusClass turns a status into its class, "1xx" to "5xx"; a handler that wrote nothing
// answered 200.
func statusClass(status int) string {
	if status == 0 {
		return "2xx"
	}
	if status < 100 || status > 599 {
		return "other"
	}
	return [...]string{"1xx", "2xx", "3xx", "4xx", "5xx"}[status/100-1]
}

// statusRecorder remembers the status a handler wrote.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	if s.status == 0 && (code >= 200 || code == http.StatusSwitchingProtocols) { // other 1xx are not the answer
		s.status = code
	}
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Write(b []byte) (int, error) {
	if s.status == 0 {
		s.status = http.StatusOK
	}
	return s.ResponseWriter.Write(b)
}

// Status is the status written so far.
func (s *statusRecorder) Status() int { return s.status }

// Unwrap lets [http.ResponseController] reach the underlying writer (flush, deadlines).
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }
