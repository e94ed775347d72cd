package navigator

import (
	"sync"

	"signpost/internal/concern"
)

// A concern reader depends on the danger knowledge alone, not on the directory, and takes a
// sixth of a navigator's build (its lexicons and classifier). A catalog rebuilt after an edit
// keeps its knowledge, so the reader of the last knowledge, and of the embedded default, is
// kept rather than compiled again.
var (
	defaultReader = sync.OnceValue(func() *concern.Reader {
		ck, err := concern.DefaultKnowledge()
		if err != nil {
			panic(err) // embedded data, checked by the tests
		}
		return concern.NewReader(ck)
	})
	lastReader struct {
		sync.Mutex
		knowledge *concern.Knowledge
		reader    *concern.Reader
	}
)

// readerFor returns the reader of ck, or of the embedded default when ck is nil.
func readerFor(ck *concern.Knowledge) *concern.Reader {
	if ck == nil {
		return defaultReader()
	}
	lastReader.Lock()
	defer lastReader.Unlock()
	if lastReader.knowledge != ck {
		lastReader.knowledge, lastReader.reader = ck, concern.NewReader(ck)
	}
	return lastReader.reader
}
