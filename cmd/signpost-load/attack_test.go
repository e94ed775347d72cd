package main

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
)

// TestAttackStopsAtMax: an attack that would run for a minute stops once it has sent -max
// requests, and says so.
func TestAttackStopsAtMax(t *testing.T) {
	var served atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		w.Write([]byte("{}"))
	}))
	defer srv.Close()
	var out bytes.Buffer
	const workers = 4
	if err := attack([]string{"-url", srv.URL, "-duration", "60s", "-max", "200", "-workers", "4"}, &out); err != nil {
		t.Fatal(err)
	}
	var rep Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("%v in %s", err, out.String())
	}
	if !rep.MaxReached || rep.Requests < 200 || rep.Requests > 200+workers {
		t.Errorf("max_reached %v after %d requests, want true after 200 to %d", rep.MaxReached, rep.Requests, 200+workers)
	}
	if n := served.Load(); n > 200+workers {
		t.Errorf("the server saw %d requests, want at most %d", n, 200+workers)
	}
}

// TestAttackRefusesUnboundedOrRemote: no attack without both bounds, and none off this machine.
func TestAttackRefusesUnboundedOrRemote(t *testing.T) {
	for _, args := range [][]string{
		{"-url", "http://127.0.0.1:1/", "-max", "0"},
		{"-url", "http://127.0.0.1:1/", "-max", "20000000"},
		{"-url", "http://127.0.0.1:1/", "-duration", "2m"},
		{"-url", "http://example.com/"},
	} {
		var out bytes.Buffer
		if err := attack(args, &out); err == nil || out.Len() != 0 {
			t.Errorf("attack %s: err %v, output %q; want an error and no report", strings.Join(args, " "), err, out.String())
		}
	}
}
