package directory

import (
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

func TestDiffDocsNamesEachChangedField(t *testing.T) {
	before := json.RawMessage(`{"name":"A","contacts":[{"value":"1"},{"value":"2"}],"hours":{"always":true},"topics":["x"]}`)
	after := json.RawMessage(`{"name":"A","contacts":[{"value":"1"}],"hours":{"always":false},"topics":[],"summary":"new"}`)
	got, err := DiffDocs(before, after)
	if err != nil {
		t.Fatal(err)
	}
	want := []FieldChange{
		{Path: "contacts[1].value", Before: `"2"`},
		{Path: "hours.always", Before: "true", After: "false"},
		{Path: "summary", After: `"new"`},
		{Path: "topics", After: "[]"},
		{Path: "topics[0]", Before: `"x"`},
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("DiffDocs =\n%+v\nwant\n%+v", got, want)
	}
	if same, _ := DiffDocs(before, before); len(same) != 0 {
		t.Fatalf("DiffDocs(x, x) = %+v, want nothing", same)
	}
	if _, err := DiffDocs(json.RawMessage(`{"a":`), nil); err == nil {
		t.Fatal("DiffDocs(broken JSON) gave no error")
	}
}

func TestPlanReplaceRecordsAppearChangeAndRemove(t *testing.T) {
	r := func(id, name string) Resource { return Resource{ID: id, Name: name} }
	old := &Directory{Resources: []Resource{r("a", "A"), r("b", "B"), r("c", "C")}}
	next := &Directory{Resources: []Resource{r("a", "A"), r("b", "B2"), r("d", "D")}}
	revs, err := PlanReplace(old, next, Change{Author: "import", Action: ActionImport})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]Action{}
	for _, rev := range revs {
		got[rev.EntityID] = rev.Action
	}
	want := map[string]Action{"b": ActionImport, "d": ActionImport, "c": ActionRemove}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("PlanReplace actions = %v, want %v", got, want)
	}
}

func TestReviewDue(t *testing.T) {
	today := time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)
	cases := []struct {
		verified string
		interval int
		due      bool
	}{
		{"", 0, true},
		{"2026-11-01", 0, false},
		{"2026-05-29", 0, true},  // 180 days later is 2026-11-25: due today
		{"2026-05-30", 0, false}, // due tomorrow
		{"2026-11-01", 7, true},
		{"2025-12-01", 365, false},
	}
	for _, c := range cases {
		r := Resource{Provenance: Provenance{LastVerified: c.verified, ReviewIntervalDays: c.interval}}
		if _, due := r.ReviewDue(today); due != c.due {
			t.Errorf("verified %q every %d days: due = %v, want %v", c.verified, c.interval, due, c.due)
		}
	}
}

func TestPlanCalendarKeepsTheFirstStateOnce(t *testing.T) {
	old := Calendar{Holidays: []Holiday{{Calendar: "mit", Date: "2026-11-26", Name: "Thanksgiving"}}}
	next := Calendar{Holidays: []Holiday{{Calendar: "mit", Date: "2026-11-27", Name: "Thanksgiving"}}}
	by := Change{Author: "import", Action: ActionImport}
	revs, err := PlanCalendar(old, next, false, by)
	if err != nil {
		t.Fatal(err)
	}
	if len(revs) != 2 || revs[0].Action != ActionCreate || revs[1].Action != ActionImport {
		t.Fatalf("without history: %+v, want the old calendar then the new", revs)
	}
	if revs, _ := PlanCalendar(old, next, true, by); len(revs) != 1 {
		t.Fatalf("with history: %d revisions, want 1", len(revs))
	}
	if revs, _ := PlanCalendar(old, old, false, by); len(revs) != 0 {
		t.Fatalf("no change: %d revisions, want none", len(revs))
	}
}

func TestPlanCalendarIgnoresOrder(t *testing.T) {
	a := Holiday{Calendar: "mit", Date: "2026-11-26", Name: "Thanksgiving"}
	b := Holiday{Calendar: "mit", Date: "2026-12-25", Name: "Christmas"}
	stored := Calendar{Holidays: []Holiday{a, b}, Terms: []Term{}}
	imported := Calendar{Holidays: []Holiday{b, a}, Terms: []Term{}}
	if revs, err := PlanCalendar(stored, imported, true, Change{Author: "import"}); err != nil || len(revs) != 0 {
		t.Fatalf("the same holidays in another order: %d revisions (%v), want none", len(revs), err)
	}
}
