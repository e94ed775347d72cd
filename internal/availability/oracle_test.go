package availability

import (
	"fmt"
	"testing"
	"time"

	"signpost/internal/directory"
)

// oracle decides availability by brute force, sharing no code with the package: it walks each
// window minute by minute into a table of open wall-clock minutes per weekday, compares dates as
// YYYY-MM-DD strings, and finds the wall time the clock has reached by walking back over the
// preceding minutes. The state at an instant is the state of the latest wall-clock minute the
// clock has shown by then, which is how the package defines it across daylight-saving changes.
type oracle struct {
	h        *directory.Hours
	loc      *time.Location
	open     [7][24 * 60]bool
	holidays map[string]bool
	terms    [][2]string
}

// newOracle builds the oracle for h under calendar c.
func newOracle(tb testing.TB, h *directory.Hours, c directory.Calendar) *oracle {
	tb.Helper()
	loc, err := time.LoadLocation(h.TimeZone)
	if err != nil {
		tb.Fatalf("load %q: %v", h.TimeZone, err)
	}
	o := &oracle{h: h, loc: loc, holidays: map[string]bool{}}
	days := map[directory.Weekday]int{"SU": 0, "MO": 1, "TU": 2, "WE": 3, "TH": 4, "FR": 5, "SA": 6}
	for _, w := range h.Weekly {
		opens, closes := clockMinutes(tb, w.Opens), clockMinutes(tb, w.Closes)
		length := closes - opens
		if closes <= opens {
			length = 24*60 - opens + closes
		}
		for _, d := range w.Days {
			for m := opens; m < opens+length; m++ {
				o.open[(days[d]+m/(24*60))%7][m%(24*60)] = true
			}
		}
	}
	for _, hol := range c.Holidays {
		if hol.Calendar == h.Calendar {
			o.holidays[hol.Date] = true
		}
	}
	for _, t := range c.Terms {
		if t.Name == h.Term {
			o.terms = append(o.terms, [2]string{t.Start, t.End})
		}
	}
	return o
}

// clockMinutes parses "HH:MM" into minutes after midnight.
func clockMinutes(tb testing.TB, s string) int {
	tb.Helper()
	var h, m int
	if _, err := fmt.Sscanf(s, "%d:%d", &h, &m); err != nil {
		tb.Fatalf("clock %q: %v", s, err)
	}
	return h*60 + m
}

// wall returns the local clock reading of u, to the minute, as a time in UTC.
func (o *oracle) wall(u time.Time) time.Time {
	l := u.In(o.loc)
	return time.Date(l.Year(), l.Month(), l.Day(), l.Hour(), l.Minute(), 0, 0, time.UTC)
}

// state returns "unknown", "closed" or "open" at instant s. Every boundary falls on a whole UTC
// minute, so the state is that of the minute s is in.
func (o *oracle) state(s time.Time) string {
	u := s.Truncate(time.Minute)
	reached := o.wall(u)
	_, now := u.In(o.loc).Zone()
	if _, before := u.Add(-3 * time.Hour).In(o.loc).Zone(); before != now {
		for k := 1; k <= 180; k++ {
			if w := o.wall(u.Add(-time.Duration(k) * time.Minute)); w.After(reached) {
				reached = w
			}
		}
	}
	date := reached.Format(time.DateOnly)
	if o.h.Term != "" {
		if len(o.terms) == 0 {
			return "unknown"
		}
		in := false
		for _, p := range o.terms {
			in = in || (p[0] <= date && date <= p[1])
		}
		if !in {
			return "closed"
		}
	}
	switch {
	case !o.h.Always && len(o.h.Weekly) == 0 && o.h.Holidays != directory.HolidaysOpen:
		return "unknown"
	case o.h.Always:
		return "open"
	case o.h.Holidays == directory.HolidaysOpen && o.holidays[date]:
		return "open"
	case o.h.Holidays == directory.HolidaysClosed && o.holidays[date]:
		return "closed"
	case o.open[reached.Weekday()][reached.Hour()*60+reached.Minute()]:
		return "open"
	}
	return "closed"
}

func TestOracleAgreesWithTable(t *testing.T) {
	// The oracle itself is checked on a few cases whose answers are known by hand.
	c := testCalendar()
	tests := []struct {
		hours *directory.Hours
		at    string
		want  string
	}{
		{deanOnCall(), "2026-11-28T02:00:00-05:00", "open"},
		{deanOnCall(), "2026-11-24T12:00:00-05:00", "closed"},
		{deanOnCall(), "2026-11-26T12:00:00-05:00", "open"},
		{weekly(win("SU", "00:00", "01:30")), "2026-11-01T01:15:00-05:00", "closed"},
		{weekly(win("SU", "00:00", "01:30")), "2026-11-01T01:15:00-04:00", "open"},
		{weekly(win("SU", "01:30", "02:00")), "2026-11-01T01:15:00-05:00", "open"},
		{&directory.Hours{TimeZone: newYork, Term: "academic-year"}, "2026-07-01T12:00:00-04:00", "closed"},
	}
	for _, tc := range tests {
		if got := newOracle(t, tc.hours, c).state(mustTime(t, tc.at)); got != tc.want {
			t.Errorf("oracle.state(%s) = %s, want %s", tc.at, got, tc.want)
		}
	}
}
