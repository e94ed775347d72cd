package api

import (
	"net/url"
	"testing"
)

// FuzzFieldsFromQuery holds the match endpoint's own query reader to what reading
// r.URL.Query() gives: the same fields, and an error exactly when a parameter is unknown.
func FuzzFieldsFromQuery(f *testing.F) {
	for _, s := range []string{
		"q=my+advisor+yells&role=graduate", "q=a&q=b", "q=%zz&role=staff", "q=x;y&role=staff", "&&q=&confidential",
		"confidential=true&urgent=0&limit=3&at=2026-11-24T17:00:00Z&q=help", "q=x&nope=1", "%71=x", "q=a=b", "limit",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		values, _ := url.ParseQuery(raw) // r.URL.Query() drops malformed pairs the same way
		want, wantErr := fieldsFromValues(values)
		got, err := fieldsFromQuery(raw)
		if (err != nil) != (wantErr != nil) {
			t.Fatalf("%q: error %v, want %v", raw, err, wantErr)
		}
		if err == nil && got != want {
			t.Fatalf("%q: %+v, want %+v", raw, got, want)
		}
	})
}
