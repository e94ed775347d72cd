package testenv

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"testing"
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
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var c struct{ Q, Role string }
			if json.Unmarshal(sc.Bytes(), &c) == nil && c.Q != "" {
				texts, roles = append(texts, c.Q), append(roles, c.Role)
			}
		}
		f.Close()
	}
	return texts, roles
}
