package mitdusp

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"signpost/internal/directory"
)

const (
	seedPage = "../../testdata/seed/000_70754ded20267d86.txt"
	seedTSV  = "../../testdata/seed/resource-ids.tsv"
)

var (
	phoneRe = regexp.MustCompile(`\b\d{3}-\d{3}-\d{4}\b`)
	emailRe = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}`)
	// campusRe finds short campus numbers such as "Dial 100".
	campusRe = regexp.MustCompile(`\b[Dd]ial (\d{3})(?:[^-\d]|$)`)
)

// mustLoad calls Load and fails the test on error.
func mustLoad(tb testing.TB) *directory.Directory {
	tb.Helper()
	d, err := Load()
	if err != nil {
		tb.Fatalf("Load() error: %v", err)
	}
	return d
}

// mustReadSeed returns the seed page's text.
func mustReadSeed(tb testing.TB) string {
	tb.Helper()
	b, err := os.ReadFile(seedPage)
	if err != nil {
		tb.Fatal(err)
	}
	return string(b)
}

type tsvRow struct{ id, title, section, audience, confidentiality, notes string }

// mustReadTSV returns the curation file's rows, header dropped.
func mustReadTSV(tb testing.TB) []tsvRow {
	tb.Helper()
	f, err := os.Open(seedTSV)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { f.Close() })
	r := csv.NewReader(f)
	r.Comma = '\t'
	r.LazyQuotes = true
	recs, err := r.ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	var rows []tsvRow
	for _, rec := range recs[1:] {
		if len(rec) != 6 {
			tb.Fatalf("TSV row %q has %d fields, want 6", rec, len(rec))
		}
		rows = append(rows, tsvRow{rec[0], rec[1], rec[2], rec[3], rec[4], rec[5]})
	}
	return rows
}

func resourceByID(tb testing.TB, d *directory.Directory, id string) *directory.Resource {
	tb.Helper()
	for i := range d.Resources {
		if d.Resources[i].ID == id {
			return &d.Resources[i]
		}
	}
	tb.Fatalf("resource %q not found", id)
	return nil
}

func contactValues(r *directory.Resource) []string {
	var vs []string
	for _, c := range r.Contacts {
		vs = append(vs, c.Value)
	}
	return vs
}

func TestLoad(t *testing.T) {
	d := mustLoad(t)
	if err := d.Validate(); err != nil {
		t.Fatalf("Validate() = %v, want nil", err)
	}
	if got := len(d.Resources); got != 35 {
		t.Errorf("got %d resources, want 35", got)
	}
	if len(d.Topics) == 0 || len(d.Calendar.Holidays) == 0 || len(d.Calendar.Terms) == 0 {
		t.Errorf("got %d topics, %d holidays, %d terms, want some of each",
			len(d.Topics), len(d.Calendar.Holidays), len(d.Calendar.Terms))
	}

	// Each call returns its own copy.
	d.Resources[0].Name = "changed"
	if again := mustLoad(t); again.Resources[0].Name == "changed" {
		t.Error("Load() shares data between calls")
	}
}

func TestDecodeRejectsUnknownFields(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"unknown field", `{"resources": [], "extra": 1}`},
		{"unknown nested field", `{"resources": [{"id": "x", "phone": "1"}]}`},
		{"trailing data", `{"resources": []} {}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var v struct {
				Resources []directory.Resource `json:"resources"`
			}
			if err := decode("test.json", []byte(tc.in), &v); err == nil {
				t.Errorf("decode(%q) = nil, want an error", tc.in)
			}
		})
	}
}

func TestResourcesMatchTSV(t *testing.T) {
	d := mustLoad(t)
	rows := mustReadTSV(t)
	var want, got []string
	for _, row := range rows {
		want = append(want, row.id)
	}
	for _, r := range d.Resources {
		got = append(got, r.ID)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("resource ids:\ngot  %q\nwant %q", got, want)
	}
	audience := map[string]directory.Audience{
		"all": directory.AudienceAll, "everyone on campus": directory.AudienceEveryone,
		"students": directory.AudienceStudents, "graduate students": directory.AudienceGraduates,
		"undergraduates": directory.AudienceUndergraduates, "employees": directory.AudienceEmployees,
		"faculty": directory.AudienceFaculty,
	}
	sections := map[string]string{"introduction": "Department contacts (introduction)"}
	for i, row := range rows {
		r := &d.Resources[i]
		a, ok := audience[row.audience]
		if !ok {
			t.Fatalf("TSV %s: unknown audience %q", row.id, row.audience)
		}
		if r.Audience != a {
			t.Errorf("%s: audience = %q, want %q", r.ID, r.Audience, a)
		}
		if string(r.Confidentiality) != row.confidentiality {
			t.Errorf("%s: confidentiality = %q, want %q", r.ID, r.Confidentiality, row.confidentiality)
		}
		wantSection := row.section
		if s, ok := sections[row.section]; ok {
			wantSection = s
		}
		if r.Section != wantSection {
			t.Errorf("%s: section = %q, want %q", r.ID, r.Section, wantSection)
		}
		if !strings.HasPrefix(r.Provenance.Notes, row.notes) {
			t.Errorf("%s: provenance.notes = %q, want it to start with the TSV note %q", r.ID, r.Provenance.Notes, row.notes)
		}
		if r.Provenance.LastVerified != "" {
			t.Errorf("%s: last_verified = %q, want empty (nobody has verified)", r.ID, r.Provenance.LastVerified)
		}
	}
}

func TestTextIsVerbatim(t *testing.T) {
	d := mustLoad(t)
	seed := mustReadSeed(t)
	for _, r := range d.Resources {
		for field, s := range map[string]string{
			"name": r.Name, "description": r.Description, "provenance.source_text": r.Provenance.SourceText,
		} {
			if strings.TrimSpace(s) == "" || !strings.Contains(seed, s) {
				t.Errorf("%s: %s %q is not in the seed page", r.ID, field, s)
			}
		}
		if !strings.Contains(r.Provenance.SourceText, r.Description) {
			t.Errorf("%s: description is not part of source_text", r.ID)
		}
		if n := len([]rune(r.Summary)); r.Summary == "" || n > 110 {
			t.Errorf("%s: summary has %d characters, want 1 to 110", r.ID, n)
		}
	}
}

func TestSeedContactsAreStructured(t *testing.T) {
	d := mustLoad(t)
	seed := mustReadSeed(t)
	var stated []string
	stated = append(stated, phoneRe.FindAllString(seed, -1)...)
	stated = append(stated, emailRe.FindAllString(seed, -1)...)
	for _, m := range campusRe.FindAllStringSubmatch(seed, -1) {
		stated = append(stated, m[1])
	}
	slices.Sort(stated)
	stated = slices.Compact(stated)
	for _, want := range []string{"100", "617-253-1212", "617-253-2996", "compliance@mit.edu", "irefs-contact@mit.edu", "mjcoll@mit.edu"} {
		if !slices.Contains(stated, want) {
			t.Fatalf("test scan missed %q in the seed page; found %q", want, stated)
		}
	}
	for _, v := range stated {
		found := false
		for i := range d.Resources {
			r := &d.Resources[i]
			has := slices.Contains(contactValues(r), v)
			found = found || has
			inText := strings.Contains(r.Provenance.SourceText, v)
			if v == "100" {
				inText = campusRe.MatchString(r.Provenance.SourceText)
			}
			if inText && !has {
				t.Errorf("%s: its seed text states %q but no contact has that value", r.ID, v)
			}
		}
		if !found {
			t.Errorf("seed states %q but no resource has it as a contact value", v)
		}
	}
}

// sourceRecord is the record of what each office's page stated, read on 2026-12-07: every
// contact not from the seed must be one of its facts, with its source.
func sourceRecord(t *testing.T) map[string][]sourcedFact {
	t.Helper()
	b, err := os.ReadFile("../../testdata/sources/contacts-2026-12-07.json")
	if err != nil {
		t.Fatal(err)
	}
	var rec struct {
		Resources []struct {
			ID    string        `json:"id"`
			Facts []sourcedFact `json:"facts"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatal(err)
	}
	out := map[string][]sourcedFact{}
	for _, r := range rec.Resources {
		out[r.ID] = r.Facts
	}
	return out
}

type sourcedFact struct {
	Kind   string `json:"kind"`
	Value  string `json:"value"`
	Source string `json:"source"`
	AsOf   string `json:"as_of"`
	Quote  string `json:"quote"`
}

// TestNoInventedContacts holds every contact to its source: the seed's to the seed page's
// text for the resource, the others to the record of the office page that states them.
func TestNoInventedContacts(t *testing.T) {
	d := mustLoad(t)
	seed := mustReadSeed(t)
	lowerSeed := strings.ToLower(seed)
	record := sourceRecord(t)
	for _, r := range d.Resources {
		if r.Contacts == nil {
			t.Errorf("%s: contacts is null, want a list", r.ID)
		}
		for i, c := range r.Contacts {
			if c.Source == "" || c.AsOf == "" {
				t.Errorf("%s: contacts[%d] has no source or as_of", r.ID, i)
			}
			if c.Source != directory.SourceSeed {
				held := false
				for _, f := range record[r.ID] {
					digits := func(s string) string {
						return strings.Map(func(r rune) rune {
							if r >= '0' && r <= '9' {
								return r
							}
							return -1
						}, s)
					}
					same := f.Value == c.Value || (c.Kind == directory.ContactPhone && strings.Contains(digits(f.Value), digits(c.Value)))
					if f.Source == c.Source && f.AsOf == c.AsOf && same {
						held = true
					}
				}
				if !held {
					t.Errorf("%s: contacts[%d] %q from %s is not in the record of that page", r.ID, i, c.Value, c.Source)
				}
				continue
			}
			if c.Value != "" && !strings.Contains(r.Provenance.SourceText, c.Value) {
				t.Errorf("%s: contacts[%d] value %q is not in its seed text", r.ID, i, c.Value)
			}
			if c.URL == "" {
				continue
			}
			var want []string
			switch {
			case phoneRe.MatchString(c.Value):
				want = append(want, "tel:+1"+strings.ReplaceAll(c.Value, "-", ""))
			case c.Kind == directory.ContactEmail:
				want = append(want, "mailto:"+c.Value)
			case c.Kind == directory.ContactWeb && c.Value != "":
				want = append(want, "https://"+strings.ToLower(c.Value))
			}
			if !slices.Contains(want, c.URL) {
				t.Errorf("%s: contacts[%d] url %q is not derived from value %q (want one of %q)", r.ID, i, c.URL, c.Value, want)
			}
			// A seed contact states nothing the seed page does not.
			for _, p := range phoneRe.FindAllString(c.Value+" "+c.URL, -1) {
				if !strings.Contains(seed, p) {
					t.Errorf("%s: phone number %q is not in the seed page", r.ID, p)
				}
			}
			for _, e := range emailRe.FindAllString(c.Value, -1) {
				if !strings.Contains(lowerSeed, strings.ToLower(e)) {
					t.Errorf("%s: e-mail address %q is not in the seed page", r.ID, e)
				}
			}
		}
	}
}

func TestContactsForChannelsWithoutDetails(t *testing.T) {
	d := mustLoad(t)
	tests := []struct {
		id   string
		kind directory.ContactKind
	}{
		{"lean-on-me", directory.ContactText},
		{"peer-ears", directory.ContactPhone},
		{"peer-ears", directory.ContactEmail},
		{"violence-prevention-response", directory.ContactPhone},
		{"police-anonymous-sa-form", directory.ContactForm},
	}
	for _, tc := range tests {
		r := resourceByID(t, d, tc.id)
		i := slices.IndexFunc(r.Contacts, func(c directory.Contact) bool { return c.Kind == tc.kind })
		if i < 0 {
			t.Errorf("%s: no %s contact", tc.id, tc.kind)
			continue
		}
		if c := r.Contacts[i]; c.Value != "" || c.URL != "" || c.Note == "" {
			t.Errorf("%s: %s contact = %+v, want no value or url and a note", tc.id, tc.kind, c)
		}
	}
}

func TestEmergency(t *testing.T) {
	d := mustLoad(t)
	for _, r := range d.Resources {
		want := r.ID == "mit-police" || r.ID == "mit-ems"
		if r.Emergency != want {
			t.Errorf("%s: emergency = %v, want %v", r.ID, r.Emergency, want)
		}
	}
}

func TestTopicsExist(t *testing.T) {
	d := mustLoad(t)
	topics := map[string]bool{}
	for _, tp := range d.Topics {
		topics[tp.ID] = true
	}
	required := []string{
		"harassment", "discrimination", "sexual-misconduct", "interpersonal-violence", "mental-health",
		"crisis", "emergency", "physical-health", "research-misconduct", "wrongdoing", "safety-hazard",
		"it-security", "advisor-relationship", "funding", "academic-progress", "conflict", "workplace",
		"family-legal-financial", "faith", "belonging", "wellbeing", "helping-others", "hospitalization",
		"getting-started", "department-contacts", "accommodations",
	}
	for _, id := range required {
		if !topics[id] {
			t.Errorf("topic %q missing", id)
		}
	}
	used := map[string]bool{}
	for _, r := range d.Resources {
		if len(r.Topics) == 0 {
			t.Errorf("%s: no topics", r.ID)
		}
		for _, id := range r.Topics {
			used[id] = true
			if !topics[id] {
				t.Errorf("%s: topic %q does not exist", r.ID, id)
			}
		}
	}
	for id := range topics {
		if !used[id] {
			t.Errorf("topic %q is used by no resource", id)
		}
	}
}

func TestHours(t *testing.T) {
	d := mustLoad(t)
	always := []string{"mit-police", "mit-ems", "mylife-services", "violence-prevention-response"}
	withHours := append(slices.Clone(always), "dean-on-call", "lets-chat")
	for _, r := range d.Resources {
		if !slices.Contains(withHours, r.ID) {
			if r.Hours != nil {
				t.Errorf("%s: hours = %+v, want none (the seed states none)", r.ID, r.Hours)
			}
			continue
		}
		if r.Hours == nil {
			t.Errorf("%s: no hours", r.ID)
			continue
		}
		if r.Hours.TimeZone != "America/New_York" || r.Hours.Description == "" {
			t.Errorf("%s: hours = %+v, want time zone America/New_York and a description", r.ID, r.Hours)
		}
		if got, want := r.Hours.Always, slices.Contains(always, r.ID); got != want {
			t.Errorf("%s: hours.always = %v, want %v", r.ID, got, want)
		}
	}

	doc := resourceByID(t, d, "dean-on-call").Hours
	weekdays := []directory.Weekday{"MO", "TU", "WE", "TH", "FR"}
	want := []directory.Window{
		{Days: weekdays, Opens: "00:00", Closes: "09:00"},
		{Days: weekdays, Opens: "17:00", Closes: "24:00"},
		{Days: []directory.Weekday{"SA", "SU"}, Opens: "00:00", Closes: "24:00"},
	}
	if !slices.EqualFunc(doc.Weekly, want, func(a, b directory.Window) bool {
		return slices.Equal(a.Days, b.Days) && a.Opens == b.Opens && a.Closes == b.Closes
	}) {
		t.Errorf("dean-on-call weekly = %+v, want %+v", doc.Weekly, want)
	}
	if doc.Holidays != directory.HolidaysOpen || doc.Calendar != "mit" {
		t.Errorf("dean-on-call holidays = %q calendar %q, want open on calendar mit", doc.Holidays, doc.Calendar)
	}

	chat := resourceByID(t, d, "lets-chat").Hours
	if chat.Term != "academic-year" || len(chat.Weekly) != 0 || chat.Always {
		t.Errorf("lets-chat hours = %+v, want term academic-year and no weekly hours", chat)
	}
	if !slices.ContainsFunc(d.Calendar.Terms, func(tm directory.Term) bool { return tm.Name == chat.Term }) {
		t.Errorf("term %q has no periods in the calendar", chat.Term)
	}
}

// nthWeekday returns the n-th (1-based) weekday wd of the month, or the last one for n = -1.
func nthWeekday(year int, month time.Month, wd time.Weekday, n int) string {
	if n < 0 {
		d := time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC)
		for d.Weekday() != wd {
			d = d.AddDate(0, 0, -1)
		}
		return d.Format(time.DateOnly)
	}
	d := time.Date(year, month, 1, 0, 0, 0, 0, time.UTC)
	for d.Weekday() != wd {
		d = d.AddDate(0, 0, 1)
	}
	return d.AddDate(0, 0, 7*(n-1)).Format(time.DateOnly)
}

func TestCalendar(t *testing.T) {
	d := mustLoad(t)
	byDate := map[string]string{}
	for _, h := range d.Calendar.Holidays {
		if h.Calendar != "mit" || h.Verified || h.Source == "" {
			t.Errorf("holiday %+v: want calendar mit, verified false and a source", h)
		}
		if _, dup := byDate[h.Date]; dup {
			t.Errorf("holiday %s appears twice", h.Date)
		}
		byDate[h.Date] = h.Name
	}
	var tests []struct{ name, date string }
	for _, y := range []int{2026, 2027} {
		thanksgiving := nthWeekday(y, time.November, time.Thursday, 4)
		dayAfter, _ := time.Parse(time.DateOnly, thanksgiving)
		tests = append(tests, []struct{ name, date string }{
			{"Martin Luther King Jr. Day", nthWeekday(y, time.January, time.Monday, 3)},
			{"Presidents Day", nthWeekday(y, time.February, time.Monday, 3)},
			{"Patriots Day", nthWeekday(y, time.April, time.Monday, 3)},
			{"Memorial Day", nthWeekday(y, time.May, time.Monday, -1)},
			{"Labor Day", nthWeekday(y, time.September, time.Monday, 1)},
			{"Indigenous Peoples Day", nthWeekday(y, time.October, time.Monday, 2)},
			{"Thanksgiving Day", thanksgiving},
			{"Day after Thanksgiving", dayAfter.AddDate(0, 0, 1).Format(time.DateOnly)},
		}...)
	}
	tests = append(tests, []struct{ name, date string }{
		{"Thanksgiving Day", "2026-11-26"},
		{"New Year's Day", "2026-01-01"},
		{"New Year's Day", "2027-01-01"},
		{"Juneteenth", "2026-06-19"},
		{"Veterans Day", "2026-11-11"},
		{"Veterans Day", "2027-11-11"},
		{"Christmas Day", "2026-12-25"},
	}...)
	for _, tc := range tests {
		if got, ok := byDate[tc.date]; !ok || !strings.HasPrefix(got, tc.name) {
			t.Errorf("holiday on %s = %q, want %q", tc.date, got, tc.name)
		}
	}
	for date := range byDate {
		day, _ := time.Parse(time.DateOnly, date)
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			t.Errorf("holiday %s (%s) falls on a weekend; list the observed weekday", date, byDate[date])
		}
	}

	terms := d.Calendar.Terms
	want := [][2]string{{"2025-09-03", "2026-05-22"}, {"2026-09-02", "2027-05-21"}}
	if len(terms) != len(want) {
		t.Fatalf("got %d terms, want %d", len(terms), len(want))
	}
	for i, tm := range terms {
		if tm.Name != "academic-year" || tm.Start != want[i][0] || tm.End != want[i][1] || tm.Verified ||
			!strings.Contains(tm.Source, "MIT academic calendar") {
			t.Errorf("terms[%d] = %+v, want academic-year %s to %s, unverified, with a source note", i, tm, want[i][0], want[i][1])
		}
	}
}

// TestHoursHaveProvenance: every statement of hours says where it was read and when, as
// contacts do; hours read from an office's page are in the record of that page.
func TestHoursHaveProvenance(t *testing.T) {
	d := mustLoad(t)
	record := sourceRecord(t)
	for _, r := range d.Resources {
		h := r.Hours
		if h == nil {
			continue
		}
		if h.Source == "" || h.AsOf == "" {
			t.Errorf("%s: hours have no source or as_of", r.ID)
			continue
		}
		if h.Source == directory.SourceSeed {
			continue
		}
		held := false
		for _, f := range record[r.ID] {
			held = held || (f.Kind == "hours" && f.Source == h.Source && f.AsOf == h.AsOf)
		}
		if !held {
			t.Errorf("%s: hours from %s are not in the record of that page", r.ID, h.Source)
		}
	}
}

// withoutPublicSource are the resources for which no office page could be found that states
// a way to reach them (testdata/sources/contacts-2026-12-07.json says what was tried). The
// directory invents nothing, so they keep what the department's page says; the list may only
// shrink.
var withoutPublicSource = []string{"ask-mit", "care-team", "lean-on-me", "lets-chat", "medlinks", "mit-hr"}

// TestEveryDoorHasAHandle: every published resource offers a contact a phone, a mail client
// or a browser opens, or a place to go — except those no public source states, and those
// must still lack one (when a source is found, the resource leaves the list).
func TestEveryDoorHasAHandle(t *testing.T) {
	d := mustLoad(t)
	for _, r := range d.Resources {
		if r.Status != directory.StatusPublished {
			continue
		}
		handle := false
		for _, c := range r.Contacts {
			handle = handle || c.URL != "" || (c.Kind == directory.ContactWalkIn && c.Value != "")
		}
		excused := slices.Contains(withoutPublicSource, r.ID)
		switch {
		case !handle && !excused:
			t.Errorf("%s: no contact a phone, mail client or browser opens, and no place to go", r.ID)
		case handle && excused:
			t.Errorf("%s: now has a way to reach it; take it off withoutPublicSource", r.ID)
		}
	}
}
