package availability

import (
	"testing"

	"signpost/internal/directory"
)

// deanOnCall is MIT's Dean on Call: "available Monday through Friday, 5PM – 9AM, and all weekend
// on Saturday and Sunday and on MIT-observed holidays".
func deanOnCall() *directory.Hours {
	weekdays := []directory.Weekday{"MO", "TU", "WE", "TH", "FR"}
	return &directory.Hours{
		TimeZone: newYork,
		Weekly: []directory.Window{
			{Days: weekdays, Opens: "00:00", Closes: "09:00"},
			{Days: weekdays, Opens: "17:00", Closes: "24:00"},
			{Days: []directory.Weekday{"SA", "SU"}, Opens: "00:00", Closes: "24:00"},
		},
		Holidays: directory.HolidaysOpen,
		Calendar: "mit",
	}
}

// weekly returns New York hours made of the given windows.
func weekly(ws ...directory.Window) *directory.Hours {
	return &directory.Hours{TimeZone: newYork, Weekly: ws}
}

// win is a window on the given days ("MO,TU").
func win(days string, opens, closes string) directory.Window {
	var ds []directory.Weekday
	for i := 0; i+2 <= len(days); i += 3 {
		ds = append(ds, directory.Weekday(days[i:i+2]))
	}
	return directory.Window{Days: ds, Opens: opens, Closes: closes}
}

func TestAt(t *testing.T) {
	cal := mustCalendar(t, testCalendar())
	officeHours := weekly(win("MO,TU,WE,TH,FR", "09:00", "17:00"))
	officeHours.Holidays, officeHours.Calendar = directory.HolidaysClosed, "mit"
	termOffice := weekly(win("MO,TU,WE,TH,FR", "09:00", "17:00"), win("FR", "22:00", "02:00"))
	termOffice.Term = "academic-year"
	tests := []struct {
		name  string
		hours *directory.Hours
		at    string
		want  string // unknown, closed or open
		next  string // RFC 3339, or "none"
	}{
		// Dean on Call, the cases the product depends on.
		{"dean: saturday 2am after thanksgiving", deanOnCall(), "2026-11-28T02:00:00-05:00", "open", "2026-11-30T09:00:00-05:00"},
		{"dean: tuesday noon", deanOnCall(), "2026-11-24T12:00:00-05:00", "closed", "2026-11-24T17:00:00-05:00"},
		{"dean: thanksgiving noon", deanOnCall(), "2026-11-26T12:00:00-05:00", "open", "2026-11-27T09:00:00-05:00"},
		{"dean: wednesday evening runs through thanksgiving", deanOnCall(), "2026-11-25T20:00:00-05:00", "open", "2026-11-27T09:00:00-05:00"},
		{"dean: exactly 17:00 is open", deanOnCall(), "2026-11-24T17:00:00-05:00", "open", "2026-11-25T09:00:00-05:00"},
		{"dean: exactly 09:00 is closed", deanOnCall(), "2026-11-25T09:00:00-05:00", "closed", "2026-11-25T17:00:00-05:00"},
		{"dean: one second before 09:00 is open", deanOnCall(), "2026-11-25T08:59:59-05:00", "open", "2026-11-25T09:00:00-05:00"},
		{"dean: one second before 17:00 is closed", deanOnCall(), "2026-11-24T16:59:59-05:00", "closed", "2026-11-24T17:00:00-05:00"},
		{"dean: friday night to monday 9am is one span", deanOnCall(), "2026-11-20T18:00:00-05:00", "open", "2026-11-23T09:00:00-05:00"},
		{"dean: holiday monday extends the weekend", deanOnCall(), "2026-10-09T18:00:00-04:00", "open", "2026-10-13T09:00:00-04:00"},
		{"dean: instant given in UTC, answer in New York", deanOnCall(), "2026-11-24T17:00:00Z", "closed", "2026-11-24T17:00:00-05:00"},
		{"dean: other calendar's holiday ignored", deanOnCall(), "2026-11-24T10:00:00-05:00", "closed", "2026-11-24T17:00:00-05:00"},

		// 24/7 and unknown.
		{"24/7", &directory.Hours{TimeZone: newYork, Always: true}, "2026-11-24T12:00:00-05:00", "open", "none"},
		{"nil hours", nil, "2026-11-24T12:00:00-05:00", "unknown", "none"},
		{"description only", &directory.Hours{TimeZone: newYork, Description: "By appointment"}, "2026-11-24T12:00:00-05:00", "unknown", "none"},
		{"holidays closed, no weekly hours", &directory.Hours{TimeZone: newYork, Holidays: directory.HolidaysClosed, Calendar: "mit"}, "2026-11-26T12:00:00-05:00", "unknown", "none"},
		{"holidays open, no weekly hours, ordinary day", &directory.Hours{TimeZone: newYork, Holidays: directory.HolidaysOpen, Calendar: "mit"}, "2026-11-24T12:00:00-05:00", "closed", "2026-11-26T00:00:00-05:00"},
		{"holidays open, no weekly hours, holiday", &directory.Hours{TimeZone: newYork, Holidays: directory.HolidaysOpen, Calendar: "mit"}, "2026-11-26T23:00:00-05:00", "open", "2026-11-27T00:00:00-05:00"},

		// Holiday closed rule.
		{"holidays closed: thanksgiving noon", officeHours, "2026-11-26T12:00:00-05:00", "closed", "2026-11-27T09:00:00-05:00"},
		{"holidays closed: wednesday evening skips thanksgiving", officeHours, "2026-11-25T18:00:00-05:00", "closed", "2026-11-27T09:00:00-05:00"},
		{"holidays closed: wednesday afternoon", officeHours, "2026-11-25T16:00:00-05:00", "open", "2026-11-25T17:00:00-05:00"},
		{"holidays closed: 24/7 stays open", &directory.Hours{TimeZone: newYork, Always: true, Holidays: directory.HolidaysClosed, Calendar: "mit"}, "2026-11-26T12:00:00-05:00", "open", "none"},

		// Terms.
		{"lets chat: inside the term is unknown", &directory.Hours{TimeZone: newYork, Term: "academic-year"}, "2026-11-24T12:00:00-05:00", "unknown", "2027-05-22T00:00:00-04:00"},
		{"lets chat: outside the term is closed", &directory.Hours{TimeZone: newYork, Term: "academic-year"}, "2026-07-01T12:00:00-04:00", "closed", "2026-09-01T00:00:00-04:00"},
		{"lets chat: after the last term, closed for good", &directory.Hours{TimeZone: newYork, Term: "academic-year"}, "2027-06-01T12:00:00-04:00", "closed", "none"},
		{"term with no data is unknown", &directory.Hours{TimeZone: newYork, Always: true, Term: "summer-session"}, "2026-07-01T12:00:00-04:00", "unknown", "none"},
		{"24/7 in term: open until the term ends", &directory.Hours{TimeZone: newYork, Always: true, Term: "academic-year"}, "2026-11-24T12:00:00-05:00", "open", "2027-05-22T00:00:00-04:00"},
		{"24/7 in term: closed between terms", &directory.Hours{TimeZone: newYork, Always: true, Term: "academic-year"}, "2026-05-23T00:00:00-04:00", "closed", "2026-09-01T00:00:00-04:00"},
		{"term: last day of term, open", termOffice, "2027-05-21T16:00:00-04:00", "open", "2027-05-21T17:00:00-04:00"},
		{"term: overnight window cut at the end of the term", termOffice, "2027-05-21T23:00:00-04:00", "open", "2027-05-22T00:00:00-04:00"},
		{"term: first day of term opens at 09:00", termOffice, "2026-08-31T12:00:00-04:00", "closed", "2026-09-01T09:00:00-04:00"},

		// Windows.
		{"overnight: monday evening", weekly(win("MO", "17:00", "09:00")), "2026-11-23T20:00:00-05:00", "open", "2026-11-24T09:00:00-05:00"},
		{"overnight: tuesday 08:59", weekly(win("MO", "17:00", "09:00")), "2026-11-24T08:59:00-05:00", "open", "2026-11-24T09:00:00-05:00"},
		{"overnight: tuesday 09:00", weekly(win("MO", "17:00", "09:00")), "2026-11-24T09:00:00-05:00", "closed", "2026-11-30T17:00:00-05:00"},
		{"overnight: sunday into monday", weekly(win("SU", "22:00", "02:00")), "2026-11-23T01:00:00-05:00", "open", "2026-11-23T02:00:00-05:00"},
		{"closes equal to opens: 24 hours", weekly(win("TU", "09:00", "09:00")), "2026-11-25T08:00:00-05:00", "open", "2026-11-25T09:00:00-05:00"},
		{"abutting windows are one span", weekly(win("MO", "09:00", "12:00"), win("MO", "12:00", "17:00")), "2026-11-23T10:00:00-05:00", "open", "2026-11-23T17:00:00-05:00"},
		{"abutting across midnight", weekly(win("SU", "20:00", "24:00"), win("MO", "00:00", "02:00")), "2026-11-22T21:00:00-05:00", "open", "2026-11-23T02:00:00-05:00"},
		{"overlapping windows", weekly(win("MO", "09:00", "13:00"), win("MO", "11:00", "17:00")), "2026-11-23T12:00:00-05:00", "open", "2026-11-23T17:00:00-05:00"},
		{"gap between windows", weekly(win("MO", "09:00", "12:00"), win("MO", "13:00", "17:00")), "2026-11-23T10:00:00-05:00", "open", "2026-11-23T12:00:00-05:00"},
		{"closes 24:00", weekly(win("SA", "18:00", "24:00")), "2026-11-28T23:59:59-05:00", "open", "2026-11-29T00:00:00-05:00"},
		{"closes 00:00 is the same as 24:00", weekly(win("SA", "18:00", "00:00")), "2026-11-28T23:59:59-05:00", "open", "2026-11-29T00:00:00-05:00"},
		{"a week later", weekly(win("SA", "18:00", "24:00")), "2026-11-29T00:00:00-05:00", "closed", "2026-12-05T18:00:00-05:00"},
		{"every day all day is not 24/7 but never changes", weekly(win("MO,TU,WE,TH,FR,SA,SU", "00:00", "24:00")), "2026-11-24T12:00:00-05:00", "open", "none"},
		{"utc zone", &directory.Hours{TimeZone: "UTC", Weekly: []directory.Window{win("MO", "09:00", "17:00")}}, "2026-11-23T10:00:00Z", "open", "2026-11-23T17:00:00Z"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			at := mustTime(t, tc.at)
			st, err := At(tc.hours, cal, at)
			if err != nil {
				t.Fatalf("At(%s): %v", tc.at, err)
			}
			if got := stateOf(st); got != tc.want {
				t.Errorf("At(%s) state = %s, want %s", tc.at, got, tc.want)
			}
			if got := formatNext(st.NextChange); got != tc.next {
				t.Errorf("At(%s) NextChange = %s, want %s", tc.at, got, tc.next)
			}
			wantAlways := tc.hours != nil && tc.hours.Always && tc.hours.Term == ""
			if st.Always != wantAlways {
				t.Errorf("At(%s) Always = %v, want %v", tc.at, st.Always, wantAlways)
			}
			if tc.hours != nil {
				checkChange(t, mustCompile(t, tc.hours), cal, at, st)
			}
		})
	}
}

func TestAtNilCalendar(t *testing.T) {
	tests := []struct {
		name  string
		hours *directory.Hours
		at    string
		want  string
		next  string
	}{
		{"dean: thanksgiving is an ordinary thursday", deanOnCall(), "2026-11-26T12:00:00-05:00", "closed", "2026-11-26T17:00:00-05:00"},
		{"term without any calendar is unknown", &directory.Hours{TimeZone: newYork, Always: true, Term: "academic-year"}, "2026-11-26T12:00:00-05:00", "unknown", "none"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			st, err := At(tc.hours, nil, mustTime(t, tc.at))
			if err != nil {
				t.Fatalf("At(%s): %v", tc.at, err)
			}
			if got := stateOf(st); got != tc.want {
				t.Errorf("At(%s) state = %s, want %s", tc.at, got, tc.want)
			}
			if got := formatNext(st.NextChange); got != tc.next {
				t.Errorf("At(%s) NextChange = %s, want %s", tc.at, got, tc.next)
			}
		})
	}
}
