package importlist_test

import (
	"bytes"
	"os"
	"testing"

	"signpost/internal/importlist"
)

// BenchmarkParseSeed reads the seed page (budget: under 50 ms), and BenchmarkParseSeedHTML the
// same page as a CMS serves it.
func BenchmarkParseSeed(b *testing.B)     { benchParse(b, seedPath) }
func BenchmarkParseSeedHTML(b *testing.B) { benchParse(b, "testdata/seed.html") }

func benchParse(b *testing.B, path string) {
	page, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		ds, err := importlist.Parse(bytes.NewReader(page))
		if err != nil || len(ds) != 30 {
			b.Fatalf("%d drafts, %v", len(ds), err)
		}
		if _, err := importlist.Resources(ds, "seed", nil); err != nil {
			b.Fatal(err)
		}
	}
}
