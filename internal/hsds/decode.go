package hsds

// The document is decoded into untyped values (map[string]any, []any, json.Number, string,
// bool) first, and the HSDS records are then read from them into the typed structs of
// records.go with [text], rather than by encoding/json into those structs: the importer accepts
// numbers and booleans where HSDS wants strings, keeps every unknown key in the notes, and
// reports the first wrong value in the order it reads them, none of which encoding/json's typed
// decoding would do the same way.

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"

	"signpost/internal/directory"
)

// parse decodes b as one JSON value, numbers kept as written; a syntax error, an early end or
// data after the value is an [directory.EInvalid] error naming its line.
func parse(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return nil, directory.Errorf(directory.EInvalid, "line %d: %v.", lineOf(b, syn.Offset), err)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, directory.Errorf(directory.EInvalid, "line %d: the document ends too soon.", lineOf(b, int64(len(b))))
		}
		return nil, directory.Errorf(directory.EInvalid, "%v.", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, directory.Errorf(directory.EInvalid, "line %d: data after the document.", lineOf(b, dec.InputOffset()))
	}
	return root, nil
}

// object returns v as an object; nil (absent or null) gives nil.
func object(v any, path string) (map[string]any, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case map[string]any:
		return v, nil
	}
	return nil, pathError(path, "expected an object, found %s", kindOf(v))
}

// array returns v as an array; nil (absent or null) gives nil.
func array(v any, path string) ([]any, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case []any:
		return v, nil
	}
	return nil, pathError(path, "expected an array, found %s", kindOf(v))
}

// text returns a scalar as a string: numbers as written, true and false, "" for null.
func text(v any, path string) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case json.Number:
		return v.String(), nil
	case bool:
		return strconv.FormatBool(v), nil
	}
	return "", pathError(path, "expected a string, found %s", kindOf(v))
}

func kindOf(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "true or false"
	}
	return "null"
}
