package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"

	"signpost/internal/directory"
)

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	var format string
	var dryRun bool
	fs := newFlagSet("import", "[-format signpost] [-dry-run] FILE",
		"Replace the whole directory with the one in FILE, in one transaction: on any error nothing changes.\nFormats: signpost (the JSON of the embedded defaults and of gen-synthetic).", stderr)
	addDataFlag(fs, &cfg)
	fs.StringVar(&format, "format", "signpost", "file format: signpost")
	fs.BoolVar(&dryRun, "dry-run", false, "report what would change and store nothing")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	if format != "signpost" {
		return fmt.Errorf("format %q is not supported yet: use -format signpost", format)
	}
	b, err := os.ReadFile(fs.Arg(0))
	if err != nil {
		return err
	}
	d, err := decodeDirectory(b)
	if err != nil {
		return fmt.Errorf("%s: %w", fs.Arg(0), err)
	}
	if err := d.Validate(); err != nil {
		return fmt.Errorf("%s: %s", fs.Arg(0), directory.ErrorMessage(err))
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	cur, err := st.Snapshot(ctx)
	if err != nil {
		return err
	}
	added, changed, removed := diffResources(cur, d)
	verb := "imported"
	if dryRun {
		verb = "would import"
	} else if err := st.Replace(ctx, d, directory.Change{Author: "import", Action: directory.ActionImport, Note: filepath.Base(fs.Arg(0))}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s %d resources (%d new, %d changed, %d removed), %d topics, %d holidays, %d terms\n",
		verb, len(d.Resources), added, changed, removed, len(d.Topics), len(d.Calendar.Holidays), len(d.Calendar.Terms))
	return nil
}

// decodeDirectory reads a directory, refusing unknown fields and trailing data, and names the
// line of a syntax or type error.
func decodeDirectory(b []byte) (*directory.Directory, error) {
	var d directory.Directory
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return nil, fmt.Errorf("line %d: %v", lineOf(b, syn.Offset), err)
		case errors.As(err, &typ):
			return nil, fmt.Errorf("line %d: field %s: %v", lineOf(b, typ.Offset), typ.Field, err)
		}
		return nil, err
	}
	if dec.More() {
		return nil, errors.New("data after the directory object")
	}
	return &d, nil
}

func lineOf(b []byte, offset int64) int {
	return bytes.Count(b[:min(int(offset), len(b))], []byte("\n")) + 1
}

func diffResources(cur, next *directory.Directory) (added, changed, removed int) {
	old := map[string]*directory.Resource{}
	for i := range cur.Resources {
		old[cur.Resources[i].ID] = &cur.Resources[i]
	}
	for i := range next.Resources {
		r := &next.Resources[i]
		if o, ok := old[r.ID]; !ok {
			added++
		} else if !reflect.DeepEqual(o, r) {
			changed++
		}
		delete(old, r.ID)
	}
	return added, changed, len(old)
}
