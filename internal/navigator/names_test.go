package navigator

import (
	"testing"

	"signpost/internal/directory"
	"signpost/internal/mitdusp"
)

// TestNamesOfCommonWordsNameNothing: a name that is, without its small words, only a word
// most of the directory's names share ("MIT IS&T" is "MIT") does not count as naming its
// resource; a name with a word of its own does.
func TestNamesOfCommonWordsNameNothing(t *testing.T) {
	n := defaultNavigator(t)
	for name, want := range map[string]bool{"MIT IS&T": false, "MIT": false, "MIT Police": true, "IDHR": true, "Lean on Me": true} {
		if got := n.distinctive(name); got != want {
			t.Errorf("distinctive(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestNegatedReportingStaysInItsSentence: "don't want to report" is a wish for confidence;
// a "no" in the sentence before a question about reporting is not.
func TestNegatedReportingStaysInItsSentence(t *testing.T) {
	n := defaultNavigator(t)
	for text, want := range map[string]string{
		"I don't want to report it officially, who can I talk to": "confidential",
		"The alarm went off, no smoke. Who do I report it to?":    "",
	} {
		ans, err := n.Match(Request{Text: text}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := ans.Understood.Confidentiality; got != want {
			t.Errorf("%q: confidentiality wish %q, want %q", text, got, want)
		}
	}
}

// defaultNavigator is a navigator over the default directory with the default knowledge.
func defaultNavigator(t *testing.T) *Navigator {
	t.Helper()
	return New(defaults(t))
}

// defaults is the embedded navigator knowledge and default directory.
func defaults(t *testing.T) (*Knowledge, *directory.Directory) {
	t.Helper()
	d, err := mitdusp.Load()
	if err != nil {
		t.Fatal(err)
	}
	k, err := DefaultKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	return k, d
}
