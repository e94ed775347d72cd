package hsds

import (
	"bytes"
	"fmt"
	"strconv"

	"signpost/internal/directory"
)

// A wrong value is reported at its JSON path, built with join and at as the importer descends
// (services[3].phones[0].number), so that a person can find it in the file.

// pathError is the error of a value at a JSON path.
func pathError(path, format string, args ...any) error {
	if path == "" {
		path = "document"
	}
	return directory.Errorf(directory.EInvalid, "%s: %s.", path, fmt.Sprintf(format, args...))
}

// join is the path of key in the object at path; the document's own keys have no prefix.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// at is the path of item i of the array at path.
func at(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// lineOf returns the line of b that offset falls on, for errors before there is a path.
func lineOf(b []byte, offset int64) int {
	return bytes.Count(b[:max(0, min(int(offset), len(b)))], []byte("\n")) + 1
}
