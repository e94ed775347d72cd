// Package testenv builds what many tests start from: a real SQLite file holding the default
// directory, and a live catalog over it, as signpost serve has them. Only tests import it.
package testenv

import (
	"context"
	"path/filepath"
	"testing"

	"signpost/internal/catalog"
	"signpost/internal/directory"
	"signpost/internal/mitdusp"
	"signpost/internal/navigator"
	"signpost/internal/store/sqlite"
)

// Env is a store with the default directory and the catalog served from it.
type Env struct {
	Store     *sqlite.Store
	Live      *catalog.Live
	Knowledge *navigator.Knowledge
}

// Defaults opens a fresh SQLite file in a temporary folder, stores the embedded default
// directory in it (after edit, when given), and loads a live catalog with the default
// navigator knowledge. Everything is closed when the test ends.
func Defaults(tb testing.TB, edit func(*directory.Directory)) *Env {
	tb.Helper()
	ctx := context.Background()
	st, err := sqlite.Open(ctx, filepath.Join(tb.TempDir(), "signpost.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { st.Close() })
	d, err := mitdusp.Load()
	if err != nil {
		tb.Fatal(err)
	}
	if edit != nil {
		edit(d)
	}
	if err := st.Replace(ctx, d, directory.Change{Author: "test"}); err != nil {
		tb.Fatal(err)
	}
	k, err := navigator.DefaultKnowledge()
	if err != nil {
		tb.Fatal(err)
	}
	live, err := catalog.NewLive(ctx, st, k)
	if err != nil {
		tb.Fatal(err)
	}
	return &Env{Store: st, Live: live, Knowledge: k}
}
