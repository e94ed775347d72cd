package navigator_test

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"signpost/internal/directory"
	"signpost/internal/evaluation"
	"signpost/internal/importlist"
	"signpost/internal/navigator"
	"signpost/internal/testenv"
)

// departmentNavigator imports a department's plain-text page as import-list does, publishes
// every resource as it stands (no editor has set topics), and builds a navigator over it with
// the default knowledge and topic taxonomy.
func departmentNavigator(t *testing.T, page string) (*navigator.Navigator, map[string]*directory.Resource) {
	t.Helper()
	f, err := os.Open(page)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	drafts, err := importlist.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	rs, err := importlist.Resources(drafts, filepath.Base(page), nil)
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]*directory.Resource{}
	for i := range rs {
		rs[i].Status = directory.StatusPublished
		byName[rs[i].Name] = &rs[i]
	}
	k, err := navigator.DefaultKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	d := &directory.Directory{Resources: rs, Topics: testenv.Directory(t).Topics}
	return navigator.New(k, d), byName
}

// TestAnotherDepartmentsPage holds the navigator to a department page invented for this test
// (testdata/departments/riverbend.txt), imported without any editing: its own emergency
// services first on every emergency, and the right office in the first three for its
// ordinary concerns. Nothing in the knowledge names its resources.
//
// Northfield's, Harlow's (numbered, with tags), Pinecrest's ("Name: description", the
// confidential ones named in a sentence) and Easton's (HTML from a CMS, confidential in
// italics) pages and concerns were written on 2026-12-07 by helpers who never saw the
// knowledge, and Meridian's (no bullets: a "Name — description" line each, under headings
// written as sentences) and Kestrel's (Markdown, bold names) in a later session, and
// Saltmarsh's (HTML tables, a row each) in the one after, and Thornbury's (a heading,
// paragraphs and a list of contact details each) in the next; their first looks are in
// testdata/eval/README.md. Meridian's bar is the navigator issue's for a new department.
func TestAnotherDepartmentsPage(t *testing.T) {
	for _, dp := range []struct {
		page   string
		hitAt3 float64
	}{{"riverbend.txt", 0.85}, {"northfield.txt", 0.85}, {"harlow.txt", 0.85}, {"pinecrest.txt", 0.85}, {"easton.html", 0.8}, {"meridian.txt", 0.8}, {"kestrel.md", 0.85}, {"saltmarsh.html", 0.8}, {"thornbury.html", 0.8}} {
		page := dp.page
		dept := strings.TrimSuffix(page, filepath.Ext(page))
		t.Run(dept, func(t *testing.T) {
			dir := "../../testdata/departments/"
			rep := evalDepartment(t, dir+page, dir+dept+"-concerns.jsonl")
			var buf bytes.Buffer
			rep.Print(&buf)
			th := evaluation.Thresholds{HitAt3: dp.hitAt3, EmergencyTop1: 1, EmergencyRecall: 1, MaxFalseAlarms: 1}
			if fails := rep.Failures(th); len(fails) > 0 {
				t.Errorf("%s: %s\n%s", dept, strings.Join(fails, "; "), buf.String())
			} else {
				t.Logf("%s", buf.String())
			}
		})
	}
}

// TestDepartmentFromEnv scores any department page against its concerns (named by resource
// name), for held-out pages kept outside the repository:
// SIGNPOST_DEPT_PAGE=page.txt SIGNPOST_DEPT_CONCERNS=concerns.jsonl go test -run FromEnv -v.
func TestDepartmentFromEnv(t *testing.T) {
	page, concerns := os.Getenv("SIGNPOST_DEPT_PAGE"), os.Getenv("SIGNPOST_DEPT_CONCERNS")
	if page == "" || concerns == "" {
		t.Skip("set SIGNPOST_DEPT_PAGE and SIGNPOST_DEPT_CONCERNS")
	}
	var buf bytes.Buffer
	evalDepartment(t, page, concerns).Print(&buf)
	t.Logf("%s", buf.String())
}

func evalDepartment(t *testing.T, page, concernsFile string) evaluation.Report {
	t.Helper()
	nav, byName := departmentNavigator(t, page)
	if w := nav.Warnings(); len(w) > 0 {
		t.Fatalf("warnings for a directory the knowledge has never seen: %v", w)
	}
	cases := readCases(t, concernsFile)
	// The cases name resources as the page does; the importer made the ids.
	toIDs := func(names []string) []string {
		var out []string
		for _, n := range names {
			r, ok := byName[n]
			if !ok {
				t.Fatalf("the concerns name %q, which the page import lacks", n)
			}
			out = append(out, r.ID)
		}
		return out
	}
	for i := range cases {
		c := &cases[i]
		c.Top1, c.NotTop3 = toIDs(c.Top1), toIDs(c.NotTop3)
		for j := range c.Top3 {
			c.Top3[j] = toIDs(c.Top3[j])
		}
	}
	byID := map[string]*directory.Resource{}
	for _, r := range byName {
		byID[r.ID] = r
	}
	serves := func(id string, role directory.Role) bool { r := byID[id]; return r != nil && r.Serves(role) }
	return evaluation.Run(cases, func(req navigator.Request) (*navigator.Answer, error) { return nav.Match(req, nil) }, serves, evaluation.DefaultAt)
}
