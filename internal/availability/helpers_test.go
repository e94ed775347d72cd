package availability

import (
	"testing"
	"time"

	"signpost/internal/directory"
)

const newYork = "America/New_York"

// testCalendar is the calendar of the table tests: two MIT holidays (a Thursday and a Monday) and
// two academic years. There is deliberately no "summer-session" term.
func testCalendar() directory.Calendar {
	return directory.Calendar{
		Holidays: []directory.Holiday{
			{Calendar: "mit", Date: "2026-11-26", Name: "Thanksgiving"},
			{Calendar: "mit", Date: "2026-10-12", Name: "Indigenous Peoples' Day"},
			{Calendar: "other", Date: "2026-11-24", Name: "Not an MIT holiday"},
		},
		Terms: []directory.Term{
			{Name: "academic-year", Start: "2026-09-01", End: "2027-05-21"},
			{Name: "academic-year", Start: "2025-09-02", End: "2026-05-22"},
		},
	}
}

// mustCalendar prepares c or fails the test.
func mustCalendar(tb testing.TB, c directory.Calendar) *Calendar {
	tb.Helper()
	cal, err := NewCalendar(c)
	if err != nil {
		tb.Fatalf("NewCalendar: %v", err)
	}
	return cal
}

// mustCompile compiles h or fails the test.
func mustCompile(tb testing.TB, h *directory.Hours) *Schedule {
	tb.Helper()
	s, err := Compile(h)
	if err != nil {
		tb.Fatalf("Compile(%+v): %v", h, err)
	}
	return s
}

// mustTime parses an RFC 3339 time or fails the test.
func mustTime(tb testing.TB, s string) time.Time {
	tb.Helper()
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		tb.Fatalf("parse time %q: %v", s, err)
	}
	return t
}

// stateOf names the state a status reports.
func stateOf(st Status) string {
	switch {
	case !st.Known:
		return "unknown"
	case st.Open:
		return "open"
	}
	return "closed"
}

// formatNext formats a NextChange as RFC 3339, or "none" for nil.
func formatNext(t *time.Time) string {
	if t == nil {
		return "none"
	}
	return t.Format(time.RFC3339)
}

// checkChange checks that st, the status of s at t, is consistent with s itself: NextChange is
// strictly after t, in the schedule's zone, the state just before it is the state at t, and the
// state at it differs.
func checkChange(tb testing.TB, s *Schedule, cal *Calendar, t time.Time, st Status) {
	tb.Helper()
	if st.NextChange == nil {
		return
	}
	nc := *st.NextChange
	if !nc.After(t) {
		tb.Errorf("At(%s): NextChange %s is not after t", t.Format(time.RFC3339), nc.Format(time.RFC3339))
	}
	if got, want := nc.Location().String(), s.loc.String(); got != want {
		tb.Errorf("At(%s): NextChange location %s, want %s", t.Format(time.RFC3339), got, want)
	}
	if got, want := stateOf(s.At(cal, nc.Add(-time.Nanosecond))), stateOf(st); got != want {
		tb.Errorf("At(%s): state just before NextChange %s is %s, want %s", t.Format(time.RFC3339), nc.Format(time.RFC3339), got, want)
	}
	if got := stateOf(s.At(cal, nc)); got == stateOf(st) {
		tb.Errorf("At(%s): state at NextChange %s is %s, the same as at t", t.Format(time.RFC3339), nc.Format(time.RFC3339), got)
	}
}
