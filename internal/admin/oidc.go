package admin

import (
	"context"
	"crypto/subtle"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"signpost/internal/account"
	"signpost/internal/directory"
)

const (
	// oidcCookie carries one sign-in attempt's state, nonce, PKCE verifier and destination
	// from /admin/login/oidc to the callback; it lives for oidcAttemptTTL at most and is
	// cleared by the callback whatever the outcome.
	oidcCookie     = "signpost_oidc"
	oidcAttemptTTL = 10 * time.Minute
	// oidcTimeout bounds every request to the provider: discovery, keys, token exchange.
	oidcTimeout = 10 * time.Second
)

// OIDCConfig says how to reach an OpenID Connect provider for single sign-on.
type OIDCConfig struct {
	// Issuer is the provider's issuer URL; discovery reads Issuer/.well-known/openid-configuration
	// and the ID tokens must name exactly this issuer.
	Issuer string
	// ClientID and ClientSecret are this site's registration with the provider.
	ClientID     string
	ClientSecret string
	// RedirectURL is the callback registered with the provider:
	// https://HOST/admin/login/oidc/callback.
	RedirectURL string
	// Label names the provider on the sign-in page ("Sign in with <Label>"); empty means
	// "single sign-on".
	Label string
}

// OIDC signs editors in through an OpenID Connect provider. Accounts are linked by the
// provider's verified e-mail address ([account.User.Email]); it never creates accounts.
// Give it to [Config.OIDC].
type OIDC struct {
	label    string
	oauth    oauth2.Config
	verifier *oidc.IDTokenVerifier
	client   *http.Client
}

// NewOIDC checks cfg and runs discovery against the provider. It returns an error when a
// required field is missing or the provider cannot be discovered.
func NewOIDC(ctx context.Context, cfg OIDCConfig) (*OIDC, error) {
	switch {
	case cfg.Issuer == "":
		return nil, errors.New("single sign-on: the issuer URL is missing")
	case cfg.ClientID == "":
		return nil, errors.New("single sign-on: the client id is missing")
	case cfg.RedirectURL == "":
		return nil, errors.New("single sign-on: the redirect URL (https://HOST/admin/login/oidc/callback) is missing")
	}
	if u, err := url.Parse(cfg.RedirectURL); err != nil || !u.IsAbs() || u.Path != "/admin/login/oidc/callback" {
		return nil, fmt.Errorf("single sign-on: redirect URL %q must be an absolute URL ending in /admin/login/oidc/callback", cfg.RedirectURL)
	}
	if cfg.Label == "" {
		cfg.Label = "single sign-on"
	}
	client := &http.Client{Timeout: oidcTimeout}
	// The provider keeps this context's client for fetching its signing keys later.
	provider, err := oidc.NewProvider(oidc.ClientContext(ctx, client), cfg.Issuer)
	if err != nil {
		return nil, fmt.Errorf("single sign-on: discover provider %s: %w", cfg.Issuer, err)
	}
	return &OIDC{
		label: cfg.Label,
		oauth: oauth2.Config{
			ClientID:     cfg.ClientID,
			ClientSecret: cfg.ClientSecret,
			RedirectURL:  cfg.RedirectURL,
			Endpoint:     provider.Endpoint(),
			Scopes:       []string{oidc.ScopeOpenID, "email"},
		},
		verifier: provider.Verifier(&oidc.Config{ClientID: cfg.ClientID}),
		client:   client,
	}, nil
}

// oidcAttempt is what the browser keeps, in oidcCookie, between leaving for the provider and
// coming back.
type oidcAttempt struct {
	State    string `json:"s"`
	Nonce    string `json:"n"`
	Verifier string `json:"v"`
	Next     string `json:"x"`
}

func (a oidcAttempt) encode() string {
	b, _ := json.Marshal(a)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeAttempt(s string) (oidcAttempt, bool) {
	var a oidcAttempt
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(b, &a) != nil || a.State == "" || a.Nonce == "" || a.Verifier == "" {
		return oidcAttempt{}, false
	}
	return a, true
}

// oidcStart sends the browser to the provider, remembering the attempt in a cookie.
func (s *Server) oidcStart(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	o := s.cfg.OIDC
	next := safeNext(r.URL.Query().Get("next"))
	if len(next) > 512 {
		next = "/admin" // the cookie must stay well under browsers' 4 KB limit
	}
	a := oidcAttempt{State: account.NewToken(), Nonce: account.NewToken(), Verifier: oauth2.GenerateVerifier(), Next: next}
	s.setCookie(w, r, oidcCookie, a.encode(), int(oidcAttemptTTL.Seconds()))
	http.Redirect(w, r, o.oauth.AuthCodeURL(a.State, oidc.Nonce(a.Nonce), oauth2.S256ChallengeOption(a.Verifier)), http.StatusFound)
}

// oauthErrorCode is the shape of an RFC 6749 error code; anything else is not shown.
var oauthErrorCode = regexp.MustCompile(`^[a-z_]{1,64}$`)

// oidcCallback finishes a sign-in the provider sends back: it checks the attempt, exchanges
// the code, verifies the ID token and its nonce, and signs in the account linked to the
// verified e-mail. Every refusal is a page saying why, with no session.
func (s *Server) oidcCallback(w http.ResponseWriter, r *http.Request) {
	noStore(w)
	o := s.cfg.OIDC
	q := r.URL.Query()
	var a oidcAttempt
	var ok bool
	if c, err := r.Cookie(oidcCookie); err == nil {
		a, ok = decodeAttempt(c.Value)
	}
	// One attempt, one callback: whatever happens next, the attempt is used up.
	s.setCookie(w, r, oidcCookie, "", -1)
	if e := q.Get("error"); e != "" {
		code := "unknown"
		if oauthErrorCode.MatchString(e) {
			code = e
		}
		s.cfg.Logger.Info("admin: single sign-on refused by provider", slog.String("error", code))
		s.message(w, r, nil, http.StatusUnauthorized, "Not signed in",
			fmt.Sprintf("The %s service did not sign you in (%s). Go back to the sign-in page and try again.", o.label, code))
		return
	}
	if !ok {
		s.message(w, r, nil, http.StatusBadRequest, "Sign-in expired",
			"This single sign-on attempt has expired or was started in another browser. Go back to the sign-in page and start again.")
		return
	}
	if !tokensEqual(q.Get("state"), a.State) {
		s.cfg.Logger.Warn("admin: single sign-on state mismatch")
		s.message(w, r, nil, http.StatusForbidden, "Sign-in expired",
			"This single sign-on answer does not belong to the attempt this browser started. Go back to the sign-in page and start again.")
		return
	}
	code := q.Get("code")
	if code == "" {
		s.message(w, r, nil, http.StatusBadRequest, "Not signed in",
			"The sign-in service sent no authorization code. Go back to the sign-in page and start again.")
		return
	}
	lim := s.cfg.LoginLimiter
	if ok, wait := lim.Allow(lim.Client(r)); !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(wait.Seconds())+1))
		s.message(w, r, nil, http.StatusTooManyRequests, "Too many attempts", "Too many sign-in attempts from here. Wait a minute and try again.")
		return
	}
	ctx := oidc.ClientContext(r.Context(), o.client)
	tok, err := o.oauth.Exchange(ctx, code, oauth2.VerifierOption(a.Verifier))
	if err != nil {
		var re *oauth2.RetrieveError
		if !errors.As(err, &re) || re.Response == nil || re.Response.StatusCode >= 500 {
			// No usable answer from the provider: say so, and do not blame the person.
			s.cfg.Logger.Warn("admin: single sign-on token exchange", slog.Any("err", err))
			w.Header().Set("Retry-After", "30")
			s.message(w, r, nil, http.StatusBadGateway, "Sign-in service unavailable",
				fmt.Sprintf("The %s service could not be reached. Try again in a minute, or sign in with your name and password.", o.label))
			return
		}
		s.cfg.Logger.Info("admin: single sign-on code refused", slog.String("error", re.ErrorCode))
		s.message(w, r, nil, http.StatusUnauthorized, "Not signed in",
			"The sign-in service did not accept this sign-in (it may have been used already). Go back to the sign-in page and start again.")
		return
	}
	email, err := o.verifiedEmail(ctx, tok, a.Nonce)
	if err != nil {
		s.cfg.Logger.Warn("admin: single sign-on ID token refused", slog.Any("err", err))
		s.message(w, r, nil, http.StatusUnauthorized, "Not signed in", err.(*refusal).msg)
		return
	}
	u, err := s.cfg.Accounts.Store.UserByEmail(r.Context(), email)
	if directory.ErrorCode(err) == directory.ENotFound {
		s.cfg.Logger.Info("admin: single sign-on for an unknown e-mail")
		s.message(w, r, nil, http.StatusForbidden, "No account",
			fmt.Sprintf("The %s service vouched for %s, but no Signpost account is linked to that address. Ask an admin to add one (signpost user add -sso-only -email %s NAME).", o.label, email, email))
		return
	} else if err != nil {
		s.unavailable(w, r, nil, err)
		return
	}
	if u.Disabled {
		s.cfg.Logger.Info("admin: single sign-on for a disabled account", slog.String("user", u.Name))
		s.message(w, r, nil, http.StatusForbidden, "Account disabled",
			"The account linked to this address is disabled. Ask an admin if you need it back.")
		return
	}
	s.startSession(w, r, u, a.Next)
}

// verifiedEmail checks the ID token in tok (signature, issuer, audience, expiry, nonce) and
// returns its e-mail address, lower-cased, when the provider says it verified it. Every
// error is a [*refusal].
func (o *OIDC) verifiedEmail(ctx context.Context, tok *oauth2.Token, nonce string) (string, error) {
	raw, _ := tok.Extra("id_token").(string)
	if raw == "" {
		return "", &refusal{msg: "The sign-in service sent no ID token. Go back to the sign-in page and start again."}
	}
	id, err := o.verifier.Verify(ctx, raw)
	if err != nil {
		return "", &refusal{msg: "The sign-in service's answer could not be verified. Go back to the sign-in page and start again.", err: err}
	}
	if subtle.ConstantTimeCompare([]byte(id.Nonce), []byte(nonce)) != 1 {
		return "", &refusal{msg: "The sign-in service's answer does not belong to this attempt. Go back to the sign-in page and start again.", err: errors.New("nonce mismatch")}
	}
	var claims struct {
		Email         string       `json:"email"`
		EmailVerified verifiedFlag `json:"email_verified"`
	}
	if err := id.Claims(&claims); err != nil {
		return "", &refusal{msg: "The sign-in service's answer could not be read. Go back to the sign-in page and start again.", err: err}
	}
	email := strings.ToLower(strings.TrimSpace(claims.Email))
	if email == "" || !claims.EmailVerified {
		return "", &refusal{msg: fmt.Sprintf("The %s service did not confirm a verified e-mail address, and Signpost links accounts by verified e-mail. Ask whoever runs the sign-in service.", o.label),
			err: errors.New("no verified e-mail")}
	}
	return email, nil
}

// refusal is a failed check of the provider's answer: msg is for the person signing in, err
// for the log.
type refusal struct {
	msg string
	err error
}

func (e *refusal) Error() string {
	if e.err == nil {
		return e.msg
	}
	return e.msg + " (" + e.err.Error() + ")"
}

func (e *refusal) Unwrap() error { return e.err }

// verifiedFlag reads email_verified, which some providers send as the string "true".
type verifiedFlag bool

func (f *verifiedFlag) UnmarshalJSON(b []byte) error {
	*f = verifiedFlag(string(b) == "true" || string(b) == `"true"`)
	return nil
}
