package api_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"signpost/internal/api"
	"signpost/internal/catalog"
	"signpost/internal/directory"
	"signpost/internal/mitdusp"
	"signpost/internal/navigator"
	"signpost/internal/server"
	"signpost/internal/store/sqlite"
	"signpost/internal/testenv"
)

type matchBody struct {
	Emergency  bool   `json:"emergency"`
	Urgency    string `json:"urgency"`
	Understood struct {
		Role string `json:"role"`
	} `json:"understood"`
	Results []struct {
		ID  string   `json:"id"`
		Why []string `json:"why"`
	} `json:"results"`
}

func postJSON(t *testing.T, srv *httptest.Server, body string) (*http.Response, []byte) {
	t.Helper()
	resp, err := http.Post(srv.URL+"/api/v1/match", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func TestMatchGetPostAndFormAgree(t *testing.T) {
	srv := newTestServer(t)
	const q = "someone is unconscious on the floor"
	var viaGet, viaJSON, viaForm matchBody
	if status := getJSON(t, srv, "/api/v1/match?q="+url.QueryEscape(q), &viaGet); status != 200 {
		t.Fatalf("GET status %d", status)
	}
	resp, b := postJSON(t, srv, `{"q": "`+q+`"}`)
	if resp.StatusCode != 200 || json.Unmarshal(b, &viaJSON) != nil {
		t.Fatalf("POST JSON = %d %s", resp.StatusCode, b)
	}
	fr, err := http.PostForm(srv.URL+"/api/v1/match", url.Values{"q": {q}})
	if err != nil {
		t.Fatal(err)
	}
	json.NewDecoder(fr.Body).Decode(&viaForm)
	fr.Body.Close()
	for name, got := range map[string]matchBody{"GET": viaGet, "JSON": viaJSON, "form": viaForm} {
		if !got.Emergency || got.Urgency != "emergency" || len(got.Results) == 0 {
			t.Fatalf("%s: emergency=%v urgency=%q results=%d; want an emergency answer", name, got.Emergency, got.Urgency, len(got.Results))
		}
		if id := got.Results[0].ID; id != "mit-ems" && id != "mit-police" {
			t.Errorf("%s: first result %s, want mit-ems or mit-police", name, id)
		}
		if len(got.Results[0].Why) == 0 {
			t.Errorf("%s: first result has no why", name)
		}
	}
}

func TestMatchRespectsStatedRole(t *testing.T) {
	srv := newTestServer(t)
	var got matchBody
	getJSON(t, srv, "/api/v1/match?role=staff&q="+url.QueryEscape("I feel anxious and want to talk to a counselor"), &got)
	if got.Understood.Role != "staff" {
		t.Fatalf("understood.role = %q, want staff", got.Understood.Role)
	}
	for _, r := range got.Results {
		switch r.ID {
		case "student-mental-health", "lets-chat", "peer-ears", "lean-on-me", "medlinks", "s3":
			t.Errorf("staff concern returned the student service %s", r.ID)
		}
	}
}

func TestMatchBadInput(t *testing.T) {
	srv := newTestServer(t)
	const secret = "zebra-unicorn-secret"
	tests := []struct {
		name   string
		do     func() *http.Response
		status int
	}{
		{"empty", func() *http.Response { r, _ := http.Get(srv.URL + "/api/v1/match?q=%20%20"); return r }, 400},
		{"missing q", func() *http.Response { r, _ := http.Get(srv.URL + "/api/v1/match"); return r }, 400},
		{"control characters only", func() *http.Response { r, _ := http.Get(srv.URL + "/api/v1/match?q=%00%01%02"); return r }, 400},
		{"bad role", func() *http.Response { r, _ := http.Get(srv.URL + "/api/v1/match?role=wizard&q=" + secret); return r }, 400},
		{"bad at", func() *http.Response { r, _ := http.Get(srv.URL + "/api/v1/match?at=noon&q=" + secret); return r }, 400},
		{"bad limit", func() *http.Response { r, _ := http.Get(srv.URL + "/api/v1/match?limit=0&q=" + secret); return r }, 400},
		{"too long", func() *http.Response {
			r, _ := http.Get(srv.URL + "/api/v1/match?q=" + strings.Repeat(secret, 200))
			return r
		}, 413},
		{"body too large", func() *http.Response {
			r, _ := http.Post(srv.URL+"/api/v1/match", "application/json", strings.NewReader(`{"q":"`+strings.Repeat(secret, 2000)+`"}`))
			return r
		}, 413},
		{"malformed JSON", func() *http.Response {
			r, _ := http.Post(srv.URL+"/api/v1/match", "application/json", strings.NewReader(`{"q": "`+secret))
			return r
		}, 400},
		{"unknown JSON field", func() *http.Response {
			r, _ := http.Post(srv.URL+"/api/v1/match", "application/json", strings.NewReader(`{"q": "`+secret+`", "mood": 3}`))
			return r
		}, 400},
		{"wrong content type", func() *http.Response {
			r, _ := http.Post(srv.URL+"/api/v1/match", "text/plain", strings.NewReader(secret))
			return r
		}, 400},
	}
	for _, tc := range tests {
		resp := tc.do()
		if resp == nil {
			t.Fatalf("%s: no response", tc.name)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var e errorBody
		if resp.StatusCode != tc.status || json.Unmarshal(b, &e) != nil || e.Error.Message == "" {
			t.Errorf("%s: %d %s; want %d with a JSON error", tc.name, resp.StatusCode, b, tc.status)
		}
		if strings.Contains(string(b), secret) {
			t.Errorf("%s: the error echoes the concern: %s", tc.name, b)
		}
	}
}

func TestMatchOtherScriptsAndMarkupAreAnswered(t *testing.T) {
	srv := newTestServer(t)
	for _, q := range []string{"我需要帮助", "<script>alert(1)</script> harassment", "مرحبا", "😢😢😢", "a"} {
		var got matchBody
		if status := getJSON(t, srv, "/api/v1/match?q="+url.QueryEscape(q), &got); status != 200 {
			t.Errorf("q=%q: status %d, want 200", q, status)
		}
		if len(got.Results) == 0 {
			t.Errorf("q=%q: no results; want at least the general navigators", q)
		}
	}
}

// TestConcernNeverLogged sends concerns by URL and by body through the full middleware and
// checks that the log holds no trace of them.
func TestConcernNeverLogged(t *testing.T) {
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(t.TempDir(), "signpost.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	d, _ := mitdusp.Load()
	st.Replace(ctx, d, directory.Change{Author: "test"})
	k, _ := navigator.DefaultKnowledge()
	live, _ := catalog.NewLive(ctx, st, k)
	var logs testenv.LogBuffer
	logger := slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	mux := http.NewServeMux()
	api.NewServer(live, logger).Register(mux)
	srv := httptest.NewServer(server.Wrap(mux, logger))
	defer srv.Close()

	const secret = "quokka-secret-concern"
	for _, do := range []func() (*http.Response, error){
		func() (*http.Response, error) { return http.Get(srv.URL + "/api/v1/match?q=" + secret) },
		func() (*http.Response, error) {
			return http.Post(srv.URL+"/api/v1/match", "application/json", strings.NewReader(`{"q":"`+secret+`"}`))
		},
		func() (*http.Response, error) { return http.Get(srv.URL + "/api/v1/match?role=bad&q=" + secret) },
		func() (*http.Response, error) { return http.Get(srv.URL + "/api/v1/nowhere?q=" + secret) },
	} {
		resp, err := do()
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
	}
	srv.Close() // waits for the handlers, and so for their log lines
	if logs.String() == "" {
		t.Fatal("no request was logged; the test cannot tell")
	}
	if strings.Contains(logs.String(), secret) || strings.Contains(logs.String(), "q=") {
		t.Fatalf("the log holds the concern:\n%s", logs.String())
	}
}

// TestMatchBodyDefects: trailing data after the JSON object, invalid UTF-8 inside it and a
// multipart body are refused with a 4xx, not read in part; JSON answers carry the page's
// Referrer-Policy too.
func TestMatchBodyDefects(t *testing.T) {
	srv := newTestServer(t)
	for _, tc := range []struct {
		body string
		want int
	}{
		{`{"q":"x"}{"q":"y"}`, 400},
		{`{"q":"x"} trailing`, 400},
		{"{\"q\":\"bad \xff\xfe utf8\"}", 400},
		{`{"q":"my advisor yells at me"}`, 200},
	} {
		resp, b := postJSON(t, srv, tc.body)
		if resp.StatusCode != tc.want {
			t.Errorf("POST %q = %d %s, want %d", tc.body, resp.StatusCode, b, tc.want)
		}
	}
	var buf strings.Builder
	buf.WriteString("--b\r\nContent-Disposition: form-data; name=\"q\"\r\n\r\nmy advisor yells\r\n--b--\r\n")
	resp, err := http.Post(srv.URL+"/api/v1/match", "multipart/form-data; boundary=b", strings.NewReader(buf.String()))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnsupportedMediaType {
		t.Errorf("multipart POST = %d, want 415", resp.StatusCode)
	}
}
