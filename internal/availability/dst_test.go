package availability

import (
	"testing"

	"signpost/internal/directory"
)

// TestAtDST checks windows that cross daylight-saving changes. Wall times in a spring-forward gap
// take effect when the gap ends; a wall time that occurs twice takes effect at its first
// occurrence, and a window that has opened stays open until the clock first reaches its close.
func TestAtDST(t *testing.T) {
	cal := mustCalendar(t, directory.Calendar{
		Holidays: []directory.Holiday{{Calendar: "cl", Date: "2026-09-06", Name: "midnight spring-forward day"}},
	})
	in := func(zone string, ws ...directory.Window) *directory.Hours {
		return &directory.Hours{TimeZone: zone, Weekly: ws}
	}
	ny := func(ws ...directory.Window) *directory.Hours { return in(newYork, ws...) }
	tests := []struct {
		name  string
		hours *directory.Hours
		at    string
		want  string
		next  string
	}{
		// America/New_York springs forward on Sunday 2026-03-08: 02:00 EST becomes 03:00 EDT.
		{"spring: before a window across the gap", ny(win("SU", "01:00", "03:00")), "2026-03-08T00:30:00-05:00", "closed", "2026-03-08T01:00:00-05:00"},
		{"spring: in a window across the gap", ny(win("SU", "01:00", "03:00")), "2026-03-08T01:30:00-05:00", "open", "2026-03-08T03:00:00-04:00"},
		{"spring: a second before the gap", ny(win("SU", "01:00", "03:00")), "2026-03-08T01:59:59-05:00", "open", "2026-03-08T03:00:00-04:00"},
		{"spring: at the end of the gap", ny(win("SU", "01:00", "03:00")), "2026-03-08T03:00:00-04:00", "closed", "2026-03-15T01:00:00-04:00"},
		{"spring: overnight window across the gap", ny(win("SA", "22:00", "04:00")), "2026-03-07T23:00:00-05:00", "open", "2026-03-08T04:00:00-04:00"},
		{"spring: overnight window after the gap", ny(win("SA", "22:00", "04:00")), "2026-03-08T03:30:00-04:00", "open", "2026-03-08T04:00:00-04:00"},
		{"spring: opening inside the gap opens when it ends", ny(win("SU", "02:30", "05:00")), "2026-03-08T01:45:00-05:00", "closed", "2026-03-08T03:00:00-04:00"},
		{"spring: closing inside the gap closes when it ends", ny(win("SU", "01:30", "02:30")), "2026-03-08T01:45:00-05:00", "open", "2026-03-08T03:00:00-04:00"},
		{"spring: a window wholly inside the gap never opens", ny(win("SU", "02:00", "02:30")), "2026-03-08T01:00:00-05:00", "closed", "2026-03-15T02:00:00-04:00"},
		{"spring: window from the gap to after it", ny(win("SU", "02:15", "03:30")), "2026-03-08T03:00:00-04:00", "open", "2026-03-08T03:30:00-04:00"},
		{"spring: dean on call weekend", deanOnCall(), "2026-03-07T12:00:00-05:00", "open", "2026-03-09T09:00:00-04:00"},

		// America/New_York falls back on Sunday 2026-11-01: 02:00 EDT becomes 01:00 EST.
		{"fall: before a window across the repeat", ny(win("SU", "01:00", "03:00")), "2026-11-01T00:30:00-04:00", "closed", "2026-11-01T01:00:00-04:00"},
		{"fall: first 01:30", ny(win("SU", "01:00", "03:00")), "2026-11-01T01:30:00-04:00", "open", "2026-11-01T03:00:00-05:00"},
		{"fall: second 01:30", ny(win("SU", "01:00", "03:00")), "2026-11-01T01:30:00-05:00", "open", "2026-11-01T03:00:00-05:00"},
		{"fall: closes at the first 01:30", ny(win("SU", "00:00", "01:30")), "2026-11-01T01:15:00-04:00", "open", "2026-11-01T01:30:00-04:00"},
		{"fall: does not reopen at the second 01:15", ny(win("SU", "00:00", "01:30")), "2026-11-01T01:15:00-05:00", "closed", "2026-11-08T00:00:00-05:00"},
		{"fall: stays open through the repeat", ny(win("SU", "01:30", "02:00")), "2026-11-01T01:15:00-05:00", "open", "2026-11-01T02:00:00-05:00"},
		{"fall: overnight window across the repeat", ny(win("SA", "22:00", "04:00")), "2026-10-31T23:00:00-04:00", "open", "2026-11-01T04:00:00-05:00"},
		{"fall: dean on call weekend", deanOnCall(), "2026-10-31T12:00:00-04:00", "open", "2026-11-02T09:00:00-05:00"},

		// Europe/London falls back on 2026-10-25 at 02:00 BST; Go's time.Date picks the second
		// 01:00 there, the first one here.
		{"london fall: opens at the first 01:00", in("Europe/London", win("SU", "01:00", "01:30")), "2026-10-25T00:30:00+01:00", "closed", "2026-10-25T01:00:00+01:00"},
		{"london fall: no second opening", in("Europe/London", win("SU", "01:00", "01:30")), "2026-10-25T01:10:00Z", "closed", "2026-11-01T01:00:00Z"},
		// Australia/Lord_Howe springs forward half an hour on 2026-10-04: 02:00 becomes 02:30.
		{"lord howe spring: opening in the gap", in("Australia/Lord_Howe", win("SU", "02:10", "03:00")), "2026-10-04T01:50:00+10:30", "closed", "2026-10-04T02:30:00+11:00"},
		{"lord howe fall: closes at the first 01:45", in("Australia/Lord_Howe", win("SU", "00:00", "01:45")), "2026-04-05T01:40:00+11:00", "open", "2026-04-05T01:45:00+11:00"},
		// America/Santiago springs forward at midnight on 2026-09-06: that day begins at 01:00.
		{"santiago: a holiday begins when its day does", &directory.Hours{TimeZone: "America/Santiago", Holidays: directory.HolidaysOpen, Calendar: "cl"}, "2026-09-05T23:30:00-04:00", "closed", "2026-09-06T01:00:00-03:00"},
		{"santiago: the holiday itself", &directory.Hours{TimeZone: "America/Santiago", Holidays: directory.HolidaysOpen, Calendar: "cl"}, "2026-09-06T01:00:00-03:00", "open", "2026-09-07T00:00:00-03:00"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := mustCompile(t, tc.hours)
			at := mustTime(t, tc.at)
			st := s.At(cal, at)
			if got := stateOf(st); got != tc.want {
				t.Errorf("At(%s) state = %s, want %s", tc.at, got, tc.want)
			}
			if got := formatNext(st.NextChange); got != tc.next {
				t.Errorf("At(%s) NextChange = %s, want %s", tc.at, got, tc.next)
			}
			checkChange(t, s, cal, at, st)
		})
	}
}
