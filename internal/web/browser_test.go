package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"signpost/internal/browsertest"
)

// The browser tests drive Debian's headless Chromium over the real handler on a loopback
// server, through internal/browsertest: without Chromium or axe-core they skip, except when
// CI is "true": there they fail, since scripts/test-deps installs both.

// ask types a concern on the home page and sends it, waiting for the element sel.
func ask(concern, sel string) chromedp.Tasks {
	return chromedp.Tasks{
		chromedp.WaitVisible("#q", chromedp.ByID),
		chromedp.SendKeys("#q", concern, chromedp.ByID),
		chromedp.Click(`form.ask button[type="submit"]`, chromedp.ByQuery),
		chromedp.WaitVisible(sel, chromedp.ByQuery),
	}
}

// pageCase is one page type to load and check.
type pageCase struct {
	name string
	path string
	// then, if set, runs after loading path (a typed concern), waiting for what it shows.
	then chromedp.Action
}

// TestBrowserPages loads every page type at 375 and 1280 px and checks that axe-core finds no
// WCAG 2.1 A or AA violation, that nothing scrolls sideways, and that no request leaves the
// site. With SIGNPOST_SCREENSHOTS=DIR it saves a full-page PNG of each, and of the printed
// results.
func TestBrowserPages(t *testing.T) {
	axe := browsertest.AxeSource(t)
	s := newSite(t)
	cases := []pageCase{
		{"home", "/", nil},
		{"home-es", "/?lang=es", nil},
		{"results", "/", ask("My advisor takes credit for my work and I am afraid to say anything", ".cards")},
		{"results-emergency", "/", ask("my roommate took a lot of pills and is not breathing", ".alarm")},
		{"results-nomatch", "/", ask("purple elephants singing opera", ".cards")},
		{"results-es", "/?lang=es", ask("I want to talk to someone confidentially about harassment", ".cards")},
		{"form-error", "/", chromedp.Tasks{
			chromedp.SetValue("#q", "   ", chromedp.ByID),
			chromedp.Click(`form.ask button[type="submit"]`, chromedp.ByQuery),
			chromedp.WaitVisible("#q-error", chromedp.ByID),
		}},
		{"guide-1", "/guide", nil},
		{"guide-2", "/guide?role=graduate", nil},
		{"guide-3", "/guide?role=graduate&topic=advisor-relationship", nil},
		{"guide-results", "/guide?role=graduate&topic=advisor-relationship&confidential=yes", nil},
		{"shared", "/results?ids=ombuds,idhr,lets-chat", nil},
		{"browse", "/resources", nil},
		{"browse-topic", "/resources?by=topic", nil},
		{"browse-filtered", "/resources?role=staff&confidentiality=confidential", nil},
		{"resource-dean-on-call", "/resources/dean-on-call", nil},
		{"resource-police", "/resources/mit-police", nil},
		{"resource-hotline-es", "/resources/anonymous-hotline?lang=es", nil},
		{"privacy", "/privacy", nil},
		{"not-found", "/resources/no-such-office", nil},
		{"bad-request", "/resources?role=wizard", nil},
	}
	shots := os.Getenv("SIGNPOST_SCREENSHOTS")
	if shots != "" {
		if err := os.MkdirAll(shots, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, width := range []int{375, 1280} {
		ctx, requests := browsertest.Start(t, width)
		for _, pc := range cases {
			what := fmt.Sprintf("%s at %d px", pc.name, width)
			browsertest.Run(t, ctx, what, chromedp.Navigate(s.srv.URL+pc.path), chromedp.WaitReady("main", chromedp.ByQuery))
			if pc.then != nil {
				browsertest.Run(t, ctx, what, pc.then)
			}
			var inner, client, scroll int
			browsertest.Run(t, ctx, what, chromedp.Evaluate(`window.innerWidth`, &inner), chromedp.Evaluate(`document.documentElement.clientWidth`, &client),
				chromedp.Evaluate(`document.documentElement.scrollWidth`, &scroll))
			if inner != width {
				t.Errorf("%s: the viewport is %d px wide, want %d", what, inner, width)
			}
			if scroll > inner || scroll > client {
				t.Errorf("%s: the page is %d px wide in a %d px viewport (%d px without scroll bar) and scrolls sideways", what, scroll, inner, client)
			}
			if p := requests.TakeProblems(); len(p) > 0 {
				t.Errorf("%s: the browser logged errors (a CSP refusal or a script error): %q", what, p)
			}
			if v := browsertest.AxeViolations(t, ctx, axe, what); v != "" {
				t.Errorf("%s: axe-core found WCAG 2.1 A/AA violations:\n%s", what, v)
			}
			requests.TakeProblems() // what axe-core itself may log is not the page's
			if shots != "" {
				var png []byte
				browsertest.Run(t, ctx, what, chromedp.FullScreenshot(&png, 100))
				if err := os.WriteFile(filepath.Join(shots, fmt.Sprintf("%s-%d.png", pc.name, width)), png, 0o644); err != nil {
					t.Fatal(err)
				}
				if pc.name == "results" || pc.name == "browse" {
					browsertest.Run(t, ctx, what+" printed", emulation.SetEmulatedMedia().WithMedia("print"), chromedp.FullScreenshot(&png, 100),
						emulation.SetEmulatedMedia().WithMedia(""))
					if err := os.WriteFile(filepath.Join(shots, fmt.Sprintf("%s-print-%d.png", pc.name, width)), png, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
		if other := requests.Elsewhere(s.srv.URL); len(other) > 0 {
			t.Errorf("at %d px the browser made requests to other hosts: %q", width, other)
		}
	}
}

// TestBrowserTypeAConcern is the main path: type, send, read the results; the concern never
// reaches the address bar.
func TestBrowserTypeAConcern(t *testing.T) {
	s := newSite(t)
	ctx, _ := browsertest.Start(t, 375)
	const concern = "someone in my lab fabricated figures in a paper"
	var text, location string
	browsertest.Run(t, ctx, "type a concern",
		chromedp.Navigate(s.srv.URL+"/"),
		ask(concern, ".cards"),
		chromedp.Text(".cards", &text, chromedp.ByQuery),
		chromedp.Location(&location),
	)
	if !strings.Contains(text, "Vice President for Research") {
		t.Errorf("the results lack the Vice President for Research:\n%s", text)
	}
	if location != s.srv.URL+"/" {
		t.Errorf("after sending, the address is %q, want %q", location, s.srv.URL+"/")
	}
	var links []string
	browsertest.Run(t, ctx, "read links", chromedp.Evaluate(`Array.from(document.querySelectorAll("[href],[src],[action]")).map(e => e.href || e.src || e.action)`, &links))
	for _, l := range links {
		if strings.Contains(l, "fabricated") || strings.Contains(l, "figures") {
			t.Errorf("a link on the results page carries the concern: %s", l)
		}
	}
}

// TestBrowserEveryCardHasAHandle: each result for a graduate student's advisor conflict shows
// a way to reach the office — a link to call, write or visit, or a place to go — and none of
// the card links goes anywhere but tel:, mailto: or https:. With SIGNPOST_SCREENSHOTS set it
// keeps a screenshot.
func TestBrowserEveryCardHasAHandle(t *testing.T) {
	s := newSite(t)
	ctx, _ := browsertest.Start(t, 375)
	var cards, handles int
	var hrefs []string
	browsertest.Run(t, ctx, "advisor concern",
		chromedp.Navigate(s.srv.URL+"/"),
		ask("my advisor keeps yelling at me and I'm a grad student", ".cards"),
		chromedp.Evaluate(`document.querySelectorAll(".cards > li").length`, &cards),
		chromedp.Evaluate(`Array.from(document.querySelectorAll(".cards > li")).filter(li => li.querySelector(".contact a[href], .contact .place")).length`, &handles),
		chromedp.Evaluate(`Array.from(document.querySelectorAll(".cards .contact a")).map(a => a.getAttribute("href"))`, &hrefs),
	)
	if cards < 3 || handles != cards {
		t.Errorf("%d of %d result cards show a way to reach the office", handles, cards)
	}
	for _, h := range hrefs {
		if !strings.HasPrefix(h, "tel:") && !strings.HasPrefix(h, "mailto:") && !strings.HasPrefix(h, "https://") {
			t.Errorf("a card links to %q", h)
		}
	}
	if shots := os.Getenv("SIGNPOST_SCREENSHOTS"); shots != "" {
		var png []byte
		browsertest.Run(t, ctx, "screenshot", chromedp.FullScreenshot(&png, 100))
		if err := os.WriteFile(filepath.Join(shots, "advisor-handles-375.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestBrowserGuidedPath walks who → what → confidentiality → results by clicking only.
func TestBrowserGuidedPath(t *testing.T) {
	s := newSite(t)
	ctx, _ := browsertest.Start(t, 1280)
	var text, step string
	browsertest.Run(t, ctx, "guided path",
		chromedp.Navigate(s.srv.URL+"/"),
		chromedp.Click(`.alt-paths a[href="/guide"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`input[value="staff"]`, chromedp.ByQuery),
		chromedp.Click(`//label[normalize-space()="Staff member"]`, chromedp.BySearch),
		chromedp.Click(`form.guide button[type="submit"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`input[value="workplace"]`, chromedp.ByQuery),
		chromedp.Text(".step", &step, chromedp.ByQuery),
		chromedp.Click(`//label[normalize-space()="Workplace and employment"]`, chromedp.BySearch),
		chromedp.Click(`form.guide button[type="submit"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`input[value="yes"]`, chromedp.ByQuery),
		chromedp.Click(`input[value="yes"]`, chromedp.ByQuery),
		chromedp.Click(`form.guide button[type="submit"]`, chromedp.ByQuery),
		chromedp.WaitVisible(".cards", chromedp.ByQuery),
		chromedp.Text(".cards", &text, chromedp.ByQuery),
	)
	if step != "Step 2 of 3" {
		t.Errorf("the second step says %q, want Step 2 of 3", step)
	}
	if !strings.Contains(text, "MIT Ombuds Office") || strings.Contains(text, "MIT Human Resources") {
		t.Errorf("staff, workplace, confidential: want the Ombuds Office and not Human Resources:\n%s", text)
	}
}

// neutralSite stands in for the quick exit's neutral site, which the test machine cannot
// reach; it records the Referer header of each request.
func neutralSite(t *testing.T) (*httptest.Server, func() []string) {
	t.Helper()
	var mu sync.Mutex
	var referers []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		referers = append(referers, r.Header.Get("Referer"))
		mu.Unlock()
		fmt.Fprint(w, `<!doctype html><html lang="en"><title>Weather</title><p id="weather">Sunny, 14 °C</p>`)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []string { mu.Lock(); defer mu.Unlock(); return append([]string(nil), referers...) }
}

// TestBrowserQuickExit: the button and the Escape key both replace the page with the
// neutral site. The page left is not in the history, so Back goes to the page before it; no
// referrer goes to the neutral site.
func TestBrowserQuickExit(t *testing.T) {
	neutral, referers := neutralSite(t)
	s := newSiteWith(t, siteOptions{neutral: neutral.URL + "/"})
	for _, how := range []string{"click", "escape"} {
		t.Run(how, func(t *testing.T) {
			ctx, _ := browsertest.Start(t, 375)
			var before, after int
			var location, title string
			browsertest.Run(t, ctx, "open two pages",
				chromedp.Navigate(s.srv.URL+"/privacy"),
				chromedp.Navigate(s.srv.URL+"/"),
				chromedp.WaitVisible("#quick-exit", chromedp.ByID),
				chromedp.SendKeys("#q", "something private", chromedp.ByID),
				chromedp.Evaluate(`history.length`, &before),
			)
			var leave chromedp.Action = chromedp.Click("#quick-exit", chromedp.ByID)
			if how == "escape" {
				leave = chromedp.KeyEvent(kb.Escape)
			}
			browsertest.Run(t, ctx, "leave",
				leave,
				chromedp.WaitVisible("#weather", chromedp.ByID),
				chromedp.Location(&location),
				chromedp.Title(&title),
				chromedp.Evaluate(`history.length`, &after),
			)
			if location != neutral.URL+"/" || title != "Weather" {
				t.Fatalf("after leaving, the page is %q (%q), want the neutral site %q", location, title, neutral.URL+"/")
			}
			if after != before {
				t.Errorf("the history went from %d to %d entries: the quick exit must replace the page, not add one", before, after)
			}
			// The browser's own history: the page left must be gone from it, and Back must lead
			// to the page before it.
			var cur int64
			var entries []*page.NavigationEntry
			browsertest.Run(t, ctx, "read the history", chromedp.ActionFunc(func(ctx context.Context) error {
				var err error
				cur, entries, err = page.GetNavigationHistory().Do(ctx)
				return err
			}))
			var urls []string
			for _, e := range entries {
				urls = append(urls, e.URL)
				if e.URL == s.srv.URL+"/" {
					t.Errorf("the page left is still in the history, within reach of Back: %q", urls)
				}
			}
			if cur < 1 || entries[cur].URL != neutral.URL+"/" || entries[cur-1].URL != s.srv.URL+"/privacy" {
				t.Errorf("history %q at %d: want the neutral site last, right after %s/privacy", urls, cur, s.srv.URL)
			}
		})
	}
	for _, r := range referers() {
		if strings.HasPrefix(r, s.srv.URL) {
			t.Errorf("the neutral site was told where the visitor came from: Referer %q", r)
		}
	}
}

// TestBrowserKeyboardHome walks the home page with the keyboard alone: Tab reaches the skip
// link first, then the quick exit, the question, the role, both choices and the submit
// button, each with a visible focus indicator; the skip link moves focus to the content; the
// Escape key leaves the site.
func TestBrowserKeyboardHome(t *testing.T) {
	neutral, _ := neutralSite(t)
	s := newSiteWith(t, siteOptions{neutral: neutral.URL + "/"})
	ctx, _ := browsertest.Start(t, 1280)
	browsertest.Run(t, ctx, "open the home page", chromedp.Navigate(s.srv.URL+"/"), chromedp.WaitVisible("#q", chromedp.ByID))
	tab := func() browsertest.Focus { return browsertest.Tab(t, ctx) }
	var seen []browsertest.Focus
	for range 14 {
		f := tab()
		if !f.Ring {
			t.Errorf("%s has no visible focus indicator", f)
		}
		seen = append(seen, f)
	}
	want := []func(browsertest.Focus) bool{
		func(f browsertest.Focus) bool { return f.Cls == "skip" },
		func(f browsertest.Focus) bool { return f.ID == "quick-exit" },
		func(f browsertest.Focus) bool { return f.ID == "q" },
		func(f browsertest.Focus) bool { return f.Tag == "summary" },
		func(f browsertest.Focus) bool { return f.Tag == "button" && f.Type == "submit" },
	}
	names := []string{"skip link", "quick exit", "question", "the options' summary", "submit"}
	at := -1
	for i, ok := range want {
		j := at + 1
		for j < len(seen) && !ok(seen[j]) {
			j++
		}
		if j == len(seen) {
			t.Fatalf("Tab does not reach the %s after position %d; order: %v", names[i], at, seen)
		}
		at = j
	}
	if !want[0](seen[0]) {
		t.Errorf("the first Tab reaches %s, want the skip link", seen[0])
	}
	// Enter on the folded options opens them; Tab then walks role, confidential, urgent and
	// the button.
	browsertest.Run(t, ctx, "open the options", chromedp.Focus("details.options summary", chromedp.ByQuery), chromedp.KeyEvent(kb.Enter))
	for _, id := range []string{"role", "confidential", "urgent"} {
		if f := tab(); f.ID != id {
			t.Fatalf("in the opened options, Tab reaches %s, want %s", f, id)
		}
	}
	if f := tab(); f.Tag != "button" || f.Type != "submit" {
		t.Errorf("after the options, Tab reaches %s, want the button", f)
	}
	// The skip link moves the focus into the content: the next Tab is the question.
	browsertest.Run(t, ctx, "skip", chromedp.Navigate(s.srv.URL+"/"), chromedp.WaitVisible("#q", chromedp.ByID))
	tab()
	browsertest.Run(t, ctx, "follow the skip link", chromedp.KeyEvent(kb.Enter))
	if f := tab(); f.ID != "q" {
		t.Errorf("after the skip link, Tab reaches %s, want the question", f)
	}
	var location string
	browsertest.Run(t, ctx, "Escape", chromedp.KeyEvent(kb.Escape), chromedp.WaitVisible("#weather", chromedp.ByID), chromedp.Location(&location))
	if !strings.HasPrefix(location, neutral.URL) {
		t.Errorf("Escape from the question leads to %q, want the neutral site", location)
	}
}

// TestBrowserQuestionFitsAPhoneScreen: on a 375 × 667 phone the question and its button are
// on the first screen, without scrolling.
func TestBrowserQuestionFitsAPhoneScreen(t *testing.T) {
	s := newSite(t)
	ctx, _ := browsertest.Start(t, 375)
	var bottom float64
	for _, path := range []string{"/", "/?lang=es"} {
		browsertest.Run(t, ctx, "open "+path,
			chromedp.EmulateViewport(375, 667),
			chromedp.Navigate(s.srv.URL+path),
			chromedp.WaitVisible("#q", chromedp.ByID),
			chromedp.Evaluate(`document.querySelector('form.ask button[type="submit"]').getBoundingClientRect().bottom`, &bottom),
		)
		if bottom > 667 {
			t.Errorf("%s at 375 × 667: the Find help button ends at y = %.0f, below the first screen", path, bottom)
		}
	}
}
