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
// requests, exactly, and says so: as fast as it goes and at a steady rate.
func TestAttackStopsAtMax(t *testing.T) {
	for _, pace := range [][]string{{"-workers", "4"}, {"-rate", "2000"}} {
		var served atomic.Int64
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			served.Add(1)
			w.Write([]byte("{}"))
		}))
		var out bytes.Buffer
		err := attack(append([]string{"-url", srv.URL, "-duration", "60s", "-max", "200"}, pace...), &out)
		srv.Close()
		if err != nil {
			t.Fatal(err)
		}
		var rep Report
		if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
			t.Fatalf("%v in %s", err, out.String())
		}
		if !rep.MaxReached || rep.Requests != 200 {
			t.Errorf("%v: max_reached %v after %d requests, want true after 200", pace, rep.MaxReached, rep.Requests)
		}
		if n := served.Load(); n != 200 {
			t.Errorf("%v: the server saw %d requests, want 200", pace, n)
		}
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
