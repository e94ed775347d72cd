package admin_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/oauth2-proxy/mockoidc"

	"signpost/internal/account"
	"signpost/internal/admin"
	"signpost/internal/server"
)

// newOIDCEnv is newEnv with single sign-on through a real OpenID Connect provider (mockoidc)
// on loopback, and three accounts linked by e-mail: "sam" (single sign-on only), "kim" (also
// a password) and "dana" (disabled). A nil limit means no sign-in rate limit.
func newOIDCEnv(t *testing.T, limit *server.Limiter) (*env, *mockoidc.MockOIDC) {
	t.Helper()
	e := newEnv(t, nil)
	m, err := mockoidc.Run()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Shutdown() })
	ctx := context.Background()
	for _, u := range []struct{ name, password, email string }{
		{"sam", "", "sam@example.edu"}, {"kim", password, "kim@example.edu"}, {"dana", "", "dana@example.edu"},
	} {
		if err := e.svc.AddUser(ctx, "", u.name, account.RoleEditor, u.password, u.email); err != nil {
			t.Fatal(err)
		}
	}
	if err := e.svc.SetDisabled(ctx, "", "dana", true); err != nil {
		t.Fatal(err)
	}

	// The redirect URL names the server, so the server starts first and gets its handler after.
	var h http.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { h.ServeHTTP(w, r) }))
	t.Cleanup(srv.Close)
	cfg := m.Config()
	o, err := admin.NewOIDC(ctx, admin.OIDCConfig{Issuer: cfg.Issuer, ClientID: cfg.ClientID, ClientSecret: cfg.ClientSecret,
		RedirectURL: srv.URL + "/admin/login/oidc/callback", Label: "Test University"})
	if err != nil {
		t.Fatal(err)
	}
	if limit == nil {
		limit = server.NewLimiter(server.RateLimit{})
	}
	a, err := admin.New(admin.Config{Accounts: e.svc, Store: e.store, Live: e.live, LoginLimiter: limit, OIDC: o})
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	a.Register(mux)
	h = server.Wrap(mux, slog.New(slog.DiscardHandler))
	e.srv = srv
	return e, m
}

// signedIn reports whether c's cookies hold a working session.
func (e *env) signedIn(c *http.Client) bool {
	e.t.Helper()
	code, body := e.get(noFollow(c), "/admin")
	return code == http.StatusOK && strings.Contains(body, "Sign out")
}

// noFollow is c without following redirects, sharing its cookies.
func noFollow(c *http.Client) *http.Client {
	nc := *c
	nc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &nc
}

// callbackURL starts single sign-on in c and lets the provider answer, returning the callback
// URL the provider sends the browser to (not yet visited).
func (e *env) callbackURL(c *http.Client, start string) *url.URL {
	e.t.Helper()
	nc := noFollow(c)
	resp, err := nc.Get(e.srv.URL + start)
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		e.t.Fatalf("GET %s = %d, want 302 to the provider", start, resp.StatusCode)
	}
	resp, err = nc.Get(resp.Header.Get("Location"))
	if err != nil {
		e.t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound {
		e.t.Fatalf("provider's authorize = %d, want 302 back: %s", resp.StatusCode, body)
	}
	u, err := url.Parse(resp.Header.Get("Location"))
	if err != nil || !strings.HasPrefix(u.String(), e.srv.URL+"/admin/login/oidc/callback?") {
		e.t.Fatalf("provider sent the browser to %q, want the callback", resp.Header.Get("Location"))
	}
	return u
}

func TestOIDCSignIn(t *testing.T) {
	e, m := newOIDCEnv(t, nil)

	t.Run("sign-in page offers it", func(t *testing.T) {
		_, body := e.get(e.browser(), "/admin/login")
		if !strings.Contains(body, `href="/admin/login/oidc?next=%2fadmin"`) || !strings.Contains(body, "Sign in with Test University") {
			t.Errorf("sign-in page has no single sign-on option:\n%s", body)
		}
	})

	t.Run("start sets a short-lived HttpOnly cookie and uses PKCE", func(t *testing.T) {
		resp, err := noFollow(e.browser()).Get(e.srv.URL + "/admin/login/oidc")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		var c *http.Cookie
		for _, ck := range resp.Cookies() {
			if ck.Name == "signpost_oidc" {
				c = ck
			}
		}
		if c == nil || !c.HttpOnly || c.Path != "/admin" || c.MaxAge <= 0 || c.MaxAge > 900 {
			t.Errorf("attempt cookie = %+v, want HttpOnly, Path /admin, a few minutes", c)
		}
		loc, _ := url.Parse(resp.Header.Get("Location"))
		q := loc.Query()
		if !strings.HasPrefix(loc.String(), m.AuthorizationEndpoint()) || q.Get("code_challenge_method") != "S256" ||
			q.Get("code_challenge") == "" || q.Get("state") == "" || q.Get("nonce") == "" {
			t.Errorf("redirect to the provider = %s, want authorize with state, nonce and an S256 challenge", loc)
		}
	})

	t.Run("linked account signs in and the session works", func(t *testing.T) {
		c := e.browser()
		m.QueueUser(&mockoidc.MockUser{Subject: "s1", Email: "Sam@Example.EDU", EmailVerified: true})
		code, body := e.get(c, "/admin/login/oidc?next=/admin/resources")
		if code != http.StatusOK || !strings.Contains(body, "Sign out") || !strings.Contains(body, "MIT Police") {
			t.Fatalf("after single sign-on: %d, want the resource list:\n%s", code, body)
		}
		if !e.signedIn(c) {
			t.Fatal("no working session after single sign-on")
		}
		for _, ck := range c.Jar.Cookies(mustParse(t, e.srv.URL+"/admin")) {
			if ck.Name == "signpost_oidc" {
				t.Error("the attempt cookie outlived the callback")
			}
		}
	})

	t.Run("refusals", func(t *testing.T) {
		for _, tc := range []struct {
			name     string
			user     *mockoidc.MockUser
			tamper   func(t *testing.T, c *http.Client, cb *url.URL)
			wantCode int
			wantText string
		}{
			{name: "unknown e-mail", user: &mockoidc.MockUser{Subject: "u", Email: "nobody@example.edu", EmailVerified: true},
				wantCode: http.StatusForbidden, wantText: "signpost user add -sso-only -email nobody@example.edu"},
			{name: "disabled account", user: &mockoidc.MockUser{Subject: "d", Email: "dana@example.edu", EmailVerified: true},
				wantCode: http.StatusForbidden, wantText: "disabled"},
			{name: "e-mail not verified", user: &mockoidc.MockUser{Subject: "s", Email: "sam@example.edu", EmailVerified: false},
				wantCode: http.StatusUnauthorized, wantText: "did not confirm a verified e-mail"},
			{name: "tampered state", user: &mockoidc.MockUser{Subject: "s", Email: "sam@example.edu", EmailVerified: true},
				tamper:   func(t *testing.T, c *http.Client, cb *url.URL) { setQuery(cb, "state", "forged") },
				wantCode: http.StatusForbidden, wantText: "does not belong to the attempt"},
			{name: "provider error", tamper: func(t *testing.T, c *http.Client, cb *url.URL) {
				setQuery(cb, "code", "")
				setQuery(cb, "error", "access_denied")
			}, wantCode: http.StatusUnauthorized, wantText: "did not sign you in (access_denied)"},
			{name: "provider error with markup", tamper: func(t *testing.T, c *http.Client, cb *url.URL) {
				setQuery(cb, "error", "<script>alert(1)</script>")
			}, wantCode: http.StatusUnauthorized, wantText: "did not sign you in (unknown)"},
			{name: "bogus code", user: &mockoidc.MockUser{Subject: "s", Email: "sam@example.edu", EmailVerified: true},
				tamper:   func(t *testing.T, c *http.Client, cb *url.URL) { setQuery(cb, "code", "bogus") },
				wantCode: http.StatusUnauthorized, wantText: "did not accept this sign-in"},
			{name: "no code", tamper: func(t *testing.T, c *http.Client, cb *url.URL) { setQuery(cb, "code", "") },
				wantCode: http.StatusBadRequest, wantText: "no authorization code"},
			{name: "nonce of another attempt", user: &mockoidc.MockUser{Subject: "s", Email: "sam@example.edu", EmailVerified: true},
				tamper: func(t *testing.T, c *http.Client, cb *url.URL) {
					// Rewrite the attempt cookie's nonce, as if the ID token answered another attempt.
					u := mustParse(t, e.srv.URL+"/admin")
					for _, ck := range c.Jar.Cookies(u) {
						if ck.Name != "signpost_oidc" {
							continue
						}
						b, err := base64.RawURLEncoding.DecodeString(ck.Value)
						var a map[string]string
						if err != nil || json.Unmarshal(b, &a) != nil || a["n"] == "" {
							t.Fatalf("attempt cookie %q is not base64 JSON with a nonce", ck.Value)
						}
						a["n"] = "another-nonce"
						b, _ = json.Marshal(a)
						c.Jar.SetCookies(u, []*http.Cookie{{Name: "signpost_oidc", Value: base64.RawURLEncoding.EncodeToString(b), Path: "/admin"}})
					}
				}, wantCode: http.StatusUnauthorized, wantText: "does not belong to this attempt"},
			{name: "attempt cookie gone", user: &mockoidc.MockUser{Subject: "s", Email: "sam@example.edu", EmailVerified: true},
				tamper: func(t *testing.T, c *http.Client, cb *url.URL) {
					c.Jar.SetCookies(mustParse(t, e.srv.URL+"/admin"), []*http.Cookie{{Name: "signpost_oidc", Value: "", Path: "/admin", MaxAge: -1}})
				}, wantCode: http.StatusBadRequest, wantText: "expired"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				c := e.browser()
				if tc.user != nil {
					m.QueueUser(tc.user)
				}
				cb := e.callbackURL(c, "/admin/login/oidc")
				if tc.tamper != nil {
					tc.tamper(t, c, cb)
				}
				code, body := e.get(c, strings.TrimPrefix(cb.String(), e.srv.URL))
				if code != tc.wantCode || !strings.Contains(body, tc.wantText) {
					t.Errorf("callback = %d, want %d with %q:\n%s", code, tc.wantCode, tc.wantText, body)
				}
				if strings.Contains(body, "<script>alert") {
					t.Error("the provider's error was echoed unescaped")
				}
				if e.signedIn(c) {
					t.Error("a refused single sign-on left a session")
				}
			})
		}
	})

	t.Run("a callback cannot be replayed", func(t *testing.T) {
		c := e.browser()
		m.QueueUser(&mockoidc.MockUser{Subject: "k", Email: "kim@example.edu", EmailVerified: true})
		cb := strings.TrimPrefix(e.callbackURL(c, "/admin/login/oidc").String(), e.srv.URL)
		if code, _ := e.get(c, cb); code != http.StatusOK || !e.signedIn(c) {
			t.Fatalf("first callback = %d, want signed in", code)
		}
		other := e.browser()
		if code, _ := e.get(other, cb); code != http.StatusBadRequest || e.signedIn(other) {
			t.Errorf("the same callback in another browser = %d, want 400 and no session", code)
		}
	})

	t.Run("provider failing", func(t *testing.T) {
		c := e.browser()
		cb := e.callbackURL(c, "/admin/login/oidc")
		m.QueueError(&mockoidc.ServerError{Code: http.StatusServiceUnavailable, Error: "temporarily_unavailable"})
		code, body := e.get(c, strings.TrimPrefix(cb.String(), e.srv.URL))
		if code != http.StatusBadGateway || !strings.Contains(body, "could not be reached") {
			t.Errorf("callback with the token endpoint failing = %d, want 502 saying so:\n%s", code, body)
		}
		if e.signedIn(c) {
			t.Error("session without a token")
		}
	})

	t.Run("provider unreachable", func(t *testing.T) {
		c := e.browser()
		cb := e.callbackURL(c, "/admin/login/oidc")
		if err := m.Shutdown(); err != nil {
			t.Fatal(err)
		}
		code, body := e.get(c, strings.TrimPrefix(cb.String(), e.srv.URL))
		if code != http.StatusBadGateway || !strings.Contains(body, "could not be reached") {
			t.Errorf("callback with the provider down = %d, want 502 saying so:\n%s", code, body)
		}
		if e.signedIn(c) {
			t.Error("session without the provider")
		}
	})
}

// TestOIDCRateLimited checks that callbacks count against the sign-in limit, as password
// attempts do, since each one costs a request to the provider.
func TestOIDCRateLimited(t *testing.T) {
	e, m := newOIDCEnv(t, server.NewLimiter(server.RateLimit{PerSecond: 1.0 / 3600, Burst: 1}))
	for i, want := range []int{http.StatusOK, http.StatusTooManyRequests} {
		c := e.browser()
		m.QueueUser(&mockoidc.MockUser{Subject: "s", Email: "sam@example.edu", EmailVerified: true})
		code, body := e.get(c, strings.TrimPrefix(e.callbackURL(c, "/admin/login/oidc").String(), e.srv.URL))
		if code != want {
			t.Errorf("sign-in %d = %d, want %d:\n%s", i+1, code, want, body)
		}
	}
}

func TestNewOIDC(t *testing.T) {
	notOIDC := httptest.NewServer(http.NotFoundHandler())
	t.Cleanup(notOIDC.Close)
	ok := admin.OIDCConfig{Issuer: notOIDC.URL, ClientID: "signpost", RedirectURL: "https://signpost.example.edu/admin/login/oidc/callback"}
	for _, tc := range []struct {
		name string
		in   func(c *admin.OIDCConfig)
		want string
	}{
		{"no issuer", func(c *admin.OIDCConfig) { c.Issuer = "" }, "issuer URL is missing"},
		{"no client id", func(c *admin.OIDCConfig) { c.ClientID = "" }, "client id is missing"},
		{"no redirect URL", func(c *admin.OIDCConfig) { c.RedirectURL = "" }, "redirect URL"},
		{"wrong redirect URL", func(c *admin.OIDCConfig) { c.RedirectURL = "https://signpost.example.edu/callback" }, "must be an absolute URL ending in /admin/login/oidc/callback"},
		{"discovery fails", func(c *admin.OIDCConfig) {}, "discover provider " + notOIDC.URL},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cfg := ok
			tc.in(&cfg)
			_, err := admin.NewOIDC(context.Background(), cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("NewOIDC = %v, want an error with %q", err, tc.want)
			}
		})
	}
}

func TestWithoutOIDCNoRoutes(t *testing.T) {
	e := newEnv(t, nil)
	c := noFollow(e.browser())
	resp, err := c.Get(e.srv.URL + "/admin/login/oidc")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode == http.StatusFound {
		t.Errorf("GET /admin/login/oidc without single sign-on configured = 302 to %q", resp.Header.Get("Location"))
	}
	if _, body := e.get(e.browser(), "/admin/login"); strings.Contains(body, "/admin/login/oidc") {
		t.Error("sign-in page offers single sign-on that is not configured")
	}
}

func setQuery(u *url.URL, k, v string) {
	q := u.Query()
	if v == "" {
		q.Del(k)
	} else {
		q.Set(k, v)
	}
	u.RawQuery = q.Encode()
}

func mustParse(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
