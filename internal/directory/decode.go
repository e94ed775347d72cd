package directory

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
)

// DecodeJSON reads a whole directory in Signpost's own JSON (what `signpost export` writes),
// refusing unknown fields and trailing data, with the line of a syntax or type error. It does
// not validate: callers run [Directory.Validate].
func DecodeJSON(b []byte) (*Directory, error) {
	var d Directory
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return nil, fmt.Errorf("line %d: %w", lineOf(b, syn.Offset), err)
		case errors.As(err, &typ):
			return nil, fmt.Errorf("line %d: field %s: %w", lineOf(b, typ.Offset), typ.Field, err)
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
