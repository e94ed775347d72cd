package hsds

import (
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"signpost/internal/directory"
)

// gather collects what Signpost keeps of a foreign HSDS object.
type gather struct {
	contacts  []directory.Contact
	seen      map[string]bool
	schedules []string
	notes     []string
	noted     map[string]bool
}

func (g *gather) contact(c directory.Contact) {
	key := string(c.Kind) + "\x00" + c.Value + "\x00" + c.Extension
	if g.seen[key] {
		return
	}
	g.seen[key] = true
	g.contacts = append(g.contacts, c)
}

func (g *gather) note(line string) {
	if !g.noted[line] {
		g.noted[line] = true
		g.notes = append(g.notes, line)
	}
}

// consumed are the service keys the importer maps to resource fields; ids link, they say nothing.
var consumed = []string{"name", "alternate_name", "description", "status", "assured_date"}

// foreign builds a resource from a service, organization or location (kind) Signpost did not
// write.
func (im *importer) foreign(s *entity, kind string) (*directory.Resource, error) {
	// The name is checked before the other fields are read, so a nameless record says so first.
	var rec serviceRecord
	if err := decode(&rec, s.m, s.path, "name"); err != nil {
		return nil, err
	}
	name := rec.Name
	if strings.TrimSpace(name) == "" {
		return nil, pathError(join(s.path, "name"), "a name is required")
	}
	if err := decode(&rec, s.m, s.path, "alternate_name", "description", "status", "assured_date"); err != nil {
		return nil, err
	}
	status, assured := rec.Status, rec.AssuredDate
	r := &directory.Resource{Name: name, AlternateName: rec.AlternateName, Description: rec.Description, Status: statusOf(status),
		Audience: directory.AudienceAll, Confidentiality: directory.NotConfidential, Kind: directory.KindService, Topics: []string{}}
	g := &gather{seen: map[string]bool{}, noted: map[string]bool{}}
	if strings.TrimSpace(r.Description) == "" {
		r.Description = name
		g.note("The HSDS source gives no description; the description repeats the name.")
	}
	if _, err := time.Parse(time.DateOnly, assured); err == nil {
		r.Provenance.LastVerified = assured
	} else if assured != "" {
		g.note("assured_date: " + assured)
	}
	if status != "" && status != "active" {
		g.note("HSDS status: " + status)
	}
	if err := decode(&rec, s.m, s.path, "id"); err != nil {
		return nil, err
	}
	for _, k := range sortedKeys(s.m) {
		if slices.Contains(consumed, k) || k == "services" || k == "organization" {
			continue
		}
		if err := walk(g, join(s.path, k), k, s.m[k], "", k); err != nil {
			return nil, err
		}
	}
	if s.sal != nil {
		for _, k := range sortedKeys(s.sal.m) {
			if k != "service" {
				if err := walk(g, join(s.sal.path, k), k, s.sal.m[k], "", "service_at_location."+k); err != nil {
					return nil, err
				}
			}
		}
	}
	var org *entity
	var err error
	if kind == "organization" {
		r.Organization = name // an organization without services stands for itself
		g.note("An HSDS organization without services.")
	} else if org, err = im.orgOf(s); err != nil {
		return nil, err
	}
	if kind == "location" {
		g.note("An HSDS location given on its own.")
	}
	if org != nil {
		var o organizationRecord
		if err := decode(&o, org.m, org.path, "name"); err != nil {
			return nil, err
		}
		r.Organization = o.Name
		for _, k := range sortedKeys(org.m) {
			if k == "services" || k == "name" {
				continue
			}
			if err := walk(g, join(org.path, k), k, org.m[k], "", "organization."+k); err != nil {
				return nil, err
			}
		}
	}
	r.Contacts = g.contacts
	if r.Contacts == nil {
		r.Contacts = []directory.Contact{}
	}
	if len(g.schedules) > 0 {
		r.Hours = &directory.Hours{TimeZone: "UTC", Description: strings.Join(g.schedules, "\n")}
		g.note("HSDS schedules give no IANA time zone; the hours are kept in words only.")
	}
	r.ID = im.newID(name)
	r.Provenance.Source = "Open Referral HSDS import"
	if rec.ID != "" {
		r.Provenance.Source += " (id " + rec.ID + ")"
	}
	r.Provenance.SourceText = r.Description
	r.Provenance.Notes = strings.Join(append([]string{ImportedNote}, g.notes...), "\n")
	return r, nil
}

// sortedKeys returns m's keys, an object's own ways to reach it (phones, email, url, website)
// first, then the rest in order, so that an address is labelled by the object that states it.
func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	rank := func(k string) int {
		if i := slices.Index(primaryKeys, k); i >= 0 {
			return i
		}
		return len(primaryKeys)
	}
	sort.Slice(keys, func(i, j int) bool {
		if ri, rj := rank(keys[i]), rank(keys[j]); ri != rj {
			return ri < rj
		}
		return keys[i] < keys[j]
	})
	return keys
}

var primaryKeys = []string{"phones", "email", "url", "website"}

// newID derives a free resource id from a name.
func (im *importer) newID(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
		if b.Len() >= 56 {
			break
		}
	}
	base := strings.Trim(b.String(), "-")
	if base == "" {
		base = "hsds-resource"
	}
	id := base
	for n := 2; im.taken[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	im.taken[id] = true
	return id
}
