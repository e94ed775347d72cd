package navigator

import (
	"slices"
	"testing"
)

func TestExpandAlternatives(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"research fraud", []string{"research fraud"}},
		{"{making up|faking} the {data|numbers}", []string{"making up the data", "making up the numbers", "faking the data", "faking the numbers"}},
		{"touching my {shoulder|back}", []string{"touching my shoulder", "touching my back"}},
		{"an {unclosed brace", []string{"an {unclosed brace"}},
	} {
		if got := expandAlternatives(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("expandAlternatives(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	many := "{a|b|c|d|e|f|g|h} {a|b|c|d|e|f|g|h} {a|b|c|d|e|f|g|h}"
	if n := len(expandAlternatives(many)); n != maxExpansions {
		t.Errorf("a term of 512 alternatives expands to %d phrases, want the cap %d", n, maxExpansions)
	}
}
