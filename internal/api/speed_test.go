package api

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"signpost/internal/testenv"
)

// BenchmarkMatchParts is BenchmarkMatchHandler, the whole match request in process, with the
// answer written by [MatchView.AppendJSON] and then by encoding/json, so that what the
// hand-written encoder saves shows against the same request (docs/performance.md,
// "Hand-written speed code, measured"):
//
//	go test -run '^$' -bench MatchParts -count 6 ./internal/api/
func BenchmarkMatchParts(b *testing.B) {
	for _, tc := range []struct {
		name         string
		encodingJSON bool
	}{
		{"AppendJSON", false},
		{"encoding-json", true},
	} {
		b.Run(tc.name, func(b *testing.B) {
			s := NewServer(testenv.Defaults(b, nil).Live, slog.New(slog.NewTextHandler(io.Discard, nil)))
			s.Now = func() time.Time { return time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC) }
			s.encodingJSON = tc.encodingJSON
			mux := http.NewServeMux()
			s.Register(mux)
			qs := []string{"my advisor takes credit for my work", "someone is unconscious on the floor", "therapy", "I want to feel more connected and make friends"}
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				req := httptest.NewRequest(http.MethodGet, "/api/v1/match?q="+url.QueryEscape(qs[i%len(qs)]), nil)
				w := httptest.NewRecorder()
				mux.ServeHTTP(w, req)
				if w.Code != 200 {
					b.Fatal(w.Code)
				}
			}
		})
	}
}

// TestEncodersWriteTheSameAnswers holds the match endpoint's answers to the same bytes
// whichever encoder writes them, so that BenchmarkMatchParts compares like with like.
func TestEncodersWriteTheSameAnswers(t *testing.T) {
	live := testenv.Defaults(t, nil).Live
	answers := func(encodingJSON bool) string {
		s := NewServer(live, slog.New(slog.NewTextHandler(io.Discard, nil)))
		s.Now = func() time.Time { return time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC) }
		s.encodingJSON = encodingJSON
		mux := http.NewServeMux()
		s.Register(mux)
		var all string
		for _, q := range []string{"my advisor takes credit for my work", "someone is unconscious on the floor", "<b>&amp;</b> \u2028 我需要帮助", "therapy"} {
			w := httptest.NewRecorder()
			mux.ServeHTTP(w, httptest.NewRequest(http.MethodGet, "/api/v1/match?q="+url.QueryEscape(q), nil))
			if w.Code != 200 {
				t.Fatalf("q=%q: status %d", q, w.Code)
			}
			all += w.Body.String()
		}
		return all
	}
	if got, want := answers(true), answers(false); got != want {
		t.Errorf("encoding/json wrote\n%s\nAppendJSON wrote\n%s", got, want)
	}
}
