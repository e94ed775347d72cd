// Package catalog is the read model: an immutable in-memory snapshot of the directory, with
// resources indexed by id and schedules ready for availability questions. The public site,
// the API and the navigator read from a [Catalog] so that no request waits on the database,
// and [Live] swaps in a fresh one after every change.
//
// It imports the domain and availability, never storage, HTTP or import/export code.
package catalog

import (
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"signpost/internal/availability"
	"signpost/internal/directory"
	"signpost/internal/navigator"
)

// Catalog is one consistent snapshot of the directory. It is never modified after [New], so
// it is safe for concurrent use.
type Catalog struct {
	dir      *directory.Directory
	byID     map[string]*directory.Resource
	topics   map[string]*directory.Topic
	calendar *availability.Calendar
	// schedules are compiled once per snapshot: availability is asked for on every match.
	schedules map[string]*hours
	nav       *navigator.Navigator
	// contactsJSON holds each resource's contacts, encoded once: every match answer carries
	// them, and encoding them per request was a third of the endpoint's time.
	contactsJSON map[string]json.RawMessage
	// LoadedAt is when the snapshot was taken.
	LoadedAt time.Time
}

// New validates d and builds a catalog from its public part (retired resources and topics
// and drafts left out), with a navigator using knowledge k. The caller must not change d afterwards.
func New(d *directory.Directory, k *navigator.Knowledge, loadedAt time.Time) (*Catalog, error) {
	d = withoutUnknownTopics(d)
	if err := d.Validate(); err != nil {
		return nil, err
	}
	d = publicPart(d)
	cal, err := availability.NewCalendar(d.Calendar)
	if err != nil {
		return nil, fmt.Errorf("catalog calendar: %w", err)
	}
	c := &Catalog{
		dir:      d,
		byID:     make(map[string]*directory.Resource, len(d.Resources)),
		topics:   make(map[string]*directory.Topic, len(d.Topics)),
		calendar: cal,
		LoadedAt: loadedAt,
	}
	c.schedules = make(map[string]*hours, len(d.Resources))
	for i := range d.Resources {
		r := &d.Resources[i]
		c.byID[r.ID] = r
		sch, err := availability.Compile(r.Hours)
		if err != nil {
			return nil, directory.Errorf(directory.EInvalid, "%s: hours: %v", r.ID, err)
		}
		c.schedules[r.ID] = &hours{schedule: sch}
	}
	for i := range d.Topics {
		c.topics[d.Topics[i].ID] = &d.Topics[i]
	}
	c.nav = navigator.New(k, d)
	c.contactsJSON = make(map[string]json.RawMessage, len(d.Resources))
	for i := range d.Resources {
		contacts := d.Resources[i].Contacts
		if contacts == nil {
			contacts = []directory.Contact{}
		}
		b, err := json.Marshal(contacts)
		if err != nil {
			return nil, fmt.Errorf("catalog: encode contacts of %s: %w", d.Resources[i].ID, err)
		}
		c.contactsJSON[d.Resources[i].ID] = b
	}
	return c, nil
}

// ContactsJSON returns the resource's contacts as a JSON array, encoded once per snapshot.
func (c *Catalog) ContactsJSON(id string) json.RawMessage {
	if b, ok := c.contactsJSON[id]; ok {
		return b
	}
	return json.RawMessage("[]")
}

// Navigator returns the navigator built over this snapshot.
func (c *Catalog) Navigator() *navigator.Navigator { return c.nav }

// Match answers a concern over this snapshot, with availability from its calendar. It is the
// one code path the API, the web pages, the CLI and the evaluation all use.
func (c *Catalog) Match(req navigator.Request) (*navigator.Answer, error) {
	return c.nav.Match(req, c.availabilityFunc)
}

func (c *Catalog) availabilityFunc(r *directory.Resource, t time.Time) (known, open bool, next *time.Time) {
	st := c.Availability(r, t)
	return st.Known, st.Open, st.NextChange
}

// Directory returns the snapshot's directory. Callers must not modify it.
func (c *Catalog) Directory() *directory.Directory { return c.dir }

// Resources returns every resource in directory order. Callers must not modify them.
func (c *Catalog) Resources() []directory.Resource { return c.dir.Resources }

// Topics returns every topic in taxonomy order.
func (c *Catalog) Topics() []directory.Topic { return c.dir.Topics }

// Resource returns the resource with the given id, or an [directory.ENotFound] error.
func (c *Catalog) Resource(id string) (*directory.Resource, error) {
	if r, ok := c.byID[id]; ok {
		return r, nil
	}
	return nil, directory.Errorf(directory.ENotFound, "Resource %q not found.", id)
}

// Topic returns the topic with the given id and whether it exists.
func (c *Catalog) Topic(id string) (*directory.Topic, bool) {
	t, ok := c.topics[id]
	return t, ok
}

// Availability says whether r is available at t and when that changes next.
func (c *Catalog) Availability(r *directory.Resource, t time.Time) availability.Status {
	h, ok := c.schedules[r.ID]
	if !ok || h.schedule == nil {
		// A resource from outside this snapshot, or one without hours: unknown, never a guess.
		return availability.Status{}
	}
	return h.at(c.calendar, t)
}

// Query selects resources from a catalog.
type Query struct {
	directory.Filter
	// Available, when set, keeps only resources whose availability at At is known and equal
	// to *Available.
	Available *bool
	// At is the instant availability is judged at.
	At time.Time
}

// Find returns the resources that match q, in directory order. An unknown topic is an
// [directory.EInvalid] error, so that a typo is not mistaken for "no resources".
func (c *Catalog) Find(q Query) ([]*directory.Resource, error) {
	if q.Topic != "" {
		if _, ok := c.topics[q.Topic]; !ok {
			return nil, directory.Errorf(directory.EInvalid, "Unknown topic %q: see /api/v1/topics for the list.", q.Topic)
		}
	}
	out := []*directory.Resource{}
	for i := range c.dir.Resources {
		r := &c.dir.Resources[i]
		if !q.Match(r) {
			continue
		}
		if q.Available != nil {
			st := c.Availability(r, q.At)
			if !st.Known || st.Open != *q.Available {
				continue
			}
		}
		out = append(out, r)
	}
	return out, nil
}

// publicPart returns d without its draft and retired resources and retired topics; resources lose their links
// to retired topics. It returns d itself when nothing is retired, the common case.
func publicPart(d *directory.Directory) *directory.Directory {
	retiredTopics := map[string]bool{}
	for _, t := range d.Topics {
		if t.Retired {
			retiredTopics[t.ID] = true
		}
	}
	anyRetired := len(retiredTopics) > 0
	for i := range d.Resources {
		anyRetired = anyRetired || !d.Resources[i].Public()
	}
	if !anyRetired {
		return d
	}
	pub := &directory.Directory{Calendar: d.Calendar, Resources: []directory.Resource{}, Topics: []directory.Topic{}}
	for _, t := range d.Topics {
		if !t.Retired {
			pub.Topics = append(pub.Topics, t)
		}
	}
	for _, r := range d.Resources {
		if !r.Public() {
			continue
		}
		if len(retiredTopics) > 0 {
			r.Topics = slices.DeleteFunc(slices.Clone(r.Topics), func(id string) bool { return retiredTopics[id] })
		}
		pub.Resources = append(pub.Resources, r)
	}
	return pub
}

// withoutUnknownTopics returns d with resources' links to topics that do not exist removed
// (copying only what changes): stores refuse such links, but one left by older data must not
// stop a whole directory from being served.
func withoutUnknownTopics(d *directory.Directory) *directory.Directory {
	known := make(map[string]bool, len(d.Topics))
	for _, t := range d.Topics {
		known[t.ID] = true
	}
	var out *directory.Directory
	for i := range d.Resources {
		r := &d.Resources[i]
		if !slices.ContainsFunc(r.Topics, func(id string) bool { return !known[id] }) {
			continue
		}
		if out == nil {
			out = &directory.Directory{Topics: d.Topics, Calendar: d.Calendar, Resources: slices.Clone(d.Resources)}
		}
		out.Resources[i].Topics = slices.DeleteFunc(slices.Clone(r.Topics), func(id string) bool { return !known[id] })
	}
	if out == nil {
		return d
	}
	return out
}
