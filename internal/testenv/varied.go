package testenv

import (
	"testing"

	"signpost/internal/directory"
	"signpost/internal/mitdusp"
)

// Varied is the embedded default directory with the optional states a format must carry set
// somewhere: a draft, a retired resource, a review interval and a verification date, an
// emergency flag and a retired topic. Tests add what their format needs on top.
func Varied(tb testing.TB) *directory.Directory {
	tb.Helper()
	d, err := mitdusp.Load()
	if err != nil {
		tb.Fatal(err)
	}
	d.Resources[0].Status = directory.StatusDraft
	d.Resources[1].Status = directory.StatusRetired
	d.Resources[2].Provenance.ReviewIntervalDays = 45
	d.Resources[2].Provenance.LastVerified = "2026-03-04"
	d.Resources[3].Emergency = true
	d.Topics[len(d.Topics)-1].Retired = true
	return d
}
