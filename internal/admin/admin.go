package admin

import (
	"bytes"
	"context"
	"crypto/subtle"
	"embed"
	"errors"
	"html/template"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"signpost/internal/account"
	"signpost/internal/catalog"
	"signpost/internal/directory"
	"signpost/internal/navigator"
	"signpost/internal/server"
)

//go:embed templates/*.html static/admin.css
var files embed.FS

const (
	sessionCookie = "signpost_session"
	loginCookie   = "signpost_login"
	maxFormBytes  = 256 << 10
)

// Config holds what the editors' area works on.
type Config struct {
	Accounts *account.Service
	Store    directory.Store
	// Live is reloaded after every edit, so that this instance serves it at once; other
	// instances pick it up through their own watch.
	Live *catalog.Live
	// LoginLimiter limits sign-in attempts per client; nil means [DefaultLoginLimit].
	LoginLimiter *server.Limiter
	Logger       *slog.Logger
	// Knowledge is the navigator's knowledge from its files: the vocabulary editors override.
	Knowledge *navigator.Knowledge
	// SignInOptions are extra ways to sign in (single sign-on) shown on the sign-in page.
	SignInOptions []SignInOption
	// OIDC, when set, adds single sign-on through an OpenID Connect provider: the routes
	// /admin/login/oidc and its callback, and a "Sign in with …" option. Build it with [NewOIDC].
	OIDC *OIDC
}

// SignInOption is a link on the sign-in page to another way of signing in.
type SignInOption struct {
	Label string
	URL   string
}

// DefaultLoginLimit allows a client 10 sign-in attempts at once, then one every 6 seconds.
var DefaultLoginLimit = server.RateLimit{PerSecond: 1.0 / 6, Burst: 10}

// Server serves /admin.
type Server struct {
	cfg   Config
	pages map[string]*template.Template
	css   []byte
	// Now returns the current time; tests replace it.
	Now func() time.Time
}

// New parses the templates and returns the editors' area.
func New(cfg Config) (*Server, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.LoginLimiter == nil {
		cfg.LoginLimiter = server.NewLimiter(DefaultLoginLimit)
	}
	if cfg.OIDC != nil {
		opts := cfg.SignInOptions
		cfg.SignInOptions = append(opts[:len(opts):len(opts)], SignInOption{Label: "Sign in with " + cfg.OIDC.label, URL: "/admin/login/oidc"})
	}
	s := &Server{cfg: cfg, pages: map[string]*template.Template{}, Now: time.Now}
	funcs := template.FuncMap{
		"date":       func(t time.Time) string { return t.Local().Format("2006-01-02 15:04") },
		"join":       strings.Join,
		"status":     statusLabel,
		"add":        func(a, b int) int { return a + b },
		"entityURL":  entityURL,
		"historyURL": historyURL,
	}
	for _, name := range pageNames {
		t, err := template.New(name).Funcs(funcs).ParseFS(files, "templates/layout.html", "templates/"+name+".html")
		if err != nil {
			return nil, err
		}
		s.pages[name] = t
	}
	css, err := files.ReadFile("static/admin.css")
	if err != nil {
		return nil, err
	}
	s.css = css
	return s, nil
}

var pageNames = []string{"login", "dashboard", "resources", "resource", "history", "revision", "audit", "topics", "topic", "concepts", "concept", "users", "message"}

// Register adds the /admin routes to mux.
func (s *Server) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /admin/static/admin.css", s.serveCSS)
	mux.HandleFunc("GET /admin/login", s.loginForm)
	mux.HandleFunc("POST /admin/login", s.login)
	if s.cfg.OIDC != nil {
		mux.HandleFunc("GET /admin/login/oidc", s.oidcStart)
		mux.HandleFunc("GET /admin/login/oidc/callback", s.oidcCallback)
	}
	mux.Handle("POST /admin/logout", s.editor(s.logout))
	mux.Handle("POST /admin/logout-everywhere", s.editor(s.logoutEverywhere))
	mux.Handle("GET /admin", s.editor(s.dashboard))
	mux.Handle("GET /admin/{$}", s.editor(s.dashboard))
	mux.Handle("GET /admin/resources", s.editor(s.resourceList))
	mux.Handle("GET /admin/resources/new", s.editor(s.resourceNew))
	mux.Handle("POST /admin/resources", s.editor(s.resourceCreate))
	mux.Handle("GET /admin/resources/{id}", s.editor(s.resourceEdit))
	mux.Handle("POST /admin/resources/{id}", s.editor(s.resourceSave))
	mux.Handle("POST /admin/resources/{id}/status", s.editor(s.resourceStatus))
	mux.Handle("POST /admin/resources/{id}/verify", s.editor(s.resourceVerify))
	mux.Handle("GET /admin/resources/{id}/history", s.editor(s.history(directory.EntityResource)))
	mux.Handle("GET /admin/topics", s.editor(s.topicList))
	mux.Handle("GET /admin/topics/new", s.editor(s.topicNew))
	mux.Handle("POST /admin/topics", s.editor(s.topicCreate))
	mux.Handle("GET /admin/topics/{id}", s.editor(s.topicEdit))
	mux.Handle("POST /admin/topics/{id}", s.editor(s.topicSave))
	mux.Handle("GET /admin/topics/{id}/history", s.editor(s.history(directory.EntityTopic)))
	mux.Handle("GET /admin/concepts", s.editor(s.conceptList))
	mux.Handle("GET /admin/concepts/new", s.editor(s.conceptNew))
	mux.Handle("POST /admin/concepts", s.editor(s.conceptCreate))
	mux.Handle("GET /admin/concepts/{id}", s.editor(s.conceptEdit))
	mux.Handle("POST /admin/concepts/{id}", s.editor(s.conceptSave))
	mux.Handle("GET /admin/concepts/{id}/history", s.editor(s.history(directory.EntityConcept)))
	mux.Handle("GET /admin/calendar/history", s.editor(s.history(directory.EntityCalendar)))
	mux.Handle("GET /admin/revisions/{rev}", s.editor(s.revision))
	mux.Handle("POST /admin/revisions/{rev}/restore", s.editor(s.restore))
	mux.Handle("GET /admin/audit", s.editor(s.audit))
	mux.Handle("GET /admin/users", s.admin(s.userList))
	mux.Handle("POST /admin/users", s.admin(s.userAdd))
	mux.Handle("POST /admin/users/{name}", s.admin(s.userChange))
	mux.Handle("/admin/", s.editor(func(w http.ResponseWriter, r *http.Request, v *visit) {
		s.message(w, r, v, http.StatusNotFound, "Not found", "There is no such page in the editors' area.")
	}))
}

func (s *Server) serveCSS(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/css; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	w.Write(s.css)
}

// visit is one signed-in request.
type visit struct {
	Session *account.Session
	User    *account.User
}

type handler func(w http.ResponseWriter, r *http.Request, v *visit)

func (s *Server) editor(h handler) http.Handler { return s.guard(false, h) }
func (s *Server) admin(h handler) http.Handler  { return s.guard(true, h) }

// guard resumes the session, checks the role, and checks the CSRF token of every POST, before
// h runs. Without a session it sends the browser to sign in, showing nothing.
func (s *Server) guard(adminOnly bool, h handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		noStore(w)
		var token string
		if c, err := r.Cookie(sessionCookie); err == nil {
			token = c.Value
		}
		sess, u, err := s.cfg.Accounts.Resume(r.Context(), token)
		if directory.ErrorCode(err) == directory.EUnauthorized {
			if r.Method != http.MethodGet {
				s.message(w, r, nil, http.StatusUnauthorized, "Signed out", "Your session has ended. Sign in again; your change was not saved.")
				return
			}
			http.Redirect(w, r, "/admin/login?next="+url.QueryEscape(safeNext(r.URL.RequestURI())), http.StatusSeeOther)
			return
		} else if err != nil {
			s.unavailable(w, r, nil, err)
			return
		}
		v := &visit{Session: sess, User: u}
		if adminOnly && u.Role != account.RoleAdmin {
			s.message(w, r, v, http.StatusForbidden, "Admins only", "This page is for admins. Ask an admin if you need it.")
			return
		}
		if r.Method == http.MethodPost {
			r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
			if err := r.ParseForm(); err != nil {
				s.message(w, r, v, http.StatusRequestEntityTooLarge, "Form too large", "The form was too large or malformed; nothing was saved.")
				return
			}
			if !sameOrigin(r) || !tokensEqual(r.PostFormValue("csrf"), sess.CSRF) {
				s.message(w, r, v, http.StatusForbidden, "Form expired", "This form did not come from this page in this session (or it is too old). Go back, reload the page and try again; nothing was saved.")
				return
			}
		}
		h(w, r, v)
	})
}

// sameOrigin refuses a POST whose Origin header names another site; browsers send it on
// cross-site form posts, so this backs up the CSRF token.
func sameOrigin(r *http.Request) bool {
	o := r.Header.Get("Origin")
	if o == "" || o == "null" {
		return o == ""
	}
	u, err := url.Parse(o)
	return err == nil && u.Host == r.Host
}

func tokensEqual(a, b string) bool {
	return a != "" && subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

// safeNext keeps a post-sign-in redirect inside /admin.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/admin") || strings.HasPrefix(next, "//") || strings.Contains(next, "\\") || strings.HasPrefix(next, "/admin/login") {
		return "/admin"
	}
	return next
}

// noStore marks an editors' page as private. It also relaxes the site's "no-referrer" to
// "same-origin" (as the layout's meta tag does): under "no-referrer" browsers send "Origin:
// null" with every form post, which [sameOrigin] rightly refuses, so no form would work; the
// address still never leaves the site.
func noStore(w http.ResponseWriter) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Robots-Tag", "noindex")
	w.Header().Set("Referrer-Policy", "same-origin")
}

// secureCookies reports whether cookies must be Secure: always, except over plain HTTP to a
// loopback address, where browsers would drop them and nothing crosses a network.
func secureCookies(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	host := r.Host
	if h, _, err := net.SplitHostPort(r.Host); err == nil {
		host = h
	}
	if host == "localhost" {
		return false
	}
	ip := net.ParseIP(host)
	return ip == nil || !ip.IsLoopback()
}

func (s *Server) setCookie(w http.ResponseWriter, r *http.Request, name, value string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/admin", MaxAge: maxAge,
		HttpOnly: true, Secure: secureCookies(r), SameSite: http.SameSiteLaxMode})
}

// page is what every template gets.
type page struct {
	Title string
	Nav   string
	User  *account.User
	CSRF  string
	Flash string
	Error string
	// ErrorTitle heads the error summary; empty means "Not saved".
	ErrorTitle string
	Content    any
}

func (s *Server) render(w http.ResponseWriter, r *http.Request, v *visit, status int, name string, p page) {
	if v != nil {
		p.User, p.CSRF = v.User, v.Session.CSRF
	}
	if p.Flash == "" {
		p.Flash = flashes[r.URL.Query().Get("done")]
	}
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "layout", p); err != nil {
		s.cfg.Logger.Error("admin template", slog.String("page", name), slog.Any("err", err))
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	noStore(w)
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// flashes are the confirmations a redirect after a change asks for with ?done=.
var flashes = map[string]string{
	"saved":     "Saved. The public site shows the change now.",
	"unchanged": "Nothing had changed: nothing was saved, and no revision recorded.",
	"created":   "Created.",
	"verified":  "Marked as verified today.",
	"restored":  "Restored. The restore is itself a revision, so it can be undone the same way.",
	"status":    "Status changed.",
	"user":      "Account saved.",
}

func (s *Server) message(w http.ResponseWriter, r *http.Request, v *visit, status int, title, text string) {
	s.render(w, r, v, status, "message", page{Title: title, Content: text})
}

// unavailable answers when the store fails: editing stops, and says why.
func (s *Server) unavailable(w http.ResponseWriter, r *http.Request, v *visit, err error) {
	s.cfg.Logger.Warn("admin: store unavailable", slog.String("route", r.Pattern), slog.Any("err", err))
	w.Header().Set("Retry-After", "30")
	s.message(w, r, v, http.StatusServiceUnavailable, "Editing is unavailable",
		"The database cannot be reached, so nothing can be changed right now; nothing was saved. The public directory keeps working from its last copy. Try again in a minute.")
}

// fail turns a store error into the right page: a user-facing message for domain errors,
// "unavailable" for the rest.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, v *visit, err error) {
	switch directory.ErrorCode(err) {
	case directory.ENotFound:
		s.message(w, r, v, http.StatusNotFound, "Not found", directory.ErrorMessage(err))
	case directory.EInvalid:
		s.message(w, r, v, http.StatusUnprocessableEntity, "Not saved", directory.ErrorMessage(err))
	case directory.EConflict:
		s.message(w, r, v, http.StatusConflict, "Not saved", directory.ErrorMessage(err))
	default:
		if errors.Is(err, context.Canceled) {
			return
		}
		s.unavailable(w, r, v, err)
	}
}

// reload makes this instance serve a change at once. A failure is logged, not shown: the
// change is saved, and the watch will pick it up.
func (s *Server) reload(r *http.Request) {
	if s.cfg.Live == nil {
		return
	}
	if err := s.cfg.Live.Reload(r.Context()); err != nil {
		s.cfg.Logger.Warn("admin: reload after edit", slog.Any("err", err))
	}
}

// change describes a write by the visiting user.
func (v *visit) change(action directory.Action, note string) directory.Change {
	return directory.Change{Author: v.User.Name, Action: action, Note: strings.TrimSpace(note)}
}

func statusLabel(st directory.Status) string {
	if st == directory.StatusPublished {
		return "published"
	}
	return string(st)
}

// saveChange is the change an editor's save of a form makes: a creation, a retirement or an
// edit, guarded by the version the form was opened at (none for a new entry), so that a save
// over someone else's is refused.
func (v *visit) saveChange(r *http.Request, isNew, retired bool) directory.Change {
	action := directory.ActionEdit
	switch {
	case isNew:
		action = directory.ActionCreate
	case retired:
		action = directory.ActionRetire
	}
	by := v.change(action, r.PostFormValue("note"))
	base := r.PostFormValue("base")
	if isNew {
		base = ""
	}
	by.IfMatch = &base
	return by
}
