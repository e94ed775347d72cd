package mitdusp

import (
	"bytes"
	"embed"
	"encoding/json"
	"fmt"
	"io"

	"signpost/internal/directory"
)

// FS holds the default directory's data files, resources.json, topics.json and calendar.json,
// for tools that export or inspect them.
//
//go:embed resources.json topics.json calendar.json
var FS embed.FS

// Load parses the embedded data files into a new [directory.Directory] and validates it. It
// returns an error wrapping the parse problem if a file is malformed or has an unknown field,
// and the [directory.EInvalid] error of [directory.Directory.Validate] if the data breaks a
// domain rule. Each call returns a fresh copy that the caller may change.
func Load() (*directory.Directory, error) {
	var res struct {
		Resources []directory.Resource `json:"resources"`
	}
	var top struct {
		Topics []directory.Topic `json:"topics"`
	}
	var cal directory.Calendar
	for _, f := range []struct {
		name string
		v    any
	}{
		{"resources.json", &res},
		{"topics.json", &top},
		{"calendar.json", &cal},
	} {
		b, err := FS.ReadFile(f.name)
		if err != nil {
			return nil, fmt.Errorf("read %s: %w", f.name, err)
		}
		if err := decode(f.name, b, f.v); err != nil {
			return nil, err
		}
	}
	d := &directory.Directory{Resources: res.Resources, Topics: top.Topics, Calendar: cal}
	if err := d.Validate(); err != nil {
		return nil, fmt.Errorf("validate default directory: %w", err)
	}
	return d, nil
}

// decode parses the file name, held in b, into v. It rejects unknown fields and trailing data
// so that a misspelt field in the data cannot silently drop a fact.
func decode(name string, b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("decode %s: %w", name, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return fmt.Errorf("decode %s: unexpected data after the top-level object", name)
	}
	return nil
}
