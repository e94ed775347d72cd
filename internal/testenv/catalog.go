package testenv

import (
	"testing"
	"time"

	"signpost/internal/catalog"
	"signpost/internal/directory"
	"signpost/internal/mitdusp"
	"signpost/internal/navigator"
)

// Directory returns a fresh copy of the embedded default directory.
func Directory(tb testing.TB) *directory.Directory {
	tb.Helper()
	d, err := mitdusp.Load()
	if err != nil {
		tb.Fatal(err)
	}
	return d
}

// Catalog builds a catalog of d with the default navigator knowledge, without a store, for
// tests of the read model itself.
func Catalog(tb testing.TB, d *directory.Directory) *catalog.Catalog {
	tb.Helper()
	k, err := navigator.DefaultKnowledge()
	if err != nil {
		tb.Fatal(err)
	}
	c, err := catalog.New(d, k, time.Now())
	if err != nil {
		tb.Fatal(err)
	}
	return c
}
