package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"signpost/internal/directory"
	"signpost/internal/store/postgres"
	"signpost/internal/testenv"
)

// TestServeEndToEnd runs `signpost serve` on a fresh data directory, as a new user would, and
// checks that it answers with the whole default directory, then shuts down cleanly.
func TestServeEndToEnd(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	mln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	metricsAddr := mln.Addr().String()
	mln.Close()
	t.Setenv("SIGNPOST_METRICS_ADDR", metricsAddr)

	t.Setenv("SIGNPOST_DATA", t.TempDir())
	ctx, cancel := context.WithCancel(context.Background())
	var stderr testenv.LogBuffer
	done := make(chan int, 1)
	// Debug level logs every request: the log is then checked for concern text.
	go func() {
		done <- run(ctx, []string{"serve", "-addr", addr, "-log-level", "debug"}, &bytes.Buffer{}, &stderr)
	}()

	var resp *http.Response
	// Start-up builds the navigator and trains the classifier: seconds under the race
	// detector on a machine running other packages' tests.
	wait := max(10*time.Second, time.Duration(3*raceSlowdown)*time.Second)
	for deadline := time.Now().Add(wait); time.Now().Before(deadline); {
		if resp, err = http.Get("http://" + addr + "/api/v1/resources"); err == nil {
			break
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d: %s", code, stderr.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
	if err != nil {
		t.Fatalf("server never answered: %v\n%s", err, stderr.String())
	}
	var body struct {
		Resources []struct{ ID string } `json:"resources"`
	}
	json.NewDecoder(resp.Body).Decode(&body)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(body.Resources) != 35 {
		t.Fatalf("GET /api/v1/resources = %d with %d resources, want 200 with 35", resp.StatusCode, len(body.Resources))
	}
	if resp.Header.Get("X-Content-Type-Options") != "nosniff" || !strings.Contains(resp.Header.Get("Content-Security-Policy"), "frame-ancestors 'none'") {
		t.Errorf("security headers missing from an API answer: %v", resp.Header)
	}
	for path, want := range map[string]string{"/healthz": "ok", "/readyz": "ok", "/": "What&#39;s going on?", "/hsds/": "3.0"} {
		r, err := http.Get("http://" + addr + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(r.Body)
		r.Body.Close()
		if r.StatusCode != 200 || !strings.Contains(string(b), want) {
			t.Errorf("GET %s = %d, want 200 containing %q", path, r.StatusCode, want)
		}
		if path == "/" && (r.Header.Get("Referrer-Policy") != "no-referrer" || !strings.Contains(r.Header.Get("Content-Security-Policy"), "script-src 'self'")) {
			t.Errorf("GET /: the page's security headers are missing: %v", r.Header)
		}
	}
	// The match endpoint is rate limited per client (burst 40 at the default 20/s).
	limited := 0
	for range 60 {
		r, err := http.Get("http://" + addr + "/api/v1/match?q=quokka-secret-concern")
		if err != nil {
			t.Fatal(err)
		}
		r.Body.Close()
		if r.StatusCode == http.StatusTooManyRequests {
			limited++
			if r.Header.Get("Retry-After") == "" {
				t.Error("a 429 without Retry-After")
			}
		}
	}
	if limited == 0 {
		t.Error("60 match requests at once were never rate limited")
	}
	// /metrics is not on the public site; it has a listener of its own.
	if r, err := http.Get("http://" + addr + "/metrics"); err == nil {
		r.Body.Close()
		if r.StatusCode == http.StatusOK {
			t.Error("/metrics is served to the public")
		}
	}
	r, err := http.Get("http://" + metricsAddr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r.Body)
	r.Body.Close()
	for _, want := range []string{"signpost_http_request_duration_seconds", "signpost_rate_limited_total", "signpost_snapshot_age_seconds", "signpost_match_duration_seconds"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(string(b), "quokka") {
		t.Error("/metrics holds concern text")
	}
	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("serve exited with %d after shutdown: %s", code, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not shut down")
	}
	if !strings.Contains(stderr.String(), "shutting down") {
		t.Errorf("no shutdown log line: %s", stderr.String())
	}
	if logs := stderr.String(); !strings.Contains(logs, `route="GET /api/v1/match"`) || strings.Contains(logs, "quokka") {
		t.Errorf("the request log should hold the match requests' route and never their concern:\n%s", logs)
	}
}

// TestServeSurvivesDatabaseRestart stops the real PostgreSQL under a running server: the
// directory and the navigator keep answering from the last snapshot, and an edit made after
// the database returns is served without a restart. It runs when scripts/test runs it alone
// (SIGNPOST_TEST_PG_RESTART=1), since stopping the shared test database would disturb other
// packages' tests.
func TestServeSurvivesDatabaseRestart(t *testing.T) {
	url, stop, start := os.Getenv("SIGNPOST_TEST_POSTGRES"), os.Getenv("SIGNPOST_TEST_PG_STOP"), os.Getenv("SIGNPOST_TEST_PG_START")
	if os.Getenv("SIGNPOST_TEST_PG_RESTART") != "1" || url == "" || stop == "" || start == "" {
		t.Skip("run by scripts/test with a throwaway PostgreSQL (SIGNPOST_TEST_PG_RESTART=1)")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	t.Setenv("SIGNPOST_DATA", t.TempDir())
	t.Setenv("SIGNPOST_DATABASE_URL", url)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stderr testenv.LogBuffer
	done := make(chan int, 1)
	go func() { done <- run(ctx, []string{"serve", "-addr", addr}, &bytes.Buffer{}, &stderr) }()
	get := func(path string) (int, string) {
		resp, err := http.Get("http://" + addr + path)
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	waitUntil(t, 10*time.Second, func() bool { c, _ := get("/api/v1/resources"); return c == 200 }, "server up")

	if out, err := exec.Command(stop).CombinedOutput(); err != nil {
		t.Fatalf("stop PostgreSQL: %v %s", err, out)
	}
	restarted := false
	defer func() {
		if !restarted {
			exec.Command(start).Run()
		}
	}()
	time.Sleep(1200 * time.Millisecond) // let the watcher notice
	if c, body := get("/api/v1/resources/ombuds"); c != 200 {
		t.Fatalf("with the database down, GET a resource = %d %s", c, body)
	}
	if c, body := get("/api/v1/match?q=" + "my+advisor+yells+at+me"); c != 200 || !strings.Contains(body, "results") {
		t.Fatalf("with the database down, match = %d %s", c, body)
	}
	if !strings.Contains(stderr.String(), "serving the last snapshot") {
		t.Errorf("the outage was not logged: %s", stderr.String())
	}
	if out, err := exec.Command(start).CombinedOutput(); err != nil {
		t.Fatalf("start PostgreSQL: %v %s", err, out)
	}
	restarted = true
	st, err := postgres.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	r, err := st.Resource(context.Background(), "ombuds")
	if err != nil {
		t.Fatal(err)
	}
	r.Summary = "Edited after the database came back."
	if err := st.PutResource(context.Background(), r, directory.Change{Author: "test"}); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, 5*time.Second, func() bool {
		_, body := get("/api/v1/resources/ombuds")
		return strings.Contains(body, r.Summary)
	}, "the server recovered and served the new edit")
	cancel()
	<-done
}

func waitUntil(t *testing.T, within time.Duration, cond func() bool, what string) {
	t.Helper()
	for deadline := time.Now().Add(within); !cond(); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("not within %v: %s", within, what)
		}
	}
}
