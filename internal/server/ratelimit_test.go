package server_test

import (
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"

	"signpost/internal/server"
)

// clock is a settable time for a limiter's Now.
type clock struct{ t time.Time }

func (c *clock) Now() time.Time          { return c.t }
func (c *clock) Advance(d time.Duration) { c.t = c.t.Add(d) }

// newLimited returns a limiter on a fake clock and the match route behind its middleware.
func newLimited(tb testing.TB, cfg server.RateLimit) (*server.Limiter, *clock, http.Handler) {
	tb.Helper()
	c := &clock{t: time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC)}
	l := server.NewLimiter(cfg)
	l.Now = c.Now
	mux := http.NewServeMux()
	mux.Handle("GET /api/v1/match", l.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"results":[]}`))
	})))
	return l, c, mux
}

func send(h http.Handler, remote string, header ...string) *httptest.ResponseRecorder {
	req := httptest.NewRequest("GET", "/api/v1/match?q=help", nil)
	req.RemoteAddr = remote
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Add(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// sendN sends n requests and returns how many were allowed.
func sendN(h http.Handler, n int, remote string, header ...string) int {
	ok := 0
	for range n {
		if send(h, remote, header...).Code == http.StatusOK {
			ok++
		}
	}
	return ok
}

func TestLimiterBurstThen429(t *testing.T) {
	_, _, h := newLimited(t, server.RateLimit{PerSecond: server.DefaultRatePerSecond, Burst: server.DefaultRateBurst})
	if got := sendN(h, 40, "192.0.2.1:1000"); got != 40 {
		t.Fatalf("allowed %d of a burst of 40, want 40", got)
	}
	rec := send(h, "192.0.2.1:1000")
	if rec.Code != http.StatusTooManyRequests {
		t.Fatalf("request 41 = %d, want 429", rec.Code)
	}
	if got := rec.Header().Get("Retry-After"); got != "1" {
		t.Errorf("Retry-After = %q, want \"1\"", got)
	}
	if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q, want JSON", ct)
	}
	want := `{"error":{"code":"rate_limited","message":"Too many requests: please wait a moment and try again."}}`
	if got := strings.TrimSpace(rec.Body.String()); got != want {
		t.Errorf("body = %s, want %s", got, want)
	}
	if got := send(h, "192.0.2.2:1000").Code; got != http.StatusOK {
		t.Errorf("another client = %d, want 200: clients must not share a bucket", got)
	}
}

func TestLimiterRefillsOverTime(t *testing.T) {
	_, c, h := newLimited(t, server.RateLimit{PerSecond: 20, Burst: 40})
	const client = "192.0.2.1:1000"
	sendN(h, 40, client)
	steps := []struct {
		advance time.Duration
		send    int
		want    int
	}{
		{0, 1, 0},
		{50 * time.Millisecond, 2, 1},                  // one token per 1/20 s
		{500 * time.Millisecond, 12, 10},               // ten more
		{time.Hour, 100, 40},                           // never more than the burst
		{time.Second, 25, 20},                          // the sustained rate
		{100 * time.Millisecond, 3, 2},                 // the next two
		{-time.Second, 1, 0},                           // a clock stepping back grants nothing
		{3 * time.Second, 41, server.DefaultRateBurst}, // two seconds past the latest time seen
	}
	for i, s := range steps {
		c.Advance(s.advance)
		if got := sendN(h, s.send, client); got != s.want {
			t.Fatalf("step %d: after %v, %d requests: %d allowed, want %d", i, s.advance, s.send, got, s.want)
		}
	}
}

func TestLimiterRetryAfterRoundsUp(t *testing.T) {
	_, _, h := newLimited(t, server.RateLimit{PerSecond: 0.4, Burst: 1})
	send(h, "192.0.2.1:1")
	if got := send(h, "192.0.2.1:1").Header().Get("Retry-After"); got != "3" {
		t.Errorf("Retry-After at 0.4/s = %q, want \"3\" (2.5 s rounded up)", got)
	}
}

func TestLimiterOffAtRateZero(t *testing.T) {
	for _, rate := range []float64{0, -1, math.Inf(1), math.NaN()} {
		t.Run(fmt.Sprint(rate), func(t *testing.T) {
			l, _, h := newLimited(t, server.RateLimit{PerSecond: rate, Burst: 40})
			if l.Enabled() {
				t.Error("Enabled() = true at rate 0, want false")
			}
			if got := sendN(h, 1000, "192.0.2.1:1"); got != 1000 {
				t.Errorf("allowed %d of 1000 with limiting off, want all", got)
			}
			next := http.NotFoundHandler()
			if fmt.Sprintf("%p", l.Middleware(next)) != fmt.Sprintf("%p", next) {
				t.Error("Middleware wraps the handler with limiting off, want it returned as is")
			}
		})
	}
}

func TestLimiterDefaultBurst(t *testing.T) {
	_, _, h := newLimited(t, server.RateLimit{PerSecond: 5})
	if got := sendN(h, 20, "192.0.2.1:1"); got != 10 {
		t.Errorf("burst at 5/s with Burst unset = %d, want 10 (twice the rate)", got)
	}
}

func TestLimiterReportsLimitedRoute(t *testing.T) {
	l, _, h := newLimited(t, server.RateLimit{PerSecond: 1, Burst: 1})
	var routes []string
	l.OnLimited = func(route string) { routes = append(routes, route) }
	sendN(h, 3, "192.0.2.1:1")
	if got := strings.Join(routes, ","); got != "GET /api/v1/match,GET /api/v1/match" {
		t.Errorf("OnLimited got %q, want the route pattern twice", got)
	}
}

func TestLimiterTrustsForwardingOnlyFromProxy(t *testing.T) {
	proxies, err := server.ParseTrustedProxies("10.0.0.5")
	if err != nil {
		t.Fatal(err)
	}
	_, _, h := newLimited(t, server.RateLimit{PerSecond: 1, Burst: 2, TrustedProxies: proxies})

	// Through the proxy, each forwarded client has its own bucket.
	for _, client := range []string{"203.0.113.1", "203.0.113.2", "203.0.113.3"} {
		if got := sendN(h, 3, "10.0.0.5:4000", "X-Forwarded-For", client); got != 2 {
			t.Errorf("client %s via the proxy: %d of 3 allowed, want its own burst of 2", client, got)
		}
	}
	// A client talking directly cannot get fresh buckets by inventing forwarding headers.
	allowed := 0
	for i := range 6 {
		allowed += sendN(h, 1, "198.51.100.7:5000",
			"X-Forwarded-For", fmt.Sprintf("203.0.113.%d", 100+i), "Forwarded", fmt.Sprintf("for=203.0.114.%d", i))
	}
	if allowed != 2 {
		t.Errorf("direct client with forged headers: %d of 6 allowed, want 2", allowed)
	}
}

func TestClientAddress(t *testing.T) {
	proxies, err := server.ParseTrustedProxies("10.0.0.0/8, 2001:db8:ffff::1")
	if err != nil {
		t.Fatal(err)
	}
	l := server.NewLimiter(server.RateLimit{PerSecond: 1, TrustedProxies: proxies})
	tests := []struct {
		name      string
		remote    string
		xff       []string
		forwarded string
		want      string
	}{
		{"direct", "192.0.2.1:1234", nil, "", "192.0.2.1"},
		{"header from untrusted peer ignored", "192.0.2.1:1234", []string{"203.0.113.9"}, "for=203.0.113.8", "192.0.2.1"},
		{"proxy without header", "10.0.0.5:80", nil, "", "10.0.0.5"},
		{"proxy with header", "10.0.0.5:80", []string{"203.0.113.9"}, "", "203.0.113.9"},
		{"spoofed left entry ignored", "10.0.0.5:80", []string{"6.6.6.6, 203.0.113.9"}, "", "203.0.113.9"},
		{"chain of trusted proxies", "10.0.0.5:80", []string{"6.6.6.6, 203.0.113.9, 10.1.1.1"}, "", "203.0.113.9"},
		{"repeated header lines", "10.0.0.5:80", []string{"6.6.6.6", "203.0.113.9"}, "", "203.0.113.9"},
		{"all trusted: leftmost", "10.0.0.5:80", []string{"10.9.9.9, 10.1.1.1"}, "", "10.9.9.9"},
		{"garbage from the proxy: the proxy", "10.0.0.5:80", []string{"203.0.113.9, not-an-ip"}, "", "10.0.0.5"},
		{"port in header", "10.0.0.5:80", []string{"203.0.113.9:5555"}, "", "203.0.113.9"},
		{"forwarded", "10.0.0.5:80", nil, "for=192.0.2.60;proto=http;by=203.0.113.43", "192.0.2.60"},
		{"forwarded chain", "10.0.0.5:80", nil, `for=6.6.6.6, For="[2001:db8:cafe::17]:4711"`, "2001:db8:cafe::/64"},
		{"forwarded obfuscated: the proxy", "10.0.0.5:80", nil, "for=_hidden", "10.0.0.5"},
		{"x-forwarded-for wins over forwarded", "10.0.0.5:80", []string{"203.0.113.9"}, "for=192.0.2.60", "203.0.113.9"},
		{"ipv6 keyed by /64", "[2001:db8:1:2:aaaa::1]:443", nil, "", "2001:db8:1:2::/64"},
		{"ipv6 proxy", "[2001:db8:ffff::1]:443", []string{"2001:db8:9::5"}, "", "2001:db8:9::/64"},
		{"ipv4-mapped peer is the proxy", "[::ffff:10.0.0.5]:80", []string{"203.0.113.9"}, "", "203.0.113.9"},
		{"not an IP peer", "@", []string{"203.0.113.9"}, "", "unknown"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest("GET", "/", nil)
			req.RemoteAddr = tc.remote
			for _, v := range tc.xff {
				req.Header.Add("X-Forwarded-For", v)
			}
			if tc.forwarded != "" {
				req.Header.Set("Forwarded", tc.forwarded)
			}
			if got := l.Client(req); got != tc.want {
				t.Errorf("Client(remote %s, XFF %q, Forwarded %q) = %q, want %q", tc.remote, tc.xff, tc.forwarded, got, tc.want)
			}
		})
	}
}

func TestParseTrustedProxies(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr bool
	}{
		{"", "", false},
		{"10.0.0.5", "10.0.0.5/32", false},
		{" 10.0.0.5 , 192.168.1.7/24,::1 ", "10.0.0.5/32 192.168.1.0/24 ::1/128", false},
		{"::ffff:10.0.0.5", "10.0.0.5/32", false},
		{"10.0.0.5,,", "10.0.0.5/32", false},
		{"proxy.example.org", "", true},
		{"10.0.0.0/33", "", true},
		{"fe80::1%eth0", "", true},
	}
	for _, tc := range tests {
		got, err := server.ParseTrustedProxies(tc.in)
		if (err != nil) != tc.wantErr {
			t.Errorf("ParseTrustedProxies(%q) error = %v, want error %v", tc.in, err, tc.wantErr)
			continue
		}
		var s []string
		for _, p := range got {
			s = append(s, p.String())
		}
		if strings.Join(s, " ") != tc.want {
			t.Errorf("ParseTrustedProxies(%q) = %v, want %s", tc.in, s, tc.want)
		}
	}
}

func TestLimiterForgetsIdleClients(t *testing.T) {
	l, c, h := newLimited(t, server.RateLimit{PerSecond: 20, Burst: 40})
	for i := range 10 {
		send(h, fmt.Sprintf("192.0.2.%d:1", i+1))
	}
	if l.Len() != 10 {
		t.Fatalf("tracking %d clients, want 10", l.Len())
	}
	c.Advance(2 * time.Minute)
	send(h, "192.0.2.1:1")
	c.Advance(2 * time.Minute)
	send(h, "198.51.100.1:1")
	if got := l.Len(); got != 2 {
		t.Errorf("after 4 idle minutes, tracking %d clients, want 2 (the two recent ones)", got)
	}
}

// A slow limiter (one sign-in a minute) must not forget a client before its bucket is full
// again: that would hand out tokens the rate does not allow.
func TestLimiterKeepsClientsUntilRefilled(t *testing.T) {
	_, c, h := newLimited(t, server.RateLimit{PerSecond: 1.0 / 60, Burst: 5})
	const client = "192.0.2.1:1"
	if got := sendN(h, 6, client); got != 5 {
		t.Fatalf("first burst: %d allowed, want 5", got)
	}
	c.Advance(4 * time.Minute) // four tokens back, and past the 3-minute idle sweep
	send(h, "198.51.100.1:1")  // triggers a sweep
	if got := sendN(h, 6, client); got != 4 {
		t.Errorf("after 4 minutes at 1/min: %d allowed, want 4", got)
	}
}

func TestLimiterBoundsClients(t *testing.T) {
	l, c, h := newLimited(t, server.RateLimit{PerSecond: 20, Burst: 40})
	l.MaxClients = 50
	for i := range 500 {
		c.Advance(time.Millisecond)
		a := netip.AddrFrom4([4]byte{198, 18, byte(i >> 8), byte(i)})
		if got := send(h, netip.AddrPortFrom(a, 1).String()).Code; got != http.StatusOK {
			t.Fatalf("new client %d refused with %d while the table is full, want 200", i, got)
		}
		if n := l.Len(); n > 50 {
			t.Fatalf("tracking %d clients, want at most 50", n)
		}
	}
}

func TestAllowByKey(t *testing.T) {
	l := server.NewLimiter(server.RateLimit{PerSecond: 1, Burst: 3})
	c := &clock{t: time.Unix(0, 0)}
	l.Now = c.Now
	for i := range 3 {
		if ok, _ := l.Allow("account:alice"); !ok {
			t.Fatalf("attempt %d refused, want allowed within the burst", i+1)
		}
	}
	ok, wait := l.Allow("account:alice")
	if ok || wait != time.Second {
		t.Errorf("4th attempt = (%v, %v), want (false, 1s)", ok, wait)
	}
	if ok, _ := l.Allow("account:bob"); !ok {
		t.Error("another key refused, want allowed")
	}
}

func TestLimiterRoutesLimitsOnlyChosenRoutes(t *testing.T) {
	l := server.NewLimiter(server.RateLimit{PerSecond: 1, Burst: 2})
	c := &clock{t: time.Unix(0, 0)}
	l.Now = c.Now
	var limitedRoutes []string
	l.OnLimited = func(route string) { limitedRoutes = append(limitedRoutes, route) }
	mux := http.NewServeMux()
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {})
	mux.Handle("GET /api/v1/match", ok)
	mux.Handle("POST /api/v1/match", ok)
	mux.Handle("GET /api/v1/resources", ok)
	mux.Handle("/", ok)

	// The outer handler sees the route of refused requests too, as a metrics middleware would.
	var seen []string
	h := l.Routes(mux, "GET /api/v1/match", "POST /api/v1/match")
	outer := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h.ServeHTTP(w, r)
		seen = append(seen, r.Pattern)
	})
	do := func(method, path string) int {
		req := httptest.NewRequest(method, path, nil)
		req.RemoteAddr = "192.0.2.1:1"
		rec := httptest.NewRecorder()
		outer.ServeHTTP(rec, req)
		return rec.Code
	}
	tests := []struct {
		method, path string
		want         int
	}{
		{"GET", "/api/v1/match?q=a", 200},
		{"POST", "/api/v1/match", 200},
		{"GET", "/api/v1/match?q=b", 429}, // GET and POST share the client's bucket
		{"GET", "/api/v1/resources", 200},
		{"GET", "/api/v1/resources", 200},
		{"GET", "/api/v1/resources", 200},
		{"GET", "/", 200},
		{"POST", "/api/v1/match", 429},
	}
	for i, tc := range tests {
		if got := do(tc.method, tc.path); got != tc.want {
			t.Errorf("request %d: %s %s = %d, want %d", i, tc.method, tc.path, got, tc.want)
		}
	}
	if got := strings.Join(limitedRoutes, ","); got != "GET /api/v1/match,POST /api/v1/match" {
		t.Errorf("OnLimited routes = %q, want the two match patterns", got)
	}
	if seen[2] != "GET /api/v1/match" || seen[7] != "POST /api/v1/match" {
		t.Errorf("outer middleware saw patterns %q for refused requests, want the routes", seen)
	}

	off := server.NewLimiter(server.RateLimit{})
	if fmt.Sprintf("%p", off.Routes(mux, "GET /api/v1/match")) != fmt.Sprintf("%p", mux) {
		t.Error("Routes with limiting off wraps the mux, want the mux itself")
	}
}
