package navigator

import (
	"reflect"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"I'm being HARASSED!!", []string{"im", "being", "harassed"}},
		{"don’t   know—who", []string{"dont", "know", "who"}},
		{"PI/TA/RA", []string{"pi", "ta", "ra"}},
		{"café 日本語", []string{"cafe", "日本語"}}, // accents folded, other scripts kept
		{"Depresión ÑANDÚ straße", []string{"depresion", "nandu", "strasse"}},
		{"", nil},
	}
	for _, tc := range tests {
		var got []string
		for _, tok := range tokenize(tc.in) {
			got = append(got, tok.word)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("tokenize(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestStemMeetsInflections(t *testing.T) {
	groups := [][]string{
		{"harass", "harassed", "harassing", "harasses"},
		{"stalk", "stalked", "stalking", "stalks"},
		{"bully", "bullied", "bullies"},
		{"comment", "comments", "commenting"},
		{"stop", "stopped", "stopping"},
		{"advisor", "advisors"},
		{"anonymous", "anonymously"},
		{"cope", "coping"},
		{"make", "making"},
	}
	for _, g := range groups {
		want := stem(g[0])
		for _, w := range g[1:] {
			if got := stem(w); got != want {
				t.Errorf("stem(%q) = %q, want %q (as stem(%q))", w, got, want, g[0])
			}
		}
	}
	// Words that must stay apart.
	for _, pair := range [][2]string{{"fire", "fired"}, {"shot", "shots fired"}, {"use", "us"}, {"coping", "cops"}} {
		if stem(pair[0]) == stem(pair[1]) {
			t.Errorf("stem(%q) == stem(%q) = %q; they must differ", pair[0], pair[1], stem(pair[0]))
		}
	}
}

func TestEditDistance(t *testing.T) {
	tests := []struct {
		a, b  string
		limit int
		want  int
	}{
		{"harasment", "harassment", 2, 1},
		{"advsior", "advisor", 2, 1}, // transposition
		{"kitten", "sitting", 3, 3},
		{"abc", "abcdef", 2, 3}, // beyond the limit
		{"same", "same", 1, 0},
	}
	for _, tc := range tests {
		if got := editDistance(tc.a, tc.b, tc.limit); got != tc.want {
			t.Errorf("editDistance(%q, %q, %d) = %d, want %d", tc.a, tc.b, tc.limit, got, tc.want)
		}
	}
}

func TestFuzzyIndexFindsTypos(t *testing.T) {
	f, lex := newFuzzyIndex(6), newLexicon()
	for _, w := range []string{"harassment", "advisor", "counsel", "discrimination", "fire"} {
		f.add(w, stem(w), lex.mark(stem(w), 0))
	}
	f.finish()
	tests := []struct {
		in   string
		want []string
	}{
		{"harrasment", []string{"harass"}},
		{"harassmnet", []string{"harass"}},
		{"advsor", []string{"advisor"}},
		{"descrimination", []string{"discrimination"}},
		{"discrmnation", []string{"discrimination"}}, // two edits in a long word
		{"fife", nil},  // short words are not fuzzy
		{"short", nil}, // nor five-letter ones ("shoot")
		{"zzzzzz", nil},
	}
	for _, tc := range tests {
		var got []string
		for _, id := range f.appendNear(nil, 0, tc.in) {
			got = append(got, lex.stems[id])
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("near(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
