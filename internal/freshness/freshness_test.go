package freshness

import (
	"context"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"signpost/internal/directory"
)

// fakeResolver answers from maps; a name in neither map does not exist, and one in fail gets a
// server failure. It counts lookups per name.
type fakeResolver struct {
	mx    map[string][]*net.MX
	hosts map[string][]string
	fail  map[string]bool

	mu    sync.Mutex
	calls map[string]int
}

func (f *fakeResolver) count(name string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.calls == nil {
		f.calls = map[string]int{}
	}
	f.calls[name]++
}

func (f *fakeResolver) LookupMX(ctx context.Context, name string) ([]*net.MX, error) {
	f.count(name)
	if f.fail[name] {
		return nil, &net.DNSError{Err: "server misbehaving", Name: name, IsTemporary: true}
	}
	if mx, ok := f.mx[name]; ok {
		return mx, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: name, IsNotFound: true}
}

func (f *fakeResolver) LookupHost(ctx context.Context, host string) ([]string, error) {
	if h, ok := f.hosts[host]; ok {
		return h, nil
	}
	return nil, &net.DNSError{Err: "no such host", Name: host, IsNotFound: true}
}

// testSite is a local web server with the paths the link check must tell apart.
type testSite struct {
	*httptest.Server
	okHits    atomic.Int64
	userAgent atomic.Value
}

func newTestSite(t *testing.T) *testSite {
	t.Helper()
	s := &testSite{}
	release := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /ok", func(w http.ResponseWriter, r *http.Request) {
		s.okHits.Add(1)
		s.userAgent.Store(r.UserAgent())
		w.Write([]byte("<p>fine</p>"))
	})
	mux.HandleFunc("GET /new", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("here now")) })
	mux.HandleFunc("GET /old", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/new", http.StatusMovedPermanently)
	})
	mux.HandleFunc("GET /elsewhere-for-now", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/new", http.StatusFound)
	})
	mux.HandleFunc("GET /loop", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "/loop", http.StatusMovedPermanently)
	})
	mux.HandleFunc("GET /missing", http.NotFound)
	mux.HandleFunc("GET /error", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "oops", http.StatusInternalServerError)
	})
	mux.HandleFunc("GET /slow/", func(w http.ResponseWriter, r *http.Request) {
		select { // longer than any timeout of these tests: until the client gives up
		case <-r.Context().Done():
		case <-release:
		}
	})
	s.Server = httptest.NewServer(mux)
	t.Cleanup(s.Close)
	t.Cleanup(func() { close(release) }) // runs first, so that Close has no handler to wait for
	return s
}

// closedURL returns a URL of a local port nobody listens on.
func closedURL(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return "http://" + addr + "/"
}

func web(url string) directory.Contact {
	return directory.Contact{Kind: directory.ContactWeb, Purpose: directory.PurposeGeneral, Value: "the site", URL: url, Label: "Web"}
}

func email(addr string) directory.Contact {
	return directory.Contact{Kind: directory.ContactEmail, Purpose: directory.PurposeGeneral, Value: addr, URL: "mailto:" + addr, Label: "Mail"}
}

func resource(id, lastVerified string, contacts ...directory.Contact) directory.Resource {
	return directory.Resource{ID: id, Name: id, Description: id, Contacts: contacts,
		Provenance: directory.Provenance{LastVerified: lastVerified}}
}

var today = time.Date(2026, 11, 24, 9, 30, 0, 0, time.UTC)

type key struct {
	id      string
	contact int
	what    What
}

func byKey(t *testing.T, rep *Report) map[key]Finding {
	t.Helper()
	m := map[key]Finding{}
	for _, f := range rep.Findings {
		k := key{f.ResourceID, f.Contact, f.What}
		if _, dup := m[k]; dup {
			t.Fatalf("two findings for %v", k)
		}
		m[k] = f
	}
	return m
}

func TestCheck(t *testing.T) {
	site := newTestSite(t)
	tlsSite := httptest.NewUnstartedServer(http.NotFoundHandler())
	tlsSite.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshake is expected
	tlsSite.StartTLS()                                   // its certificate is trusted by no one
	t.Cleanup(tlsSite.Close)
	closed := closedURL(t)
	res := &fakeResolver{
		mx: map[string][]*net.MX{
			"good.example":   {{Host: "mx1.good.example.", Pref: 10}},
			"nullmx.example": {{Host: ".", Pref: 0}},
		},
		hosts: map[string][]string{"aonly.example": {"192.0.2.7"}},
		fail:  map[string]bool{"flaky.example": true},
	}
	form := directory.Contact{Kind: directory.ContactForm, Purpose: directory.PurposeReport, Value: site.URL + "/error", Label: "Form"}
	old := resource("old-office", "2020-01-01")
	old.Provenance.ReviewIntervalDays = 30
	draft := resource("draft-office", "", web(site.URL+"/missing"))
	draft.Status = directory.StatusDraft
	retired := resource("retired-office", "", email("x@bad.example"))
	retired.Status = directory.StatusRetired
	d := &directory.Directory{Resources: []directory.Resource{
		resource("web-office", "2026-11-01",
			web(site.URL+"/ok"),      // 0
			web(site.URL+"/old"),     // 1
			web(site.URL+"/missing"), // 2
			form,                     // 3: the link is the value
			web(site.URL+"/slow/"),   // 4
			web(closed),              // 5
			directory.Contact{Kind: directory.ContactPhone, Purpose: directory.PurposeGeneral, Value: "617-253-1212", URL: "tel:+16172531212", Label: "Call"}, // 6: not a link
			web(site.URL+"/ok"),                // 7: the same link again
			web(tlsSite.URL+"/"),               // 8
			web(site.URL+"/elsewhere-for-now"), // 9
			web(site.URL+"/loop"),              // 10
			directory.Contact{Kind: directory.ContactWeb, Purpose: directory.PurposeGeneral, Value: "ask.mit", Label: "Site name only"}, // 11: not a link
		),
		resource("mail-office", "",
			email("help@good.example"),  // 0
			email("help@bad.example"),   // 1
			email("Other@GOOD.Example"), // 2: same domain, checked once
			email("desk@aonly.example"), // 3: no MX, an A record
			directory.Contact{Kind: directory.ContactEmail, Purpose: directory.PurposeGeneral, Label: "Mail", Note: "address not stated"}, // 4
			email("x@nullmx.example"), // 5
			email("x@flaky.example"),  // 6
		),
		old,
		draft,
		retired,
	}}

	rep, err := Check(context.Background(), d, today, Config{Timeout: 2 * time.Second, Concurrency: 4, MaxRedirects: 5, UserAgent: "Signpost test", Resolver: res})
	if err != nil {
		t.Fatal(err)
	}
	got := byKey(t, rep)
	tests := []struct {
		key        key
		status     Status
		httpStatus int
		problem    string // a part of the problem text; "" means no problem text
		finalURL   string
	}{
		{key{"web-office", -1, WhatReview}, StatusOK, 0, "", ""},
		{key{"web-office", 0, WhatLink}, StatusOK, 200, "", ""},
		{key{"web-office", 1, WhatLink}, StatusMoved, 200, "moved permanently to " + site.URL + "/new", site.URL + "/new"},
		{key{"web-office", 2, WhatLink}, StatusBroken, 404, "404 Not Found", ""},
		{key{"web-office", 3, WhatLink}, StatusBroken, 500, "500 Internal Server Error", ""},
		{key{"web-office", 4, WhatLink}, StatusUnreachable, 0, "no answer within 2s", ""},
		{key{"web-office", 5, WhatLink}, StatusUnreachable, 0, "connection refused", ""},
		{key{"web-office", 7, WhatLink}, StatusOK, 200, "", ""},
		{key{"web-office", 8, WhatLink}, StatusUnreachable, 0, "TLS certificate is not valid", ""},
		{key{"web-office", 9, WhatLink}, StatusOK, 200, "", ""},
		{key{"web-office", 10, WhatLink}, StatusBroken, 0, "more than 5 redirects", ""},
		{key{"mail-office", -1, WhatReview}, StatusStale, 0, "never verified", ""},
		{key{"mail-office", 0, WhatEmailDomain}, StatusOK, 0, "", ""},
		{key{"mail-office", 1, WhatEmailDomain}, StatusBroken, 0, "no MX, A or AAAA record", ""},
		{key{"mail-office", 2, WhatEmailDomain}, StatusOK, 0, "", ""},
		{key{"mail-office", 3, WhatEmailDomain}, StatusOK, 0, "", ""},
		{key{"mail-office", 5, WhatEmailDomain}, StatusBroken, 0, "accepts no mail", ""},
		{key{"mail-office", 6, WhatEmailDomain}, StatusUnreachable, 0, "server misbehaving", ""},
		{key{"old-office", -1, WhatReview}, StatusStale, 0, "due since 2020-01-31 (last verified 2020-01-01, every 30 days)", ""},
	}
	for _, tc := range tests {
		f, ok := got[tc.key]
		if !ok {
			t.Errorf("%v: no finding", tc.key)
			continue
		}
		if f.Status != tc.status || f.HTTPStatus != tc.httpStatus || f.FinalURL != tc.finalURL ||
			(tc.problem == "") != (f.Problem == "") || !strings.Contains(f.Problem, tc.problem) {
			t.Errorf("%v = %+v, want status %s, HTTP %d, problem containing %q, final URL %q", tc.key, f, tc.status, tc.httpStatus, tc.problem, tc.finalURL)
		}
	}
	if len(rep.Findings) != len(tests) {
		t.Errorf("%d findings, want %d (no phone, site name, unstated address, draft or retired):", len(rep.Findings), len(tests))
		for _, f := range rep.Findings {
			t.Log(f)
		}
	}
	if got[key{"mail-office", 2, WhatEmailDomain}].Target != "good.example" {
		t.Errorf("domain of Other@GOOD.Example = %q, want good.example", got[key{"mail-office", 2, WhatEmailDomain}].Target)
	}

	// Stable order: resource order, the review first, then contact order.
	var order []key
	for _, f := range rep.Findings {
		order = append(order, key{f.ResourceID, f.Contact, f.What})
	}
	for i := 1; i < len(order); i++ {
		a, b := order[i-1], order[i]
		if a.id == b.id && a.contact >= b.contact {
			t.Errorf("finding %v comes after %v", b, a)
		}
	}
	if order[0].id != "web-office" || order[len(order)-1].id != "old-office" {
		t.Errorf("order = %v, want web-office first and old-office last", order)
	}

	if n := site.okHits.Load(); n != 1 {
		t.Errorf("/ok fetched %d times, want once for two contacts", n)
	}
	if ua, _ := site.userAgent.Load().(string); ua != "Signpost test" {
		t.Errorf("User-Agent = %q, want the configured one", ua)
	}
	if n := res.calls["good.example"]; n != 1 {
		t.Errorf("good.example looked up %d times, want once", n)
	}
	if rep.Resources != 3 || rep.Skipped != 2 || rep.Links != 9 || rep.EmailDomains != 5 {
		t.Errorf("counts = %d resources, %d skipped, %d links, %d domains; want 3, 2, 9, 5", rep.Resources, rep.Skipped, rep.Links, rep.EmailDomains)
	}
	want := "checked 3 resources (2 skipped: drafts or retired), 9 links, 5 e-mail domains: 2 stale, 5 broken, 4 unreachable, 1 moved"
	if s := rep.Summary(); s != want {
		t.Errorf("Summary() = %q, want %q", s, want)
	}
	if n := len(rep.Problems()); n != 11 {
		t.Errorf("%d problems, want 11 (a move is not one)", n)
	}
}

func TestCheckOffline(t *testing.T) {
	d := &directory.Directory{Resources: []directory.Resource{
		resource("fresh", "2026-11-01", web("http://127.0.0.1:1/never-fetched"), email("a@never.example")),
		resource("due", "2026-05-28"),
	}}
	res := &fakeResolver{}
	rep, err := Check(context.Background(), d, today, Config{Offline: true, Resolver: res})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 2 || rep.Links != 0 || rep.EmailDomains != 0 || len(res.calls) != 0 {
		t.Fatalf("offline report = %+v, want two reviews and no network", rep)
	}
	if f := rep.Findings[1]; f.Status != StatusStale || f.Due != "2026-11-24" {
		t.Errorf("verified 180 days before today: %+v, want stale, due today", f)
	}
	if f := rep.Findings[0]; f.Status != StatusOK || f.Due != "2027-04-30" {
		t.Errorf("verified recently: %+v, want ok, due 2027-04-30", f)
	}
	want := "checked 2 resources, links and e-mail domains not checked (offline): 1 stale"
	if s := rep.Summary(); s != want {
		t.Errorf("Summary() = %q, want %q", s, want)
	}
}

func TestCheckDeadlineLeavesTheRestUnchecked(t *testing.T) {
	site := newTestSite(t)
	d := &directory.Directory{Resources: []directory.Resource{
		resource("slow", "2026-11-01", web(site.URL+"/slow/1"), web(site.URL+"/slow/2"), web(site.URL+"/slow/3")),
	}}
	rep, err := Check(context.Background(), d, today, Config{Timeout: time.Minute, Deadline: 200 * time.Millisecond, Concurrency: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range rep.Findings[1:] {
		if f.Status != StatusUnchecked || !f.Status.Problem() {
			t.Errorf("%v, want unchecked once the deadline passed", f)
		}
	}
}

func TestCheckBoundsConcurrency(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-r.Context().Done() // every request times out, so several would overlap if allowed
	}))
	t.Cleanup(srv.Close)
	var contacts []directory.Contact
	for _, p := range []string{"a", "b", "c", "d", "e", "f"} {
		contacts = append(contacts, web(srv.URL+"/"+p))
	}
	d := &directory.Directory{Resources: []directory.Resource{resource("many", "2026-11-01", contacts...)}}
	// Counted on the client side: the server learns of a timed-out request only later, so its
	// own count may briefly overlap the next request.
	counting := &countingTransport{next: http.DefaultTransport.(*http.Transport).Clone()}
	if _, err := Check(context.Background(), d, today, Config{Timeout: 150 * time.Millisecond, Concurrency: 2, Transport: counting}); err != nil {
		t.Fatal(err)
	}
	if m := counting.most.Load(); m != 2 {
		t.Errorf("at most %d requests at once, want 2", m)
	}
}

// countingTransport records the most round trips in flight at once.
type countingTransport struct {
	next           http.RoundTripper
	inflight, most atomic.Int64
}

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	n := c.inflight.Add(1)
	defer c.inflight.Add(-1)
	for m := c.most.Load(); n > m && !c.most.CompareAndSwap(m, n); m = c.most.Load() {
	}
	return c.next.RoundTrip(r)
}

func TestCheckCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	d := &directory.Directory{Resources: []directory.Resource{resource("x", "", web("http://127.0.0.1:1/"))}}
	if _, err := Check(ctx, d, today, Config{}); err == nil {
		t.Fatal("Check with a cancelled context succeeded, want an error")
	}
}

func TestDomainOf(t *testing.T) {
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"help@mit.edu", "mit.edu", true},
		{"Help@MIT.EDU.", "mit.edu", true},
		{"mailto:a@b.example?subject=hi", "b.example", true},
		{"\"odd@local\"@example.org", "example.org", true},
		{"no-at-sign", "", false},
		{"@mit.edu", "", false},
		{"a@", "", false},
		{"a@exa mple.org", "", false},
	}
	for _, tc := range tests {
		got, ok := domainOf(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("domainOf(%q) = %q, %v, want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestFindingString(t *testing.T) {
	tests := []struct {
		in   Finding
		want string
	}{
		{Finding{ResourceID: "idhr", Contact: -1, What: WhatReview, Status: StatusStale, Problem: "never verified"},
			"STALE       idhr: review: never verified"},
		{Finding{ResourceID: "idhr", Contact: 2, What: WhatLink, Target: "https://x.example/", Status: StatusBroken, HTTPStatus: 404, Problem: "the server answers 404 Not Found"},
			"BROKEN      idhr contacts[2]: link https://x.example/: the server answers 404 Not Found"},
		{Finding{ResourceID: "ask", Contact: 0, What: WhatEmailDomain, Target: "mit.edu", Status: StatusOK},
			"OK          ask contacts[0]: e-mail domain mit.edu: ok"},
	}
	for _, tc := range tests {
		if got := tc.in.String(); got != tc.want {
			t.Errorf("String() = %q, want %q", got, tc.want)
		}
	}
}
