// Package browsertest starts Debian's headless Chromium for browser tests and runs axe-core
// in it. Only tests import it: the public pages' (internal/web) and the editors' area's
// (internal/admin). It imports no Signpost package.
//
// Without Chromium or axe-core a test skips, except when the environment variable CI is
// "true": there it fails, since scripts/test-deps installs both.
package browsertest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Missing skips the test for a missing tool, or fails it when CI is "true".
func Missing(tb testing.TB, why string) {
	tb.Helper()
	if os.Getenv("CI") == "true" {
		tb.Fatalf("%s; CI must have it (run scripts/test-deps)", why)
	}
	tb.Skipf("%s: run scripts/test-deps to install it", why)
}

// ChromiumPath finds the browser: $SIGNPOST_CHROMIUM, /usr/bin/chromium, or chromium on PATH.
// Without one it calls [Missing].
func ChromiumPath(tb testing.TB) string {
	tb.Helper()
	for _, p := range []string{os.Getenv("SIGNPOST_CHROMIUM"), "/usr/bin/chromium"} {
		if fi, err := os.Stat(p); p != "" && err == nil && !fi.IsDir() {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	Missing(tb, "Chromium is not installed")
	return ""
}

// AxeSource returns axe-core's script: $SIGNPOST_AXE, or the copy scripts/test-deps installs
// under .cache/npm at the repository's root (the nearest folder above the test's working
// directory that holds go.mod). Without it, it calls [Missing].
func AxeSource(tb testing.TB) string {
	tb.Helper()
	path := os.Getenv("SIGNPOST_AXE")
	if path == "" {
		root, err := moduleRoot()
		if err != nil {
			Missing(tb, fmt.Sprintf("axe-core cannot be found (%v)", err))
		}
		path = filepath.Join(root, ".cache", "npm", "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		Missing(tb, fmt.Sprintf("axe-core is not installed (%v)", err))
	}
	return string(b)
}

// moduleRoot returns the nearest folder at or above the working directory holding go.mod.
func moduleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		dir = up
	}
}

// Start starts a headless Chromium whose viewport is width × 900 CSS pixels, with the flags
// a machine without internet needs, and returns its context (ended when the test is) and the
// log of what it requests and reports. Without Chromium it calls [Missing].
func Start(tb testing.TB, width int) (context.Context, *Log) {
	tb.Helper()
	path := ChromiumPath(tb)
	// Chromium may still write to its profile as it exits: remove the folder after it, and
	// ignore what is left rather than fail the test.
	profile, err := os.MkdirTemp("", "signpost-chromium-")
	if err != nil {
		tb.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Flag("headless", true), chromedp.Flag("no-sandbox", true), chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true), chromedp.Flag("no-first-run", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-dev-shm-usage", true), chromedp.Flag("disable-extensions", true),
		// Overlay scrollbars, as on a phone: the layout gets the whole width.
		chromedp.Flag("hide-scrollbars", true),
		chromedp.UserDataDir(profile), chromedp.WindowSize(width, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 3*time.Minute)
	tb.Cleanup(func() {
		cancelTimeout()
		cancelBrowser()
		cancelAlloc()
		_ = os.RemoveAll(profile)
	})
	log := &Log{}
	chromedp.ListenTarget(ctx, func(ev any) {
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			log.add(e.Request.URL)
		case *cdplog.EventEntryAdded:
			// Content-Security-Policy refusals and script errors; a page's own 400, 404 or
			// 422 status (a refused form) is expected and not a problem.
			if e.Entry.Level == cdplog.LevelError && !expectedStatus(e.Entry.Text) {
				log.Problem(e.Entry.Text)
			}
		case *runtime.EventExceptionThrown:
			log.Problem(e.ExceptionDetails.Error())
		}
	})
	if err := chromedp.Run(ctx, network.Enable(), cdplog.Enable(), runtime.Enable(), chromedp.EmulateViewport(int64(width), 900)); err != nil {
		tb.Fatalf("start Chromium: %v", err)
	}
	return ctx, log
}

func expectedStatus(text string) bool {
	for _, code := range []string{"400", "401", "404", "422"} {
		if strings.Contains(text, "status of "+code) {
			return true
		}
	}
	return false
}

// Log holds the address of every request the browser made, and the errors it logged (a
// Content-Security-Policy refusal, an exception in a script). It is safe for concurrent use.
type Log struct {
	mu       sync.Mutex
	urls     []string
	problems []string
}

// Problem records an error.
func (l *Log) Problem(p string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.problems = append(l.problems, p)
}

// TakeProblems returns the errors logged since the last call.
func (l *Log) TakeProblems() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	p := l.problems
	l.problems = nil
	return p
}

func (l *Log) add(u string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.urls = append(l.urls, u)
}

// Elsewhere returns the requests to anything but the given origins (and data: addresses).
func (l *Log) Elsewhere(origins ...string) []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	var out []string
	for _, u := range l.urls {
		ok := strings.HasPrefix(u, "data:")
		for _, o := range origins {
			ok = ok || u == o || strings.HasPrefix(u, o+"/")
		}
		if !ok {
			out = append(out, u)
		}
	}
	return out
}

// Run runs actions in the browser, failing the test with what on an error.
func Run(tb testing.TB, ctx context.Context, what string, actions ...chromedp.Action) {
	tb.Helper()
	if err := chromedp.Run(ctx, actions...); err != nil {
		tb.Fatalf("%s: %v", what, err)
	}
}

// AxeViolations runs axe-core (the script from [AxeSource]) on the current page with the
// WCAG 2.1 A and AA rules and returns the violations, one rule a line followed by the target
// of each failing element, or "" when there are none.
func AxeViolations(tb testing.TB, ctx context.Context, axe, what string) string {
	tb.Helper()
	var out string
	Run(tb, ctx, what+": axe-core",
		chromedp.Evaluate(axe, nil),
		chromedp.Evaluate(`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}, resultTypes: ["violations"]})
			.then(r => JSON.stringify(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
				nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary)}))))`,
			&out, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
	)
	var vs []struct {
		ID, Impact, Help string
		Nodes            []string
	}
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		tb.Fatalf("%s: axe-core result %q: %v", what, out, err)
	}
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "  %s (%s): %s\n", v.ID, v.Impact, v.Help)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "    %s\n", strings.ReplaceAll(n, "\n", " "))
		}
	}
	return b.String()
}

// Focus describes the focused element.
type Focus struct {
	ID, Cls, Tag, Type, Text string
	// Ring reports whether it shows a focus indicator (an outline or a box shadow).
	Ring bool
}

func (f Focus) String() string {
	return fmt.Sprintf("%s#%s.%s[%s]", f.Tag, f.ID, f.Cls, f.Text)
}

// focusedScript describes the focused element as JSON for [Focus].
const focusedScript = `(() => {
	const e = document.activeElement;
	const cs = getComputedStyle(e);
	const ring = (cs.outlineStyle !== "none" && parseFloat(cs.outlineWidth) > 0) || cs.boxShadow !== "none";
	return JSON.stringify({id: e.id, cls: e.className, tag: e.tagName.toLowerCase(), type: e.type || "", text: (e.textContent || "").trim().slice(0, 40), ring});
})()`

// Focused returns the element that has the focus now.
func Focused(tb testing.TB, ctx context.Context) Focus {
	tb.Helper()
	var js string
	Run(tb, ctx, "read the focus", chromedp.Evaluate(focusedScript, &js))
	var f Focus
	if err := json.Unmarshal([]byte(js), &f); err != nil {
		tb.Fatal(err)
	}
	return f
}

// Tab presses Tab and returns the element that has the focus then.
func Tab(tb testing.TB, ctx context.Context) Focus {
	tb.Helper()
	Run(tb, ctx, "Tab", chromedp.KeyEvent(kb.Tab))
	return Focused(tb, ctx)
}
