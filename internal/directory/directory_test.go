package directory_test

import (
	"strings"
	"testing"

	"signpost/internal/directory"
)

func TestParseRole(t *testing.T) {
	tests := []struct {
		in      string
		want    directory.Role
		wantErr bool
	}{
		{"staff", directory.Staff, false},
		{" Graduate ", directory.Graduate, false},
		{"student", "", true},
		{"", "", true},
	}
	for _, tc := range tests {
		got, err := directory.ParseRole(tc.in)
		if got != tc.want || (err != nil) != tc.wantErr {
			t.Errorf("ParseRole(%q) = %q, %v; want %q, error %v", tc.in, got, err, tc.want, tc.wantErr)
		}
		if err != nil && directory.ErrorCode(err) != directory.EInvalid {
			t.Errorf("ParseRole(%q) error code = %q, want invalid", tc.in, directory.ErrorCode(err))
		}
	}
}

func TestAudienceIncludes(t *testing.T) {
	tests := []struct {
		a    directory.Audience
		r    directory.Role
		want bool
	}{
		{directory.AudienceAll, directory.Faculty, true},
		{directory.AudienceStudents, directory.Graduate, true},
		{directory.AudienceStudents, directory.Staff, false},
		{directory.AudienceEmployees, directory.Postdoc, true},
		{directory.AudienceEmployees, directory.Undergraduate, false},
		{directory.AudienceUndergraduates, directory.Graduate, false},
		{directory.AudienceGraduates, directory.Graduate, true},
		{directory.AudienceFaculty, directory.Staff, false},
		{directory.Audience("aliens"), directory.Staff, false},
	}
	for _, tc := range tests {
		if got := tc.a.Includes(tc.r); got != tc.want {
			t.Errorf("%s.Includes(%s) = %v, want %v", tc.a, tc.r, got, tc.want)
		}
	}
}

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		want int
		ok   bool
	}{
		{"00:00", 0, true}, {"09:30", 570, true}, {"24:00", 1440, true},
		{"24:01", 0, false}, {"9:30", 0, false}, {"12:60", 0, false}, {"ab:cd", 0, false},
	}
	for _, tc := range tests {
		got, ok := directory.ParseClock(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("ParseClock(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func validResource() directory.Resource {
	return directory.Resource{
		ID: "x-office", Name: "X", Description: "Helps.", Audience: directory.AudienceAll,
		Confidentiality: directory.Confidential, Kind: directory.KindService,
		Contacts: []directory.Contact{{Kind: directory.ContactPhone, Purpose: directory.PurposeGeneral, Value: "617-555-0100", Label: "Call"}},
		Hours:    &directory.Hours{TimeZone: "America/New_York", Always: true},
	}
}

func TestResourceValidateNamesTheField(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(r *directory.Resource)
		want   string
	}{
		{"bad id", func(r *directory.Resource) { r.ID = "Bad ID" }, "id"},
		{"no name", func(r *directory.Resource) { r.Name = " " }, "name"},
		{"bad audience", func(r *directory.Resource) { r.Audience = "martians" }, "audience"},
		{"bad confidentiality", func(r *directory.Resource) { r.Confidentiality = "secret" }, "confidentiality"},
		{"contact without value or note", func(r *directory.Resource) { r.Contacts[0].Value = "" }, "contacts[0]"},
		{"bad e-mail", func(r *directory.Resource) {
			r.Contacts[0] = directory.Contact{Kind: directory.ContactEmail, Purpose: directory.PurposeGeneral, Value: "nobody", Label: "Mail"}
		}, "@"},
		{"bad zone", func(r *directory.Resource) { r.Hours.TimeZone = "Mars/Olympus" }, "time_zone"},
		{"bad window", func(r *directory.Resource) {
			r.Hours.Weekly = []directory.Window{{Days: []directory.Weekday{"XX"}, Opens: "09:00", Closes: "17:00"}}
		}, "weekly[0]"},
		{"bad verified date", func(r *directory.Resource) { r.Provenance.LastVerified = "yesterday" }, "last_verified"},
	}
	ok := validResource()
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid resource: %v", err)
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := validResource()
			tc.mutate(&r)
			err := r.Validate()
			if directory.ErrorCode(err) != directory.EInvalid {
				t.Fatalf("Validate() = %v, want an invalid error", err)
			}
			if msg := directory.ErrorMessage(err); !strings.Contains(msg, tc.want) {
				t.Fatalf("Validate() message %q does not name %q", msg, tc.want)
			}
		})
	}
}

func TestFilterMatch(t *testing.T) {
	r := validResource()
	r.Audience = directory.AudienceStudents
	r.Topics = []string{"mental-health"}
	tests := []struct {
		f    directory.Filter
		want bool
	}{
		{directory.Filter{}, true},
		{directory.Filter{Role: directory.Staff}, false},
		{directory.Filter{Role: directory.Undergraduate, Topic: "mental-health"}, true},
		{directory.Filter{Topic: "funding"}, false},
		{directory.Filter{Confidentiality: directory.Anonymous}, false},
	}
	for _, tc := range tests {
		if got := tc.f.Match(&r); got != tc.want {
			t.Errorf("%+v.Match() = %v, want %v", tc.f, got, tc.want)
		}
	}
}

func TestContactURLNeverGuesses(t *testing.T) {
	cases := []struct {
		c    directory.Contact
		want string
	}{
		{directory.Contact{Kind: directory.ContactPhone, Value: "617-253-1212"}, "tel:+16172531212"},
		{directory.Contact{Kind: directory.ContactPhone, Value: "(617) 253 1212", Extension: "5"}, "tel:+16172531212;ext=5"},
		{directory.Contact{Kind: directory.ContactPhone, Value: "1-800-273-8255"}, "tel:+18002738255"},
		{directory.Contact{Kind: directory.ContactPhone, Value: "+44 20 7946 0958"}, "tel:+442079460958"},
		{directory.Contact{Kind: directory.ContactPhone, Value: "100"}, ""},
		{directory.Contact{Kind: directory.ContactEmail, Value: "help@example.edu"}, "mailto:help@example.edu"},
		{directory.Contact{Kind: directory.ContactEmail, Value: "not an address"}, ""},
		{directory.Contact{Kind: directory.ContactWeb, Value: "ask.mit"}, ""},
		{directory.Contact{Kind: directory.ContactWeb, Value: "https://example.edu/help"}, "https://example.edu/help"},
		{directory.Contact{Kind: directory.ContactWalkIn, Value: "Building 4"}, ""},
	}
	for _, c := range cases {
		if got := directory.ContactURL(c.c); got != c.want {
			t.Errorf("directory.ContactURL(%+v) = %q, want %q", c.c, got, c.want)
		}
	}
}

// TestContactLinksAreSafe: a web contact links only to https:, a phone to tel:, an e-mail to
// mailto:; script, data and scheme-relative addresses are refused, naming the field.
func TestContactLinksAreSafe(t *testing.T) {
	base := directory.Resource{ID: "x", Name: "X", Audience: directory.AudienceAll, Confidentiality: directory.NotConfidential, Kind: directory.KindService, Section: "S", Description: "d"}
	for _, tc := range []struct {
		c  directory.Contact
		ok bool
	}{
		{directory.Contact{Kind: directory.ContactWeb, Purpose: directory.PurposeGeneral, Value: "https://ombud.mit.edu", URL: "https://ombud.mit.edu", Label: "Web site"}, true},
		{directory.Contact{Kind: directory.ContactWeb, Purpose: directory.PurposeGeneral, Value: "x", URL: "javascript:alert(1)", Label: "Web site"}, false},
		{directory.Contact{Kind: directory.ContactWeb, Purpose: directory.PurposeGeneral, Value: "javascript:alert(1)", Label: "Web site"}, false},
		{directory.Contact{Kind: directory.ContactWeb, Purpose: directory.PurposeGeneral, Value: "data:text/html,hi", Label: "Web site"}, false},
		{directory.Contact{Kind: directory.ContactWeb, Purpose: directory.PurposeGeneral, Value: "//evil.example", Label: "Web site"}, false},
		{directory.Contact{Kind: directory.ContactForm, Purpose: directory.PurposeReport, Value: "http://form.example", URL: "http://form.example", Label: "Form"}, false},
		{directory.Contact{Kind: directory.ContactPhone, Purpose: directory.PurposeGeneral, Value: "617-253-5921", URL: "https://x.example", Label: "Call"}, false},
		{directory.Contact{Kind: directory.ContactEmail, Purpose: directory.PurposeGeneral, Value: "a@b.edu", URL: "mailto:a@b.edu", Label: "Mail", Source: "https://ombud.mit.edu/contact", AsOf: "2026-12-07"}, true},
		{directory.Contact{Kind: directory.ContactEmail, Purpose: directory.PurposeGeneral, Value: "a@b.edu", URL: "mailto:a@b.edu", Label: "Mail", Source: "somewhere"}, false},
	} {
		r := base
		r.Contacts = []directory.Contact{tc.c}
		err := r.Validate()
		if (err == nil) != tc.ok {
			t.Errorf("Validate(%+v) = %v, want ok %v", tc.c, err, tc.ok)
		}
		if err != nil && !strings.Contains(err.Error(), "contacts[0]") {
			t.Errorf("the error does not name the field: %v", err)
		}
	}
}
