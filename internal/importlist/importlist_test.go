package importlist_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"signpost/internal/directory"
	"signpost/internal/importlist"
	"signpost/internal/mitdusp"
)

const chemistryPath = "testdata/chemistry-support.txt"

func TestChemistryList(t *testing.T) {
	ds, text := parseFile(t, chemistryPath)
	drafts := byName(ds)
	var names []string
	for _, d := range ds {
		names = append(names, d.Name)
	}
	wantNames := []string{
		"Chemistry Safety Office", "Chemical Spill Line", "Department Ombudsperson (Dr. Ana Ruiz)",
		"Chemistry Building Manager", "Research Integrity Liaison", "Chemistry Graduate Student Council",
		"Graduate Program Administrator", "Peer Mentors", "Undergraduate Chemistry Office", "Chem Tutoring Room",
		"Department HR Partner", "Crisis Text Line", "Department Emergency Card",
	}
	if !slices.Equal(names, wantNames) {
		t.Fatalf("names = %q\nwant %q", names, wantNames)
	}
	if s := drafts["Undergraduate Chemistry Office"].Section; s != "Undergraduate Resources" {
		t.Errorf("section = %q, want Undergraduate Resources", s)
	}

	type c = directory.Contact
	tests := []struct {
		name string
		want []c
	}{
		{"Chemistry Safety Office", []c{
			{Kind: "phone", Purpose: "general", Value: "(617) 555-0142", URL: "tel:+16175550142"},
			{Kind: "email", Purpose: "general", Value: "chemsafety@example.edu", URL: "mailto:chemsafety@example.edu"},
		}},
		{"Chemical Spill Line", []c{
			{Kind: "phone", Purpose: "general", Value: "617.555.0199", Extension: "5", URL: "tel:+16175550199;ext=5"},
			{Kind: "phone", Purpose: "campus-extension", Value: "100"},
		}},
		{"Department Ombudsperson (Dr. Ana Ruiz)", []c{
			{Kind: "web", Purpose: "general", Value: "www.example.org/chem-ombuds", URL: "https://www.example.org/chem-ombuds"},
		}},
		{"Chemistry Building Manager", []c{
			{Kind: "phone", Purpose: "campus-extension", Value: "3-1212"},
			{Kind: "web", Purpose: "report", Value: "https://facilities.example.edu/request", URL: "https://facilities.example.edu/request"},
		}},
		{"Research Integrity Liaison", []c{
			{Kind: "email", Purpose: "general", Value: "integrity@example.edu", URL: "mailto:integrity@example.edu"},
			{Kind: "phone", Purpose: "general", Value: "617-555-0100", Extension: "3-1234", URL: "tel:+16175550100;ext=31234"},
		}},
		{"Chemistry Graduate Student Council", []c{
			{Kind: "web", Purpose: "general", Value: "chemgrad.example.edu", URL: "https://chemgrad.example.edu"},
		}},
		{"Peer Mentors", []c{
			{Kind: "email", Purpose: "general", Value: "chem-peers@example.edu", URL: "mailto:chem-peers@example.edu"},
		}},
		{"Department HR Partner", []c{
			{Kind: "phone", Purpose: "general", Value: "+1 617 555 0177", URL: "tel:+16175550177"},
			{Kind: "phone", Purpose: "campus-extension", Value: "3-4567"},
		}},
		// "Text HOME to 741741" is a keyword and a short code: left in the description.
		{"Crisis Text Line", nil},
		{"Department Emergency Card", []c{
			{Kind: "phone", Purpose: "emergency", Value: "911", URL: "tel:911"},
			{Kind: "phone", Purpose: "campus-extension", Value: "100"},
			{Kind: "phone", Purpose: "non-emergency", Value: "617-555-0111", URL: "tel:+16175550111"},
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got []c
			for _, x := range drafts[tc.name].Contacts {
				if x.Label == "" {
					t.Errorf("%+v has no label", x)
				}
				x.Label = ""
				got = append(got, x)
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("contacts =\n%+v\nwant\n%+v", got, tc.want)
			}
			for _, x := range tc.want {
				if !strings.Contains(text, x.Value) {
					t.Errorf("%q is not in the list: fix the test", x.Value)
				}
			}
		})
	}

	type w = directory.Window
	hours := []struct {
		name   string
		always bool
		weekly []w // nil: kept in words only
	}{
		{"Chemistry Safety Office", false, []w{{Days: []directory.Weekday{"MO", "TU", "WE", "TH", "FR"}, Opens: "09:00", Closes: "17:00"}}},
		{"Chemical Spill Line", true, nil},
		{"Department Ombudsperson (Dr. Ana Ruiz)", false, []w{{Days: []directory.Weekday{"TU", "TH"}, Opens: "14:00", Closes: "16:00"}}},
		{"Graduate Program Administrator", false, []w{{Days: []directory.Weekday{"MO", "TU", "WE", "TH"}, Opens: "10:00", Closes: "16:00"}}},
		// "weekdays 8:30–5" gives no am or pm; "except holidays" needs a calendar; "in Room
		// 4-120" is a number beside the hours: a person decides.
		{"Chemistry Building Manager", false, nil},
		{"Undergraduate Chemistry Office", false, nil},
		{"Chem Tutoring Room", false, nil},
	}
	for _, tc := range hours {
		h := drafts[tc.name].Hours
		if h == nil || h.Always != tc.always || !reflect.DeepEqual(h.Weekly, tc.weekly) || h.Description == "" {
			t.Errorf("%s: hours = %+v, want always=%v weekly=%+v", tc.name, h, tc.always, tc.weekly)
		}
	}
	if h := drafts["Research Integrity Liaison"].Hours; h != nil {
		t.Errorf("Research Integrity Liaison: hours = %+v, but none are stated", h)
	}
}

func TestResources(t *testing.T) {
	d, err := mitdusp.Load()
	if err != nil {
		t.Fatal(err)
	}
	var existing []string
	for _, r := range d.Resources {
		existing = append(existing, r.ID)
	}
	for _, path := range []string{seedPath, chemistryPath} {
		ds, _ := parseFile(t, path)
		rs, err := importlist.Resources(ds, "list.txt", existing)
		if err != nil {
			t.Fatalf("%s: Resources: %v", path, err)
		}
		if len(rs) != len(ds) {
			t.Fatalf("%s: %d resources from %d drafts", path, len(rs), len(ds))
		}
		ids := map[string]bool{}
		for _, id := range existing {
			ids[id] = true
		}
		for i, r := range rs {
			if err := r.Validate(); err != nil {
				t.Errorf("%s: %v", r.ID, err)
			}
			if ids[r.ID] {
				t.Errorf("id %s is taken", r.ID)
			}
			ids[r.ID] = true
			if r.Status != directory.StatusDraft || r.Public() || r.Kind != directory.KindService {
				t.Errorf("%s: status %q kind %q, want a draft service", r.ID, r.Status, r.Kind)
			}
			// Confidentiality is not-confidential unless the page's own words say otherwise,
			// and then the notes say it was inferred.
			if r.Confidentiality != directory.NotConfidential && !strings.Contains(r.Provenance.Notes, "Inferred, to check: confidentiality") {
				t.Errorf("%s: confidentiality %q without a note that it was inferred", r.ID, r.Confidentiality)
			}
			if r.Provenance.Source != "list.txt" || r.Provenance.SourceText != ds[i].SourceText ||
				!strings.Contains(r.Provenance.Notes, "Unreviewed draft from signpost import-list") || r.Provenance.LastVerified != "" {
				t.Errorf("%s: provenance = %+v", r.ID, r.Provenance)
			}
		}
	}

	ds, _ := parseFile(t, seedPath)
	rs, _ := importlist.Resources(ds, "seed.txt", existing)
	got := map[string]*directory.Resource{}
	for i := range rs {
		got[rs[i].Name] = &rs[i]
	}
	for _, tc := range []struct {
		name, id string
		aud      directory.Audience
	}{
		{"MIT Health", "mit-health-2", directory.AudienceAll}, // "mit-health" is a default's id
		{"Let's Chat", "lets-chat-2", directory.AudienceStudents},
		{"Institute Discrimination & Harassment Response Office (IDHR)", "institute-discrimination-harassment-response-office-idhr", directory.AudienceAll},
		{"MIT Human Resources", "mit-human-resources", directory.AudienceEmployees},
		{"MIT Faculty Guide — Recognizing and Responding to Students in Distress", "mit-faculty-guide-recognizing-and-responding-to-students-in", directory.AudienceFaculty},
	} {
		r := got[tc.name]
		if r == nil || r.ID != tc.id || r.Audience != tc.aud {
			t.Errorf("%s: %+v, want id %s audience %s", tc.name, r, tc.id, tc.aud)
		}
	}
}

func TestAudienceFromHeading(t *testing.T) {
	tests := []struct {
		in   string
		want directory.Audience
	}{
		{"Student Specific Resources", directory.AudienceStudents},
		{"Graduate Student Resources", directory.AudienceGraduates},
		{"Undergraduate Resources", directory.AudienceUndergraduates},
		{"Employee Specific Resources", directory.AudienceEmployees},
		{"Faculty Specific Resources", directory.AudienceFaculty},
		{"For all members of the MIT Community", directory.AudienceAll},
		{"Staff and Faculty Resources", directory.AudienceAll},
		// Both kinds of student are the students, no more and no fewer.
		{"Undergraduate and Graduate Students", directory.AudienceStudents},
		{"Students (undergraduate and graduate)", directory.AudienceStudents},
		{"Undergraduate and Graduate Students and Staff", directory.AudienceAll},
		{"Postdocs", directory.AudienceAll},
		{"", directory.AudienceAll},
	}
	for _, tc := range tests {
		if r := importOne(t, tc.in+"\n- A Service\n- It helps.\n"); r.Audience != tc.want {
			t.Errorf("heading %q: audience %q, want %q", tc.in, r.Audience, tc.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"empty", "", "empty file"},
		{"blank", " \n\n\t\n", "empty file"},
		{"binary", "Resources\n- A\n\x00\x01\x02\xff", "line 3: NUL byte"},
		{"invalid UTF-8", "Heading\n\xc3\x28 name\n", "line 2: invalid UTF-8"},
		{"control", "Heading\n- Name\x1b[31m\n", "line 2: control character U+001B"},
		{"no resources", "Heading\nSome prose about the page.\nAnother heading\n", "no resources found in lines 1-3"},
		{"long line", "- " + strings.Repeat("a", importlist.MaxLine), "line 1: longer than"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ds, err := importlist.Parse(strings.NewReader(tc.in))
			var pe *importlist.Error
			if err == nil || !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("Parse(%q) = %d drafts, %v; want an error starting %q", tc.in, len(ds), err, tc.want)
			}
		})
	}
}

func TestParseShapes(t *testing.T) {
	in := "Title Of The Page\n" +
		"An introduction that is prose, with a colon: not a resource.\n" +
		"Heading One:\r\n" +
		"* Starred Name\n" +
		"* text hotline for anyone, no full stop\n" +
		"• Bullet Name\n" +
		"• A first paragraph.\n" +
		"• A second paragraph, still the description.\n" +
		"- Lone Name\n" +
		"- Next Name\n" +
		"- Its description.\n" +
		"NOTE: this is a remark.\n" +
		"Inline Thing: A description written inline.\n"
	ds, err := importlist.Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ name, desc, section string }
	var got []row
	for _, d := range ds {
		got = append(got, row{d.Name, d.Description, d.Section})
	}
	want := []row{
		{"Starred Name", "text hotline for anyone, no full stop", "Heading One"},
		{"Bullet Name", "A first paragraph.\nA second paragraph, still the description.", "Heading One"},
		{"Lone Name", "Lone Name", "Heading One"},
		{"Next Name", "Its description.", "Heading One"},
		{"Inline Thing", "A description written inline.", "Heading One"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Parse =\n%q\nwant\n%q", got, want)
	}
	if ds[0].Line != 4 || ds[2].Line != 9 {
		t.Errorf("lines %d, %d, want 4, 9", ds[0].Line, ds[2].Line)
	}
}

// TestParseUnbulletedLines reads a page without bullets: a resource a line, "Name — description"
// or "Name: description", under headings written as sentences that name the audience.
func TestParseUnbulletedLines(t *testing.T) {
	in := "Getting Help in Geology\n" +
		"This page collects the offices that students, staff and faculty in the department turn to most often when something goes wrong.\n" +
		"Is someone in danger right now?\n" +
		"Campus Police — Officers respond to emergencies 24/7. Call 555-0100 or 911.\n" +
		"If you are a graduate student, these also apply to you.\n" +
		"Graduate Dean's Office – Advises on funding, leaves and advisor changes.\n" +
		"Faculty Guide — Helping Students: Tells instructors what to say to a student in distress.\n"
	ds, err := importlist.Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ name, section string }
	var got []row
	for _, d := range ds {
		got = append(got, row{d.Name, d.Section})
	}
	want := []row{
		{"Campus Police", "Is someone in danger right now?"},
		{"Graduate Dean's Office", "If you are a graduate student, these also apply to you."},
		{"Faculty Guide — Helping Students", "If you are a graduate student, these also apply to you."},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("Parse =\n%q\nwant\n%q", got, want)
	}
	rs, err := importlist.Resources(ds, "geology.txt", nil)
	if err != nil {
		t.Fatal(err)
	}
	if !rs[0].Emergency {
		t.Errorf("%s: not read as an emergency service", rs[0].Name)
	}
	if rs[1].Audience != directory.AudienceGraduates {
		t.Errorf("%s: audience %q, want graduate students from the sentence heading", rs[1].Name, rs[1].Audience)
	}
}

// TestAudienceFromDescription reads whom a resource serves from a sentence of its own
// description when the heading names no one group, and leaves it to the heading, or to all,
// when the page does not say or says two things.
func TestAudienceFromDescription(t *testing.T) {
	tests := []struct {
		desc string
		want directory.Audience
	}{
		{"Short-term counseling. The office serves all undergraduate and graduate students.", directory.AudienceStudents},
		{"Counseling for enrolled students, as well as referrals to care in the community.", directory.AudienceStudents},
		{"Trained peers listen. Nightline is for students.", directory.AudienceStudents},
		{"Advocates serve master's and doctoral students.", directory.AudienceGraduates},
		{"Employee Relations serves all university employees, including staff, faculty and postdocs.", directory.AudienceEmployees},
		{"The office serves faculty.", directory.AudienceFaculty},
		{"The office serves faculty members.", directory.AudienceFaculty},
		{"The office serves students who are struggling to graduate.", directory.AudienceStudents},
		{"The Center serves students, staff and faculty.", directory.AudienceAll},
		{"EHS serves everyone on campus.", directory.AudienceEveryone},
		{"The clinic is open to visitors and the public.", directory.AudienceEveryone},
		{"A listening line run by students.", directory.AudienceAll},
		{"The Ombuds serves as a neutral resource between graduate students and their advisors.", directory.AudienceAll},
		{"The office serves students. It is open to staff too.", directory.AudienceAll},
	}
	for _, tc := range tests {
		r := importOne(t, "Resources\n- A Service\n- "+tc.desc+"\n")
		if r.Audience != tc.want {
			t.Errorf("%q: audience %q, want %q", tc.desc, r.Audience, tc.want)
		}
		// Read from the description, the note quotes the statement for the editor.
		if fromText := strings.Contains(r.Provenance.Notes, "read from \""); fromText != (tc.want != directory.AudienceAll || strings.Contains(tc.desc, "serves students, staff")) {
			t.Errorf("%q: notes %q", tc.desc, r.Provenance.Notes)
		}
	}
}

// importOne imports a page of one resource as import-list does and returns it.
func importOne(t *testing.T, page string) directory.Resource {
	t.Helper()
	ds, err := importlist.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	rs, err := importlist.Resources(ds, "x.txt", nil)
	if err != nil {
		t.Fatal(err)
	}
	return rs[0]
}
