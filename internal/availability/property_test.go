package availability

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	_ "time/tzdata" // the zones below, whatever the machine has installed

	"signpost/internal/directory"
)

// TestAtProperties checks random hours at random instants against the brute-force [oracle]: the
// state at t is the oracle's; NextChange is after t, in the hours' zone; the state holds from t
// up to just before NextChange and differs at it; with no NextChange the state holds for the
// whole horizon.
func TestAtProperties(t *testing.T) {
	// The zones cover no DST (UTC), DST west and east of Greenwich, a 30-minute shift (Lord
	// Howe) and a change at midnight (Santiago).
	zones := []string{"America/New_York", "Europe/London", "Australia/Lord_Howe", "UTC", "America/Santiago"}
	schedules, instants := 400, 3
	if testing.Short() {
		schedules = 40
	}
	r := rand.New(rand.NewPCG(2026, 11))
	c := randomCalendar(r)
	cal := mustCalendar(t, c)
	transitions := map[string][]time.Time{}
	for _, z := range zones {
		transitions[z] = zoneTransitions(t, z)
	}
	for i := range schedules {
		zone := zones[r.IntN(len(zones))]
		h := randomHours(r, zone)
		s := mustCompile(t, h)
		o := newOracle(t, h, c)
		for range instants {
			at := randomInstant(r, transitions[zone])
			// Follow the changes a few steps, so that instants exactly on a boundary are checked.
			for step := 0; step < 3; step++ {
				next := checkAgainstOracle(t, fmt.Sprintf("hours #%d %+v", i, *h), s, cal, o, at)
				if next == nil {
					break
				}
				at = *next
			}
		}
	}
}

// checkAgainstOracle checks the status of s at t against o and returns its NextChange.
func checkAgainstOracle(tb testing.TB, desc string, s *Schedule, cal *Calendar, o *oracle, t time.Time) *time.Time {
	tb.Helper()
	st := s.At(cal, t)
	cur := stateOf(st)
	if want := o.state(t); cur != want {
		tb.Fatalf("%s\nAt(%s) state = %s, want %s", desc, t.Format(time.RFC3339Nano), cur, want)
	}
	holds := func(u time.Time) {
		tb.Helper()
		if got := o.state(u); got != cur {
			tb.Fatalf("%s\nAt(%s) = %s, NextChange %s, but the state at %s is %s", desc, t.Format(time.RFC3339Nano), cur, formatNext(st.NextChange), u.Format(time.RFC3339Nano), got)
		}
	}
	// agrees also asks the package at u, which the oracle alone would not catch being wrong at
	// instants between t and NextChange.
	agrees := func(u time.Time) {
		tb.Helper()
		holds(u)
		if got := stateOf(s.At(cal, u)); got != cur {
			tb.Fatalf("%s\nAt(%s) = %s, NextChange %s, but At(%s) = %s", desc, t.Format(time.RFC3339Nano), cur, formatNext(st.NextChange), u.Format(time.RFC3339Nano), got)
		}
	}
	if st.NextChange == nil {
		for u := t; u.Before(t.AddDate(0, 0, HorizonDays-1)); u = u.Add(3*time.Hour + 7*time.Minute) {
			holds(u)
		}
		return nil
	}
	nc := *st.NextChange
	if !nc.After(t) {
		tb.Fatalf("%s\nAt(%s) NextChange = %s, not after t", desc, t.Format(time.RFC3339Nano), nc.Format(time.RFC3339))
	}
	if got, want := nc.Location().String(), o.h.TimeZone; got != want {
		tb.Fatalf("%s\nAt(%s) NextChange location = %s, want %s", desc, t.Format(time.RFC3339Nano), got, want)
	}
	// Every 7 minutes for two days, then every 37 minutes for a week, then every 3 hours (a
	// state lasting more than a week is a whole-day state), and every minute of the last 3 hours.
	for u := t; u.Before(nc); {
		switch d := u.Sub(t); {
		case d < 48*time.Hour:
			agrees(u)
			u = u.Add(7 * time.Minute)
		case d < 8*24*time.Hour:
			holds(u)
			u = u.Add(37 * time.Minute)
		default:
			holds(u)
			u = u.Add(3 * time.Hour)
		}
	}
	last := nc.Add(-3 * time.Hour)
	if last.Before(t) {
		last = t
	}
	for u := last; u.Before(nc); u = u.Add(time.Minute) {
		holds(u)
	}
	holds(nc.Add(-time.Nanosecond))
	if got := o.state(nc); got == cur {
		tb.Fatalf("%s\nAt(%s) = %s, NextChange %s, but the state there is still %s", desc, t.Format(time.RFC3339Nano), cur, nc.Format(time.RFC3339), got)
	}
	if got := stateOf(s.At(cal, nc.Add(-time.Nanosecond))); got != cur {
		tb.Fatalf("%s\nAt(%s) = %s, but At(NextChange-1ns) = %s", desc, t.Format(time.RFC3339Nano), cur, got)
	}
	return st.NextChange
}

// randomHours returns valid hours in zone: any mix of windows (often around the small hours,
// where clocks change), 24/7, holiday rules and terms, with or without calendar data.
func randomHours(r *rand.Rand, zone string) *directory.Hours {
	h := &directory.Hours{TimeZone: zone, Always: r.IntN(10) == 0}
	for range r.IntN(5) {
		var w directory.Window
		// Clocks change on Sundays in most of the zones, so Sunday is the likeliest day.
		for _, d := range []directory.Weekday{"MO", "TU", "WE", "TH", "FR", "SA"} {
			if r.IntN(5) < 2 {
				w.Days = append(w.Days, d)
			}
		}
		if len(w.Days) == 0 || r.IntN(5) < 3 {
			w.Days = append(w.Days, "SU")
		}
		opens := randomMinute(r)
		closes := randomMinute(r)
		switch r.IntN(10) {
		case 0:
			closes = 24 * 60
		case 1:
			closes = opens
		case 2, 3:
			// A short window, which may lie wholly inside a skipped or repeated hour.
			closes = min(opens+1+r.IntN(60), 24*60)
		}
		w.Opens, w.Closes = clock(opens), clock(closes)
		h.Weekly = append(h.Weekly, w)
	}
	switch r.IntN(3) {
	case 1:
		h.Holidays = directory.HolidaysOpen
	case 2:
		h.Holidays = directory.HolidaysClosed
	}
	if h.Holidays != directory.HolidaysRegular || r.IntN(2) == 0 {
		h.Calendar = "x"
		if r.IntN(10) == 0 {
			h.Calendar = "no-such-calendar"
		}
	}
	switch n := r.IntN(20); {
	case n < 5:
		h.Term = "t"
	case n == 5:
		h.Term = "no-such-term"
	}
	return h
}

// randomMinute returns a minute of the day, often around midnight and in the small hours, when
// clocks change, and often on a quarter hour.
func randomMinute(r *rand.Rand) int {
	var m int
	switch r.IntN(6) {
	case 0, 1:
		m = r.IntN(24 * 60)
	case 2:
		m = 23*60 + r.IntN(60)
	default:
		m = r.IntN(4 * 60)
	}
	if r.IntN(2) == 0 {
		m -= m % 15
	}
	return m
}

// clock formats minutes after midnight as HH:MM.
func clock(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }

// randomCalendar returns holidays of calendar "x" and periods of term "t" over 2026-2027,
// including the daylight-saving days of the property zones and back-to-back periods.
func randomCalendar(r *rand.Rand) directory.Calendar {
	var c directory.Calendar
	base := time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC)
	day := func(n int) string { return base.AddDate(0, 0, n).Format(time.DateOnly) }
	for _, d := range []string{"2026-03-08", "2026-11-01", "2026-03-29", "2026-10-25", "2026-04-05", "2026-10-04", "2026-09-06", "2027-03-14"} {
		c.Holidays = append(c.Holidays, directory.Holiday{Calendar: "x", Date: d})
	}
	for range 40 {
		c.Holidays = append(c.Holidays, directory.Holiday{Calendar: "x", Date: day(r.IntN(730))})
	}
	c.Terms = append(c.Terms,
		directory.Term{Name: "t", Start: "2026-03-08", End: "2026-04-04"},
		directory.Term{Name: "t", Start: "2026-04-05", End: "2026-05-01"}, // back to back
		directory.Term{Name: "t", Start: "2026-10-25", End: "2026-11-01"},
	)
	for range 6 {
		start := r.IntN(730)
		c.Terms = append(c.Terms, directory.Term{Name: "t", Start: day(start), End: day(start + r.IntN(60))})
	}
	return c
}

// zoneTransitions returns the instants zone changes offset or name in 2026-2027.
func zoneTransitions(tb testing.TB, zone string) []time.Time {
	tb.Helper()
	loc, err := time.LoadLocation(zone)
	if err != nil {
		tb.Fatalf("load %q: %v", zone, err)
	}
	var out []time.Time
	end := time.Date(2028, time.January, 1, 0, 0, 0, 0, time.UTC)
	for t := time.Date(2026, time.January, 1, 0, 0, 0, 0, loc); ; {
		_, next := t.ZoneBounds()
		if next.IsZero() || next.After(end) {
			return out
		}
		out = append(out, next)
		t = next
	}
}

// randomInstant returns an instant in 2026-2027: half uniformly, half within three hours of a
// clock change, sometimes on a whole minute and sometimes with nanoseconds.
func randomInstant(r *rand.Rand, transitions []time.Time) time.Time {
	var t time.Time
	if len(transitions) > 0 && r.IntN(2) == 0 {
		t = transitions[r.IntN(len(transitions))].Add(time.Duration(r.Int64N(int64(6*time.Hour))) - 3*time.Hour)
	} else {
		t = time.Date(2026, time.January, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(r.Int64N(int64(2 * 365 * 24 * time.Hour))))
	}
	switch r.IntN(3) {
	case 0:
		return t.Truncate(time.Minute)
	case 1:
		return t.Truncate(time.Second)
	}
	return t
}
