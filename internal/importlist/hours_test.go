package importlist

import (
	"reflect"
	"testing"

	"signpost/internal/directory"
)

func TestParseRange(t *testing.T) {
	tests := []struct {
		t1, t2       string
		opens, close int
		ok           bool
	}{
		{"9am", "5pm", 9 * 60, 17 * 60, true},
		{"9 a.m.", "5 p.m.", 9 * 60, 17 * 60, true},
		{"5PM", "9AM", 17 * 60, 9 * 60, true}, // overnight
		{"8:30am", "noon", 8*60 + 30, 12 * 60, true},
		{"10pm", "midnight", 22 * 60, 24 * 60, true},
		{"12am", "12pm", 0, 12 * 60, true},
		{"9", "5pm", 9 * 60, 17 * 60, true},
		{"1", "5pm", 13 * 60, 17 * 60, true},
		{"11", "1pm", 11 * 60, 13 * 60, true},
		{"09:00", "17:00", 9 * 60, 17 * 60, true},
		{"10:00", "16:00", 10 * 60, 16 * 60, true},
		{"8:30", "5", 0, 0, false},      // no am or pm: refused
		{"9am", "5", 0, 0, false},       // the second time's half of the day is a guess
		{"9:00", "5:00", 0, 0, false},   // could be either clock
		{"13pm", "5pm", 0, 0, false},    // not a time
		{"9am", "9am", 0, 0, false},     // no window
		{"24:00", "05:00", 0, 0, false}, // opens at the end of the day
		{"9:75am", "5pm", 0, 0, false},
	}
	for _, tc := range tests {
		o, c, ok := parseRange(tc.t1, tc.t2)
		if ok != tc.ok || (ok && (o != tc.opens || c != tc.close)) {
			t.Errorf("parseRange(%q, %q) = %d, %d, %v; want %d, %d, %v", tc.t1, tc.t2, o, c, ok, tc.opens, tc.close, tc.ok)
		}
	}
}

func TestFindHours(t *testing.T) {
	mf := []directory.Weekday{"MO", "TU", "WE", "TH", "FR"}
	tests := []struct {
		in     string
		always bool
		weekly []directory.Window
		desc   string
	}{
		{"Open Monday–Friday 9am–5pm.", false, []directory.Window{{Days: mf, Opens: "09:00", Closes: "17:00"}}, "Open Monday–Friday 9am–5pm"},
		{"Hours: 9am to 5pm on weekdays.", false, []directory.Window{{Days: mf, Opens: "09:00", Closes: "17:00"}}, "Hours: 9am to 5pm on weekdays"},
		{"Mon, Wed and Fri from 1pm to 3:30pm.", false, []directory.Window{{Days: []directory.Weekday{"MO", "WE", "FR"}, Opens: "13:00", Closes: "15:30"}}, "Mon, Wed and Fri from 1pm to 3:30pm"},
		{"Open Friday through Monday, 10pm–2am.", false, []directory.Window{{Days: []directory.Weekday{"FR", "SA", "SU", "MO"}, Opens: "22:00", Closes: "02:00"}}, "Open Friday through Monday, 10pm–2am"},
		{"Weekdays 9am–5pm; Saturday 10am–2pm.", false, []directory.Window{{Days: mf, Opens: "09:00", Closes: "17:00"}, {Days: []directory.Weekday{"SA"}, Opens: "10:00", Closes: "14:00"}}, "Weekdays 9am–5pm; Saturday 10am–2pm"},
		{"A 24/7 line.", true, nil, "24/7"},
		{"Staffed around the clock.", true, nil, "around the clock"},
		{"Weekdays 8:30–5.", false, nil, "Weekdays 8:30–5"},
		{"Monday–Friday 9am–5pm, except holidays.", false, nil, "Monday–Friday 9am–5pm, except holidays"},
		{"Monday–Friday 9am–5pm and by appointment.", false, nil, "Monday–Friday 9am–5pm and by appointment"},
		{"24/7 hotline. Office open Monday–Friday 9am–5pm.", false, nil, "24/7 hotline. Office open Monday–Friday 9am–5pm"},
		{"Hotline available 24 hours a day.", false, nil, "Hotline available 24 hours a day"},
		{"Open 9am–5pm.", false, nil, "Open 9am–5pm"}, // no days
		{"Closed on Mondays.", false, nil, "Closed on Mondays"},
	}
	for _, tc := range tests {
		h, _ := findHours(tc.in)
		if h == nil || h.Always != tc.always || !reflect.DeepEqual(h.Weekly, tc.weekly) || h.Description != tc.desc || h.TimeZone != TimeZone {
			t.Errorf("findHours(%q) = %+v; want always=%v weekly=%+v description %q", tc.in, h, tc.always, tc.weekly, tc.desc)
		}
	}
	for _, in := range []string{"Call 617-253-1212.", "A confidential office for everyone.", "Over 20 chaplains and 40 student groups."} {
		if h, _ := findHours(in); h != nil {
			t.Errorf("findHours(%q) = %+v, want nil", in, h)
		}
	}
}

func TestSlugAndUniqueID(t *testing.T) {
	taken := map[string]bool{"mit-health": true, "mit-health-2": true}
	tests := []struct{ in, want string }{
		{"Let's Chat", "lets-chat"},
		{"MIT Health", "mit-health-3"},
		{"MIT IS&T", "mit-is-t"},
		{"¿¿??", "resource"},
		{"Ünïcode Café", "n-code-caf"},
	}
	for _, tc := range tests {
		if got := uniqueID(slug(tc.in), taken); got != tc.want || !directory.ValidID(got) {
			t.Errorf("uniqueID(slug(%q)) = %q, want %q", tc.in, got, tc.want)
		}
	}
	long := slug("a very long name that goes on and on well past the sixty four characters an id may have")
	id := uniqueID(long, map[string]bool{})
	if len(id) > 64 || !directory.ValidID(id) {
		t.Errorf("long id %q (%d)", id, len(id))
	}
}
