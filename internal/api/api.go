// Package api serves Signpost's JSON API under /api/v1: the directory's resources and topics,
// and the OpenAPI document that describes them.
//
// It reads from a [catalog.Live] and imports the domain; it never imports web, admin or a
// store package.
package api

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"signpost/internal/catalog"
	"signpost/internal/directory"
	"signpost/internal/httperror"
)

// Server holds the API's dependencies.
type Server struct {
	live   *catalog.Live
	logger *slog.Logger
	// Now returns the current time; tests replace it.
	Now func() time.Time
	// ObserveMatch, if set, is told how long each navigator match took (for metrics).
	ObserveMatch func(time.Duration)
	// encodingJSON, set only by BenchmarkMatchParts, writes match answers with encoding/json
	// instead of [MatchView.AppendJSON] (the same bytes), to show what that saves.
	encodingJSON bool
}

// NewServer returns an API server reading from live.
func NewServer(live *catalog.Live, logger *slog.Logger) *Server {
	return &Server{live: live, logger: logger, Now: time.Now}
}

// Routes returns the API's documented routes, as net/http patterns ("GET /api/v1/topics"),
// with their handlers. Every one of them is described in [OpenAPI]; a test holds them to it.
func (s *Server) Routes() map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"GET /api/v1/resources":      s.listResources,
		"GET /api/v1/resources/{id}": s.getResource,
		"GET /api/v1/topics":         s.listTopics,
		"GET /api/v1/openapi.json":   s.openAPI,
		"GET /api/v1/match":          s.match,
		"POST /api/v1/match":         s.match,
	}
}

// Register adds the API's routes to mux, and JSON 404 and 405 answers for every other
// request under /api/.
func (s *Server) Register(mux *http.ServeMux) {
	routes := http.NewServeMux()
	for pattern, h := range s.Routes() {
		mux.HandleFunc(pattern, h)
		routes.HandleFunc(pattern, h)
	}
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) { s.notFound(w, r, routes) })
}

// notFound answers a request no route took: 405 with Allow when the path exists for other
// methods, 404 otherwise.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, routes *http.ServeMux) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := routes.Handler(probe); pattern != "" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		writeJSON(w, http.StatusMethodNotAllowed, map[string]any{"error": map[string]string{
			"code": "method_not_allowed", "message": "Use " + strings.Join(allow, " or ") + " for " + r.URL.Path + "."}})
		return
	}
	Error(w, r, s.logger, directory.Errorf(directory.ENotFound, "No API endpoint at %s %s: see /api/v1/openapi.json.", r.Method, r.URL.Path))
}

// Error writes err as {"error": {"code", "message"}} with the status its code maps to. Internal
// errors are logged (never with the request's query, which may hold a concern) and shown as a
// generic message.
func Error(w http.ResponseWriter, r *http.Request, logger *slog.Logger, err error) {
	code := directory.ErrorCode(err)
	status := httperror.Status(err)
	if code == directory.EInternal {
		logger.Error("api internal error", slog.String("method", r.Method), slog.String("path", r.URL.Path), slog.Any("err", err))
	}
	writeJSON(w, status, map[string]any{"error": map[string]string{"code": code, "message": directory.ErrorMessage(err)}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	writeBody(w, status, func(b []byte) ([]byte, error) {
		buf := bytes.NewBuffer(b)
		// Compact: indentation costs a quarter of a match's server time; pipe through jq.
		err := json.NewEncoder(buf).Encode(v)
		return buf.Bytes(), err
	})
}

// writeBody has encode append a response to a pooled buffer, then sends it with its length,
// so that net/http writes headers and body at once instead of in chunks.
func writeBody(w http.ResponseWriter, status int, encode func([]byte) ([]byte, error)) {
	p := bufferPool.Get().(*[]byte)
	body, err := encode((*p)[:0])
	if cap(body) <= maxPooledBuffer {
		*p = body
		defer bufferPool.Put(p)
	}
	if err != nil {
		http.Error(w, `{"error":{"code":"internal","message":"Internal error."}}`, http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h["Content-Type"] = jsonContentType // shared and capped: never appended to in place
	h["Cache-Control"] = noStore
	h["Content-Length"] = []string{strconv.Itoa(len(body))}
	w.WriteHeader(status)
	_, _ = w.Write(body) // the client has gone if this fails; nothing useful to do
}

var (
	jsonContentType = []string{"application/json; charset=utf-8"}[:1:1]
	noStore         = []string{"no-store"}[:1:1]
)

// bufferPool holds response buffers; answers are a few kilobytes, and a pooled buffer saves
// growing one per request.
var bufferPool = sync.Pool{New: func() any { b := make([]byte, 0, 8<<10); return &b }}

// maxPooledBuffer keeps a rare huge response (a whole 100,000-resource listing) from pinning
// its buffer in the pool.
const maxPooledBuffer = 1 << 20
