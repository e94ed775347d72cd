package directory_test

import (
	"encoding/json"
	"testing"

	"signpost/internal/directory"
	"signpost/internal/mitdusp"
)

// FuzzDecodeJSON checks that no input makes the Signpost JSON decoder panic, and that a
// directory it returns either validates or is refused by Validate with an invalid error
// (signpost import validates after decoding). It lives here rather than with the command: in
// a package that links SQLite the fuzzer ran about one input a second, and timed out in CI.
func FuzzDecodeJSON(f *testing.F) {
	for _, name := range []string{"resources.json", "topics.json", "calendar.json"} {
		if b, err := mitdusp.FS.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	d, _ := mitdusp.Load()
	small, _ := json.Marshal(&directory.Directory{Resources: d.Resources[:2], Topics: d.Topics, Calendar: d.Calendar})
	f.Add(small)
	f.Add([]byte("{\n\"resources\": [\n{\"id\": 5}\n]}"))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := directory.DecodeJSON(b)
		if err != nil {
			if d != nil {
				t.Fatal("DecodeJSON returned a directory with an error")
			}
			return
		}
		if err := d.Validate(); err != nil && directory.ErrorCode(err) != directory.EInvalid {
			t.Fatalf("Validate = %v, want nil or an invalid error", err)
		}
	})
}
