// Package storetest is the conformance suite every [directory.Store] must pass. Each store
// package calls [Run] from its own tests with a constructor for a fresh, empty store.
package storetest

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"testing"

	"signpost/internal/directory"
)

// Run runs the whole suite; newStore must return a fresh, empty store each time it is called
// and arrange its cleanup.
func Run(t *testing.T, newStore func(tb testing.TB) directory.Store) {
	ctx := context.Background()

	t.Run("NewStoreIsEmpty", func(t *testing.T) {
		s := newStore(t)
		empty, err := s.Empty(ctx)
		if err != nil || !empty {
			t.Fatalf("Empty() = %v, %v; want true, nil", empty, err)
		}
		d, err := s.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Resources) != 0 || len(d.Topics) != 0 {
			t.Fatalf("Snapshot() of an empty store has %d resources, %d topics", len(d.Resources), len(d.Topics))
		}
	})

	t.Run("ReplaceThenSnapshotRoundTrips", func(t *testing.T) {
		s := newStore(t)
		want := Fixture()
		MustReplace(t, s, want)
		got, err := s.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Snapshot() after Replace:\n got %+v\nwant %+v", got, want)
		}
		if empty, _ := s.Empty(ctx); empty {
			t.Fatal("Empty() = true after Replace")
		}
	})

	t.Run("ResourceFoundAndNotFound", func(t *testing.T) {
		s := newStore(t)
		MustReplace(t, s, Fixture())
		r, err := s.Resource(ctx, "night-line")
		if err != nil {
			t.Fatal(err)
		}
		if want := Fixture().Resources[1]; !reflect.DeepEqual(*r, want) {
			t.Fatalf("Resource(night-line) = %+v, want %+v", *r, want)
		}
		_, err = s.Resource(ctx, "no-such-thing")
		if code := directory.ErrorCode(err); code != directory.ENotFound {
			t.Fatalf("Resource(no-such-thing) error code = %q (%v), want not_found", code, err)
		}
	})

	t.Run("PutResourceCreatesAndReplacesKeepingOrder", func(t *testing.T) {
		s := newStore(t)
		MustReplace(t, s, Fixture())
		first := Fixture().Resources[0]
		first.Name = "Renamed Office"
		if err := s.PutResource(ctx, &first, directory.Change{Author: "test"}); err != nil {
			t.Fatal(err)
		}
		added := Fixture().Resources[1]
		added.ID = "added-later"
		if err := s.PutResource(ctx, &added, directory.Change{Author: "test"}); err != nil {
			t.Fatal(err)
		}
		d, err := s.Snapshot(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, r := range d.Resources {
			ids = append(ids, r.ID)
		}
		if want := []string{"day-office", "night-line", "added-later"}; !reflect.DeepEqual(ids, want) {
			t.Fatalf("order after PutResource = %v, want %v", ids, want)
		}
		if d.Resources[0].Name != "Renamed Office" {
			t.Fatalf("name after PutResource = %q, want Renamed Office", d.Resources[0].Name)
		}
	})

	t.Run("InvalidInputLeavesDataAsItWas", func(t *testing.T) {
		s := newStore(t)
		MustReplace(t, s, Fixture())
		before, _ := s.Snapshot(ctx)

		bad := Fixture().Resources[0]
		bad.Confidentiality = "secret"
		if code := directory.ErrorCode(s.PutResource(ctx, &bad, directory.Change{Author: "test"})); code != directory.EInvalid {
			t.Fatalf("PutResource(bad confidentiality) code = %q, want invalid", code)
		}
		badDir := Fixture()
		badDir.Resources[1].Topics = []string{"no-such-topic"}
		if code := directory.ErrorCode(s.Replace(ctx, badDir, directory.Change{Author: "test"})); code != directory.EInvalid {
			t.Fatalf("Replace(unknown topic) code = %q, want invalid", code)
		}
		dup := Fixture()
		dup.Calendar.Holidays = append(dup.Calendar.Holidays, dup.Calendar.Holidays[0])
		if code := directory.ErrorCode(s.Replace(ctx, dup, directory.Change{Author: "test"})); code != directory.EInvalid {
			t.Fatalf("Replace(duplicate holiday) code = %q, want invalid", code)
		}
		dup = Fixture()
		dup.Calendar.Terms = append(dup.Calendar.Terms, dup.Calendar.Terms[0])
		if code := directory.ErrorCode(s.Replace(ctx, dup, directory.Change{Author: "test"})); code != directory.EInvalid {
			t.Fatalf("Replace(duplicate term) code = %q, want invalid", code)
		}
		after, _ := s.Snapshot(ctx)
		if !reflect.DeepEqual(before, after) {
			t.Fatal("a rejected write changed the stored directory")
		}
	})

	t.Run("VersionChangesOnEveryWriteAndOnlyThen", func(t *testing.T) {
		s := newStore(t)
		v0, err := s.Version(ctx)
		if err != nil {
			t.Fatal(err)
		}
		MustReplace(t, s, Fixture())
		v1, _ := s.Version(ctx)
		r := Fixture().Resources[0]
		r.Name = "Changed"
		if err := s.PutResource(ctx, &r, directory.Change{Author: "test"}); err != nil {
			t.Fatal(err)
		}
		v2, _ := s.Version(ctx)
		bad := r
		bad.Audience = "nobody"
		_ = s.PutResource(ctx, &bad, directory.Change{Author: "test"})
		v3, _ := s.Version(ctx)
		if v1 == v0 || v2 == v1 || v3 != v2 {
			t.Fatalf("versions %d → Replace %d → Put %d → rejected Put %d; want a change on each write and none on the rejected one", v0, v1, v2, v3)
		}
		if err := s.Ping(ctx); err != nil {
			t.Fatalf("Ping: %v", err)
		}
	})

	runRevisions(t, newStore)
	runConcepts(t, newStore)

	t.Run("CancelledContextFails", func(t *testing.T) {
		s := newStore(t)
		c, cancel := context.WithCancel(ctx)
		cancel()
		if _, err := s.Snapshot(c); err == nil {
			t.Fatal("Snapshot(cancelled context) succeeded")
		} else if !errors.Is(err, context.Canceled) && directory.ErrorCode(err) != directory.EInternal {
			t.Fatalf("Snapshot(cancelled) error = %v", err)
		}
	})

	t.Run("ConcurrentReadsAndWrites", func(t *testing.T) {
		s := newStore(t)
		MustReplace(t, s, Fixture())
		var wg sync.WaitGroup
		errs := make(chan error, 40)
		for i := range 20 {
			wg.Add(2)
			go func() {
				defer wg.Done()
				r := Fixture().Resources[i%2]
				r.Summary = "edit"
				errs <- s.PutResource(ctx, &r, directory.Change{Author: "test"})
			}()
			go func() {
				defer wg.Done()
				d, err := s.Snapshot(ctx)
				if err == nil && len(d.Resources) != 2 {
					t.Errorf("concurrent Snapshot saw %d resources, want 2", len(d.Resources))
				}
				errs <- err
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Fatal(err)
			}
		}
	})
}

// MustReplace replaces the store's directory or fails the test.
func MustReplace(tb testing.TB, s directory.Store, d *directory.Directory) {
	tb.Helper()
	if err := s.Replace(context.Background(), d, directory.Change{Author: "test"}); err != nil {
		tb.Fatalf("Replace: %v", err)
	}
}

// Fixture returns a small, valid directory that exercises every field: two resources, one
// with overnight weekly hours and a holiday rule, one 24/7 with contacts of several kinds.
func Fixture() *directory.Directory {
	return &directory.Directory{
		Resources: []directory.Resource{{
			ID: "day-office", Name: "Day Office", AlternateName: "DO", Organization: "Test U",
			Section: "For everyone", Description: "Helps with disputes.", Summary: "Disputes.",
			Audience: directory.AudienceEmployees, Confidentiality: directory.NotConfidential,
			Kind: directory.KindService, Topics: []string{"conflict"}, Keywords: []string{"dispute"},
			Contacts: []directory.Contact{{Kind: directory.ContactEmail, Purpose: directory.PurposeGeneral,
				Value: "day@example.edu", URL: "mailto:day@example.edu", Label: "E-mail"}},
			Hours: &directory.Hours{TimeZone: "America/New_York", Weekly: []directory.Window{
				{Days: []directory.Weekday{"MO", "TU"}, Opens: "17:00", Closes: "09:00"}},
				Holidays: directory.HolidaysOpen, Calendar: "test", Description: "Nights."},
			Provenance: directory.Provenance{Source: "fixture", SourceText: "Day Office\nHelps.", LastVerified: "2026-01-02"},
		}, {
			ID: "night-line", Name: "Night Line", Organization: "Test U", Section: "Students",
			Description: "Listens.", Audience: directory.AudienceStudents, Confidentiality: directory.Confidential,
			Kind: directory.KindService, Topics: []string{"mental-health"}, Emergency: true,
			Contacts: []directory.Contact{
				{Kind: directory.ContactPhone, Purpose: directory.PurposeEmergency, Value: "617-555-0100", URL: "tel:+16175550100", Label: "Call"},
				{Kind: directory.ContactText, Purpose: directory.PurposeGeneral, Label: "Text", Note: "number not stated"},
			},
			Hours:      &directory.Hours{TimeZone: "America/New_York", Always: true, Description: "24/7"},
			Provenance: directory.Provenance{Source: "fixture", SourceText: "Night Line\nListens."},
		}},
		Topics: []directory.Topic{
			{ID: "conflict", Name: "Conflict", Description: "Disputes."},
			{ID: "mental-health", Name: "Mental health", Description: "Feelings.", Parent: "conflict"},
		},
		Calendar: directory.Calendar{
			Holidays: []directory.Holiday{{Calendar: "test", Date: "2026-11-26", Name: "Thanksgiving", Source: "fixture"}},
			Terms:    []directory.Term{{Name: "academic-year", Start: "2026-09-02", End: "2027-05-21", Verified: true}},
		},
	}
}
