package navigator_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"signpost/internal/directory"
	"signpost/internal/navigator"
)

var asked = time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC)

func TestFieldsFromValues(t *testing.T) {
	tests := []struct {
		in      string
		want    navigator.Fields
		wantErr string
	}{
		{in: "q=my+advisor+yells&role=graduate&lang=es", want: navigator.Fields{Q: "my advisor yells", Role: "graduate", Lang: "es"}},
		{in: "q=a&q=b&confidential&urgent=1&limit=3&at=2026-11-24T17:00:00Z",
			want: navigator.Fields{Q: "a", Urgent: "1", Limit: "3", At: "2026-11-24T17:00:00Z"}},
		{in: "q=x&mood=3", wantErr: `Unknown parameter "mood": use q, role, confidential, urgent, at, limit or lang.`},
	}
	for _, tc := range tests {
		v, _ := url.ParseQuery(tc.in)
		got, err := navigator.FieldsFromValues(v)
		if directory.ErrorMessage(err) != tc.wantErr || (err == nil && got != tc.want) {
			t.Errorf("FieldsFromValues(%q) = %+v, %v; want %+v, %q", tc.in, got, err, tc.want, tc.wantErr)
		}
	}
}

// TestDecodeFields: a JSON object reads as the same fields as a query, its booleans and
// numbers as their text, and a body that is not one whole object of the fields is refused
// without being quoted.
func TestDecodeFields(t *testing.T) {
	tests := []struct {
		in      string
		want    navigator.Fields
		wantErr string
	}{
		{in: `{"q":"help","role":"staff","confidential":true,"urgent":0,"limit":5,"at":"2026-11-24T17:00:00Z","lang":"es-MX"}`,
			want: navigator.Fields{Q: "help", Role: "staff", Confidential: "true", Urgent: "0", Limit: "5", At: "2026-11-24T17:00:00Z", Lang: "es-MX"}},
		{in: `{"q":"help","confidential":"yes","limit":null}`, want: navigator.Fields{Q: "help", Confidential: "yes"}},
		{in: ``, wantErr: `The request body is empty: send {"q": "…"}.`},
		{in: `{"q":"x"}{"q":"y"}`, wantErr: "The request body must be one JSON object and nothing after it."},
		{in: "{\"q\":\"bad \xff utf8\"}", wantErr: "The request body is not valid UTF-8 text."},
		{in: `{"q":"secret","mood":3}`, wantErr: navigator.ErrFieldsJSON.Message},
		{in: `{"q":5}`, wantErr: navigator.ErrFieldsJSON.Message},
		{in: `{"q":"secret`, wantErr: navigator.ErrFieldsJSON.Message},
	}
	for _, tc := range tests {
		got, err := navigator.DecodeFields([]byte(tc.in))
		if directory.ErrorMessage(err) != tc.wantErr || (err == nil && got != tc.want) {
			t.Errorf("DecodeFields(%q) = %+v, %v; want %+v, %q", tc.in, got, err, tc.want, tc.wantErr)
		}
		if err != nil && strings.Contains(directory.ErrorMessage(err), "secret") {
			t.Errorf("DecodeFields(%q): the error quotes the body: %v", tc.in, err)
		}
	}
}

func TestFieldsRequest(t *testing.T) {
	at := time.Date(2026, 11, 24, 17, 0, 0, 0, time.FixedZone("", -5*3600))
	tests := []struct {
		name    string
		in      navigator.Fields
		want    navigator.Request
		wantErr string
	}{
		{"defaults", navigator.Fields{Q: "help"}, navigator.Request{Text: "help", At: asked}, ""},
		{"every field", navigator.Fields{Q: "help", Role: "Faculty ", Confidential: "TRUE", Urgent: "on",
			At: "2026-11-24T17:00:00-05:00", Limit: "50", Lang: "ES-mx"},
			navigator.Request{Text: "help", Role: directory.Faculty, Confidential: true, Urgent: true, At: at, Limit: 50, Lang: "es"}, ""},
		{"empty concern first", navigator.Fields{Q: " ", Role: "wizard"}, navigator.Request{Text: " ", At: asked},
			"Please describe what is going on: the concern is empty."},
		{"role kept when the concern is wrong", navigator.Fields{Q: "", Role: "staff", Urgent: "yes"},
			navigator.Request{Role: directory.Staff, Urgent: true, At: asked}, "Please describe what is going on: the concern is empty."},
		{"bad role", navigator.Fields{Q: "help", Role: "wizard"}, navigator.Request{Text: "help", At: asked},
			`Unknown role "wizard": use one of undergraduate, graduate, postdoc, staff, faculty.`},
		{"bad flag", navigator.Fields{Q: "help", Urgent: "maybe"}, navigator.Request{Text: "help", At: asked}, "Parameter urgent must be true or false."},
		{"bad at, quoted short", navigator.Fields{Q: "help", At: "yesterday at noon, or maybe the day before that"}, navigator.Request{Text: "help", At: asked},
			`Parameter at "yesterday at noon, or maybe the day befo…" is not an RFC 3339 time such as 2026-11-24T17:00:00-05:00.`},
		{"limit too big", navigator.Fields{Q: "help", Limit: "51"}, navigator.Request{Text: "help", At: asked}, "Parameter limit must be a whole number from 1 to 50."},
		{"limit not whole", navigator.Fields{Q: "help", Limit: "5.5"}, navigator.Request{Text: "help", At: asked}, "Parameter limit must be a whole number from 1 to 50."},
		{"bad lang", navigator.Fields{Q: "help", Lang: "español"}, navigator.Request{Text: "help", At: asked}, "Parameter lang must be a language tag such as es or es-MX."},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.in.Request(asked)
			if directory.ErrorMessage(err) != tc.wantErr {
				t.Fatalf("error %v, want %q", err, tc.wantErr)
			}
			if got.Text != tc.want.Text || got.Role != tc.want.Role || got.Confidential != tc.want.Confidential ||
				got.Urgent != tc.want.Urgent || !got.At.Equal(tc.want.At) || got.Limit != tc.want.Limit || got.Lang != tc.want.Lang {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

// TestJSONArraysRefusedInTurn: a flag or limit sent as an array or object is refused where
// that field is checked, so a wrong concern still comes first, as it does from a query.
func TestJSONArraysRefusedInTurn(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"q":"help","confidential":[true]}`, "Parameter confidential must be true or false."},
		{`{"q":"help","urgent":{}}`, "Parameter urgent must be true or false."},
		{`{"q":"help","limit":[5]}`, "Parameter limit must be a whole number from 1 to 50."},
		{`{"q":"","limit":[5]}`, "Please describe what is going on: the concern is empty."},
	}
	for _, tc := range tests {
		f, err := navigator.DecodeFields([]byte(tc.in))
		if err != nil {
			t.Fatalf("DecodeFields(%s): %v", tc.in, err)
		}
		if _, err := f.Request(asked); directory.ErrorMessage(err) != tc.want {
			t.Errorf("%s: error %v, want %q", tc.in, err, tc.want)
		}
	}
}

// TestMatchChecksWhatChanged: Match trusts what Fields.Request checked, but not a text or
// role changed after it.
func TestMatchChecksWhatChanged(t *testing.T) {
	c := sharedCatalog(t)
	req, err := navigator.Fields{Q: "my advisor yells at me", Role: "graduate"}.Request(asked)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Match(req); err != nil {
		t.Fatalf("a checked request: %v", err)
	}
	long := req
	long.Text = strings.Repeat("a", navigator.MaxConcernBytes+1)
	if _, err := c.Match(long); directory.ErrorCode(err) != directory.ETooLarge {
		t.Errorf("text changed after the check: error %v, want too_large", err)
	}
	wizard := req
	wizard.Role = "wizard"
	if _, err := c.Match(wizard); directory.ErrorCode(err) != directory.EInvalid {
		t.Errorf("role changed after the check: error %v, want invalid", err)
	}
}
