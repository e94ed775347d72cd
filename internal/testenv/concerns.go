package testenv

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"signpost/internal/evaluation"
)

// DevConcerns returns the concerns, with their stated roles, of the development evaluation
// sets: real wording for fuzzers' seed corpora. The blind sets stay out; they judge the
// navigator.
func DevConcerns(tb testing.TB) (texts, roles []string) {
	tb.Helper()
	_, here, _, _ := runtime.Caller(0)
	dir := filepath.Join(filepath.Dir(here), "..", "..", "testdata", "eval")
	for _, name := range []string{"concerns-dev.jsonl", "concerns-extra.jsonl", "concerns-own.jsonl"} {
		f, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			tb.Fatal(err)
		}
		cases, err := evaluation.ReadCases(f)
		f.Close()
		if err != nil {
			tb.Fatalf("%s: %v", name, err)
		}
		for _, c := range cases {
			texts, roles = append(texts, c.Q), append(roles, c.Role)
		}
	}
	return texts, roles
}
