package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"signpost/internal/directory"
	"signpost/internal/navigator"
)

func TestEditShowsAtOnceAndRestoreBringsItBack(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	c := e.editor()
	const id = "mit-police"
	before, _ := e.store.Resource(ctx, id)
	_, page := e.get(c, "/admin/resources/"+id)
	form := formValues(t, page)
	old := form.Get("contact-1-value")
	form.Set("contact-1-value", "617-555-0142")
	form.Set("note", "number changed")
	code, body := e.post(c, "/admin/resources/"+id, form)
	if code != http.StatusOK || !strings.Contains(body, "Saved.") {
		t.Fatalf("save: %d\n%s", code, body)
	}
	pub, err := e.live.Current().Resource(id)
	if err != nil || pub.Contacts[1].Value != "617-555-0142" || pub.Contacts[1].URL != "tel:+16175550142" {
		t.Fatalf("the public catalog after the edit has %+v (%v)", pub.Contacts[1], err)
	}
	revs, _ := e.store.Revisions(ctx, directory.RevisionQuery{EntityID: id, Limit: 2})
	edit := revs[0]
	if edit.Author != "alex" || edit.Note != "number changed" || !contains(edit.Changed, "contacts[1].value") {
		t.Fatalf("edit revision = %+v", edit)
	}
	_, diff := e.get(c, "/admin/revisions/"+itoa(edit.ID))
	if !strings.Contains(diff, "contacts[1].value") || !strings.Contains(diff, old) || !strings.Contains(diff, "617-555-0142") {
		t.Fatalf("the revision page does not show the field with its old and new values:\n%s", diff)
	}
	// Restore the revision before the edit.
	tok := csrfField.FindStringSubmatch(diff)[1]
	code, body = e.post(c, "/admin/revisions/"+itoa(revs[1].ID)+"/restore", url.Values{"csrf": {tok}})
	if code != http.StatusOK || !strings.Contains(body, "Restored.") {
		t.Fatalf("restore: %d", code)
	}
	after, _ := e.store.Resource(ctx, id)
	if !jsonEqual(before, after) {
		t.Fatalf("after restoring, the resource differs from before the edit")
	}
	if pub, _ := e.live.Current().Resource(id); pub.Contacts[1].Value != old {
		t.Fatalf("the public catalog still shows %q after the restore", pub.Contacts[1].Value)
	}
	latest, _ := e.store.Revisions(ctx, directory.RevisionQuery{EntityID: id, Limit: 1})
	if latest[0].Action != directory.ActionRestore {
		t.Fatalf("the restore was recorded as %q", latest[0].Action)
	}
	if _, audit := e.get(c, "/admin/audit"); !strings.Contains(audit, "restore") || !strings.Contains(audit, "number changed") {
		t.Fatal("the audit log lacks the edit or the restore")
	}
}

func TestBadFormsNameTheFieldAndStoreNothing(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	c := e.editor()
	const id = "mit-police"
	before, _ := e.store.Resource(ctx, id)
	_, page := e.get(c, "/admin/resources/"+id)
	cases := []struct{ field, value, want string }{
		{"name", "", "name is required"},
		{"weekly", "Mondays 9 to 5", "Weekly hours, line 1"},
		{"review_interval_days", "soon", "Review every (days)"},
		{"last_verified", "25/11/2026", "provenance.last_verified"},
		{"contact-0-label", "", "label is required"},
		{"summary_translations", "es Hola", "Summary in other languages, line 1"},
		{"summary_translations", "es-MX: Hola", "not a language code"},
	}
	for _, tc := range cases {
		form := formValues(t, page)
		form.Set(tc.field, tc.value)
		if tc.field == "weekly" {
			form.Set("hours_description", "Weekdays")
		}
		code, body := e.post(c, "/admin/resources/"+id, form)
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, tc.want) {
			t.Errorf("%s=%q: %d, want 422 naming %q", tc.field, tc.value, code, tc.want)
		}
	}
	// Someone else saved meanwhile: the stale form is refused, not merged blindly.
	other := *before
	other.Summary = "changed elsewhere"
	if err := e.store.PutResource(ctx, &other, directory.Change{Author: "robin"}); err != nil {
		t.Fatal(err)
	}
	form := formValues(t, page)
	form.Set("name", "Stale edit")
	if code, body := e.post(c, "/admin/resources/"+id, form); code != http.StatusConflict || !strings.Contains(body, "Someone saved this resource") {
		t.Fatalf("stale form: %d", code)
	}
	if r, _ := e.store.Resource(ctx, id); r.Name != before.Name || r.Summary != "changed elsewhere" {
		t.Fatalf("refused forms changed the resource: %+v", r)
	}
}

func TestRetiredResourcesLeaveThePublicSiteButKeepHistory(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	c := e.editor()
	const id = "ombuds"
	if _, err := e.live.Current().Resource(id); err != nil {
		t.Fatalf("the defaults have no %s: %v", id, err)
	}
	tok := e.csrf(c, "/admin/resources/"+id)
	if code, _ := e.post(c, "/admin/resources/"+id+"/status", url.Values{"csrf": {tok}, "status": {"retired"}}); code != http.StatusOK {
		t.Fatalf("retire: %d", code)
	}
	if _, err := e.live.Current().Resource(id); directory.ErrorCode(err) != directory.ENotFound {
		t.Fatalf("a retired resource is still public: %v", err)
	}
	if r, err := e.store.Resource(ctx, id); err != nil || r.Status != directory.StatusRetired {
		t.Fatalf("the retired resource is not kept: %v %v", r, err)
	}
	if _, body := e.get(c, "/admin/resources/"+id+"/history"); !strings.Contains(body, "retire") {
		t.Fatal("the history lacks the retirement")
	}
}

func TestVerifyIsOneClickAndRecorded(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	c := e.editor()
	_, dash := e.get(c, "/admin")
	if !strings.Contains(dash, "Due for review") || !strings.Contains(dash, "/admin/resources/mit-police/verify") {
		t.Fatal("the dashboard does not list never-verified resources as due")
	}
	tok := csrfField.FindStringSubmatch(dash)[1]
	if code, body := e.post(c, "/admin/resources/mit-police/verify", url.Values{"csrf": {tok}}); code != http.StatusOK || !strings.Contains(body, "Marked as verified") {
		t.Fatalf("verify: %d", code)
	}
	r, _ := e.store.Resource(ctx, "mit-police")
	if r.Provenance.LastVerified == "" {
		t.Fatal("last_verified not set")
	}
	revs, _ := e.store.Revisions(ctx, directory.RevisionQuery{EntityID: "mit-police", Limit: 1})
	if revs[0].Action != directory.ActionVerify || revs[0].Author != "alex" {
		t.Fatalf("verification recorded as %+v", revs[0])
	}
}

func TestEditingSaysUnavailableWhenTheDatabaseIsGone(t *testing.T) {
	e := newEnv(t, nil)
	c := e.editor()
	e.store.Close()
	code, body := e.get(c, "/admin")
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "Editing is unavailable") {
		t.Fatalf("GET /admin with the database closed: %d", code)
	}
	if _, err := e.live.Current().Resource("mit-police"); err != nil {
		t.Fatalf("the public catalog stopped serving: %v", err)
	}
}

func TestVocabularyEditsChangeWhatTheNavigatorUnderstands(t *testing.T) {
	e := newEnv(t, nil)
	c := e.editor()
	const concern = "my glorpwinkle grievance"
	names := func() []string {
		ans, err := e.live.Current().Match(navigator.Request{Text: concern})
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, r := range ans.Results {
			ids = append(ids, r.Resource.ID)
		}
		return ids
	}
	if contains(names(), "ombuds") && names()[0] == "ombuds" {
		t.Fatal("the made-up word already leads to ombuds before any edit")
	}
	tok := e.csrf(c, "/admin/concepts/new")
	bad := url.Values{"csrf": {tok}, "id": {"glorpwinkle"}, "label": {"glorpwinkle"}, "terms": {"glorpwinkle"}, "topics": {"conflict lots"}}
	if code, body := e.post(c, "/admin/concepts", bad); code != http.StatusUnprocessableEntity || !strings.Contains(body, "Topics, line 1") {
		t.Fatalf("a weight that is not a number: %d", code)
	}
	good := url.Values{"csrf": {tok}, "id": {"glorpwinkle"}, "label": {"glorpwinkle"}, "terms": {"glorpwinkle"}, "topics": {"conflict 1"}, "prefer": {"confidential 1"}, "note": {"new slang"}}
	if code, body := e.post(c, "/admin/concepts", good); code != http.StatusOK || !strings.Contains(body, "Saved.") {
		t.Fatalf("create concept: %d\n%s", code, body)
	}
	if got := names(); len(got) == 0 || got[0] != "ombuds" {
		t.Fatalf("after adding the concept, %q leads to %v; want ombuds first", concern, got)
	}
	// Retire it: the navigator forgets the word again, and the history keeps both steps.
	// A form sent without the fingerprint of what it showed is stale: refused.
	good.Set("retired", "on")
	if code, _ := e.post(c, "/admin/concepts/glorpwinkle", good); code != http.StatusConflict {
		t.Fatalf("retire with a stale form: %d, want 409", code)
	}
	_, edit := e.get(c, "/admin/concepts/glorpwinkle")
	good.Set("base", formValues(t, edit).Get("base"))
	if code, _ := e.post(c, "/admin/concepts/glorpwinkle", good); code != http.StatusOK {
		t.Fatalf("retire concept: %d", code)
	}
	if got := names(); len(got) > 0 && got[0] == "ombuds" {
		t.Fatalf("a retired concept still steers the navigator: %v", got)
	}
	revs, _ := e.store.Revisions(context.Background(), directory.RevisionQuery{Kind: directory.EntityConcept, EntityID: "glorpwinkle"})
	if len(revs) != 2 || revs[0].Action != directory.ActionRetire || revs[1].Note != "new slang" {
		t.Fatalf("concept revisions = %+v", revs)
	}
	if _, list := e.get(c, "/admin/concepts"); !strings.Contains(list, "harassment") || !strings.Contains(list, "glorpwinkle") {
		t.Fatal("the vocabulary page lacks the default or the edited concepts")
	}
}

func TestAnImportedCalendarCanBeRestored(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	c := e.editor()
	d, err := e.store.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	before := d.Calendar
	d.Calendar.Holidays = d.Calendar.Holidays[1:]
	if err := e.store.Replace(ctx, d, directory.Change{Author: "import", Action: directory.ActionImport}); err != nil {
		t.Fatal(err)
	}
	revs, _ := e.store.Revisions(ctx, directory.RevisionQuery{Kind: directory.EntityCalendar, EntityID: directory.CalendarID})
	if len(revs) < 2 {
		t.Fatalf("%d calendar revisions after an import that changed it", len(revs))
	}
	_, page := e.get(c, "/admin/calendar/history")
	if !strings.Contains(page, "/admin/revisions/"+itoa(revs[1].ID)) {
		t.Fatal("the calendar history does not list the earlier calendar")
	}
	tok := e.csrf(c, "/admin/revisions/"+itoa(revs[1].ID))
	if code, body := e.post(c, "/admin/revisions/"+itoa(revs[1].ID)+"/restore", url.Values{"csrf": {tok}}); code != http.StatusOK || !strings.Contains(body, "Restored.") {
		t.Fatalf("restore the calendar: %d", code)
	}
	after, _ := e.store.Snapshot(ctx)
	if !jsonEqual(after.Calendar, before) || len(after.Resources) != len(d.Resources) {
		t.Fatal("restoring the calendar did not bring the holidays back, or changed the resources")
	}
}

func TestSavingKeepsLinksToRetiredTopics(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	c := e.editor()
	const id = "mit-police"
	r, _ := e.store.Resource(ctx, id)
	if len(r.Topics) == 0 {
		t.Fatal("the test needs a resource with topics")
	}
	d, _ := e.store.Snapshot(ctx)
	var retired directory.Topic
	for _, tp := range d.Topics {
		if tp.ID == r.Topics[0] {
			retired = tp
		}
	}
	retired.Retired = true
	if err := e.store.PutTopic(ctx, &retired, directory.Change{Author: "robin"}); err != nil {
		t.Fatal(err)
	}
	_, page := e.get(c, "/admin/resources/"+id)
	form := formValues(t, page)
	form.Set("summary", "Edited while a topic is retired.")
	if code, _ := e.post(c, "/admin/resources/"+id, form); code != http.StatusOK {
		t.Fatalf("save: %d", code)
	}
	after, _ := e.store.Resource(ctx, id)
	if !slices.Contains(after.Topics, retired.ID) || after.Summary != "Edited while a topic is retired." {
		t.Fatalf("after saving, topics %v (want %s kept), summary %q", after.Topics, retired.ID, after.Summary)
	}
}

// TestDashboardShowsKnowledgeWarnings: a stored concept that points at resources by id, as
// older vocabularies did, is reported on the dashboard rather than silently ignored.
func TestDashboardShowsKnowledgeWarnings(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	old := directory.Concept{ID: "old-style", Label: "old style", Terms: []string{"zibberflap"}, Topics: map[string]float64{"conflict": 1}, Resources: map[string]float64{"ombuds": 1}}
	if err := e.store.PutConcept(ctx, &old, directory.Change{Author: "test"}); err != nil {
		t.Fatal(err)
	}
	if err := e.live.Reload(ctx); err != nil {
		t.Fatal(err)
	}
	c := e.editor()
	_, dash := e.get(c, "/admin")
	if !strings.Contains(dash, "needs attention") || !strings.Contains(dash, "old-style") {
		t.Fatal("the dashboard does not report the concept that names resources by id")
	}
}

// TestScriptLinksAreRefused: a web contact with a javascript:, data: or scheme-relative
// address is refused with the field named, and nothing is stored.
func TestScriptLinksAreRefused(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	c := e.editor()
	const id = "ombuds"
	before, _ := e.store.Resource(ctx, id)
	for _, bad := range []string{"javascript:alert(document.cookie)", "data:text/html,<script>1</script>", "//evil.example/x"} {
		_, page := e.get(c, "/admin/resources/"+id)
		form := formValues(t, page)
		form.Set("contact-0-kind", "web")
		form.Set("contact-0-purpose", "general")
		form.Set("contact-0-value", bad)
		form.Set("contact-0-label", "Web site")
		code, body := e.post(c, "/admin/resources/"+id, form)
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, "contact") {
			t.Errorf("saving the web address %q: %d, want 422 naming the contact", bad, code)
		}
	}
	if after, _ := e.store.Resource(ctx, id); !jsonEqual(before, after) {
		t.Error("a refused form changed the stored resource")
	}
}

// TestDashboardListsInferredFields: what an import inferred from a page (confidentiality, the
// emergency role) is listed on the dashboard for a person to check.
func TestDashboardListsInferredFields(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	d, version, err := directory.ReadForReplace(ctx, e.store)
	if err != nil {
		t.Fatal(err)
	}
	r := d.Resources[0]
	r.ID, r.Name = "harbor-counseling", "Harbor Counseling"
	r.Provenance.Notes = "Unreviewed draft. Inferred, to check: confidentiality confidential (inferred from the page)."
	r.Status = directory.StatusDraft
	d.Resources = append(d.Resources, r)
	if err := e.store.Replace(ctx, d, directory.Change{Author: "test", Action: directory.ActionImport, IfVersion: &version}); err != nil {
		t.Fatal(err)
	}
	c := e.editor()
	_, dash := e.get(c, "/admin")
	if !strings.Contains(dash, "Inferred from a page") || !strings.Contains(dash, "Harbor Counseling") || !strings.Contains(dash, "confidentiality confidential") {
		t.Fatal("the dashboard does not list what the import inferred")
	}
}

// TestUnchangedFormRecordsNoRevision: saving a form as it was opened — contacts, topics,
// keywords untouched — changes nothing and records no revision.
func TestUnchangedFormRecordsNoRevision(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	c := e.editor()
	for _, id := range []string{"mit-police", "idhr", "helping-others"} {
		before, _ := e.store.Revisions(ctx, directory.RevisionQuery{EntityID: id})
		_, page := e.get(c, "/admin/resources/"+id)
		code, body := e.post(c, "/admin/resources/"+id, formValues(t, page))
		if code != http.StatusOK || !strings.Contains(body, "Nothing had changed") {
			t.Errorf("%s: saving the form untouched = %d, want the 'nothing had changed' page", id, code)
		}
		after, _ := e.store.Revisions(ctx, directory.RevisionQuery{EntityID: id})
		if len(after) != len(before) {
			t.Errorf("%s: an untouched form recorded %d revision(s): %+v", id, len(after)-len(before), after[0].Changed)
		}
	}
}
