package importlist_test

import (
	"os"
	"slices"
	"strings"
	"testing"

	"signpost/internal/directory"
	"signpost/internal/importlist"
)

// TestSeedAsHTML reads the seed page as a CMS would serve it — navigation, breadcrumbs, a
// sidebar and a footer around it, the confidential resources in italics as the page says —
// and finds the same 30 resources as from its text, the italic ones confidential.
func TestSeedAsHTML(t *testing.T) {
	f, err := os.Open("testdata/seed.html")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ds, err := importlist.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := parseFile(t, seedPath)
	if len(ds) != len(text) {
		t.Fatalf("HTML gives %d resources, the text %d", len(ds), len(text))
	}
	for i := range ds {
		if !strings.HasPrefix(text[i].Name, ds[i].Name) && !strings.HasPrefix(ds[i].Name, text[i].Name) || ds[i].Section != text[i].Section {
			t.Errorf("resource %d: HTML %q [%s], text %q [%s]", i, ds[i].Name, ds[i].Section, text[i].Name, text[i].Section)
		}
		for _, w := range []string{"Home", "Academics", "Calendar", "Twitter"} {
			if ds[i].Name == w {
				t.Errorf("navigation read as a resource: %q", w)
			}
		}
	}
	rs, err := importlist.Resources(ds, "seed.html", nil)
	if err != nil {
		t.Fatal(err)
	}
	confidential := map[string]bool{}
	for _, r := range rs {
		if r.Confidentiality == directory.Confidential {
			confidential[r.Name] = true
			if !strings.Contains(r.Provenance.Notes, "Inferred") {
				t.Errorf("%s: confidential without a note saying it was inferred", r.Name)
			}
		}
	}
	for _, want := range []string{"MIT Ombuds Office", "Let's Chat", "Violence Prevention Response", "MIT Health"} {
		if !confidential[want] {
			t.Errorf("%s, in italics, is not confidential", want)
		}
	}
	if confidential["Institute Discrimination & Harassment Response Office (IDHR)"] || len(confidential) != 9 {
		t.Errorf("confidential: %v, want the 9 in italics", confidential)
	}
}

// TestLayouts reads the same resources written in the layouts department pages use.
func TestLayouts(t *testing.T) {
	pages := map[string]string{
		"numbered": "Support\nFor everyone\n1. Counseling Center (confidential) — Free short-term counseling for students. Call 555-0100.\n2) Campus Police: Answers emergencies around the clock at 555-0199.\nFor employees\n1. Employee Assistance Program — Confidential. Counseling and legal advice for staff.\n",
		"markdown": "# Support\n\nResources in *italics* are confidential.\n\n## For everyone\n\n- **Counseling Center** (confidential) — Free short-term counseling for students. Call 555-0100.\n- [Campus Police](https://police.example.edu) – Answers emergencies around the clock at 555-0199.\n\n## For employees\n\n* *Employee Assistance Program* — Counseling and legal advice for staff.\n",
		"colon":    "Support\nResources in italics are confidential. The Counseling Center and the Employee Assistance Program are confidential.\nFor everyone\nCounseling Center: Free short-term counseling for students. Call 555-0100.\nCampus Police: Answers emergencies around the clock at 555-0199.\nFor employees\nEmployee Assistance Program: Counseling and legal advice for staff.\n",
		"html":     `<html><body><nav><ul><li><a href="/">Home</a></li><li><a href="/a">About us</a></li></ul></nav><main><h1>Support</h1><p>Resources in <em>italics</em> are confidential.</p><h2>For everyone</h2><ul><li><em><a href="https://counseling.example.edu">Counseling Center</a></em> — Free short-term counseling for students. <a href="tel:+16175550100">Call us</a></li><li><a href="https://police.example.edu">Campus Police</a>: Answers emergencies around the clock at 555-0199.</li></ul><h2>For employees</h2><dl><dt><i>Employee Assistance Program</i></dt><dd>Counseling and legal advice for staff. <a href="mailto:eap@example.edu">eap@example.edu</a></dd></dl></main><footer><p>© Example</p></footer></body></html>`,
	}
	for layout, page := range pages {
		ds, err := importlist.Parse(strings.NewReader(page))
		if err != nil {
			t.Fatalf("%s: %v", layout, err)
		}
		var names []string
		for _, d := range ds {
			names = append(names, d.Name)
		}
		if strings.Join(names, "|") != "Counseling Center|Campus Police|Employee Assistance Program" {
			t.Fatalf("%s: names %q", layout, names)
		}
		rs, err := importlist.Resources(ds, layout, nil)
		if err != nil {
			t.Fatalf("%s: %v", layout, err)
		}
		if rs[0].Confidentiality != directory.Confidential || rs[1].Confidentiality != directory.NotConfidential || rs[2].Confidentiality != directory.Confidential {
			t.Errorf("%s: confidentiality %s %s %s, want confidential, not-confidential, confidential", layout, rs[0].Confidentiality, rs[1].Confidentiality, rs[2].Confidentiality)
		}
		if !rs[1].Emergency || rs[0].Emergency {
			t.Errorf("%s: the police's emergency role was not read (%v, %v)", layout, rs[1].Emergency, rs[0].Emergency)
		}
		if ds[0].Section != "For everyone" || ds[2].Section != "For employees" || rs[2].Audience != directory.AudienceEmployees {
			t.Errorf("%s: sections %q %q, audience %s", layout, ds[0].Section, ds[2].Section, rs[2].Audience)
		}
		if layout == "html" {
			if !hasKind(rs[0].Contacts, directory.ContactWeb, "https://counseling.example.edu") || !hasKind(rs[0].Contacts, directory.ContactPhone, "") || !hasKind(rs[2].Contacts, directory.ContactEmail, "eap@example.edu") {
				t.Errorf("html: links not read as contacts: %+v / %+v", rs[0].Contacts, rs[2].Contacts)
			}
		}
	}
}

func hasKind(cs []directory.Contact, k directory.ContactKind, value string) bool {
	for _, c := range cs {
		if c.Kind == k && (value == "" || c.Value == value) {
			return true
		}
	}
	return false
}

// TestUnreadableLinesAreLeftOut: a page with a line that is not text imports the rest and
// names the line it left out.
func TestUnreadableLinesAreLeftOut(t *testing.T) {
	page := "Support\n- Counseling Center\n- Free counseling for students.\n- Bad \x1b[31m line\n- Campus Police\n- Answers emergencies around the clock.\n"
	ds, skipped, err := importlist.ParsePage(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 || ds[0].Name != "Counseling Center" || ds[1].Name != "Campus Police" {
		t.Errorf("drafts %+v, want the two readable resources", ds)
	}
	if len(skipped) != 1 || skipped[0].Line != 4 || !strings.Contains(skipped[0].Reason, "control character") {
		t.Errorf("skipped %+v, want line 4 with its reason", skipped)
	}
}

// TestTableRowsAreResources reads a page that lays its resources out in a table, one row
// each, as many department pages do: the header row is no resource, the name cell's link is
// the name, the other cells are the description (their line breaks kept apart), and a
// confidentiality said in a later cell counts ("Not confidential" does not).
func TestTableRowsAreResources(t *testing.T) {
	page := `<!doctype html><html><body><main>
<h2>For everyone</h2>
<table>
 <thead><tr><th>Resource</th><th>What they help with</th><th>How to reach</th><th>Hours</th></tr></thead>
 <tbody>
  <tr><td><a href="https://police.example.edu/">Campus Police</a></td><td>Crimes in progress, threats and violence; they respond to emergencies anywhere on campus.</td>
      <td>Emergency: <a href="tel:+15555550100">555-0100</a><br>Non-emergency: 555-0142</td><td>24 hours, 7 days. Not confidential.</td></tr>
  <tr><td><strong>Harbor Counseling</strong><br>Wellness Center, room 2</td><td>Stress, anxiety, depression, grief</td>
      <td>555-0120, counseling@example.edu</td><td>Mon–Fri 8am–5pm. Confidential.</td></tr>
  <tr><td colspan="4">Last reviewed May 2026</td></tr>
 </tbody>
</table>
</main></body></html>`
	ds, err := importlist.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 || ds[0].Name != "Campus Police" || ds[1].Name != "Harbor Counseling" {
		t.Fatalf("got %d resources %+v, want Campus Police and Harbor Counseling", len(ds), ds)
	}
	if want := "Wellness Center, room 2. Stress, anxiety, depression, grief. 555-0120, counseling@example.edu. Mon–Fri 8am–5pm. Confidential."; ds[1].Description != want {
		t.Errorf("Harbor Counseling's description %q, want %q", ds[1].Description, want)
	}
	if !strings.Contains(ds[0].Description, "555-0100; Non-emergency") {
		t.Errorf("Campus Police's description %q runs its contact lines together", ds[0].Description)
	}
	rs, err := importlist.Resources(ds, "table.html", nil)
	if err != nil {
		t.Fatal(err)
	}
	if rs[0].Confidentiality == directory.Confidential || rs[1].Confidentiality != directory.Confidential {
		t.Errorf("confidentiality: police %q, counseling %q; want only counseling confidential", rs[0].Confidentiality, rs[1].Confidentiality)
	}
	if !rs[0].Emergency {
		t.Errorf("Campus Police, which responds to emergencies, is not marked an emergency service")
	}
}

// TestHeadingParagraphsAndDetailList reads the commonest CMS layout: each resource a heading,
// paragraphs (or none), and a list of its phone, e-mail, address and hours. The list is the
// resource's, not one resource a line, and a paragraph after it is the page's; a list of
// resources under a heading with an introduction stays a list of resources, even when each
// is only a bold name and a phone number.
func TestHeadingParagraphsAndDetailList(t *testing.T) {
	page := `<!doctype html><html><body><main>
<h2>Confidential support</h2>
<h3>Counseling Center</h3>
<p>Free, confidential short-term counseling for enrolled students.</p>
<ul>
 <li>Phone: (555) 555-0160</li>
 <li>Email: <a href="mailto:counsel@example.edu">counsel@example.edu</a></li>
 <li>Address: Whitford Hall, 2nd floor</li>
 <li>Hours: Monday to Friday, 9 a.m. to 5 p.m.</li>
</ul>
<h3>Offices that can help</h3>
<p>Each of these keeps what you say private.</p>
<ul>
 <li><strong>Ombuds Office</strong> — an informal, impartial place to talk through a conflict with a supervisor or a colleague before deciding what to do.</li>
 <li><strong>Chaplaincy</strong> — spiritual care and a listening ear for people of any faith or none, with rooms for prayer and quiet reflection.</li>
</ul>
<h3>Hotlines</h3>
<p>Call any time.</p>
<ul>
 <li><strong>Samaritans</strong>: (877) 870-4673</li>
 <li><strong>Crisis Text Line</strong>: text HOME to 741741</li>
</ul>
<h3>Nurse Line</h3>
<ul>
 <li>Phone (24/7): (555) 555-0141</li>
 <li>Location: 77 Mass. Ave.</li>
</ul>
<p>Page last reviewed August 2026. Email webmaster@example.edu.</p>
</main></body></html>`
	ds, err := importlist.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, d := range ds {
		names = append(names, d.Name)
	}
	if want := []string{"Counseling Center", "Ombuds Office", "Chaplaincy", "Samaritans", "Crisis Text Line", "Nurse Line"}; !slices.Equal(names, want) {
		t.Fatalf("resources %q, want %q", names, want)
	}
	c := ds[0]
	if !hasKind(c.Contacts, directory.ContactPhone, "(555) 555-0160") || !hasKind(c.Contacts, directory.ContactEmail, "counsel@example.edu") {
		t.Errorf("Counseling Center's contacts %+v lack its phone or e-mail", c.Contacts)
	}
	if c.Hours == nil || !strings.Contains(c.Description, "Whitford Hall, 2nd floor.") {
		t.Errorf("Counseling Center's hours %+v or address missing from %q", c.Hours, c.Description)
	}
	if nurse := ds[5]; !hasKind(nurse.Contacts, directory.ContactPhone, "(555) 555-0141") || !strings.Contains(nurse.Description, "77 Mass. Ave.") {
		t.Errorf("a heading followed at once by its details: contacts %+v, description %q", nurse.Contacts, nurse.Description)
	}
	for _, d := range ds {
		if strings.Contains(d.Description, "webmaster") {
			t.Errorf("%s took the page's footer note: %q", d.Name, d.Description)
		}
	}
}
