package catalog_test

import (
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"signpost/internal/availability"
	"signpost/internal/testenv"
)

// TestAvailabilityReuseAnswersAsComputed asks every default resource's availability at
// instants that step forward by minutes and hours, cross its opening times, the clock changes
// and the holidays, and jump back, and holds each answer to a fresh computation from the
// schedule: reusing a status inside the span it holds for must never change an answer.
func TestAvailabilityReuseAnswersAsComputed(t *testing.T) {
	d := testenv.Directory(t)
	c := testenv.Catalog(t, d)
	cal, err := availability.NewCalendar(d.Calendar)
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC) // before the spring clock change
	reused := 0
	for i := range d.Resources {
		r := &d.Resources[i]
		sch, err := availability.Compile(r.Hours)
		if err != nil {
			t.Fatal(err)
		}
		at := start
		for range 3000 {
			switch rng.IntN(10) {
			case 0: // back, as a request asking about another day would
				at = at.Add(-time.Duration(rng.IntN(72*60)) * time.Minute)
			case 1, 2: // far ahead
				at = at.Add(time.Duration(rng.IntN(30*24)) * time.Hour)
			default: // a little later, as the next request would
				at = at.Add(time.Duration(rng.IntN(90*60)) * time.Second)
			}
			got, want := c.Availability(r, at), sch.At(cal, at)
			if got.Known != want.Known || got.Open != want.Open || got.Always != want.Always ||
				(got.NextChange == nil) != (want.NextChange == nil) ||
				(got.NextChange != nil && (!got.NextChange.Equal(*want.NextChange) || got.NextChange.Location().String() != want.NextChange.Location().String())) {
				t.Fatalf("%s at %s: got %+v (next %v), want %+v (next %v)", r.ID, at, got, got.NextChange, want, want.NextChange)
			}
			if got.NextChange != nil {
				reused++
			}
		}
	}
	if reused == 0 {
		t.Fatal("no answer had a next change: the test exercised nothing")
	}
}

// TestAvailabilityReuseConcurrent asks from many goroutines at once (run with -race).
func TestAvailabilityReuseConcurrent(t *testing.T) {
	d := testenv.Directory(t)
	c := testenv.Catalog(t, d)
	base := time.Date(2026, 11, 24, 8, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 500 {
				at := base.Add(time.Duration((i*37+g*11)%(48*60)) * time.Minute)
				for j := range d.Resources {
					st := c.Availability(&d.Resources[j], at)
					if st.NextChange != nil && !st.NextChange.After(at) {
						t.Errorf("%s at %s: next change %s is not after it", d.Resources[j].ID, at, st.NextChange)
						return
					}
				}
			}
		})
	}
	wg.Wait()
}

// TestAvailabilityReuseFarFromNow: instants centuries apart, whose UnixNano values wrap to
// the same span, get each their own answer (found in review).
func TestAvailabilityReuseFarFromNow(t *testing.T) {
	d := testenv.Directory(t)
	c := testenv.Catalog(t, d)
	cal, err := availability.NewCalendar(d.Calendar)
	if err != nil {
		t.Fatal(err)
	}
	for i := range d.Resources {
		r := &d.Resources[i]
		sch, err := availability.Compile(r.Hours)
		if err != nil {
			t.Fatal(err)
		}
		for _, at := range []time.Time{
			time.Date(1715, 6, 10, 14, 0, 0, 0, time.UTC),
			time.Date(2299, 12, 29, 13, 40, 0, 0, time.UTC), // 584.5 years on: the same UnixNano span
			time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC),
		} {
			got, want := c.Availability(r, at), sch.At(cal, at)
			if got.Known != want.Known || got.Open != want.Open || (got.NextChange == nil) != (want.NextChange == nil) ||
				(got.NextChange != nil && !got.NextChange.Equal(*want.NextChange)) {
				t.Fatalf("%s at %s: got %+v, want %+v", r.ID, at, got, want)
			}
		}
	}
}
