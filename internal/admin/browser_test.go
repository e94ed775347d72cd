package admin_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"signpost/internal/account"
	"signpost/internal/admin"
	"signpost/internal/browsertest"
	"signpost/internal/server"
	"signpost/internal/testenv"
	"signpost/internal/web"
)

// The browser tests drive Debian's headless Chromium through internal/browsertest: without
// Chromium or axe-core they skip, except when CI is "true": there they fail.

// newWholeSite serves the public pages and /admin on one mux, as signpost serve does, over a
// SQLite file holding the default directory, with an editor "alex".
func newWholeSite(t *testing.T) *httptest.Server {
	t.Helper()
	te := testenv.Defaults(t, nil)
	st, live, k := te.Store, te.Live, te.Knowledge
	svc := accounts(t, st, map[string]account.Role{"alex": account.RoleEditor})
	logger := slog.New(slog.DiscardHandler)
	mux := http.NewServeMux()
	site, err := web.NewServer(web.Config{}, live, logger)
	if err != nil {
		t.Fatal(err)
	}
	site.Register(mux)
	editors, err := admin.New(admin.Config{Accounts: svc, Store: st, Live: live, Knowledge: k, Logger: logger})
	if err != nil {
		t.Fatal(err)
	}
	editors.Register(mux)
	srv := httptest.NewServer(server.Wrap(mux, logger))
	t.Cleanup(srv.Close)
	return srv
}

// firstFocusable returns the class of the first element of the page that Tab can reach.
const firstFocusable = `(() => {
	const all = document.querySelectorAll("a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]");
	for (const e of all) {
		if (e.tabIndex >= 0 && !e.disabled) return e.className || e.tagName.toLowerCase();
	}
	return "";
})()`

// TestBrowserEditorMainPath is an editor's main path in Chromium: sign in with the keyboard,
// change MIT Police's non-emergency number with a note, see it on the public page, then
// restore the revision before the edit and see the old number again. axe-core finds no WCAG
// 2.1 A or AA violation on any editors' page on the way, a refused form included.
func TestBrowserEditorMainPath(t *testing.T) {
	axe := browsertest.AxeSource(t)
	srv := newWholeSite(t)
	ctx, requests := browsertest.Start(t, 1280)
	run := func(what string, actions ...chromedp.Action) {
		t.Helper()
		browsertest.Run(t, ctx, what, actions...)
	}
	var location string
	// check runs axe-core on the editors' page now shown, and checks that the skip link comes
	// first and that the browser logged no error (a CSP refusal, a script error).
	check := func(what string) {
		t.Helper()
		var first string
		run(what, chromedp.Evaluate(firstFocusable, &first))
		if first != "skip" {
			t.Errorf("%s: the first focusable element is %q, want the skip link", what, first)
		}
		if p := requests.TakeProblems(); len(p) > 0 {
			t.Errorf("%s: the browser logged errors: %q", what, p)
		}
		if v := browsertest.AxeViolations(t, ctx, axe, what); v != "" {
			t.Errorf("%s: axe-core found WCAG 2.1 A/AA violations:\n%s", what, v)
		}
		requests.TakeProblems() // what axe-core itself may log is not the page's
	}
	text := func(sel string) string {
		t.Helper()
		var s string
		run("read "+sel, chromedp.Text(sel, &s, chromedp.ByQuery))
		return s
	}

	// Signed out, /admin leads to the sign-in page.
	run("open /admin", chromedp.Navigate(srv.URL+"/admin"), chromedp.WaitVisible("#name", chromedp.ByID), chromedp.Location(&location))
	if !strings.HasPrefix(location, srv.URL+"/admin/login?next=") {
		t.Fatalf("/admin signed out leads to %q, want the sign-in page", location)
	}
	check("sign-in")

	// The sign-in page looks like the rest of Signpost: the public site's brand colour on the
	// button, the form a card on the site's grey, the brand mark beside the name.
	var look struct {
		Button, Background, Radius string
		Mark                       bool
	}
	run("read the sign-in page's look", chromedp.Evaluate(`(() => {
		const form = document.querySelector('form.login');
		return {
			Button: getComputedStyle(form.querySelector('button')).backgroundColor,
			Background: getComputedStyle(document.body).backgroundColor,
			Radius: getComputedStyle(form).borderTopLeftRadius,
			Mark: !!document.querySelector('.brand svg.mark'),
		};
	})()`, &look))
	if look.Button != "rgb(163, 31, 52)" || look.Background != "rgb(244, 245, 247)" || look.Radius != "12px" || !look.Mark {
		t.Errorf("the sign-in page looks unlike the public site: %+v", look)
	}

	// A wrong password: the form comes back with the problem named.
	run("wrong password",
		chromedp.SetValue("#name", "alex", chromedp.ByID),
		chromedp.SetValue("#password", "not the password", chromedp.ByID),
		chromedp.Click(`form.login button[type="submit"]`, chromedp.ByQuery),
		chromedp.WaitVisible("#problem", chromedp.ByID),
	)
	if p := text("#problem"); !strings.Contains(p, "name or password is wrong") {
		t.Errorf("a wrong password shows %q", p)
	}
	check("sign-in refused")

	// With the keyboard: the name field, Tab to the password, Enter sends.
	run("open the sign-in page", chromedp.Navigate(srv.URL+"/admin"), chromedp.WaitVisible("#name", chromedp.ByID),
		chromedp.Focus("#name", chromedp.ByID))
	if f := browsertest.Focused(t, ctx); f.ID != "name" {
		t.Fatalf("the sign-in page focuses %s, want the name field", f)
	}
	run("type the name", chromedp.KeyEvent("alex"))
	if f := browsertest.Tab(t, ctx); f.ID != "password" {
		t.Fatalf("Tab from the name reaches %s, want the password", f)
	} else if !f.Ring {
		t.Errorf("the password field shows no focus indicator")
	}
	run("type the password and press Enter", chromedp.KeyEvent(password), chromedp.KeyEvent(kb.Enter),
		chromedp.WaitVisible(".who", chromedp.ByQuery), chromedp.Location(&location))
	if location != srv.URL+"/admin" {
		t.Errorf("signed in, the browser is at %q, want %s/admin", location, srv.URL)
	}
	if h := text("h1"); h != "Dashboard" {
		t.Fatalf("signed in, the page is %q, want the dashboard", h)
	}
	check("dashboard")
	// The first Tab reaches the skip link, and following it moves the focus to the content.
	if f := browsertest.Tab(t, ctx); f.Cls != "skip" || !f.Ring {
		t.Errorf("the first Tab on the dashboard reaches %s (focus ring %v), want the skip link with a ring", f, f.Ring)
	}
	run("follow the skip link", chromedp.KeyEvent(kb.Enter))
	if f := browsertest.Focused(t, ctx); f.ID != "main" {
		t.Errorf("after the skip link the focus is on %s, want main", f)
	}

	// The edit form, through the list of resources.
	run("open MIT Police's form",
		chromedp.Click(`nav a[href="/admin/resources"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`a[href="/admin/resources/mit-police"]`, chromedp.ByQuery),
		chromedp.Click(`a[href="/admin/resources/mit-police"]`, chromedp.ByQuery),
		chromedp.WaitVisible("#contact-2-value", chromedp.ByID),
	)
	check("edit form")
	var old string
	run("read the number", chromedp.Value("#contact-2-value", &old, chromedp.ByID))
	if old != "617-253-2996" {
		t.Fatalf("MIT Police's third contact is %q, want the non-emergency number 617-253-2996", old)
	}

	// An empty name is refused, with the problem at the top of the form; nothing is saved.
	run("send an empty name",
		chromedp.Evaluate(`document.getElementById("name").value = ""`, nil),
		chromedp.Click(`form.edit button[type="submit"]`, chromedp.ByQuery),
		chromedp.WaitVisible("#problem", chromedp.ByID),
	)
	if p := text("#problem"); !strings.Contains(strings.ToLower(p), "name") {
		t.Errorf("the refused form says %q, want the name named", p)
	}
	check("edit form refused")

	// The edit: a new number and a note.
	const newNumber, newTel = "617-555-0142", "tel:+16175550142"
	run("edit the number",
		chromedp.Navigate(srv.URL+"/admin/resources/mit-police"),
		chromedp.WaitVisible("#contact-2-value", chromedp.ByID),
		chromedp.SetValue("#contact-2-value", newNumber, chromedp.ByID),
		chromedp.SetValue("#note", "new non-emergency line", chromedp.ByID),
		chromedp.Click(`form.edit button[type="submit"]`, chromedp.ByQuery),
		chromedp.WaitVisible(".flash", chromedp.ByQuery),
		chromedp.Location(&location),
	)
	if f := text(".flash"); !strings.HasPrefix(f, "Saved.") {
		t.Errorf("after saving the page says %q, want Saved.", f)
	}
	if location != srv.URL+"/admin/resources/mit-police?done=saved" {
		t.Errorf("after saving the browser is at %q", location)
	}
	check("edit form saved")

	publicLinks := func(what string) map[string]string {
		t.Helper()
		var links map[string]string
		run(what, chromedp.Navigate(srv.URL+"/resources/mit-police"), chromedp.WaitVisible(".contacts", chromedp.ByQuery),
			chromedp.Evaluate(`Object.fromEntries(Array.from(document.querySelectorAll(".contacts a.call")).map(a => [a.getAttribute("href"), a.textContent.trim()]))`, &links))
		return links
	}
	links := publicLinks("the public page after the edit")
	if links[newTel] != "Call "+newNumber {
		t.Errorf("the public page's contact links are %q, want %s to say Call %s", links, newTel, newNumber)
	}
	if _, ok := links["tel:+16172532996"]; ok {
		t.Errorf("the public page still links the old number: %q", links)
	}

	// The history: the edit first, with its note; its page links the revision before it.
	run("open the history",
		chromedp.Navigate(srv.URL+"/admin/resources/mit-police"),
		chromedp.Click(`a[href="/admin/resources/mit-police/history"]`, chromedp.ByQuery),
		chromedp.WaitVisible("table", chromedp.ByQuery),
	)
	if row := text("tbody tr"); !strings.Contains(row, "alex") || !strings.Contains(row, "new non-emergency line") {
		t.Errorf("the newest revision reads %q, want alex's edit with its note", row)
	}
	check("history")
	run("open the edit's revision", chromedp.Click(`tbody tr:first-child a`, chromedp.ByQuery), chromedp.WaitVisible("table.diff", chromedp.ByQuery))
	if diff := text("table.diff"); !strings.Contains(diff, "617-253-2996") || !strings.Contains(diff, newNumber) {
		t.Errorf("the edit's revision shows %q, want the number before and after", diff)
	}
	check("revision")
	run("open the revision before the edit", chromedp.Click(`h2 a[href^="/admin/revisions/"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`form[action$="/restore"] button`, chromedp.ByQuery))
	check("previous revision")
	run("restore it",
		chromedp.Click(`form[action$="/restore"] button`, chromedp.ByQuery),
		chromedp.WaitVisible(".flash", chromedp.ByQuery),
		chromedp.Location(&location),
	)
	if f := text(".flash"); !strings.HasPrefix(f, "Restored.") {
		t.Errorf("after restoring the page says %q, want Restored.", f)
	}
	if location != srv.URL+"/admin/resources/mit-police?done=restored" {
		t.Errorf("after restoring the browser is at %q", location)
	}
	var value string
	run("read the restored number", chromedp.Value("#contact-2-value", &value, chromedp.ByID))
	if value != old {
		t.Errorf("after restoring the form shows %q, want %q", value, old)
	}

	links = publicLinks("the public page after the restore")
	if links["tel:+16172532996"] != "Call 617-253-2996" {
		t.Errorf("after restoring, the public page's contact links are %q, want tel:+16172532996 to say Call 617-253-2996", links)
	}
	if _, ok := links[newTel]; ok {
		t.Errorf("after restoring, the public page still links %s", newTel)
	}

	// The audit log records both, newest first.
	run("open the audit log", chromedp.Navigate(srv.URL+"/admin"), chromedp.Click(`nav a[href="/admin/audit"]`, chromedp.ByQuery),
		chromedp.WaitVisible("table", chromedp.ByQuery))
	if row := text("tbody tr"); !strings.Contains(row, "alex") || !strings.Contains(row, "restore") {
		t.Errorf("the audit log's newest entry reads %q, want alex's restore", row)
	}
	check("audit log")

	if other := requests.Elsewhere(srv.URL); len(other) > 0 {
		t.Errorf("the browser made requests to other hosts: %q", other)
	}
}

// TestEditorPagesLetFormsSendTheirOrigin holds, without a browser, what
// TestBrowserEditorMainPath found: under the site's "Referrer-Policy: no-referrer" browsers
// post forms with "Origin: null", which the editors' area refuses, so its pages ask for
// "same-origin" instead, in the header and in the layout.
func TestEditorPagesLetFormsSendTheirOrigin(t *testing.T) {
	srv := newWholeSite(t)
	resp, err := http.Get(srv.URL + "/admin/login")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if got := resp.Header.Get("Referrer-Policy"); got != "same-origin" {
		t.Errorf("GET /admin/login: Referrer-Policy %q, want same-origin", got)
	}
	if !strings.Contains(string(body), `<meta name="referrer" content="same-origin">`) {
		t.Errorf("the sign-in page lacks the same-origin referrer meta tag")
	}
	resp, err = http.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Referrer-Policy"); got != "no-referrer" {
		t.Errorf("GET /: Referrer-Policy %q, want the public site's no-referrer", got)
	}
}
