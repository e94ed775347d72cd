package web_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"signpost/internal/catalog"
	"signpost/internal/defaults"
	"signpost/internal/navigator"
	"signpost/internal/server"
	"signpost/internal/store/sqlite"
	"signpost/internal/web"
)

// newSite serves the public pages, wrapped like the real server, over a real SQLite file
// loaded with the default directory.
func newSite(tb testing.TB) *httptest.Server {
	tb.Helper()
	return newSiteWith(tb, "https://www.weather.gov/")
}

// newSiteWith is newSite with the quick exit pointing at neutralURL.
func newSiteWith(tb testing.TB, neutralURL string) *httptest.Server {
	tb.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "signpost.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	d, _ := defaults.Load()
	if err := st.Replace(ctx, d); err != nil {
		tb.Fatal(err)
	}
	k, _ := navigator.DefaultKnowledge()
	live, err := catalog.NewLive(ctx, st, k)
	if err != nil {
		tb.Fatal(err)
	}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	s, err := web.NewServer(web.Config{NeutralURL: neutralURL}, live, logger)
	if err != nil {
		tb.Fatal(err)
	}
	s.Now = func() time.Time { return time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC) } // Tuesday noon in Boston
	mux := http.NewServeMux()
	s.Register(mux)
	srv := httptest.NewServer(server.Wrap(mux, logger))
	tb.Cleanup(srv.Close)
	return srv
}

type page struct {
	status int
	header http.Header
	body   string
}

func fetch(tb testing.TB, req *http.Request) page {
	tb.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return page{resp.StatusCode, resp.Header, string(b)}
}

func get(tb testing.TB, srv *httptest.Server, path string) page {
	req, _ := http.NewRequest(http.MethodGet, srv.URL+path, nil)
	return fetch(tb, req)
}

func post(tb testing.TB, srv *httptest.Server, form url.Values) page {
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return fetch(tb, req)
}

var linkRe = regexp.MustCompile(`(?:href|src|action)="([^"]*)"`)

// checkPage asserts what every page must be: HTML, the emergency strip, the quick exit,
// no cookie, the security headers, under 60 KB, and no link to another host except the quick
// exit's neutral site and tel:/mailto:.
func checkPage(t *testing.T, p page, what string) {
	t.Helper()
	if ct := p.header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
		t.Errorf("%s: Content-Type %q", what, ct)
	}
	if p.header.Get("Set-Cookie") != "" {
		t.Errorf("%s sets a cookie", what)
	}
	for _, h := range []string{"Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options"} {
		if p.header.Get(h) == "" {
			t.Errorf("%s: no %s header", what, h)
		}
	}
	if len(p.body) > 60<<10 {
		t.Errorf("%s is %d bytes, over the 60 KB budget", what, len(p.body))
	}
	for _, want := range []string{"617-253-1212", `id="quick-exit"`, "<main"} {
		if !strings.Contains(p.body, want) {
			t.Errorf("%s lacks %q", what, want)
		}
	}
	for _, m := range linkRe.FindAllStringSubmatch(p.body, -1) {
		u := m[1]
		switch {
		case strings.HasPrefix(u, "/"), strings.HasPrefix(u, "?"), strings.HasPrefix(u, "#"),
			strings.HasPrefix(u, "tel:"), strings.HasPrefix(u, "mailto:"), u == "https://www.weather.gov/":
		case strings.HasPrefix(u, "https://doingwell.mit.edu"):
			// a resource's own site, as the source states it
		default:
			t.Errorf("%s links to another host: %q", what, u)
		}
	}
}

func TestEveryPageType(t *testing.T) {
	srv := newSite(t)
	for _, tc := range []struct {
		path, want string
		status     int
	}{
		{"/", "What&#39;s going on?", 200},
		{"/resources", "Student Specific Resources", 200},
		{"/resources?role=staff&topic=workplace", "MIT Human Resources", 200},
		{"/resources", `href="/resources?topic=research-misconduct"`, 200},
		{"/resources/dean-on-call", "Closed now; opens Tue Nov 24, 5:00 PM", 200},
		{"/resources/mit-police", "617-253-2996", 200},
		{"/privacy", "never in a web address", 200},
		{"/guide", "Who are you?", 200},
		{"/guide?role=graduate", "What is it about?", 200},
		{"/guide?role=graduate&topic=advisor-relationship", "Do you want it kept confidential?", 200},
		{"/guide?role=graduate&topic=advisor-relationship&confidential=no", "GradSupport", 200},
		{"/results?ids=ombuds,idhr", "MIT Ombuds Office", 200},
		{"/resources/no-such-office", "could not find", 404},
		{"/no/such/page", "could not find", 404},
		{"/resources?role=wizard", "Unknown role", 400},
		{"/guide?role=staff&topic=nonsense", "Unknown topic", 400},
	} {
		p := get(t, srv, tc.path)
		if p.status != tc.status || !strings.Contains(p.body, tc.want) {
			t.Errorf("GET %s = %d, want %d containing %q", tc.path, p.status, tc.status, tc.want)
		}
		checkPage(t, p, "GET "+tc.path)
	}
}

func TestBrowseKeepsEverySeedResource(t *testing.T) {
	srv := newSite(t)
	p := get(t, srv, "/resources")
	d, _ := defaults.Load()
	for _, r := range d.Resources {
		if !strings.Contains(p.body, `/resources/`+r.ID+`"`) {
			t.Errorf("the browse page lacks %s", r.ID)
		}
	}
}

func TestResultsNeverCarryTheConcern(t *testing.T) {
	srv := newSite(t)
	const secret = "zebraconcern"
	p := post(t, srv, url.Values{"q": {"my advisor takes credit for my work " + secret}, "role": {"graduate"}})
	if p.status != 200 || !strings.Contains(p.body, "GradSupport") || !strings.Contains(p.body, "Why this") {
		t.Fatalf("POST / = %d; want results with GradSupport and reasons", p.status)
	}
	checkPage(t, p, "results")
	for _, m := range linkRe.FindAllStringSubmatch(p.body, -1) {
		if strings.Contains(m[1], secret) || strings.Contains(m[1], "advisor") {
			t.Errorf("a link carries the concern: %q", m[1])
		}
	}
	share := regexp.MustCompile(`href="(/results\?ids=[^"]+)"`).FindStringSubmatch(p.body)
	if share == nil {
		t.Fatal("no share link")
	}
	shared := get(t, srv, strings.ReplaceAll(share[1], "&amp;", "&"))
	if shared.status != 200 || !strings.Contains(shared.body, "GradSupport") {
		t.Fatalf("the share link = %d, want the same resources", shared.status)
	}
}

func TestEmergencyBannerComesFirst(t *testing.T) {
	srv := newSite(t)
	p := post(t, srv, url.Values{"q": {"my roommate is unconscious and not breathing"}})
	alarm, list := strings.Index(p.body, `class="alarm"`), strings.Index(p.body, `class="cards"`)
	if p.status != 200 || alarm < 0 || list < 0 || alarm > list {
		t.Fatalf("emergency results: status %d, banner at %d, list at %d; want the banner above the list", p.status, alarm, list)
	}
	checkPage(t, p, "emergency results")
}

func TestBadConcernsGetTheFormBack(t *testing.T) {
	srv := newSite(t)
	if p := post(t, srv, url.Values{"q": {"   "}}); p.status != 400 || !strings.Contains(p.body, "empty") || !strings.Contains(p.body, `<textarea`) {
		t.Errorf("empty concern = %d; want 400 with the form and a message", p.status)
	}
	if p := post(t, srv, url.Values{"q": {strings.Repeat("long ", 500)}}); p.status != 413 {
		t.Errorf("overlong concern = %d, want 413", p.status)
	}
	if p := post(t, srv, url.Values{"q": {strings.Repeat("x", 20000)}}); p.status != 413 {
		t.Errorf("oversized form = %d, want 413", p.status)
	}
	if p := post(t, srv, url.Values{"q": {"help"}, "role": {"wizard"}}); p.status != 400 {
		t.Errorf("bad role = %d, want 400", p.status)
	}
}

func TestSpanishFromAcceptLanguageAndSwitch(t *testing.T) {
	srv := newSite(t)
	req, _ := http.NewRequest(http.MethodGet, srv.URL+"/", nil)
	req.Header.Set("Accept-Language", "es-MX,es;q=0.9,en;q=0.5")
	if p := fetch(t, req); !strings.Contains(p.body, "¿Qué está pasando?") || !strings.Contains(p.body, `lang="es"`) {
		t.Errorf("Accept-Language es: no Spanish page")
	}
	p := get(t, srv, "/?lang=es")
	if !strings.Contains(p.body, "Salir de este sitio") || !strings.Contains(p.body, `href="/resources?lang=es"`) {
		t.Errorf("?lang=es: no Spanish page, or its links lose the language")
	}
	if p := get(t, srv, "/"); !strings.Contains(p.body, "Leave this site") || !strings.Contains(p.body, `hreflang="es"`) {
		t.Errorf("English page lacks the quick exit label or the language switch")
	}
}

func TestCatalogsAreComplete(t *testing.T) {
	read := func(lang string) map[string]string {
		b, err := os.ReadFile("messages/" + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	en, es := read("en"), read("es")
	for k := range en {
		if strings.TrimSpace(es[k]) == "" {
			t.Errorf("es.json lacks %q", k)
		}
	}
	for k := range es {
		if _, ok := en[k]; !ok {
			t.Errorf("es.json has %q, which en.json lacks", k)
		}
	}
	// Every key a template or handler uses exists in English.
	var used []string
	for _, dir := range []string{"templates", "."} {
		files, _ := filepath.Glob(filepath.Join(dir, "*.*"))
		for _, f := range files {
			if !strings.HasSuffix(f, ".html") && (!strings.HasSuffix(f, ".go") || strings.HasSuffix(f, "_test.go")) {
				continue
			}
			b, _ := os.ReadFile(f)
			for _, m := range regexp.MustCompile(`T "([a-z.\-]+)"|T\("([a-z.\-]+)"\)`).FindAllStringSubmatch(string(b), -1) {
				used = append(used, m[1]+m[2])
			}
		}
	}
	if len(used) < 20 {
		t.Fatalf("found only %d message keys in use; the scan is broken", len(used))
	}
	for _, k := range used {
		if _, ok := en[k]; !ok {
			t.Errorf("message key %q is used but not in en.json", k)
		}
	}
}

func benchPage(b *testing.B, req func() *http.Request) {
	srv := newSite(b)
	h := srv.Config.Handler
	b.ReportAllocs()
	for b.Loop() {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req())
		if w.Code != 200 {
			b.Fatal(w.Code)
		}
	}
}

func BenchmarkHome(b *testing.B) {
	benchPage(b, func() *http.Request { return httptest.NewRequest(http.MethodGet, "/", nil) })
}

func BenchmarkResults(b *testing.B) {
	body := url.Values{"q": {"my advisor takes credit for my work and I want to change labs"}}.Encode()
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
