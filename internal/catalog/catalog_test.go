package catalog_test

import (
	"slices"
	"testing"
	"time"

	"signpost/internal/catalog"
	"signpost/internal/directory"
	"signpost/internal/mitdusp"
	"signpost/internal/navigator"
	"signpost/internal/testenv"
)

// TestDraftsAndRetiredStayOffThePublicCatalog checks the public read model: what an editor
// retired or has not yet published is neither listed, nor found, nor matched.
func TestDraftsAndRetiredStayOffThePublicCatalog(t *testing.T) {
	d := testenv.Directory(t)
	retired, draft := d.Resources[0].ID, d.Resources[1].ID
	d.Resources[0].Status = directory.StatusRetired
	d.Resources[1].Status = directory.StatusDraft
	topic := d.Resources[2].Topics[0]
	for i := range d.Topics {
		if d.Topics[i].ID == topic {
			d.Topics[i].Retired = true
		}
	}
	c := testenv.Catalog(t, d)
	for _, id := range []string{retired, draft} {
		if _, err := c.Resource(id); directory.ErrorCode(err) != directory.ENotFound {
			t.Errorf("Resource(%s) = %v, want not found", id, err)
		}
	}
	if n := len(c.Resources()); n != len(d.Resources)-2 {
		t.Errorf("%d public resources, want %d", n, len(d.Resources)-2)
	}
	for _, tp := range c.Topics() {
		if tp.ID == topic {
			t.Errorf("retired topic %s is still listed", topic)
		}
	}
	for _, r := range c.Resources() {
		if slices.Contains(r.Topics, topic) {
			t.Errorf("%s still links to retired topic %s", r.ID, topic)
		}
	}
	if !slices.Contains(d.Resources[2].Topics, topic) {
		t.Error("building the catalog changed the caller's directory")
	}
}

// TestAnUnknownTopicLinkDoesNotStopTheCatalog: a resource linking a topic that does not exist
// loses the link; the directory is still served.
func TestAnUnknownTopicLinkDoesNotStopTheCatalog(t *testing.T) {
	d, err := mitdusp.Load()
	if err != nil {
		t.Fatal(err)
	}
	k, _ := navigator.DefaultKnowledge()
	d.Resources[0].Topics = append(d.Resources[0].Topics, "gone-topic")
	c, err := catalog.New(d, k, time.Now())
	if err != nil {
		t.Fatalf("catalog.New with a dangling topic link: %v", err)
	}
	r, _ := c.Resource(d.Resources[0].ID)
	if slices.Contains(r.Topics, "gone-topic") {
		t.Fatal("the dangling link is still served")
	}
	if !slices.Contains(d.Resources[0].Topics, "gone-topic") {
		t.Fatal("building the catalog changed the caller's directory")
	}
}
