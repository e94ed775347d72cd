package concern

import (
	"bufio"
	"fmt"
	"os"
	"testing"
)

// TestDebugRead prints the reading of each line of $CONCERN_DEBUG (a file), for development.
func TestDebugRead(t *testing.T) {
	path := os.Getenv("CONCERN_DEBUG")
	if path == "" {
		t.Skip("set CONCERN_DEBUG to a file of concerns")
	}
	k, err := DefaultKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	r := NewReader(k)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		rd := r.Read(sc.Text(), "")
		fmt.Printf("%s\n  lang=%s covered=%v applied=%v\n", sc.Text(), rd.Language, rd.Covered, rd.Languages)
		for _, c := range rd.Concepts {
			fmt.Printf("  %s %q %s ctx=%v fig=%v\n", c.Concept, c.Words, c.Lang, c.Context, c.Figurative)
		}
		for _, e := range rd.Emergencies {
			fmt.Printf("  EMERGENCY %s %v\n", e.ID, e.Evidence)
		}
	}
}
