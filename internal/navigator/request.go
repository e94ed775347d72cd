package navigator

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"signpost/internal/directory"
)

// MaxLimit is the most results a [Request] may ask for.
const MaxLimit = 50

// Fields are a match request's fields as they were sent, before they are checked: the
// parameters of a query string or a form ([FieldsFromValues]), the members of a JSON object
// ([DecodeFields]), or set one by one (the pages' question form, the command line). Every way
// in ends in [Fields.Request], which checks them once and builds the [Request].
type Fields struct {
	// Q is the concern in the person's own words.
	Q string
	// Role is who the person is, one of [directory.Roles] in any case; "" to infer it.
	Role string
	// Confidential and Urgent are flags: true, 1, yes or on, and false, 0, no, off or "", in
	// any case.
	Confidential, Urgent string
	// At is the instant of asking in RFC 3339; "" is the now given to [Fields.Request].
	At string
	// Limit is how many results, a whole number from 1 to [MaxLimit]; "" is [DefaultLimit].
	Limit string
	// Lang is the language the reasons are written in, a BCP 47 tag ("es", "es-MX") of which
	// the primary language counts; "" is none.
	Lang string

	// notScalar marks the fields a JSON object sent as an array or an object. Request refuses
	// each where it checks that field, so that the first error is the same however the
	// request came.
	notScalar struct{ confidential, urgent, limit bool }
}

// FieldsFromValues reads the fields from the parameters of a query string or a form, the
// first value of each winning. A parameter of another name is a [directory.EInvalid] error:
// a misspelt field would otherwise be silently ignored.
func FieldsFromValues(v url.Values) (Fields, error) {
	for k := range v {
		switch k {
		case "q", "role", "confidential", "urgent", "at", "limit", "lang":
		default:
			return Fields{}, directory.Errorf(directory.EInvalid, "Unknown parameter %q: use q, role, confidential, urgent, at, limit or lang.", k)
		}
	}
	return Fields{Q: v.Get("q"), Role: v.Get("role"), Confidential: v.Get("confidential"), Urgent: v.Get("urgent"),
		At: v.Get("at"), Limit: v.Get("limit"), Lang: v.Get("lang")}, nil
}

// ErrFieldsJSON is the [directory.EInvalid] error for a body that is not a JSON object of the
// fields: malformed, cut off, or with a member of another name or of the wrong type. Its
// message names the fields and never quotes the body.
var ErrFieldsJSON = directory.Errorf(directory.EInvalid, "The request body is not a JSON object with the fields q, role, confidential, urgent, at, limit, lang.")

// DecodeFields reads the fields from body, which must be one JSON object and nothing after
// it, in valid UTF-8. Confidential, urgent and limit may be sent as booleans or numbers as
// well as strings; null is absent. The error is [ErrFieldsJSON] or another
// [directory.EInvalid] error that says what is wrong without quoting the body.
func DecodeFields(body []byte) (Fields, error) {
	if !utf8.Valid(body) {
		// encoding/json would turn invalid UTF-8 into U+FFFD; a form is refused for it, and so
		// is this.
		return Fields{}, directory.Errorf(directory.EInvalid, "The request body is not valid UTF-8 text.")
	}
	var m struct {
		Q            string `json:"q"`
		Role         string `json:"role"`
		Confidential any    `json:"confidential"`
		Urgent       any    `json:"urgent"`
		At           string `json:"at"`
		Limit        any    `json:"limit"`
		Lang         string `json:"lang"`
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		if errors.Is(err, io.EOF) {
			return Fields{}, directory.Errorf(directory.EInvalid, "The request body is empty: send {\"q\": \"…\"}.")
		}
		return Fields{}, ErrFieldsJSON // the decoder's message may quote the body
	}
	if _, err := dec.Token(); err != io.EOF {
		// {"q":"x"}{"q":"y"} is refused rather than read in part.
		return Fields{}, directory.Errorf(directory.EInvalid, "The request body must be one JSON object and nothing after it.")
	}
	f := Fields{Q: m.Q, Role: m.Role, At: m.At, Lang: m.Lang}
	f.Confidential, f.notScalar.confidential = scalarText(m.Confidential)
	f.Urgent, f.notScalar.urgent = scalarText(m.Urgent)
	f.Limit, f.notScalar.limit = scalarText(m.Limit)
	return f, nil
}

// scalarText returns a decoded JSON value as the text a query string would carry for it, or
// notScalar for an array or an object.
func scalarText(v any) (text string, notScalar bool) {
	switch x := v.(type) {
	case nil:
		return "", false
	case string:
		return x, false
	case bool:
		return strconv.FormatBool(x), false
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), false
	}
	return "", true
}

// Request checks the fields and builds the request, asked at now unless At says otherwise.
// The error is the first wrong field's, in the order q, role, confidential, urgent, at,
// limit, lang: a [directory.ETooLarge] error for a concern over [MaxConcernBytes], else
// [directory.EInvalid]; no message quotes the concern. Whatever the error, the request holds
// every other field that could be read, so that a form can be shown again as it was sent.
//
// [Navigator.Match] does not check again what Request checked.
func (f Fields) Request(now time.Time) (Request, error) {
	req := Request{Text: f.Q, At: now}
	var first error
	fail := func(err error) {
		if first == nil {
			first = err
		}
	}
	if err := Validate(f.Q); err != nil {
		fail(err)
	}
	if f.Role != "" {
		role, err := directory.ParseRole(f.Role)
		if err != nil {
			fail(err)
		}
		req.Role = role
	}
	var err error
	if req.Confidential, err = parseFlag("confidential", f.Confidential, f.notScalar.confidential); err != nil {
		fail(err)
	}
	if req.Urgent, err = parseFlag("urgent", f.Urgent, f.notScalar.urgent); err != nil {
		fail(err)
	}
	if req.At, err = ParseAt(f.At, now); err != nil {
		fail(err)
	}
	if req.Limit, err = parseLimit(f.Limit, f.notScalar.limit); err != nil {
		fail(err)
	}
	if req.Lang, err = parseLang(f.Lang); err != nil {
		fail(err)
	}
	if first != nil {
		return req, first
	}
	req.checked = checked{ok: true, text: req.Text, role: req.Role}
	return req, nil
}

// ParseAt reads an instant in RFC 3339, or returns now for "". The [directory.EInvalid] error
// quotes at most the first 40 bytes of s.
func ParseAt(s string, now time.Time) (time.Time, error) {
	if s == "" {
		return now, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return now, directory.Errorf(directory.EInvalid, "Parameter at %q is not an RFC 3339 time such as 2026-11-24T17:00:00-05:00.", truncate(s, 40))
	}
	return t, nil
}

func parseFlag(name, v string, notScalar bool) (bool, error) {
	if !notScalar {
		switch strings.ToLower(v) {
		case "", "false", "0", "no", "off":
			return false, nil
		case "true", "1", "yes", "on":
			return true, nil
		}
	}
	return false, directory.Errorf(directory.EInvalid, "Parameter %s must be true or false.", name)
}

func parseLimit(v string, notScalar bool) (int, error) {
	if v == "" && !notScalar {
		return 0, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > MaxLimit || notScalar {
		return 0, directory.Errorf(directory.EInvalid, "Parameter limit must be a whole number from 1 to %d.", MaxLimit)
	}
	return n, nil
}

var langTag = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$`)

// parseLang returns the primary language of a BCP 47 tag in lower case, "" for "".
func parseLang(v string) (string, error) {
	if v == "" {
		return "", nil
	}
	if !langTag.MatchString(v) {
		return "", directory.Errorf(directory.EInvalid, "Parameter lang must be a language tag such as es or es-MX.")
	}
	primary, _, _ := strings.Cut(v, "-")
	return strings.ToLower(primary), nil
}

// checked is what [Fields.Request] checked of a [Request].
type checked struct {
	ok   bool
	text string
	role directory.Role
}

// check validates what [Fields.Request] has not: a Request built by hand, or whose text or
// role changed after it was checked.
func (r *Request) check() error {
	if r.checked.ok && r.checked.text == r.Text && r.checked.role == r.Role {
		return nil
	}
	if err := Validate(r.Text); err != nil {
		return err
	}
	if r.Role != "" {
		if _, err := directory.ParseRole(string(r.Role)); err != nil {
			return err
		}
	}
	return nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "…"
	}
	return s
}
