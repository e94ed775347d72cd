// Package datafs overlays a folder of data files on embedded defaults, so that an operator
// can replace or add one file without a rebuild. It imports nothing of the project.
package datafs

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
)

// Overlay is a file system that reads a name from Dir when it exists there, else from
// Embedded, and lists a folder as the union of both (Dir's files winning).
type Overlay struct {
	Dir      string
	Embedded fs.FS
}

// Open opens name from the folder, else from the embedded defaults.
func (o Overlay) Open(name string) (fs.File, error) {
	f, err := os.Open(filepath.Join(o.Dir, filepath.FromSlash(name)))
	if errors.Is(err, fs.ErrNotExist) {
		return o.Embedded.Open(name)
	}
	return f, err
}

// ReadDir lists a folder of both, sorted by name, each name once.
func (o Overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]bool{}
	var out []fs.DirEntry
	own, _ := os.ReadDir(filepath.Join(o.Dir, filepath.FromSlash(name)))
	embedded, _ := fs.ReadDir(o.Embedded, name)
	for _, list := range [][]fs.DirEntry{own, embedded} {
		for _, e := range list {
			if !seen[e.Name()] {
				seen[e.Name()] = true
				out = append(out, e)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// DecodeStrict reads the JSON file name of fsys into into, refusing unknown fields so that a
// misspelt key in a hand-edited file is caught rather than ignored. Errors name the file.
func DecodeStrict(fsys fs.FS, name string, into any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(into); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}
