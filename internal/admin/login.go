package admin

import (
	"log/slog"
	"net/http"
	"strconv"

	"signpost/internal/account"
	"signpost/internal/directory"
)

type loginContent struct {
	Next     string
	Name     string
	Token    string
	Options  []SignInOption
	Throttle string
}

// loginForm shows the sign-in form with a fresh login CSRF token in a cookie (double submit:
// there is no session yet to hold one).
func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	s.renderLogin(w, r, http.StatusOK, "", r.URL.Query().Get("next"), "")
}

func (s *Server) renderLogin(w http.ResponseWriter, r *http.Request, status int, msg, next, name string) {
	token := account.NewToken()
	s.setCookie(w, r, loginCookie, token, 3600)
	// Nothing about accounts (whether any exist) is said to a visitor who is not signed in.
	s.render(w, r, nil, status, "login", page{Title: "Sign in", Nav: "signin", Error: msg, ErrorTitle: "Not signed in", Content: loginContent{
		Next: safeNext(next), Name: name, Token: token, Options: s.cfg.SignInOptions}})
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		s.renderLogin(w, r, http.StatusBadRequest, "The form was malformed.", "", "")
		return
	}
	next, name := r.PostFormValue("next"), r.PostFormValue("name")
	c, err := r.Cookie(loginCookie)
	if err != nil || !sameOrigin(r) || !tokensEqual(r.PostFormValue("csrf"), c.Value) {
		s.renderLogin(w, r, http.StatusForbidden, "The sign-in form had expired. Please try again.", next, name)
		return
	}
	lim := s.cfg.LoginLimiter
	if ok, wait := lim.Allow(lim.Client(r)); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		s.renderLogin(w, r, http.StatusTooManyRequests, "Too many sign-in attempts from here. Wait a minute and try again.", next, name)
		return
	}
	u, err := s.cfg.Accounts.Authenticate(r.Context(), name, r.PostFormValue("password"))
	if directory.ErrorCode(err) == directory.EUnauthorized {
		s.cfg.Logger.Info("admin: sign-in refused")
		s.renderLogin(w, r, http.StatusUnauthorized, directory.ErrorMessage(err), next, name)
		return
	} else if err != nil {
		s.unavailable(w, r, nil, err)
		return
	}
	s.startSession(w, r, u, next)
}

// startSession signs u in and sends the browser on to next (inside /admin). Single sign-on
// ends here too.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u *account.User, next string) {
	token, _, err := s.cfg.Accounts.StartSession(r.Context(), u)
	if err != nil {
		s.unavailable(w, r, nil, err)
		return
	}
	s.setCookie(w, r, sessionCookie, token, int(s.cfg.Accounts.Policy.SessionTTL.Seconds()))
	s.setCookie(w, r, loginCookie, "", -1)
	s.cfg.Logger.Info("admin: signed in", slog.String("user", u.Name))
	http.Redirect(w, r, safeNext(next), http.StatusSeeOther)
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request, v *visit) {
	if err := s.cfg.Accounts.Store.DeleteSession(r.Context(), v.Session.ID); err != nil {
		s.unavailable(w, r, v, err)
		return
	}
	s.setCookie(w, r, sessionCookie, "", -1)
	http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
}

// logoutEverywhere ends every session of the user, this one included.
func (s *Server) logoutEverywhere(w http.ResponseWriter, r *http.Request, v *visit) {
	if err := s.cfg.Accounts.Store.DeleteUserSessions(r.Context(), v.User.Name); err != nil {
		s.unavailable(w, r, v, err)
		return
	}
	s.setCookie(w, r, sessionCookie, "", -1)
	http.Redirect(w, r, "/admin/login", http.StatusSeeOther)
}
