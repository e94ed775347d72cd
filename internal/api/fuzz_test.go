package api_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"signpost/internal/directory"
	"signpost/internal/navigator"
	"signpost/internal/testenv"
)

// FuzzParseMatchRequest holds the match request's parsing, [navigator.Fields.Request], to its
// contract for any fields (the name is the one scripts/test runs): no panic; on success the
// concern is kept as sent and the limit is in range; on failure a [directory.Error] coded
// invalid or too_large whose message never depends on the concern unless the concern itself
// is refused, and never quotes it.
func FuzzParseMatchRequest(f *testing.F) {
	qs, roles := testenv.DevConcerns(f)
	opts := [][4]string{
		{"", "", "", ""},
		{"true", "false", "2026-11-24T17:00:00-05:00", "5"},
		{"yes", "on", "", "50"},
		{"maybe", "", "", ""},
		{"", "", "yesterday at noon", ""},
		{"", "", "", "0"},
		{"", "", "", "51"},
		{"", "", "", "5.5"},
		{"1", "0", "2026-13-40T99:00:00Z", "-3"},
	}
	for i, q := range qs {
		o := opts[i%len(opts)]
		f.Add(q, roles[i], o[0], o[1], o[2], o[3])
	}
	for _, q := range []string{"", " \t", "\x00", "\xff", strings.Repeat("x", navigator.MaxConcernBytes+1), "help"} {
		f.Add(q, "", "", "", "", "")
	}
	f.Add("I need help", "wizard", "", "", "", "")
	f.Add("I need help", "Faculty ", "TRUE", "Off", "2026-11-24T17:00:00Z", "1")
	f.Add("Parameter", "", "", "", "", "x")
	f.Add("help", "help", "help", "help", "help", "help")

	now := time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, q, role, confidential, urgent, at, limit string) {
		req, err := navigator.Fields{Q: q, Role: role, Confidential: confidential, Urgent: urgent, At: at, Limit: limit}.Request(now)
		if err == nil {
			if req.Text != q {
				t.Fatalf("Text = %q, want the concern as sent %q", req.Text, q)
			}
			if navigator.Validate(q) != nil {
				t.Fatalf("accepted a concern Validate refuses: %q", q)
			}
			if req.Limit < 0 || req.Limit > 50 || (req.Limit == 0) != (limit == "") {
				t.Fatalf("limit %q parsed as %d, want 1 to 50 (0 only when absent)", limit, req.Limit)
			}
			if req.Role != "" && !slices.Contains(directory.Roles, req.Role) {
				t.Fatalf("role %q parsed as unknown role %q", role, req.Role)
			}
			return
		}
		var de *directory.Error
		if !errors.As(err, &de) {
			t.Fatalf("error %v (%T) is not a directory error", err, err)
		}
		if de.Code != directory.EInvalid && de.Code != directory.ETooLarge {
			t.Fatalf("error code %q, want invalid or too_large", de.Code)
		}
		if verr := navigator.Validate(q); verr != nil {
			// The concern itself is refused: that is the error, and it must not quote it.
			if directory.ErrorMessage(verr) != de.Message || directory.ErrorCode(verr) != de.Code {
				t.Fatalf("refused concern gave %v, want Validate's %v", err, verr)
			}
			visible := strings.IndexFunc(q, func(r rune) bool { return !unicode.IsSpace(r) && !unicode.IsControl(r) }) >= 0
			if visible && strings.Contains(de.Message, q) {
				t.Fatalf("error message quotes the concern: %q", de.Message)
			}
			return
		}
		// Another field is wrong: the answer must be the same whatever the concern said.
		_, ref := navigator.Fields{Q: "help me", Role: role, Confidential: confidential, Urgent: urgent, At: at, Limit: limit}.Request(now)
		if ref == nil || directory.ErrorCode(ref) != de.Code || directory.ErrorMessage(ref) != de.Message {
			t.Fatalf("error depends on the concern: %v, but %v for another concern", err, ref)
		}
	})
}
