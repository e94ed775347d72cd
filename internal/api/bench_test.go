package api_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
)

// BenchmarkMatchHandler measures the whole match endpoint in process: parameters, the
// navigator, the view and the JSON encoding.
func BenchmarkMatchHandler(b *testing.B) {
	srv := newTestServer(b)
	h := srv.Config.Handler
	qs := []string{"my advisor takes credit for my work", "someone is unconscious on the floor", "therapy", "I want to feel more connected and make friends"}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		req := httptest.NewRequest(http.MethodGet, "/api/v1/match?q="+url.QueryEscape(qs[i%len(qs)]), nil)
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}
