package navigator_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"signpost/internal/directory"
	"signpost/internal/navigator"
	"signpost/internal/testenv"
)

// TestRenamingEveryIDChangesNoAnswer renames every resource of the default directory and
// asks every evaluation concern of both: the knowledge speaks of topics and attributes, so
// the answers must be the same resources in the same order, with the same reasons.
func TestRenamingEveryIDChangesNoAnswer(t *testing.T) {
	d := testenv.Directory(t)
	renamed := *d
	renamed.Resources = slices.Clone(d.Resources)
	for i := range renamed.Resources {
		renamed.Resources[i].ID = fmt.Sprintf("r%02d-%s", len(renamed.Resources)-i, strings.Repeat("x", i%5+1))
	}
	k, err := navigator.DefaultKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	a, b := navigator.New(k, d), navigator.New(k, &renamed)
	at := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	asked := 0
	for _, file := range []string{"concerns-dev.jsonl", "concerns-own.jsonl", "concerns-extra.jsonl", "concerns-blind.jsonl", "concerns-safety.jsonl"} {
		for _, c := range readCases(t, filepath.Join("../../testdata/eval", file)) {
			req := navigator.Request{Text: c.Q, Role: directory.Role(c.Role), At: at}
			x, err1 := a.Match(req, nil)
			y, err2 := b.Match(req, nil)
			if err1 != nil || err2 != nil {
				t.Fatalf("%s: %v %v", c.ID, err1, err2)
			}
			asked++
			if x.Emergency != y.Emergency || len(x.Results) != len(y.Results) {
				t.Fatalf("%s %q: emergency %v/%v, %d/%d results after renaming", c.ID, c.Q, x.Emergency, y.Emergency, len(x.Results), len(y.Results))
			}
			for i := range x.Results {
				if x.Results[i].Resource.Name != y.Results[i].Resource.Name || !slices.Equal(x.Results[i].Why, y.Results[i].Why) {
					t.Fatalf("%s %q: result %d is %s, %s after renaming", c.ID, c.Q, i, x.Results[i].Resource.Name, y.Results[i].Resource.Name)
				}
			}
		}
	}
	if asked < 500 {
		t.Fatalf("asked only %d concerns", asked)
	}
}
