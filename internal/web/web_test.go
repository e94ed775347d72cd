package web_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"signpost/internal/catalog"
	"signpost/internal/directory"
	"signpost/internal/mitdusp"
	"signpost/internal/server"
	"signpost/internal/testenv"
	"signpost/internal/web"
)

// tuesdayNoon is Tuesday 24 November 2026, noon in Boston: most offices open, the Dean on
// Call closed until 5 PM.
var tuesdayNoon = time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC)

const neutral = "https://www.weather.gov/"

// site is the public pages over a real SQLite store, wrapped like the real server.
type site struct {
	srv  *httptest.Server
	h    http.Handler
	web  *web.Server
	logs *testenv.LogBuffer
}

type siteOptions struct {
	neutral string
	now     time.Time
	edit    func(*directory.Directory)
}

// newSite serves the public pages over a SQLite file loaded with the default directory.
func newSite(tb testing.TB) *site { tb.Helper(); return newSiteWith(tb, siteOptions{}) }

func newSiteWith(tb testing.TB, o siteOptions) *site {
	tb.Helper()
	if o.neutral == "" {
		o.neutral = neutral
	}
	if o.now.IsZero() {
		o.now = tuesdayNoon
	}
	live := testenv.Defaults(tb, o.edit).Live
	logs := &testenv.LogBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	s, err := web.NewServer(web.Config{NeutralURL: o.neutral}, live, logger)
	if err != nil {
		tb.Fatal(err)
	}
	now := o.now
	s.Now = func() time.Time { return now }
	mux := http.NewServeMux()
	s.Register(mux)
	h := server.Wrap(mux, logger)
	srv := httptest.NewServer(h)
	tb.Cleanup(srv.Close)
	return &site{srv: srv, h: h, web: s, logs: logs}
}

type response struct {
	status int
	header http.Header
	body   string
}

// client never follows redirects, so that a redirect is seen as one.
var client = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func (s *site) do(tb testing.TB, req *http.Request) response {
	tb.Helper()
	resp, err := client.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return response{resp.StatusCode, resp.Header, string(b)}
}

func (s *site) get(tb testing.TB, path string, header ...string) response {
	tb.Helper()
	req, err := http.NewRequest(http.MethodGet, s.srv.URL+path, nil)
	if err != nil {
		tb.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return s.do(tb, req)
}

func (s *site) post(tb testing.TB, path string, form url.Values) response {
	tb.Helper()
	req, err := http.NewRequest(http.MethodPost, s.srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		tb.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	return s.do(tb, req)
}

// urlAttr finds every address in a page: links, sources, form actions.
var urlAttr = regexp.MustCompile(`(?i)\s(?:href|src|action|formaction|poster|data)\s*=\s*"([^"]*)"`)

// urls returns the addresses of a page, unescaped.
func urls(body string) []string {
	var out []string
	for _, m := range urlAttr.FindAllStringSubmatch(body, -1) {
		out = append(out, strings.NewReplacer("&amp;", "&", "&#43;", "+", "&#39;", "'").Replace(m[1]))
	}
	return out
}

// assetSize is the size of the stylesheet and the script every page loads.
func (s *site) assetSize(tb testing.TB) int {
	tb.Helper()
	n := 0
	for _, p := range []string{"/static/site.css", "/static/exit.js"} {
		r := s.get(tb, p)
		if r.status != 200 {
			tb.Fatalf("GET %s = %d", p, r.status)
		}
		n += len(r.body)
	}
	return n
}

// checkPage asserts what every HTML page must be: HTML in a declared language, one h1, the
// emergency strip with a working tel: link, the quick exit, the security headers, no cookie,
// within the 60 KB budget with its CSS and JS, and no address on another host but the quick
// exit's neutral site (tel: and mailto: links open the phone or mail application).
func checkPage(t *testing.T, s *site, r response, what string) {
	t.Helper()
	if ct := r.header.Get("Content-Type"); ct != "text/html; charset=utf-8" {
		t.Errorf("%s: Content-Type %q, want text/html; charset=utf-8", what, ct)
	}
	if c := r.header.Values("Set-Cookie"); len(c) > 0 {
		t.Errorf("%s sets a cookie: %q", what, c)
	}
	for h, want := range map[string]string{
		"Content-Security-Policy": "default-src 'none'", "Referrer-Policy": "no-referrer",
		"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store",
	} {
		if got := r.header.Get(h); !strings.Contains(got, want) {
			t.Errorf("%s: header %s = %q, want it to contain %q", what, h, got, want)
		}
	}
	if total := len(r.body) + s.assetSize(t); total > 60<<10 {
		t.Errorf("%s: HTML, CSS and JS come to %d bytes, over the 60 KB budget", what, total)
	}
	if n := strings.Count(r.body, "<h1"); n != 1 {
		t.Errorf("%s has %d h1 elements, want 1", what, n)
	}
	for _, want := range []string{`<html lang="`, `<meta name="referrer" content="no-referrer">`, `href="tel:&#43;16172531212">617-253-1212</a>`,
		`id="quick-exit" href="` + neutral + `"`, `<main id="main"`, `class="skip" href="#main"`} {
		if !strings.Contains(r.body, want) {
			t.Errorf("%s lacks %q", what, want)
		}
	}
	for _, bad := range []string{"ZgotmplZ", "<script>", "style=", " on"} {
		if bad == " on" {
			if m := regexp.MustCompile(`<[^>]+\son[a-z]+\s*=`).FindString(r.body); m != "" {
				t.Errorf("%s has an inline event handler: %q", what, m)
			}
			continue
		}
		if strings.Contains(r.body, bad) {
			t.Errorf("%s contains %q", what, bad)
		}
	}
	for _, u := range urls(r.body) {
		switch {
		case contactLinks()[u]:
			// An office's own page, which a visitor may choose to open (no request is made by
			// this page, and the Referrer-Policy keeps where they came from to themselves).
		case u == neutral, strings.HasPrefix(u, "tel:"), strings.HasPrefix(u, "mailto:"), strings.HasPrefix(u, "sms:"),
			strings.HasPrefix(u, "#"), strings.HasPrefix(u, "?"), strings.HasPrefix(u, "data:,"),
			strings.HasPrefix(u, "/") && !strings.HasPrefix(u, "//"):
		default:
			t.Errorf("%s has an address that is not on this site: %q", what, u)
		}
	}
}

func TestPages(t *testing.T) {
	s := newSite(t)
	for _, tc := range []struct {
		path   string
		status int
		want   []string
	}{
		{"/", 200, []string{"What&#39;s going on?", `<textarea id="q" name="q"`, `method="post" action="/"`, "I am a …",
			"Keep it confidential", "It&#39;s urgent", `href="/guide"`, "Leave this site", "dial 100 from a campus phone"}},
		{"/privacy", 200, []string{"No cookies.", "No third-party requests.", "Your words are never logged or put in web addresses."}},
		{"/resources", 200, []string{"Student Specific Resources", "Employee Specific Resources", "For all members of the MIT Community", "35 resources"}},
		{"/resources?by=topic", 200, []string{`id="topic-research-misconduct"`, "Research misconduct", `aria-current="page">Topic`}},
		{"/resources?role=staff&topic=workplace", 200, []string{"MIT Human Resources", "MIT Ombuds Office", "of 35 resources", "Clear choices"}},
		{"/resources?topic=mental-health", 200, []string{"Dean on Call"}}, // crisis sits under mental health
		{"/resources?confidentiality=anonymous", 200, []string{"MIT Anonymous Reporting Hotline"}},
		{"/resources/dean-on-call", 200, []string{"Closed now; opens today at 5:00 PM", "Monday to Friday", "Midnight to 9:00 AM, 5:00 PM to midnight",
			"Saturday and Sunday", "All day", "Open all day on MIT holidays", `href="tel:&#43;16172531212" rel="noreferrer noopener">Call 617-253-1212</a>`, "From the department&#39;s page",
			"Division of Student Life staff", "Students"}},
		{"/resources/mit-police", 200, []string{"Open now: 24 hours a day, 7 days a week", `href="tel:&#43;16172532996" rel="noreferrer noopener">Call 617-253-2996</a>`,
			"Dial 100 from any campus phone", "Not confidential: this office can help directly"}},
		{"/resources/lean-on-me", 200, []string{"Text hotline; the number is not stated in the source", "Hours not stated", "Anonymous option"}},
		{"/resources/anonymous-hotline", 200, []string{`href="mailto:compliance@mit.edu" rel="noreferrer noopener">Email compliance@mit.edu</a>`, "Ethicspoint", "Anonymous option: you can raise a concern"}},
		{"/resources/doingwell", 200, []string{"DoingWell.mit.edu"}},
		{"/guide", 200, []string{"Step 1 of 3", "Who are you?", `name="role" value="graduate"`, "I&#39;d rather not say"}},
		{"/guide?role=graduate", 200, []string{"Step 2 of 3", "What is it about?", `name="topic" value="advisor-relationship"`, `name="role" value="graduate"`}},
		{"/guide?role=graduate&topic=advisor-relationship", 200, []string{"Step 3 of 3", "Do you want it kept confidential?", `value="yes"`}},
		{"/guide?role=graduate&topic=advisor-relationship&confidential=no", 200, []string{"GradSupport", "Your choices", "Advisor relationship"}},
		{"/guide?role=staff&topic=workplace&confidential=yes", 200, []string{"MIT Ombuds Office", "Confidential or anonymous options only"}},
		{"/results?ids=ombuds,idhr,lets-chat", 200, []string{"Saved list of resources", "MIT Ombuds Office", "Institute Discrimination", "Let&#39;s Chat"}},
		{"/results?ids=ombuds,no-such-thing", 200, []string{"MIT Ombuds Office"}},
		{"/resources/no-such-office", 404, []string{"Page not found", "We could not find that page or resource."}},
		{"/no/such/page", 404, []string{"Page not found"}},
		{"/static/nothing.css", 404, []string{"Page not found"}},
		{"/results?ids=nothing,nowhere", 404, []string{"Page not found"}},
		{"/results", 404, []string{"Page not found"}},
		{"/resources?role=wizard", 400, []string{"Something was not understood", "Unknown role"}},
		{"/resources?topic=nonsense", 400, []string{"Unknown topic"}},
		{"/resources?by=colour", 400, []string{"Group by"}},
		{"/guide?role=wizard", 400, []string{"Unknown role"}},
		{"/guide?role=staff&topic=nonsense", 400, []string{"Unknown topic"}},
		{"/guide?role=staff&topic=workplace&confidential=maybe", 400, []string{"yes or no"}},
		{"/results?ids=" + strings.Repeat("x,", 600), 400, []string{"too many"}},
	} {
		r := s.get(t, tc.path)
		if r.status != tc.status {
			t.Errorf("GET %s = %d, want %d", tc.path, r.status, tc.status)
		}
		for _, want := range tc.want {
			if !strings.Contains(r.body, want) {
				t.Errorf("GET %s lacks %q", tc.path, want)
			}
		}
		checkPage(t, s, r, "GET "+tc.path)
	}
}

func TestEveryResourceHasAPage(t *testing.T) {
	s := newSite(t)
	d, _ := mitdusp.Load()
	all := s.get(t, "/resources")
	byTopic := s.get(t, "/resources?by=topic")
	for _, res := range d.Resources {
		if !strings.Contains(all.body, `href="/resources/`+res.ID+`"`) {
			t.Errorf("the directory by audience lacks %s", res.ID)
		}
		if len(res.Topics) > 0 && !strings.Contains(byTopic.body, `href="/resources/`+res.ID+`"`) {
			t.Errorf("the directory by topic lacks %s", res.ID)
		}
		r := s.get(t, "/resources/"+res.ID)
		if r.status != 200 {
			t.Errorf("GET /resources/%s = %d, want 200", res.ID, r.status)
			continue
		}
		checkPage(t, s, r, "GET /resources/"+res.ID)
		// Every contact that has a link is a link; every one without a value shows its note.
		for _, c := range res.Contacts {
			switch {
			case c.URL != "" && (strings.HasPrefix(c.URL, "tel:") || strings.HasPrefix(c.URL, "mailto:")):
				if !strings.Contains(r.body, `href="`+strings.ReplaceAll(c.URL, "+", "&#43;")+`"`) {
					t.Errorf("%s: no link to %s", res.ID, c.URL)
				}
			case c.Value == "" && !strings.Contains(r.body, htmlEscape(c.Note)):
				t.Errorf("%s: the note %q of a contact without a value is missing", res.ID, c.Note)
			}
		}
		if !strings.Contains(r.body, htmlEscape(res.Confidentiality.Explanation())) {
			t.Errorf("%s: the confidentiality explanation is missing", res.ID)
		}
	}
}

func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "'", "&#39;", "<", "&lt;", ">", "&gt;", `"`, "&#34;").Replace(s)
}

func TestTodaysAvailability(t *testing.T) {
	boston, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		at   time.Time
		want string
	}{
		{time.Date(2026, 11, 24, 12, 0, 0, 0, boston), "Closed now; opens today at 5:00 PM"},
		{time.Date(2026, 11, 24, 20, 0, 0, 0, boston), "Open now until 9:00 AM tomorrow"},
		{time.Date(2026, 11, 25, 3, 0, 0, 0, boston), "Open now until 9:00 AM"},
		// Friday evening runs through the weekend into Monday morning.
		{time.Date(2026, 12, 4, 18, 0, 0, 0, boston), "Open now until Monday at 9:00 AM"},
	} {
		s := newSiteWith(t, siteOptions{now: tc.at})
		r := s.get(t, "/resources/dean-on-call")
		if !strings.Contains(r.body, tc.want) {
			t.Errorf("dean-on-call at %s: lacks %q", tc.at, tc.want)
		}
	}
}

func TestStaticFiles(t *testing.T) {
	s := newSite(t)
	home := s.get(t, "/")
	for _, tc := range []struct{ name, ctype string }{{"site.css", "text/css; charset=utf-8"}, {"exit.js", "text/javascript; charset=utf-8"}} {
		m := regexp.MustCompile(`"(/static/` + regexp.QuoteMeta(tc.name) + `\?v=[0-9a-f]{8})"`).FindStringSubmatch(home.body)
		if m == nil {
			t.Errorf("the home page does not load a versioned %s", tc.name)
			continue
		}
		r := s.get(t, m[1])
		if r.status != 200 || r.header.Get("Content-Type") != tc.ctype || !strings.Contains(r.header.Get("Cache-Control"), "immutable") || r.header.Get("ETag") == "" {
			t.Errorf("GET %s = %d %q %q", m[1], r.status, r.header.Get("Content-Type"), r.header.Get("Cache-Control"))
		}
		if strings.Contains(r.body, "url(") || strings.Contains(r.body, "@import") || strings.Contains(r.body, "http") {
			t.Errorf("%s refers to other files or hosts", tc.name)
		}
		req, _ := http.NewRequest(http.MethodGet, s.srv.URL+m[1], nil)
		req.Header.Set("If-None-Match", r.header.Get("ETag"))
		if again := s.do(t, req); again.status != http.StatusNotModified {
			t.Errorf("GET %s with its ETag = %d, want 304", m[1], again.status)
		}
	}
	if r := s.get(t, "/static/"); r.status != 404 {
		t.Errorf("GET /static/ = %d, want 404 (no listing)", r.status)
	}
}

func TestNoCookiesAndNoStackTraces(t *testing.T) {
	s := newSite(t)
	for _, req := range []*http.Request{
		httptest.NewRequest(http.MethodPut, "/", nil),
		httptest.NewRequest(http.MethodDelete, "/resources/ombuds", nil),
		httptest.NewRequest(http.MethodGet, "/resources/%00", nil),
		httptest.NewRequest(http.MethodGet, "/guide?role=%ff", nil),
		httptest.NewRequest(http.MethodPost, "/", strings.NewReader("q=%zz")),
	} {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		w := httptest.NewRecorder()
		s.h.ServeHTTP(w, req)
		if w.Code >= 500 || w.Header().Get("Set-Cookie") != "" || strings.Contains(w.Body.String(), "goroutine") {
			t.Errorf("%s %s = %d (cookie %q)", req.Method, req.URL, w.Code, w.Header().Get("Set-Cookie"))
		}
	}
}

func TestNewServerChecksItsConfig(t *testing.T) {
	for _, u := range []string{"javascript:alert(1)", "/relative", "weather.gov", "ftp://example.org/"} {
		if _, err := web.NewServer(web.Config{NeutralURL: u}, &catalog.Live{}, slog.New(slog.NewTextHandler(io.Discard, nil))); err == nil {
			t.Errorf("NewServer with quick exit %q: no error", u)
		}
	}
}

// contactLinks are the https addresses of the default directory's contacts: the only
// addresses off this site a page may link.
var contactLinks = sync.OnceValue(func() map[string]bool {
	d, err := mitdusp.Load()
	if err != nil {
		panic(err)
	}
	out := map[string]bool{}
	for _, r := range d.Resources {
		for _, c := range r.Contacts {
			if strings.HasPrefix(c.URL, "https://") {
				out[c.URL] = true
			}
		}
	}
	return out
})

// TestBrowsePutsActionableFirst: the introduction's named contacts, which say only that they
// are contacts, come after the resources people can act on.
func TestBrowsePutsActionableFirst(t *testing.T) {
	s := newSite(t)
	r := s.get(t, "/resources")
	intro, first := strings.Index(r.body, "Department contacts (introduction)</h2>"), strings.Index(r.body, "For all members of the MIT Community</h2>")
	if intro < 0 || first < 0 || intro < first {
		t.Errorf("the introduction's contacts (at %d) come before the resources people can act on (at %d)", intro, first)
	}
}

// TestResourcePageStatesHoursOnce: the Dean on Call's hours, which its description states in
// the department's words, are not repeated as a quotation in the hours panel nor as an open
// source text that is the description again (it is folded into a details element).
func TestResourcePageStatesHoursOnce(t *testing.T) {
	s := newSite(t)
	r := s.get(t, "/resources/dean-on-call")
	if r.status != http.StatusOK {
		t.Fatalf("GET /resources/dean-on-call: %d", r.status)
	}
	open := regexp.MustCompile(`(?s)<details.*?</details>`).ReplaceAllString(r.body, "")
	if n := strings.Count(open, "Monday through Friday"); n != 1 {
		t.Errorf("the Dean on Call page states its hours in the source's words %d times outside folded details, want once", n)
	}
	if !strings.Contains(r.body, `<details class="source-text">`) {
		t.Errorf("the source text, which repeats the name and description, is not folded")
	}
}
