package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"signpost/internal/catalog"
	"signpost/internal/directory"
	"signpost/internal/navigator"
)

// maxMatchBody bounds a POST body; the concern itself is bounded by navigator.MaxConcernBytes.
const maxMatchBody = 16 << 10

// MatchView is the navigator's answer as the API, the CLI and the evaluation print it.
type MatchView struct {
	Emergency   bool                 `json:"emergency"`
	Urgency     string               `json:"urgency"`
	Understood  navigator.Understood `json:"understood"`
	NoGoodMatch bool                 `json:"no_good_match"`
	// LanguageNotCovered says the concern is in a language the navigator has no lexicon
	// for: the results are the general options (and the emergency services if it read a
	// danger), not a reading of the concern.
	LanguageNotCovered bool              `json:"language_not_covered,omitempty"`
	Results            []MatchResultView `json:"results"`
}

// MatchResultView is one recommended resource.
type MatchResultView struct {
	ID              string           `json:"id"`
	Name            string           `json:"name"`
	Summary         string           `json:"summary,omitempty"`
	Score           float64          `json:"score"`
	Why             []string         `json:"why"`
	Confidentiality string           `json:"confidentiality"`
	Emergency       bool             `json:"emergency"`
	Serves          []directory.Role `json:"serves"`
	AvailableNow    *bool            `json:"available_now"`
	NextChange      *string          `json:"next_change"`
	Contacts        json.RawMessage  `json:"contacts"`
	Links           ResultLinks      `json:"links"`
	// fragments, when set, holds the JSON of the fields above that come from the resource
	// alone, encoded once per snapshot (see resultCache).
	fragments *resultFragments
}

// ResultLinks are where a result's resource is, as JSON and as a page.
type ResultLinks struct {
	HTML string `json:"html"`
	Self string `json:"self"`
}

// NewMatchView turns an answer over catalog c into its API form.
func NewMatchView(c *catalog.Catalog, a *navigator.Answer) MatchView {
	return newMatchView(a, func(res *directory.Resource) MatchResultView { return resultBase(c, res) })
}

// newMatchView turns an answer into its API form, each result starting from base's view of
// its resource.
func newMatchView(a *navigator.Answer, base func(*directory.Resource) MatchResultView) MatchView {
	v := MatchView{Emergency: a.Emergency, Urgency: a.Urgency, Understood: a.Understood, NoGoodMatch: a.NoGoodMatch, LanguageNotCovered: a.LanguageNotCovered, Results: make([]MatchResultView, 0, len(a.Results))}
	if v.Understood.Topics == nil {
		v.Understood.Topics = []navigator.UnderstoodTopic{}
	}
	for _, r := range a.Results {
		rv := base(r.Resource)
		rv.Score, rv.Why, rv.AvailableNow = float64(int(r.Score*1000))/1000, r.Why, r.AvailableNow
		if rv.Why == nil {
			rv.Why = []string{}
		}
		if r.NextChange != nil {
			s := r.NextChange.Format(time.RFC3339)
			rv.NextChange = &s
		}
		v.Results = append(v.Results, rv)
	}
	return v
}

// resultBase is a result's view with the fields that come from its resource alone.
func resultBase(c *catalog.Catalog, res *directory.Resource) MatchResultView {
	return MatchResultView{
		ID: res.ID, Name: res.Name, Summary: res.Summary, Confidentiality: string(res.Confidentiality),
		Emergency: res.Emergency, Serves: res.Audience.Roles(), Contacts: c.ContactsJSON(res.ID),
		Links: ResultLinks{Self: "/api/v1/resources/" + res.ID, HTML: "/resources/" + res.ID},
	}
}

// matchFields are the request fields, from a query string, a form or a JSON body.
type matchFields struct {
	Q            string `json:"q"`
	Role         string `json:"role"`
	Confidential any    `json:"confidential"`
	Urgent       any    `json:"urgent"`
	At           string `json:"at"`
	Limit        any    `json:"limit"`
	Lang         string `json:"lang"`
}

func (s *Server) match(w http.ResponseWriter, r *http.Request) {
	f, err := readMatchFields(w, r)
	if err != nil {
		Error(w, r, s.logger, err)
		return
	}
	req, err := ParseMatchRequest(f.Q, f.Role, str(f.Confidential), str(f.Urgent), f.At, str(f.Limit), s.Now())
	if err == nil {
		req.Lang, err = ParseLang(f.Lang)
	}
	if err != nil {
		Error(w, r, s.logger, err)
		return
	}
	c := s.live.Current()
	start := time.Now()
	ans, err := c.Match(req)
	if s.ObserveMatch != nil {
		s.ObserveMatch(time.Since(start))
	}
	if err != nil {
		Error(w, r, s.logger, err)
		return
	}
	view := newMatchView(ans, s.resultCacheFor(c).base)
	writeBody(w, http.StatusOK, func(b []byte) ([]byte, error) { return view.AppendJSON(b), nil })
}

func str(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	}
	return "invalid"
}

// readMatchFields reads the fields from the query (GET) or the body (POST, form or JSON).
func readMatchFields(w http.ResponseWriter, r *http.Request) (matchFields, error) {
	var f matchFields
	if r.Method == http.MethodGet {
		return fieldsFromQuery(r.URL.RawQuery)
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxMatchBody)
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch ct {
	case "application/json":
		body, err := io.ReadAll(r.Body)
		if err == nil && !utf8.Valid(body) {
			// encoding/json would turn invalid UTF-8 into U+FFFD; the form path refuses it,
			// so does this one.
			return f, directory.Errorf(directory.EInvalid, "The request body is not valid UTF-8 text.")
		}
		var dec *json.Decoder
		if err == nil {
			dec = json.NewDecoder(bytes.NewReader(body))
			dec.DisallowUnknownFields()
			err = dec.Decode(&f)
		}
		if err == nil {
			// One object and nothing after it: {"q":"x"}{"q":"y"} is refused.
			if _, next := dec.Token(); next != io.EOF {
				return f, directory.Errorf(directory.EInvalid, "The request body must be one JSON object and nothing after it.")
			}
		}
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return f, directory.Errorf(directory.ETooLarge, "The request body is over %d bytes.", maxMatchBody)
			}
			if errors.Is(err, io.EOF) {
				return f, directory.Errorf(directory.EInvalid, "The request body is empty: send {\"q\": \"…\"}.")
			}
			// The decoder's message may quote the body; give a generic one.
			return f, directory.Errorf(directory.EInvalid, "The request body is not a JSON object with the fields q, role, confidential, urgent, at, limit, lang.")
		}
		return f, nil
	case "multipart/form-data":
		return f, directory.Errorf(directory.EUnsupported, "Send the concern as JSON (Content-Type: application/json) or as a URL-encoded form, not multipart.")
	case "application/x-www-form-urlencoded":
		if err := r.ParseForm(); err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return f, directory.Errorf(directory.ETooLarge, "The request body is over %d bytes.", maxMatchBody)
			}
			return f, directory.Errorf(directory.EInvalid, "The form could not be read.")
		}
		return fieldsFromValues(r.PostForm)
	}
	return f, directory.Errorf(directory.EInvalid, "Send the concern as JSON (Content-Type: application/json) or as a form.")
}

// fieldsFromQuery reads the fields from a raw query string as fieldsFromValues(r.URL.Query())
// would, first value winning and malformed pairs skipped, without building the map: this runs
// on every match request.
func fieldsFromQuery(raw string) (matchFields, error) {
	var f matchFields
	var seen [len(matchParamNames)]bool
	for raw != "" {
		var pair string
		pair, raw, _ = strings.Cut(raw, "&")
		if pair == "" || strings.Contains(pair, ";") {
			continue
		}
		k, v, _ := strings.Cut(pair, "=")
		k, err := url.QueryUnescape(k)
		if err != nil {
			continue
		}
		if v, err = url.QueryUnescape(v); err != nil {
			continue
		}
		i := slices.Index(matchParamNames[:], k)
		if i < 0 {
			return matchFields{}, unknownMatchParam(k)
		}
		if seen[i] {
			continue
		}
		seen[i] = true
		switch k {
		case "q":
			f.Q = v
		case "role":
			f.Role = v
		case "at":
			f.At = v
		case "confidential":
			f.Confidential = v
		case "urgent":
			f.Urgent = v
		case "limit":
			f.Limit = v
		case "lang":
			f.Lang = v
		}
	}
	return f, nil
}

var matchParamNames = [...]string{"q", "role", "confidential", "urgent", "at", "limit", "lang"}

func unknownMatchParam(k string) error {
	return directory.Errorf(directory.EInvalid, "Unknown parameter %q: use q, role, confidential, urgent, at, limit or lang.", k)
}

var langTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

// ParseLang reads the language an answer's reasons should be written in: a BCP 47 tag such
// as "es" or "es-MX", of which the primary language counts; "" is none.
func ParseLang(v string) (string, error) {
	if v == "" {
		return "", nil
	}
	if !langTag.MatchString(v) {
		return "", directory.Errorf(directory.EInvalid, "Parameter lang must be a language tag such as es or es-MX.")
	}
	primary, _, _ := strings.Cut(v, "-")
	return strings.ToLower(primary), nil
}

func fieldsFromValues(v url.Values) (matchFields, error) {
	for k := range v {
		if !slices.Contains(matchParamNames[:], k) {
			return matchFields{}, unknownMatchParam(k)
		}
	}
	f := matchFields{Q: v.Get("q"), Role: v.Get("role"), At: v.Get("at"), Lang: v.Get("lang")}
	if v.Has("confidential") {
		f.Confidential = v.Get("confidential")
	}
	if v.Has("urgent") {
		f.Urgent = v.Get("urgent")
	}
	if v.Has("limit") {
		f.Limit = v.Get("limit")
	}
	return f, nil
}

// ParseMatchRequest checks and converts the fields of a match request. Error messages never
// quote the concern.
func ParseMatchRequest(q, role, confidential, urgent, at, limit string, now time.Time) (navigator.Request, error) {
	req := navigator.Request{Text: q, At: now}
	if err := navigator.Validate(q); err != nil {
		return req, err
	}
	var err error
	if role != "" {
		if req.Role, err = directory.ParseRole(role); err != nil {
			return req, err
		}
	}
	if req.Confidential, err = parseFlag("confidential", confidential); err != nil {
		return req, err
	}
	if req.Urgent, err = parseFlag("urgent", urgent); err != nil {
		return req, err
	}
	if at != "" {
		if req.At, err = time.Parse(time.RFC3339, at); err != nil {
			return req, directory.Errorf(directory.EInvalid, "Parameter at %q is not an RFC 3339 time such as 2026-11-24T17:00:00-05:00.", truncate(at, 40))
		}
	}
	if limit != "" {
		n, err := strconv.Atoi(limit)
		if err != nil || n < 1 || n > 50 {
			return req, directory.Errorf(directory.EInvalid, "Parameter limit must be a whole number from 1 to 50.")
		}
		req.Limit = n
	}
	return req, nil
}

func parseFlag(name, v string) (bool, error) {
	switch strings.ToLower(v) {
	case "", "false", "0", "no", "off":
		return false, nil
	case "true", "1", "yes", "on":
		return true, nil
	}
	return false, directory.Errorf(directory.EInvalid, "Parameter %s must be true or false.", name)
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
