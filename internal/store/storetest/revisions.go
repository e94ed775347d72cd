package storetest

import (
	"context"
	"encoding/json"
	"slices"
	"testing"

	"signpost/internal/directory"
)

// runRevisions checks that every write leaves a revision that can bring back what it replaced.
func runRevisions(t *testing.T, newStore func(tb testing.TB) directory.Store) {
	ctx := context.Background()
	editor := directory.Change{Author: "alex", Note: "new number"}

	t.Run("ReplaceRecordsACreateForEachEntity", func(t *testing.T) {
		s := newStore(t)
		MustReplace(t, s, Fixture())
		revs, err := s.Revisions(ctx, directory.RevisionQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if len(revs) != 5 {
			t.Fatalf("%d revisions after importing 2 resources, 2 topics and a calendar, want 5: %+v", len(revs), revs)
		}
		for _, r := range revs {
			if r.Action != directory.ActionImport || r.Author != "test" || len(r.Changed) == 0 || r.At.IsZero() {
				t.Errorf("revision %+v: want action import by test, with changed fields and a time", r)
			}
		}
		if revs[0].ID <= revs[1].ID {
			t.Errorf("revisions not newest first: ids %d, %d", revs[0].ID, revs[1].ID)
		}
	})

	t.Run("EditRecordsWhoWhatAndTheDocument", func(t *testing.T) {
		s := newStore(t)
		MustReplace(t, s, Fixture())
		r := Fixture().Resources[1]
		r.Contacts[0].Value = "617-555-0199"
		if err := s.PutResource(ctx, &r, editor); err != nil {
			t.Fatal(err)
		}
		// The same document again changes nothing and records nothing.
		if err := s.PutResource(ctx, &r, editor); err != nil {
			t.Fatal(err)
		}
		revs, err := s.Revisions(ctx, directory.RevisionQuery{Kind: directory.EntityResource, EntityID: "night-line"})
		if err != nil {
			t.Fatal(err)
		}
		if len(revs) != 2 {
			t.Fatalf("night-line has %d revisions, want 2 (import, edit)", len(revs))
		}
		edit := revs[0]
		if edit.Action != directory.ActionEdit || edit.Author != "alex" || edit.Note != "new number" {
			t.Errorf("edit revision = %+v", edit)
		}
		if !slices.Equal(edit.Changed, []string{"contacts[0].value"}) {
			t.Errorf("changed = %v, want [contacts[0].value]", edit.Changed)
		}
		var got directory.Resource
		if err := json.Unmarshal(edit.Doc, &got); err != nil || got.Contacts[0].Value != "617-555-0199" {
			t.Errorf("edit revision's document = %s (%v)", edit.Doc, err)
		}
		one, err := s.Revision(ctx, revs[1].ID)
		if err != nil {
			t.Fatal(err)
		}
		var before directory.Resource
		if err := json.Unmarshal(one.Doc, &before); err != nil || before.Contacts[0].Value != "617-555-0100" {
			t.Errorf("earlier revision's document = %s (%v), want the old number", one.Doc, err)
		}
		if _, err := s.Revision(ctx, 1<<40); directory.ErrorCode(err) != directory.ENotFound {
			t.Errorf("Revision(missing) error = %v, want not_found", err)
		}
	})

	t.Run("ImportThatDropsAResourceKeepsIt", func(t *testing.T) {
		s := newStore(t)
		MustReplace(t, s, Fixture())
		smaller := Fixture()
		smaller.Resources = smaller.Resources[:1]
		MustReplace(t, s, smaller)
		revs, err := s.Revisions(ctx, directory.RevisionQuery{EntityID: "night-line", Limit: 1})
		if err != nil || len(revs) != 1 {
			t.Fatalf("Revisions(night-line, limit 1) = %d, %v", len(revs), err)
		}
		if revs[0].Action != directory.ActionRemove || string(revs[0].Doc) != "null" {
			t.Errorf("latest night-line revision = %s %s, want remove with a null document", revs[0].Action, revs[0].Doc)
		}
		older, err := s.Revisions(ctx, directory.RevisionQuery{EntityID: "night-line", Before: revs[0].ID})
		if err != nil || len(older) != 1 {
			t.Fatalf("older night-line revisions = %d, %v", len(older), err)
		}
		var kept directory.Resource
		if err := json.Unmarshal(older[0].Doc, &kept); err != nil || kept.Name != "Night Line" {
			t.Errorf("the removed resource's last document = %s (%v)", older[0].Doc, err)
		}
	})

	t.Run("ImportOfAnotherCalendarKeepsTheOldOne", func(t *testing.T) {
		s := newStore(t)
		MustReplace(t, s, Fixture())
		same := Fixture()
		MustReplace(t, s, same) // nothing changed: nothing recorded
		changed := Fixture()
		changed.Calendar.Holidays = changed.Calendar.Holidays[:0]
		MustReplace(t, s, changed)
		revs, err := s.Revisions(ctx, directory.RevisionQuery{Kind: directory.EntityCalendar, EntityID: directory.CalendarID})
		if err != nil {
			t.Fatal(err)
		}
		if len(revs) != 2 || !slices.Contains(revs[0].Changed, "holidays[0].date") {
			t.Fatalf("calendar revisions = %+v, want the first import and the change", revs)
		}
		var before directory.Calendar
		if err := json.Unmarshal(revs[1].Doc, &before); err != nil || len(before.Holidays) != 1 {
			t.Fatalf("the earlier calendar revision holds %s (%v), want the holiday", revs[1].Doc, err)
		}
	})

	t.Run("ConditionalWritesRefuseWhatChangedMeanwhile", func(t *testing.T) {
		s := newStore(t)
		MustReplace(t, s, Fixture())
		shown := Fixture().Resources[0]
		seen := directory.Fingerprint(&shown)
		other := shown
		other.Summary = "saved by someone else first"
		if err := s.PutResource(ctx, &other, editor); err != nil {
			t.Fatal(err)
		}
		mine := shown
		mine.Name = "My stale edit"
		if code := directory.ErrorCode(s.PutResource(ctx, &mine, directory.Change{Author: "alex", IfMatch: &seen})); code != directory.EConflict {
			t.Fatalf("a write over a document that changed meanwhile: code %q, want conflict", code)
		}
		current := directory.Fingerprint(&other)
		mine = other
		mine.Name = "My fresh edit"
		if err := s.PutResource(ctx, &mine, directory.Change{Author: "alex", IfMatch: &current}); err != nil {
			t.Fatalf("a write over the current document: %v", err)
		}
		none := ""
		dup := Fixture().Resources[1]
		if code := directory.ErrorCode(s.PutResource(ctx, &dup, directory.Change{Author: "alex", IfMatch: &none})); code != directory.EConflict {
			t.Fatalf("creating over an existing id: code %q, want conflict", code)
		}
		fresh := Fixture().Resources[1]
		fresh.ID = "brand-new"
		if err := s.PutResource(ctx, &fresh, directory.Change{Author: "alex", IfMatch: &none}); err != nil {
			t.Fatalf("creating a new id: %v", err)
		}
	})

	t.Run("ConditionalReplaceRefusesAfterAnotherWrite", func(t *testing.T) {
		s := newStore(t)
		MustReplace(t, s, Fixture())
		v, err := s.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		r := Fixture().Resources[0]
		r.Summary = "written meanwhile"
		if err := s.PutResource(ctx, &r, editor); err != nil {
			t.Fatal(err)
		}
		stale := Fixture()
		if code := directory.ErrorCode(s.Replace(ctx, stale, directory.Change{Author: "import", IfVersion: &v})); code != directory.EConflict {
			t.Fatalf("Replace after another write: code %q, want conflict", code)
		}
		if got, _ := s.Resource(ctx, r.ID); got.Summary != "written meanwhile" {
			t.Fatal("the refused Replace undid the other write")
		}
		now, _ := s.Version(ctx)
		if err := s.Replace(ctx, stale, directory.Change{Author: "import", IfVersion: &now}); err != nil {
			t.Fatalf("Replace at the current version: %v", err)
		}
	})

	t.Run("PutResourceNeedsItsTopics", func(t *testing.T) {
		s := newStore(t)
		MustReplace(t, s, Fixture())
		r := Fixture().Resources[0]
		r.Topics = append(r.Topics, "no-such-topic")
		if code := directory.ErrorCode(s.PutResource(ctx, &r, editor)); code != directory.EInvalid {
			t.Fatalf("PutResource(unknown topic) code = %q, want invalid", code)
		}
		got, _ := s.Resource(ctx, r.ID)
		if slices.Contains(got.Topics, "no-such-topic") {
			t.Fatal("the refused resource was stored")
		}
	})

	t.Run("PutTopicValidatesItsParent", func(t *testing.T) {
		s := newStore(t)
		MustReplace(t, s, Fixture())
		orphan := directory.Topic{ID: "orphan", Name: "Orphan", Parent: "no-such-topic"}
		if code := directory.ErrorCode(s.PutTopic(ctx, &orphan, editor)); code != directory.EInvalid {
			t.Fatalf("PutTopic(missing parent) code = %q, want invalid", code)
		}
		child := directory.Topic{ID: "workplace", Name: "Workplace", Parent: "conflict"}
		if err := s.PutTopic(ctx, &child, editor); err != nil {
			t.Fatal(err)
		}
		child.Retired = true
		if err := s.PutTopic(ctx, &child, directory.Change{Author: "alex", Action: directory.ActionRetire}); err != nil {
			t.Fatal(err)
		}
		d, err := s.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if n := len(d.Topics); n != 3 || d.Topics[2].ID != "workplace" || !d.Topics[2].Retired {
			t.Fatalf("topics after adding and retiring one = %+v", d.Topics)
		}
		revs, _ := s.Revisions(ctx, directory.RevisionQuery{Kind: directory.EntityTopic, EntityID: "workplace"})
		if len(revs) != 2 || revs[0].Action != directory.ActionRetire || revs[1].Action != directory.ActionCreate {
			t.Fatalf("workplace revisions = %+v, want retire then create", revs)
		}
	})
}

// runConcepts checks the editors' vocabulary: stored, replaced in place, and in the history.
func runConcepts(t *testing.T, newStore func(tb testing.TB) directory.Store) {
	ctx := context.Background()
	t.Run("ConceptsPutListAndHistory", func(t *testing.T) {
		s := newStore(t)
		if cs, err := s.Concepts(ctx); err != nil || len(cs) != 0 {
			t.Fatalf("Concepts() on a new store = %v, %v", cs, err)
		}
		c := directory.Concept{ID: "parking", Label: "parking", Terms: []string{"parking ticket"}, Topics: map[string]float64{"conflict": 0.5}}
		if err := s.PutConcept(ctx, &c, directory.Change{Author: "alex"}); err != nil {
			t.Fatal(err)
		}
		second := directory.Concept{ID: "bikes", Label: "bikes", Terms: []string{"bike theft"}, Topics: map[string]float64{"conflict": 1}}
		if err := s.PutConcept(ctx, &second, directory.Change{Author: "alex"}); err != nil {
			t.Fatal(err)
		}
		c.Terms = append(c.Terms, "towed")
		if err := s.PutConcept(ctx, &c, directory.Change{Author: "alex"}); err != nil {
			t.Fatal(err)
		}
		bad := directory.Concept{ID: "empty", Label: "empty", Topics: map[string]float64{"conflict": 1}}
		if code := directory.ErrorCode(s.PutConcept(ctx, &bad, directory.Change{Author: "alex"})); code != directory.EInvalid {
			t.Fatalf("PutConcept(no terms) code = %q, want invalid", code)
		}
		cs, err := s.Concepts(ctx)
		if err != nil || len(cs) != 2 || cs[0].ID != "parking" || len(cs[0].Terms) != 2 || cs[1].ID != "bikes" {
			t.Fatalf("Concepts() = %+v, %v", cs, err)
		}
		revs, _ := s.Revisions(ctx, directory.RevisionQuery{Kind: directory.EntityConcept, EntityID: "parking"})
		if len(revs) != 2 || !slices.Equal(revs[0].Changed, []string{"terms[1]"}) {
			t.Fatalf("parking revisions = %+v", revs)
		}
	})
}
