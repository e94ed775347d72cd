package admin_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"signpost/internal/account"
	"signpost/internal/admin"
	"signpost/internal/directory"
	"signpost/internal/server"
	"signpost/internal/testenv"
)

func TestNothingShowsWithoutASession(t *testing.T) {
	e := newEnv(t, nil)
	c := e.browser()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	for _, path := range []string{"/admin", "/admin/resources", "/admin/resources/mit-police", "/admin/audit", "/admin/revisions/1", "/admin/users", "/admin/nope"} {
		resp, err := c.Get(e.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/admin/login?next=") {
			t.Errorf("GET %s without a session: %d to %q, want 303 to the sign-in page", path, resp.StatusCode, resp.Header.Get("Location"))
		}
		if strings.Contains(string(body), "MIT Police") || strings.Contains(string(body), "alex") {
			t.Errorf("GET %s without a session leaked content", path)
		}
	}
	if code, _ := e.post(c, "/admin/resources/mit-police", url.Values{"name": {"Hacked"}}); code != http.StatusUnauthorized {
		t.Errorf("POST without a session: %d, want 401", code)
	}
	if r, _ := e.store.Resource(context.Background(), "mit-police"); r.Name == "Hacked" {
		t.Fatal("a POST without a session changed data")
	}
}

func TestSignInRefusesWrongPasswordsAndForgedForms(t *testing.T) {
	e := newEnv(t, nil)
	c := e.browser()
	if code, body := e.signIn(c, "alex", "wrong password!!"); code != http.StatusUnauthorized || !strings.Contains(body, "name or password is wrong") {
		t.Fatalf("wrong password: %d", code)
	}
	// A form posted without the login token (from another site) is refused even with the right password.
	if code, _ := e.post(c, "/admin/login", url.Values{"name": {"alex"}, "password": {password}}); code != http.StatusForbidden {
		t.Fatalf("sign-in without the login token: %d, want 403", code)
	}
	if code, body := e.signIn(c, "alex", password); code != http.StatusOK || !strings.Contains(body, "Signed in as <strong>alex</strong>") {
		t.Fatalf("sign-in: %d\n%s", code, body)
	}
	// Signed in, a form without this session's token changes nothing.
	code, _ := e.post(c, "/admin/resources/mit-police/verify", url.Values{"csrf": {"forged"}})
	if code != http.StatusForbidden {
		t.Fatalf("POST with a forged CSRF token: %d, want 403", code)
	}
	revs, _ := e.store.Revisions(context.Background(), directory.RevisionQuery{EntityID: "mit-police", Limit: 1})
	if len(revs) == 1 && revs[0].Action == directory.ActionVerify {
		t.Fatal("a forged form was obeyed")
	}
}

func TestSignInIsRateLimitedPerClient(t *testing.T) {
	e := newEnv(t, server.NewLimiter(server.RateLimit{PerSecond: 0.001, Burst: 3}))
	c := e.browser()
	for i := range 3 {
		if code, _ := e.signIn(c, "alex", "wrong password!!"); code != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %d, want 401", i+1, code)
		}
	}
	if code, body := e.signIn(c, "alex", password); code != http.StatusTooManyRequests || !strings.Contains(body, "Too many sign-in attempts") {
		t.Fatalf("attempt past the limit: %d, want 429", code)
	}
}

func TestEditorsCannotManageAccounts(t *testing.T) {
	e := newEnv(t, nil)
	c := e.editor()
	if code, _ := e.get(c, "/admin/users"); code != http.StatusForbidden {
		t.Fatalf("editor GET /admin/users: %d, want 403", code)
	}
	admin := e.browser()
	e.signIn(admin, "robin", password)
	tok := e.csrf(admin, "/admin/users")
	if code, body := e.post(admin, "/admin/users", url.Values{"csrf": {tok}, "name": {"sam"}, "role": {"editor"}, "password": {"short"}}); code != http.StatusUnprocessableEntity || !strings.Contains(body, "at least 12 characters") {
		t.Fatalf("adding an account with a short password: %d", code)
	}
	if code, _ := e.post(admin, "/admin/users/alex", url.Values{"csrf": {tok}, "op": {"disable"}}); code != http.StatusOK {
		t.Fatalf("disable alex: %d", code)
	}
	// Disabling ends alex's sessions at once.
	if code, _ := e.get(c, "/admin"); code != http.StatusOK {
		t.Fatalf("redirected GET /admin: %d", code)
	}
	if _, body := e.get(c, "/admin"); strings.Contains(body, "Signed in as") {
		t.Fatal("a disabled account's session still works")
	}
}

// TestAdminSignsAnAccountOutEverywhere: the accounts page's "sign out everywhere" ends the
// account's sessions, and refuses an account that does not exist.
func TestAdminSignsAnAccountOutEverywhere(t *testing.T) {
	e := newEnv(t, nil)
	c := e.editor()
	admin := e.browser()
	e.signIn(admin, "robin", password)
	tok := e.csrf(admin, "/admin/users")
	if code, _ := e.post(admin, "/admin/users/alex", url.Values{"csrf": {tok}, "op": {"signout"}}); code != http.StatusOK {
		t.Fatalf("sign alex out: %d", code)
	}
	if _, body := e.get(c, "/admin"); strings.Contains(body, "Signed in as") {
		t.Fatal("alex's session survived being signed out everywhere")
	}
	if code, body := e.post(admin, "/admin/users/nobody", url.Values{"csrf": {tok}, "op": {"signout"}}); code != http.StatusUnprocessableEntity || !strings.Contains(body, "No account") {
		t.Fatalf("sign out an unknown account: %d", code)
	}
}

// TestLoginSaysNothingAboutAccounts: with no account at all, the sign-in page tells a
// visitor nothing about it (the server's log tells the operator).
func TestLoginSaysNothingAboutAccounts(t *testing.T) {
	te := testenv.Defaults(t, nil)
	svc := account.NewService(te.Store)
	a, err := admin.New(admin.Config{Accounts: svc, Store: te.Store, Live: te.Live, Knowledge: te.Knowledge})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Register(mux)
	srv := httptest.NewServer(server.Wrap(mux, slog.New(slog.DiscardHandler)))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/admin/login")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, leak := range []string{"No accounts", "user add", "first admin"} {
		if strings.Contains(string(body), leak) {
			t.Errorf("the sign-in page says %q to a visitor", leak)
		}
	}
}
