package availability

import "time"

const (
	secondsPerDay = 24 * 60 * 60
	minutesPerDay = 24 * 60
)

// Wall-clock arithmetic. A wall time is a local date and time written as seconds (or minutes)
// since 1970-01-01 00:00 on the local clock, so that days, weekdays and minutes of the day are
// plain integer division. Local clocks jump at daylight-saving changes, and this file fixes
// how wall times and instants correspond across the jumps:
//
//   - reached(t) is the latest wall time the local clock has shown by instant t. It equals the
//     clock reading except in the hour a fall-back repeats, where the clock has already shown
//     later times.
//   - instant(w) is the first instant at which the local clock reaches wall time w or later.
//     A wall time in a spring-forward gap therefore means the end of the gap, and a wall time
//     that occurs twice means its first occurrence.
//
// Hours are then evaluated on reached(t), and a boundary at wall time w takes effect at
// instant(w); the two are inverse, so states change exactly at the boundaries. time.Date alone
// would not do: for a wall time in a gap it may return an instant before the gap (in
// America/New_York 02:30 on spring-forward day becomes 01:30 EST), and for a repeated wall time
// it picks either occurrence depending on the zone.

// reached returns the latest wall time, in seconds, that the clock of t's location has shown
// by instant t.
func reached(t time.Time) int64 {
	_, off := t.Zone()
	start, _ := t.ZoneBounds()
	if !start.IsZero() {
		_, prev := start.Add(-time.Second).Zone()
		// After a fall-back the clock repeats (prev-off) seconds it has already shown; during
		// them it has reached the wall time just before the change.
		if back := int64(prev - off); back > 0 && t.Unix()-start.Unix() < back {
			return start.Unix() + int64(prev) - 1
		}
	}
	return t.Unix() + int64(off)
}

// instant returns the first instant at which the clock of loc shows wall minute w or later.
func instant(w int64, loc *time.Location) time.Time {
	t := time.Date(1970, time.January, 1, 0, int(w), 0, 0, loc)
	_, off := t.Zone()
	switch got := t.Unix() + int64(off); {
	case got < w*60:
		// w is in a gap and time.Date chose an instant before it: the gap ends where t's zone does.
		if _, end := t.ZoneBounds(); !end.IsZero() {
			return end
		}
	case got > w*60:
		// w is in a gap and time.Date chose an instant after it: the gap ends where t's zone begins.
		if start, _ := t.ZoneBounds(); !start.IsZero() {
			return start
		}
	default:
		// w exists; if it also occurred before a fall-back at the start of t's zone, take that.
		if start, _ := t.ZoneBounds(); !start.IsZero() {
			_, prev := start.Add(-time.Second).Zone()
			if back := int64(prev - off); back > 0 && t.Unix()-back < start.Unix() {
				return time.Unix(t.Unix()-back, 0).In(loc)
			}
		}
	}
	return t
}

// weekday returns the day of the week of local day number d.
func weekday(d int64) time.Weekday {
	return time.Weekday(floorMod(d+int64(time.Thursday), 7)) // 1970-01-01 was a Thursday
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int64) int64 { return a - floorDiv(a, b)*b }
