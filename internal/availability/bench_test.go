package availability

import (
	"testing"
	"time"
)

// BenchmarkAt measures the Dean on Call schedule at a closed weekday noon (the next change is the
// same day) and at a Friday evening (the next change is three days later), both compiled once, as
// the navigator calls it, and through the At convenience wrapper, which loads the zone each time.
func BenchmarkAt(b *testing.B) {
	cal := mustCalendar(b, testCalendar())
	s := mustCompile(b, deanOnCall())
	instants := []struct {
		name string
		at   time.Time
	}{
		{"weekday-noon", mustTime(b, "2026-11-24T12:00:00-05:00")},
		{"friday-evening", mustTime(b, "2026-11-20T18:00:00-05:00")},
	}
	for _, in := range instants {
		b.Run("schedule/"+in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if st := s.At(cal, in.at); !st.Known {
					b.Fatal("unknown")
				}
			}
		})
	}
	b.Run("hours/weekday-noon", func(b *testing.B) {
		b.ReportAllocs()
		h := deanOnCall()
		for b.Loop() {
			if _, err := At(h, cal, instants[0].at); err != nil {
				b.Fatal(err)
			}
		}
	})
}
