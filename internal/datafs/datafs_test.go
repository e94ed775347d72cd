package datafs_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"

	"signpost/internal/datafs"
)

func TestOverlay(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "lexicon"), 0o700); err != nil {
		t.Fatal(err)
	}
	for name, body := range map[string]string{"a.json": "mine", "lexicon/xx.json": "new"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	o := datafs.Overlay{Dir: dir, Embedded: fstest.MapFS{
		"a.json": {Data: []byte("default")}, "b.json": {Data: []byte("default b")}, "lexicon/en.json": {Data: []byte("en")},
	}}
	for name, want := range map[string]string{"a.json": "mine", "b.json": "default b", "lexicon/en.json": "en", "lexicon/xx.json": "new"} {
		if b, err := fs.ReadFile(o, name); err != nil || string(b) != want {
			t.Errorf("ReadFile(%s) = %q, %v; want %q", name, b, err, want)
		}
	}
	names, err := fs.Glob(o, "lexicon/*.json")
	if err != nil || len(names) != 2 {
		t.Errorf("Glob lexicon = %v, %v; want the embedded and the added lexicon", names, err)
	}
}
