package synthetic_test

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"signpost/internal/mitdusp"
	"signpost/internal/synthetic"
)

func TestGenerateIsValidAndDeterministic(t *testing.T) {
	base, err := mitdusp.Load()
	if err != nil {
		t.Fatal(err)
	}
	a := synthetic.Generate(base, 500, 60, 7)
	if err := a.Validate(); err != nil {
		t.Fatalf("generated directory is invalid: %v", err)
	}
	if len(a.Resources) != 500 {
		t.Fatalf("got %d resources, want 500", len(a.Resources))
	}
	if n := len(strings.Fields(a.Resources[0].Description)); n != 60 {
		t.Fatalf("description has %d words, want 60", n)
	}
	if b := synthetic.Generate(base, 500, 60, 7); !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave different directories")
	}
	if c := synthetic.Generate(base, 500, 60, 8); reflect.DeepEqual(a.Resources, c.Resources) {
		t.Fatal("different seeds gave the same directory")
	}
}

// TestEveryTextIsValidUTF8: names start with an upper-cased word, which must not split a
// multi-byte letter (the seed's words include "é").
func TestEveryTextIsValidUTF8(t *testing.T) {
	base, err := mitdusp.Load()
	if err != nil {
		t.Fatal(err)
	}
	d := synthetic.Generate(base, 5000, 30, 3)
	for _, r := range d.Resources {
		if !utf8.ValidString(r.Name) || !utf8.ValidString(r.Description) {
			t.Fatalf("resource %s has invalid UTF-8: %q", r.ID, r.Name)
		}
	}
}
