package admin_test

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"maps"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"signpost/internal/account"
	"signpost/internal/admin"
	"signpost/internal/catalog"
	"signpost/internal/server"
	"signpost/internal/store/sqlite"
	"signpost/internal/testenv"
)

const password = "a long enough passphrase"

type env struct {
	t     *testing.T
	srv   *httptest.Server
	store *sqlite.Store
	live  *catalog.Live
	svc   *account.Service
}

// accounts is an account service over st holding users (name → role), all with the test
// password, hashed cheaply: the tests sign in many times.
func accounts(t *testing.T, st account.Store, users map[string]account.Role) *account.Service {
	t.Helper()
	svc := account.NewService(st)
	svc.Policy.Hash = account.HashParams{Memory: 1024, Time: 1, Threads: 1}
	for _, name := range slices.Sorted(maps.Keys(users)) {
		if err := svc.AddUser(context.Background(), "", name, users[name], password, ""); err != nil {
			t.Fatal(err)
		}
	}
	return svc
}

// newEnv serves /admin over a real SQLite file holding the default directory, with an editor
// "alex" and an admin "robin".
func newEnv(t *testing.T, limit *server.Limiter) *env {
	t.Helper()
	te := testenv.Defaults(t, nil)
	st, live, k := te.Store, te.Live, te.Knowledge
	svc := accounts(t, st, map[string]account.Role{"alex": account.RoleEditor, "robin": account.RoleAdmin})
	a, err := admin.New(admin.Config{Accounts: svc, Store: st, Live: live, Knowledge: k, LoginLimiter: limit})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Register(mux)
	srv := httptest.NewServer(server.Wrap(mux, slog.New(slog.DiscardHandler)))
	t.Cleanup(srv.Close)
	return &env{t: t, srv: srv, store: st, live: live, svc: svc}
}

// browser is a client with its own cookies, as one person's browser.
func (e *env) browser() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar}
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func (e *env) get(c *http.Client, path string) (int, string) {
	e.t.Helper()
	resp, err := c.Get(e.srv.URL + path)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func (e *env) post(c *http.Client, path string, form url.Values) (int, string) {
	e.t.Helper()
	resp, err := c.PostForm(e.srv.URL+path, form)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// csrf returns the CSRF token of the form on the page at path.
func (e *env) csrf(c *http.Client, path string) string {
	e.t.Helper()
	_, body := e.get(c, path)
	m := csrfField.FindStringSubmatch(body)
	if m == nil {
		e.t.Fatalf("no CSRF token on %s:\n%s", path, body)
	}
	return m[1]
}

func (e *env) signIn(c *http.Client, name, pw string) (int, string) {
	e.t.Helper()
	tok := e.csrf(c, "/admin/login")
	return e.post(c, "/admin/login", url.Values{"csrf": {tok}, "name": {name}, "password": {pw}, "next": {"/admin"}})
}

var inputField = regexp.MustCompile(`<(input|textarea|select)[^>]*\bname="([^"]+)"[^>]*>`)

// formValues reads the edit form as a browser would submit it unchanged.
func formValues(t *testing.T, page string) url.Values {
	t.Helper()
	v := url.Values{}
	for _, m := range inputField.FindAllStringSubmatchIndex(page, -1) {
		tag, name := page[m[2]:m[3]], page[m[4]:m[5]]
		el := page[m[0]:m[1]]
		switch tag {
		case "input":
			if strings.Contains(el, `type="checkbox"`) {
				if strings.Contains(el, " checked") {
					if val := attr(el, "value"); val != "" {
						v.Add(name, val)
					} else {
						v.Add(name, "on")
					}
				}
				continue
			}
			v.Add(name, attr(el, "value"))
		case "textarea":
			end := strings.Index(page[m[1]:], "</textarea>")
			v.Add(name, unescape(page[m[1]:m[1]+end]))
		case "select":
			end := strings.Index(page[m[1]:], "</select>")
			opts := page[m[1] : m[1]+end]
			sel := regexp.MustCompile(`<option(?: value="([^"]*)")?( selected)?>([^<]*)</option>`).FindAllStringSubmatch(opts, -1)
			val := ""
			for i, o := range sel {
				ov := o[3]
				if strings.Contains(o[0], "value=") {
					ov = o[1]
				}
				if i == 0 || o[2] != "" {
					val = ov
				}
				if o[2] != "" {
					break
				}
			}
			v.Add(name, unescape(val))
		}
	}
	return v
}

func attr(el, name string) string {
	m := regexp.MustCompile(`\b` + name + `="([^"]*)"`).FindStringSubmatch(el)
	if m == nil {
		return ""
	}
	return unescape(m[1])
}

func unescape(s string) string {
	return strings.NewReplacer("&amp;", "&", "&#39;", "'", "&lt;", "<", "&gt;", ">", "&#34;", `"`, "&quot;", `"`, "&#43;", "+").Replace(s)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// editor is a browser signed in as the editor account, as most tests begin.
func (e *env) editor() *http.Client {
	e.t.Helper()
	c := e.browser()
	if code, _ := e.signIn(c, "alex", password); code != http.StatusOK {
		e.t.Fatalf("signing in as the editor: %d", code)
	}
	return c
}
