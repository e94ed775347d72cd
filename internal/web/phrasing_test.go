package web

import (
	"net/http/httptest"
	"testing"
	"testing/fstest"
	"time"

	"signpost/internal/directory"
)

func TestMissingSpanishFallsBackToEnglish(t *testing.T) {
	m, err := loadMessages(fstest.MapFS{
		"messages/en.json": {Data: []byte(`{"lang.name": "English", "format.time": "3:04 PM", "format.date": "{1} {2}, {3}", "a": "A", "b": "B"}`)},
		"messages/es.json": {Data: []byte(`{"lang.name": "Español", "a": "Á"}`)},
	})
	if err != nil {
		t.Fatal(err)
	}
	p := page{Lang: "es", msgs: m.byLang["es"]}
	for _, tc := range []struct{ in, want string }{{"a", "Á"}, {"b", "B"}, {"format.time", "3:04 PM"}, {"nope", "nope"}} {
		if got := p.T(tc.in); got != tc.want {
			t.Errorf("T(%q) in es = %q, want %q", tc.in, got, tc.want)
		}
	}
	if _, err := loadMessages(fstest.MapFS{"messages/en.json": {Data: []byte(`{"a": "A"}`)}, "messages/es.json": {Data: []byte(`{}`)}}); err == nil {
		t.Error("loadMessages accepted a catalog without lang.name and formats")
	}
	if _, err := loadMessages(fstest.MapFS{"messages/en.json": {Data: []byte(`{`)}}); err == nil {
		t.Error("loadMessages accepted malformed JSON")
	}
}

func TestPickLanguage(t *testing.T) {
	m, err := loadMessages(files)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		query, accept string
		want          string
		explicit      bool
	}{
		{"", "", "en", false},
		{"", "es", "es", false},
		{"", "es-MX,es;q=0.9,en;q=0.8", "es", false},
		{"", "en-GB,es;q=0.5", "en", false},
		{"", "fr-FR,de;q=0.9", "en", false},
		{"", "fr-FR,es;q=0.5", "es", false},
		{"", "garbage;;q=x", "en", false},
		{"?lang=es", "en", "es", true},
		{"?lang=EN", "es", "en", true},
		{"?lang=xx", "es", "es", false},
	} {
		r := httptest.NewRequest("GET", "/"+tc.query, nil)
		if tc.accept != "" {
			r.Header.Set("Accept-Language", tc.accept)
		}
		got, explicit := m.pick(r)
		if got != tc.want || explicit != tc.explicit {
			t.Errorf("pick(%q, Accept-Language %q) = %q, %v; want %q, %v", tc.query, tc.accept, got, explicit, tc.want, tc.explicit)
		}
	}
}

func testPage(t *testing.T, lang string) *page {
	t.Helper()
	m, err := loadMessages(files)
	if err != nil {
		t.Fatal(err)
	}
	return &page{Lang: lang, msgs: m.byLang[lang]}
}

func TestWhen(t *testing.T) {
	boston, _ := time.LoadLocation("America/New_York")
	now := time.Date(2026, 11, 24, 12, 0, 0, 0, boston) // a Tuesday
	p := testPage(t, "en")
	for _, tc := range []struct {
		at        time.Time
		form, day string
		clock     string
	}{
		{time.Date(2026, 11, 24, 17, 0, 0, 0, boston), "today", "", "5:00 PM"},
		{time.Date(2026, 11, 25, 0, 0, 0, 0, boston), "today", "", "midnight"}, // the end of today
		{time.Date(2026, 11, 25, 9, 0, 0, 0, boston), "tomorrow", "", "9:00 AM"},
		{time.Date(2026, 11, 30, 9, 30, 0, 0, boston), "day", "Monday", "9:30 AM"},
		{time.Date(2026, 12, 3, 9, 0, 0, 0, boston), "date", "December 3", "9:00 AM"},
		// Across the end of daylight saving time the day count stays right.
		{time.Date(2026, 11, 2, 9, 0, 0, 0, boston), "today", "", "9:00 AM"},
	} {
		n := now
		if tc.at.Before(now) {
			n = time.Date(2026, 11, 1, 12, 0, 0, 0, boston).Add(20 * time.Hour) // Nov 2, 8 AM, after DST ended
		}
		form, day := p.when(n, tc.at)
		if form != tc.form || day != tc.day || p.clock(tc.at) != tc.clock {
			t.Errorf("when(%s, %s) = %q, %q, clock %q; want %q, %q, %q", n, tc.at, form, day, p.clock(tc.at), tc.form, tc.day, tc.clock)
		}
	}
	es := testPage(t, "es")
	if form, day := es.when(now, time.Date(2026, 11, 30, 9, 0, 0, 0, boston)); form != "day" || day != "lunes" {
		t.Errorf("es: when = %q, %q; want day, lunes", form, day)
	}
	if got := es.clock(time.Date(2026, 11, 30, 17, 5, 0, 0, boston)); got != "17:05" {
		t.Errorf("es: clock = %q, want 17:05", got)
	}
	if got := es.date(time.Date(2026, 1, 5, 0, 0, 0, 0, boston), true); got != "5 de enero de 2026" {
		t.Errorf("es: date = %q, want 5 de enero de 2026", got)
	}
}

func TestWeekly(t *testing.T) {
	weekdays := []directory.Weekday{"MO", "TU", "WE", "TH", "FR"}
	for _, tc := range []struct {
		name string
		lang string
		in   []directory.Window
		want []hoursLine
	}{
		{"office", "en", []directory.Window{{Days: weekdays, Opens: "09:00", Closes: "17:00"}},
			[]hoursLine{{"Monday to Friday", "9:00 AM to 5:00 PM"}, {"Saturday and Sunday", "Closed"}}},
		{"overnight", "en", []directory.Window{{Days: weekdays, Opens: "17:00", Closes: "09:00"}, {Days: []directory.Weekday{"SA", "SU"}, Opens: "00:00", Closes: "24:00"}},
			[]hoursLine{{"Monday to Friday", "5:00 PM to 9:00 AM the next morning"}, {"Saturday and Sunday", "All day"}}},
		{"split", "en", []directory.Window{{Days: []directory.Weekday{"WE"}, Opens: "13:00", Closes: "15:00"}, {Days: []directory.Weekday{"WE"}, Opens: "09:00", Closes: "11:00"}},
			[]hoursLine{{"Monday and Tuesday", "Closed"}, {"Wednesday", "9:00 AM to 11:00 AM, 1:00 PM to 3:00 PM"}, {"Thursday to Sunday", "Closed"}}},
		{"spanish", "es", []directory.Window{{Days: weekdays, Opens: "09:00", Closes: "17:30"}},
			[]hoursLine{{"De lunes a viernes", "De 09:00 a 17:30"}, {"Sábado y domingo", "Cerrado"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := testPage(t, tc.lang).weekly(&directory.Hours{TimeZone: "America/New_York", Weekly: tc.in})
			if len(got) != len(tc.want) {
				t.Fatalf("weekly = %q, want %q", got, tc.want)
			}
			for i := range got {
				if got[i] != tc.want[i] {
					t.Errorf("weekly line %d = %q, want %q", i, got[i], tc.want[i])
				}
			}
		})
	}
	if got := testPage(t, "en").weekly(nil); got != nil {
		t.Errorf("weekly(nil) = %q, want nil", got)
	}
}

func TestContactURL(t *testing.T) {
	for _, tc := range []struct {
		in string
		ok bool
	}{
		{"tel:+16172531212", true},
		{"tel:617-253-1212", true},
		{"sms:+16175551234", true},
		{"mailto:compliance@mit.edu", true},
		{"mailto:a@b.edu?subject=x", false},
		{"mailto:someone", false},
		{"https://doingwell.mit.edu", true},
		{"https://ombudsoffice.mit.edu/what-we-do/common-concerns", true},
		{"http://doingwell.mit.edu", false},
		{"https://x\"onclick=alert(1)", false},
		{"//evil.example", false},
		{"data:text/html,x", false},
		{"javascript:alert(1)", false},
		{"tel:+1617<script>", false},
		{"", false},
	} {
		if _, _, ok := contactURL(tc.in); ok != tc.ok {
			t.Errorf("contactURL(%q) ok = %v, want %v", tc.in, ok, tc.ok)
		}
	}
}
