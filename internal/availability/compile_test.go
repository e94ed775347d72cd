package availability

import (
	"testing"

	"signpost/internal/directory"
)

func TestCompileErrors(t *testing.T) {
	good := win("MO", "09:00", "17:00")
	tests := []struct {
		name  string
		hours directory.Hours
	}{
		{"no time zone", directory.Hours{Weekly: []directory.Window{good}}},
		{"unknown time zone", directory.Hours{TimeZone: "Mars/Olympus_Mons", Weekly: []directory.Window{good}}},
		{"unknown holiday rule", directory.Hours{TimeZone: newYork, Holidays: "sometimes", Calendar: "mit"}},
		{"holiday rule without a calendar", directory.Hours{TimeZone: newYork, Holidays: directory.HolidaysClosed}},
		{"window without days", directory.Hours{TimeZone: newYork, Weekly: []directory.Window{{Opens: "09:00", Closes: "17:00"}}}},
		{"unknown day", directory.Hours{TimeZone: newYork, Weekly: []directory.Window{{Days: []directory.Weekday{"MON"}, Opens: "09:00", Closes: "17:00"}}}},
		{"opens 24:00", directory.Hours{TimeZone: newYork, Weekly: []directory.Window{win("MO", "24:00", "02:00")}}},
		{"closes 24:30", directory.Hours{TimeZone: newYork, Weekly: []directory.Window{win("MO", "09:00", "24:30")}}},
		{"malformed clock", directory.Hours{TimeZone: newYork, Weekly: []directory.Window{good, win("TU", "9:00", "17:00")}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := Compile(&tc.hours); directory.ErrorCode(err) != directory.EInvalid {
				t.Errorf("Compile(%+v) error = %v, want code %s", tc.hours, err, directory.EInvalid)
			}
			if _, err := At(&tc.hours, nil, mustTime(t, "2026-11-24T12:00:00Z")); directory.ErrorCode(err) != directory.EInvalid {
				t.Errorf("At(%+v) error = %v, want code %s", tc.hours, err, directory.EInvalid)
			}
		})
	}
}

func TestCompileNil(t *testing.T) {
	s, err := Compile(nil)
	if err != nil {
		t.Fatalf("Compile(nil): %v", err)
	}
	if got := s.At(nil, mustTime(t, "2026-11-24T12:00:00Z")); got != (Status{}) {
		t.Errorf("Compile(nil).At = %+v, want %+v", got, Status{})
	}
}

func TestNewCalendar(t *testing.T) {
	t.Run("errors", func(t *testing.T) {
		tests := []struct {
			name string
			cal  directory.Calendar
		}{
			{"holiday without calendar", directory.Calendar{Holidays: []directory.Holiday{{Date: "2026-11-26"}}}},
			{"holiday date malformed", directory.Calendar{Holidays: []directory.Holiday{{Calendar: "mit", Date: "26/11/2026"}}}},
			{"holiday date impossible", directory.Calendar{Holidays: []directory.Holiday{{Calendar: "mit", Date: "2026-02-30"}}}},
			{"term without name", directory.Calendar{Terms: []directory.Term{{Start: "2026-09-01", End: "2027-05-21"}}}},
			{"term start malformed", directory.Calendar{Terms: []directory.Term{{Name: "t", Start: "2026-9-1", End: "2027-05-21"}}}},
			{"term end before start", directory.Calendar{Terms: []directory.Term{{Name: "t", Start: "2027-05-21", End: "2026-09-01"}}}},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				if _, err := NewCalendar(tc.cal); directory.ErrorCode(err) != directory.EInvalid {
					t.Errorf("NewCalendar(%+v) error = %v, want code %s", tc.cal, err, directory.EInvalid)
				}
			})
		}
	})
	t.Run("lookups", func(t *testing.T) {
		cal := mustCalendar(t, directory.Calendar{
			Holidays: []directory.Holiday{
				{Calendar: "mit", Date: "2026-11-26"},
				{Calendar: "mit", Date: "2026-11-26"}, // listed twice
				{Calendar: "mit", Date: "2026-01-01"},
			},
			Terms: []directory.Term{
				{Name: "t", Start: "2026-09-01", End: "2026-12-18"},
				{Name: "t", Start: "2026-12-19", End: "2027-01-10"}, // the next day: no break
				{Name: "t", Start: "2026-10-01", End: "2026-10-05"}, // inside the first
				{Name: "t", Start: "2027-02-01", End: "2027-02-01"}, // one day
			},
		})
		day := func(s string) int64 {
			d, ok := dayNumber(s)
			if !ok {
				t.Fatalf("dayNumber(%q) failed", s)
			}
			return d
		}
		r := cal.rulesFor("mit", "t")
		holidays := []struct {
			date string
			want bool
		}{{"2026-11-26", true}, {"2026-11-25", false}, {"2026-01-01", true}, {"2027-01-01", false}}
		for _, tc := range holidays {
			if got := r.holiday(day(tc.date)); got != tc.want {
				t.Errorf("holiday(%s) = %v, want %v", tc.date, got, tc.want)
			}
		}
		terms := []struct {
			date string
			want bool
		}{
			{"2026-08-31", false}, {"2026-09-01", true}, {"2026-12-18", true}, {"2026-12-19", true},
			{"2027-01-10", true}, {"2027-01-11", false}, {"2027-01-31", false}, {"2027-02-01", true}, {"2027-02-02", false},
		}
		for _, tc := range terms {
			if got := r.inTerm(day(tc.date)); got != tc.want {
				t.Errorf("inTerm(%s) = %v, want %v", tc.date, got, tc.want)
			}
		}
		if got := len(cal.terms["t"]); got != 2 {
			t.Errorf("merged periods of t = %d, want 2", got)
		}
		var none *Calendar
		if r := none.rulesFor("mit", "t"); r.holidays != nil || r.terms != nil {
			t.Errorf("nil Calendar rulesFor = %+v, want empty", r)
		}
	})
}
