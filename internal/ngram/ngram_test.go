package ngram

import (
	"slices"
	"testing"
)

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

func TestGramsCountWordEdges(t *testing.T) {
	// "cut" alone and "cut" inside "cutting" share "cut" but not " cut ", the padded word.
	alone, inside := grams("cut"), grams("cutting")
	if len(alone) != 6 { // "cu" and "ut" are too short; " cu", "cut", "ut ", " cut", "cut ", " cut "
		t.Errorf("%d grams of a three-letter word, want 6", len(alone))
	}
	shared := 0
	for _, g := range alone {
		if slices.Contains(inside, g) {
			shared++
		}
	}
	if shared == 0 || shared == len(alone) {
		t.Errorf("%d of %d grams shared: the padding should set a whole word apart from a part of one", shared, len(alone))
	}
}
