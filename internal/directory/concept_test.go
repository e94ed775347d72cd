package directory_test

import (
	"testing"

	"signpost/internal/directory"
)

// TestConceptPairedTerms: an editor's paired term is refused when the navigator could not
// read it as two parts.
func TestConceptPairedTerms(t *testing.T) {
	for _, tc := range []struct {
		term string
		ok   bool
	}{
		{"{faked|made up} … {data|numbers}", true},
		{"faked data", true},
		{"faked … data … images", false},
		{"… data", false},
		{"faked …", false},
		{"{faked … made up} data", false},
	} {
		c := directory.Concept{ID: "research-misconduct", Label: "research misconduct", Terms: []string{tc.term}, Topics: map[string]float64{"research-misconduct": 1}}
		err := c.Validate()
		if (err == nil) != tc.ok {
			t.Errorf("term %q: Validate() = %v, want ok %v", tc.term, err, tc.ok)
		}
		if err != nil && directory.ErrorCode(err) != directory.EInvalid {
			t.Errorf("term %q: code %q, want invalid", tc.term, directory.ErrorCode(err))
		}
	}
}
