package directory

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
)

// FieldChange is one field that differs between two versions of a document.
type FieldChange struct {
	// Path is the field's JSON path, such as "contacts[0].value" or "hours.description".
	Path string `json:"path"`
	// Before and After are the field's values as JSON; empty when absent.
	Before string `json:"before,omitempty"`
	After  string `json:"after,omitempty"`
}

// DiffDocs compares two JSON documents field by field, down to scalar values, and returns the
// fields that differ in path order. A nil or "null" document counts as empty, so diffing
// against nil lists every field.
func DiffDocs(before, after json.RawMessage) ([]FieldChange, error) {
	a, err := flatten(before)
	if err != nil {
		return nil, fmt.Errorf("diff: before: %w", err)
	}
	b, err := flatten(after)
	if err != nil {
		return nil, fmt.Errorf("diff: after: %w", err)
	}
	var out []FieldChange
	for p, v := range a {
		if w, ok := b[p]; !ok || w != v {
			out = append(out, FieldChange{Path: p, Before: v, After: w})
		}
	}
	for p, w := range b {
		if _, ok := a[p]; !ok {
			out = append(out, FieldChange{Path: p, After: w})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// flatten maps each scalar (and each empty object or array) of a JSON document to its path.
func flatten(doc json.RawMessage) (map[string]string, error) {
	out := map[string]string{}
	if len(bytes.TrimSpace(doc)) == 0 {
		return out, nil
	}
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	walk("", v, out)
	return out, nil
}

func walk(path string, v any, out map[string]string) {
	switch v := v.(type) {
	case nil:
		if path != "" {
			out[path] = "null"
		}
	case map[string]any:
		if len(v) == 0 && path != "" {
			out[path] = "{}"
		}
		for k, x := range v {
			p := k
			if path != "" {
				p = path + "." + k
			}
			walk(p, x, out)
		}
	case []any:
		if len(v) == 0 {
			out[path] = "[]"
		}
		for i, x := range v {
			walk(path+"["+strconv.Itoa(i)+"]", x, out)
		}
	default:
		b, _ := json.Marshal(v)
		out[path] = string(b)
	}
}
