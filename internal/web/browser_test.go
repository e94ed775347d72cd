package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// browser starts headless Chromium (Debian's package) with the flags this closed network
// needs. Without Chromium the test skips, except in CI, where it fails: CI installs it.
func browser(t *testing.T, width int) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is not installed in CI (scripts/test-deps installs it)")
		}
		t.Skip("chromium not installed: run scripts/test-deps")
	}
	// Chromium may still be writing its profile as it exits, so the folder is removed by hand,
	// after the browser, ignoring what is left.
	profile, err := os.MkdirTemp("", "signpost-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(profile),
		chromedp.Flag("disable-quic", true), chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true), chromedp.Flag("disable-sync", true),
		chromedp.WindowSize(width, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	ctx, cancelC := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(func() { cancelC(); cancelB(); cancelA(); os.RemoveAll(profile) })
	if err := chromedp.Run(ctx); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// axeSource returns axe-core's script, installed by scripts/test-deps.
func axeSource(t *testing.T) string {
	t.Helper()
	path := os.Getenv("SIGNPOST_AXE")
	if path == "" {
		path = filepath.Join("..", "..", ".cache", "npm", "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("axe-core missing in CI: %v", err)
		}
		t.Skip("axe-core not installed: run scripts/test-deps")
	}
	return string(b)
}

// TestAccessibility injects axe-core into every page type at both widths and requires zero
// WCAG 2.1 A and AA violations.
func TestAccessibility(t *testing.T) {
	srv := newSite(t)
	axe := axeSource(t)
	pages := []string{"/", "/resources", "/resources/dean-on-call", "/resources/anonymous-hotline", "/privacy",
		"/guide", "/guide?role=graduate", "/guide?role=graduate&topic=advisor-relationship",
		"/guide?role=graduate&topic=advisor-relationship&confidential=yes", "/results?ids=ombuds,idhr,lets-chat",
		"/no-such-page", "/?lang=es"}
	for _, width := range []int{375, 1280} {
		ctx := browser(t, width)
		check := func(name string) {
			var out string
			err := chromedp.Run(ctx,
				chromedp.Evaluate(axe, nil),
				chromedp.Evaluate(`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})
					.then(r => JSON.stringify(r.violations.map(v => v.id + ": " + v.help + " @ " + v.nodes.map(n => n.target.join(" ")).join(", "))))`,
					&out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
			)
			if err != nil {
				t.Fatalf("%s at %d px: %v", name, width, err)
			}
			if out != "[]" {
				t.Errorf("%s at %d px: axe violations: %s", name, width, out)
			}
			var wide bool
			if err := chromedp.Run(ctx, chromedp.Evaluate(`document.documentElement.scrollWidth > window.innerWidth`, &wide)); err != nil {
				t.Fatal(err)
			}
			if wide {
				t.Errorf("%s at %d px scrolls sideways", name, width)
			}
			if dir := os.Getenv("SIGNPOST_SCREENSHOTS"); dir != "" {
				var png []byte
				if chromedp.Run(ctx, chromedp.FullScreenshot(&png, 80)) == nil {
					os.WriteFile(filepath.Join(dir, fmt.Sprintf("%s-%d.jpg", strings.Trim(strings.NewReplacer("/", "_", "?", "_", "&", "_", "=", "-").Replace(name), "_"), width)), png, 0o644)
				}
			}
		}
		for _, p := range pages {
			if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+p)); err != nil {
				t.Fatal(err)
			}
			check(p)
		}
		// The results of a typed concern, and an emergency.
		for _, q := range []string{"my advisor takes credit for my work", "my friend collapsed and is not breathing"} {
			err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/"), chromedp.SendKeys("#q", q, chromedp.ByID),
				chromedp.Submit("#q", chromedp.ByID), chromedp.WaitVisible(".cards", chromedp.ByQuery))
			if err != nil {
				t.Fatalf("submit %q: %v", q, err)
			}
			check("results for " + q)
		}
	}
}

// TestTypeAConcernAndGetResults is the main path: type, submit, read the results.
func TestTypeAConcernAndGetResults(t *testing.T) {
	srv := newSite(t)
	ctx := browser(t, 375)
	var text, url string
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.SendKeys("#q", "someone in my lab fabricated figures in a paper", chromedp.ByID),
		chromedp.Click(`button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(".cards", chromedp.ByQuery),
		chromedp.Text(".cards", &text, chromedp.ByQuery),
		chromedp.Location(&url),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "Vice President for Research") {
		t.Errorf("results lack the VP for Research:\n%s", text)
	}
	if strings.Contains(url, "fabricated") {
		t.Errorf("the concern is in the URL: %s", url)
	}
}

// TestGuidedPathByClicking walks who → what → confidentiality → results with clicks only.
func TestGuidedPathByClicking(t *testing.T) {
	srv := newSite(t)
	ctx := browser(t, 1280)
	var text string
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.Click(`a[href^="/guide"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`input[value=staff]`, chromedp.ByQuery),
		chromedp.Click(`input[value=staff]`, chromedp.ByQuery),
		chromedp.Click(`button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`input[value=workplace]`, chromedp.ByQuery),
		chromedp.Click(`input[value=workplace]`, chromedp.ByQuery),
		chromedp.Click(`button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`input[value=yes]`, chromedp.ByQuery),
		chromedp.Click(`input[value=yes]`, chromedp.ByQuery),
		chromedp.Click(`button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(".cards", chromedp.ByQuery),
		chromedp.Text(".cards", &text, chromedp.ByQuery),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "Ombuds") || strings.Contains(text, "Human Resources") {
		t.Errorf("guided staff/workplace/confidential results should hold the Ombuds Office and not HR:\n%s", text)
	}
}

// TestQuickExit: the button and the Escape key both replace the page with the neutral site,
// and Back does not return to Signpost.
func TestQuickExit(t *testing.T) {
	neutral := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "<!doctype html><title>Weather</title><p>Sunny")
	}))
	defer neutral.Close()
	srv := newSiteWith(t, neutral.URL+"/")
	for _, how := range []string{"click", "escape"} {
		ctx := browser(t, 375)
		var before int
		var after string
		steps := []chromedp.Action{
			chromedp.Navigate(srv.URL + "/privacy"),
			chromedp.Navigate(srv.URL + "/"),
			chromedp.WaitReady("#quick-exit", chromedp.ByID),
			chromedp.Evaluate(`history.length`, &before),
		}
		if how == "click" {
			steps = append(steps, chromedp.Click("#quick-exit", chromedp.ByID))
		} else {
			steps = append(steps, chromedp.KeyEvent(kb.Escape))
		}
		steps = append(steps, chromedp.WaitVisible("p", chromedp.ByQuery), chromedp.Location(&after))
		if err := chromedp.Run(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", how, err)
		}
		if !strings.HasPrefix(after, neutral.URL) {
			t.Fatalf("%s: location %s, want the neutral site", how, after)
		}
		// location.replace swaps the entry: history is no longer, and the page left is gone
		// from it, so Back cannot return to it.
		var length int
		if err := chromedp.Run(ctx, chromedp.Evaluate(`history.length`, &length)); err != nil {
			t.Fatal(err)
		}
		if length != before {
			t.Errorf("%s: history grew from %d to %d entries; the quick exit must replace the page, not add one", how, before, length)
		}
	}
}

// TestKeyboardOnlyHome tabs through the home page and checks that focus reaches, in order,
// the skip link, the quick exit, the question, the role, both choices and the submit button.
func TestKeyboardOnlyHome(t *testing.T) {
	srv := newSite(t)
	ctx := browser(t, 1280)
	if err := chromedp.Run(ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	var seen []string
	for range 16 {
		var id string
		err := chromedp.Run(ctx, chromedp.KeyEvent("\t"),
			chromedp.Evaluate(`(document.activeElement.id || document.activeElement.name || document.activeElement.className || document.activeElement.textContent).trim()`, &id))
		if err != nil {
			t.Fatal(err)
		}
		seen = append(seen, id)
	}
	order := strings.Join(seen, " | ")
	last := -1
	for _, want := range []string{"skip", "quick-exit", "q", "role", "confidential", "urgent", "Find help"} {
		i := indexFrom(seen, want, last+1)
		if i < 0 {
			t.Fatalf("keyboard order %q: %q not reached after position %d", order, want, last)
		}
		last = i
	}
}

func indexFrom(list []string, want string, from int) int {
	for i := from; i < len(list); i++ {
		if strings.Contains(list[i], want) {
			return i
		}
	}
	return -1
}
