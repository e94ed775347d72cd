package ngram

import "testing"

func TestLogOddsFollowsTheExamples(t *testing.T) {
	m := Train([]Example{
		{"he has a knife and is coming at me", true},
		{"someone is stabbing people in the hall", true},
		{"my roommate is not breathing", true},
		{"how do I change my advisor", false},
		{"I need help with my funding", false},
		{"my inbox is full of spam", false},
	})
	if m.LogOdds("a man with a knife is stabbing") <= 0 {
		t.Error("a text like the positive examples scored as negative")
	}
	if m.LogOdds("can I change my funding advisor") >= 0 {
		t.Error("a text like the negative examples scored as positive")
	}
	if got := Train(nil).LogOdds("anything"); got != 0 {
		t.Errorf("an untrained model gives %v, want 0", got)
	}
}

func TestGramsIgnoreCaseAccentsAndPunctuation(t *testing.T) {
	a, b := grams("¡Ayúdame, POR FAVOR!"), grams("ayudame por favor")
	if len(a) != len(b) {
		t.Fatalf("%d and %d grams", len(a), len(b))
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatal("the same words in another case, accent or punctuation gave other grams")
		}
	}
}
