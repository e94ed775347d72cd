package web_test

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

func benchPage(b *testing.B, req func() *http.Request) {
	s := newSite(b)
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		s.h.ServeHTTP(w, req())
		if w.Code != 200 {
			b.Fatalf("status %d", w.Code)
		}
	}
}

func BenchmarkHome(b *testing.B) {
	benchPage(b, func() *http.Request { return httptest.NewRequest(http.MethodGet, "/", nil) })
}

func BenchmarkResults(b *testing.B) {
	body := url.Values{"q": {"my advisor takes credit for my work and I want to change labs"}, "role": {"graduate"}}.Encode()
	benchPage(b, func() *http.Request {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		return r
	})
}

func BenchmarkResourcePage(b *testing.B) {
	benchPage(b, func() *http.Request { return httptest.NewRequest(http.MethodGet, "/resources/dean-on-call", nil) })
}

func BenchmarkBrowse(b *testing.B) {
	benchPage(b, func() *http.Request { return httptest.NewRequest(http.MethodGet, "/resources", nil) })
}
