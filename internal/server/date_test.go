package server

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

func TestDateHeaderFollowsTheSecond(t *testing.T) {
	at := time.Date(2026, 12, 2, 13, 4, 5, 100, time.FixedZone("EST", -5*3600))
	d := &dateHeader{now: func() time.Time { return at }}
	first := d.get()
	if want := "Wed, 02 Dec 2026 18:04:05 GMT"; len(first) != 1 || first[0] != want {
		t.Fatalf("Date %q, want %q", first, want)
	}
	at = at.Add(800 * time.Millisecond)
	if got := d.get(); &got[0] != &first[0] {
		t.Error("formatted again within the same second")
	}
	at = at.Add(200 * time.Millisecond)
	if got := d.get(); got[0] != "Wed, 02 Dec 2026 18:04:06 GMT" {
		t.Errorf("next second: %q", got)
	}
	if cap(first) != 1 {
		t.Errorf("shared value has room to be appended to in place (cap %d)", cap(first))
	}
}

// TestEveryResponseCarriesADate: through the real middleware and server, a response has one
// Date, current and in the HTTP format, and a handler's own is kept.
func TestEveryResponseCarriesADate(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /plain", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok")) })
	mux.HandleFunc("GET /own", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", "Thu, 01 Jan 2026 00:00:00 GMT")
		w.Write([]byte("ok"))
	})
	srv := httptest.NewServer(secureHeaders(mux))
	defer srv.Close()
	for path, check := range map[string]func(string) bool{
		"/plain": func(v string) bool {
			at, err := http.ParseTime(v)
			return err == nil && time.Since(at).Abs() < 5*time.Second
		},
		"/own": func(v string) bool { return v == "Thu, 01 Jan 2026 00:00:00 GMT" },
	} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if v := resp.Header.Values("Date"); len(v) != 1 || !check(v[0]) {
			t.Errorf("%s: Date %q", path, v)
		}
	}
}
