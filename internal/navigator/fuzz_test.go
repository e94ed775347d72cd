package navigator_test

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"signpost/internal/directory"
	"signpost/internal/mitdusp"
	"signpost/internal/navigator"
	"signpost/internal/testenv"
)

// fuzzEdgeConcerns are inputs at the edges of what Validate accepts.
func fuzzEdgeConcerns() []string {
	return []string{
		"", " ", "\t\n\r", "\x00\x01", "\xff\xfe", "a\xffb", "help",
		strings.Repeat("a", navigator.MaxConcernBytes), strings.Repeat("a", navigator.MaxConcernBytes+1),
		strings.Repeat("é", navigator.MaxConcernBytes/2), strings.Repeat("kill ", 400),
		"I'm not suicidal, that exam just killed me", "مرحبا أحتاج مساعدة", "😭😭😭 help", "\u202eevil\u202c",
		"911 911 911", "MIT police MIT EMS ombuds title ix idhr", "my advisor my advisor my advisor",
	}
}

// hasVisible reports whether s has a character that is neither space nor control: the only
// texts whose appearance in an error message would be a leak.
func hasVisible(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return !unicode.IsSpace(r) && !unicode.IsControl(r) }) >= 0
}

// FuzzMatch holds Match to its contract for any text: no panic and no pathological slowness;
// either an invalid or too_large error, only for a text Validate refuses and never quoting it,
// or an answer of at most limit results, each explained and serving the stated role; and the
// same answer twice.
func FuzzMatch(f *testing.F) {
	d, err := mitdusp.Load()
	if err != nil {
		f.Fatal(err)
	}
	k, err := navigator.DefaultKnowledge()
	if err != nil {
		f.Fatal(err)
	}
	nav := navigator.New(k, d)
	// The first match builds what is built once (the concern reader's tables, the
	// classifier); the time limit below is for every match after it.
	if _, err := nav.Match(navigator.Request{Text: "warm up"}, nil); err != nil {
		f.Fatal(err)
	}

	texts, roles := testenv.DevConcerns(f)
	for i, q := range texts {
		role := uint8(slices.Index(directory.Roles, directory.Role(roles[i])) + 1) // 0: no role
		f.Add(q, role, uint8(i%7), uint8(i))
	}
	for i, q := range fuzzEdgeConcerns() {
		f.Add(q, uint8(i), uint8(50), uint8(i))
	}
	at := time.Date(2026, 11, 24, 23, 30, 0, 0, time.UTC)
	// slowMatch is far above any real match, even under the race detector on a busy machine.
	const slowMatch = 2 * time.Second

	f.Fuzz(func(t *testing.T, text string, roleIdx, limit, flags uint8) {
		req := navigator.Request{
			Text:         text,
			Limit:        int(limit % 52), // 0 means the default; 51 is past the API's cap
			Confidential: flags&1 != 0,
			Urgent:       flags&2 != 0,
			At:           at,
		}
		if i := int(roleIdx) % (len(directory.Roles) + 1); i > 0 {
			req.Role = directory.Roles[i-1]
		}
		known, open := flags&4 != 0, flags&8 != 0
		avail := func(*directory.Resource, time.Time) (bool, bool, *time.Time) { return known, open, nil }

		start := time.Now()
		ans, err := nav.Match(req, avail)
		// A match takes microseconds; seconds for one concern would let a few requests hold
		// every core (a 2,000-byte word once took over a minute).
		if d := time.Since(start); d > slowMatch {
			t.Fatalf("Match of a %d-byte concern took %v, want under %v", len(text), d.Round(time.Millisecond), slowMatch)
		}
		if err != nil {
			if code := directory.ErrorCode(err); code != directory.EInvalid && code != directory.ETooLarge {
				t.Fatalf("Match error code %q (%v), want invalid or too_large", code, err)
			}
			if navigator.Validate(text) == nil {
				t.Fatalf("Match refused a text Validate accepts, with role %q: %v", req.Role, err)
			}
			if hasVisible(text) && strings.Contains(err.Error(), text) {
				t.Fatalf("Match error quotes the concern: %v", err)
			}
			return
		}
		if ans == nil {
			t.Fatal("Match returned neither an answer nor an error")
		}
		want := req.Limit
		if want == 0 {
			want = navigator.DefaultLimit
		}
		if len(ans.Results) > want {
			t.Errorf("%d results, want at most %d", len(ans.Results), want)
		}
		for i, r := range ans.Results {
			if r.Resource == nil {
				t.Fatalf("result %d has no resource", i)
			}
			if len(r.Why) == 0 || slices.ContainsFunc(r.Why, func(s string) bool { return strings.TrimSpace(s) == "" }) {
				t.Errorf("result %d (%s) has an empty why: %q", i, r.Resource.ID, r.Why)
			}
			if req.Role != "" && !r.Resource.Serves(req.Role) {
				t.Errorf("result %d (%s) does not serve the stated role %s", i, r.Resource.ID, req.Role)
			}
		}
		again, err := nav.Match(req, avail)
		if err != nil {
			t.Fatalf("second Match of the same request: %v", err)
		}
		if got, first := resultIDs(again), resultIDs(ans); !slices.Equal(got, first) {
			t.Errorf("the same request answered %v, then %v", first, got)
		}
	})
}

func resultIDs(a *navigator.Answer) []string {
	var out []string
	for _, r := range a.Results {
		out = append(out, r.Resource.ID)
	}
	return out
}
