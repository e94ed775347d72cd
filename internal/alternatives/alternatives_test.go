package alternatives

import (
	"slices"
	"strings"
	"testing"
)

func TestExpand(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"research fraud", []string{"research fraud"}},
		{"{making up|faking} the {data|numbers}", []string{"making up the data", "making up the numbers", "faking the data", "faking the numbers"}},
		{"touching my {shoulder|back}", []string{"touching my shoulder", "touching my back"}},
		{"an {unclosed brace", []string{"an {unclosed brace"}},
		{"found {target} on the {floor|ground}", []string{"found {target} on the floor", "found {target} on the ground"}},
		{"{has|with} {a|} knife", []string{"has a knife", "has knife", "with a knife", "with knife"}},
	} {
		if got := Expand(tc.in); !slices.Equal(got, tc.want) {
			t.Errorf("Expand(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	many := "{a|b|c|d|e|f|g|h} {a|b|c|d|e|f|g|h} {a|b|c|d|e|f|g|h}"
	if n := len(Expand(many)); n != MaxExpansions {
		t.Errorf("a term of 512 alternatives expands to %d phrases, want the cap %d", n, MaxExpansions)
	}
}

// TestCheck: a term over the bound is refused, however far over; a class name counts once.
func TestCheck(t *testing.T) {
	if n := Count("{a|b|c} {target} {x|y}"); n != 6 {
		t.Errorf("Count = %d, want 6", n)
	}
	if err := Check("{a|b|c|d|e|f|g|h} {a|b|c|d|e|f|g|h} {a|b|c|d|e|f|g|h}"); err == nil || !strings.Contains(err.Error(), "more than 256 phrases") {
		t.Errorf("Check of 512 phrases: %v", err)
	}
	// 2^64 phrases would overflow a count that kept multiplying.
	if err := Check(strings.Repeat("{a|b} ", 64)); err == nil {
		t.Errorf("Check of 2^64 phrases passed")
	}
	if err := Check("{a|b} {target}"); err != nil {
		t.Errorf("Check of 2 phrases: %v", err)
	}
}
