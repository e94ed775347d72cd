package hsds

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"signpost/internal/directory"
)

// ImportedNote opens the provenance notes of every resource [Import] builds from HSDS data that
// Signpost did not write: HSDS does not say what Signpost needs to know before it offers a
// resource, so the importer assumes the least.
const ImportedNote = "Imported from Open Referral HSDS, which does not say who a service serves, what " +
	"confidentiality it offers or what kind of resource it is: audience is set to all, confidentiality to " +
	"not-confidential and kind to service until a person checks. Schedules are kept in words (the hours " +
	"description), so availability is unknown until a person enters the weekly hours."

// Import reads an HSDS 3.0 JSON document and returns the directory it describes, validated.
//
// A document [Export] wrote (what `signpost export -format hsds` writes: an object with
// version, organizations, services, taxonomies and taxonomy_terms) comes back exactly: every
// service carrying a signpost-field "id" attribute is rebuilt from its HSDS fields and
// attributes, topics from the signpost-topic terms, the calendar and retired topics from the
// signpost-directory terms, so that exporting the result gives the same bytes.
//
// Other HSDS data is imported without loss of what Signpost can hold: the same top-level
// object, a paginated list ({"contents": [...]}), a single service, organization,
// service_at_location or location, or the tabular form ({"services.csv": [rows], ...}). Each
// service becomes a resource (an organization or location without services becomes one too)
// with every phone, e-mail address and URL found in it, its organization or locations as
// contacts, every schedule in the hours description, and every other value in the provenance
// notes, under the conservative defaults [ImportedNote] describes.
//
// Errors are [directory.EInvalid] errors naming the line of a syntax error or the JSON path
// of a wrong value (services[3].phones[0].number), or the rule the result breaks.
func Import(b []byte) (*directory.Directory, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var root any
	if err := dec.Decode(&root); err != nil {
		var syn *json.SyntaxError
		if errors.As(err, &syn) {
			return nil, directory.Errorf(directory.EInvalid, "line %d: %v.", lineOf(b, syn.Offset), err)
		}
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return nil, directory.Errorf(directory.EInvalid, "line %d: the document ends too soon.", lineOf(b, int64(len(b))))
		}
		return nil, directory.Errorf(directory.EInvalid, "%v.", err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, directory.Errorf(directory.EInvalid, "line %d: data after the document.", lineOf(b, dec.InputOffset()))
	}
	im := &importer{terms: map[string]termRef{}, orgs: map[string]*entity{}, used: map[string]bool{}, taken: map[string]bool{}}
	if err := im.read(root); err != nil {
		return nil, err
	}
	d, err := im.build()
	if err != nil {
		return nil, err
	}
	if err := d.Validate(); err != nil {
		return nil, err
	}
	return d, nil
}

func lineOf(b []byte, offset int64) int {
	return bytes.Count(b[:max(0, min(int(offset), len(b)))], []byte("\n")) + 1
}

// pathError is the error of a value at a JSON path.
func pathError(path, format string, args ...any) error {
	if path == "" {
		path = "document"
	}
	return directory.Errorf(directory.EInvalid, "%s: %s.", path, fmt.Sprintf(format, args...))
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func at(path string, i int) string { return path + "[" + strconv.Itoa(i) + "]" }

// object returns v as an object; nil (absent or null) gives nil.
func object(v any, path string) (map[string]any, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case map[string]any:
		return v, nil
	}
	return nil, pathError(path, "expected an object, found %s", kindOf(v))
}

// array returns v as an array; nil (absent or null) gives nil.
func array(v any, path string) ([]any, error) {
	switch v := v.(type) {
	case nil:
		return nil, nil
	case []any:
		return v, nil
	}
	return nil, pathError(path, "expected an array, found %s", kindOf(v))
}

// text returns a scalar as a string: numbers as written, true and false, "" for null.
func text(v any, path string) (string, error) {
	switch v := v.(type) {
	case nil:
		return "", nil
	case string:
		return v, nil
	case json.Number:
		return v.String(), nil
	case bool:
		return strconv.FormatBool(v), nil
	}
	return "", pathError(path, "expected a string, found %s", kindOf(v))
}

func kindOf(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "true or false"
	}
	return "null"
}

// entity is an HSDS object found in the document, with where it was found.
type entity struct {
	path string
	m    map[string]any
	// org is the organization the entity is nested in, if any.
	org *entity
	// sal is the service_at_location a service was found in, if any.
	sal *entity
	// services counts the services that name this organization.
	services int
}

type termRef struct {
	path, taxonomy, code, name, desc, parent string
}

type importer struct {
	services []*entity
	orgList  []*entity
	others   []*entity // locations given on their own
	orgs     map[string]*entity
	termList []termRef
	terms    map[string]termRef
	used     map[string]bool // term ids already listed
	taken    map[string]bool // resource ids
}

var exportKeys = []string{"organizations", "services", "taxonomies", "taxonomy_terms"}

func (im *importer) read(root any) error {
	m, err := object(root, "")
	if err != nil {
		return err
	}
	if m == nil {
		return pathError("", "expected an HSDS object, found null")
	}
	switch {
	case m["id"] == nil && slices.ContainsFunc(exportKeys, func(k string) bool { _, ok := m[k]; return ok }):
		for _, k := range exportKeys {
			items, err := array(m[k], k)
			if err != nil {
				return err
			}
			for i, it := range items {
				p := at(k, i)
				o, err := object(it, p)
				if err != nil {
					return err
				}
				if o == nil {
					return pathError(p, "expected an object, found null")
				}
				switch k {
				case "organizations":
					err = im.org(p, o)
				case "services":
					err = im.service(p, o, nil, nil)
				case "taxonomy_terms":
					err = im.term(p, o)
				}
				if err != nil {
					return err
				}
			}
		}
		return nil
	case m["contents"] != nil:
		items, err := array(m["contents"], "contents")
		if err != nil {
			return err
		}
		for i, it := range items {
			p := at("contents", i)
			o, err := object(it, p)
			if err != nil {
				return err
			}
			if err := im.classify(p, o); err != nil {
				return err
			}
		}
		return nil
	case hasTables(m):
		nested, err := nestTables(m)
		if err != nil {
			return err
		}
		return im.read(nested)
	}
	return im.classify("", m)
}

// classify reads one HSDS object whose type the document does not name, by its fields.
func (im *importer) classify(path string, m map[string]any) error {
	has := func(keys ...string) bool {
		return slices.ContainsFunc(keys, func(k string) bool { _, ok := m[k]; return ok })
	}
	switch {
	case m == nil:
		return pathError(path, "expected an object, found null")
	case has("service") && has("location", "location_id"):
		s, err := object(m["service"], join(path, "service"))
		if err != nil || s == nil {
			return pathError(join(path, "service"), "expected the service object")
		}
		return im.service(join(path, "service"), s, nil, &entity{path: path, m: m})
	case has("taxonomy_id", "code", "term_uri"):
		return im.term(path, m)
	case has("status", "organization_id", "service_at_locations", "program_id"):
		return im.service(path, m, nil, nil)
	case has("services", "website", "legal_status", "tax_status", "year_incorporated", "funding", "organization_identifiers", "locations"):
		return im.org(path, m)
	case has("location_type", "addresses", "latitude", "longitude", "accessibility"):
		im.others = append(im.others, &entity{path: path, m: m})
		return nil
	case has("name") && has("uri", "version"):
		return nil // a taxonomy: its terms carry what Signpost keeps
	}
	return pathError(path, "not an HSDS service, organization, location, service_at_location or taxonomy term")
}

func (im *importer) org(path string, m map[string]any) error {
	e := &entity{path: path, m: m}
	im.orgList = append(im.orgList, e)
	if id, _ := text(m["id"], ""); id != "" {
		im.orgs[id] = e
	}
	items, err := array(m["services"], join(path, "services"))
	if err != nil {
		return err
	}
	for i, it := range items {
		p := at(join(path, "services"), i)
		s, err := object(it, p)
		if err != nil {
			return err
		}
		if s == nil {
			return pathError(p, "expected an object, found null")
		}
		if err := im.service(p, s, e, nil); err != nil {
			return err
		}
	}
	return nil
}

func (im *importer) service(path string, m map[string]any, org, sal *entity) error {
	e := &entity{path: path, m: m, org: org, sal: sal}
	im.services = append(im.services, e)
	if org != nil {
		org.services++
	}
	// Terms nested in attributes name the term when the document lists none.
	attrs, err := array(m["attributes"], join(path, "attributes"))
	if err != nil {
		return err
	}
	for i, a := range attrs {
		p := at(join(path, "attributes"), i)
		am, err := object(a, p)
		if err != nil {
			return err
		}
		if am == nil {
			continue
		}
		t, err := object(am["taxonomy_term"], join(p, "taxonomy_term"))
		if err != nil {
			return err
		}
		if t != nil {
			if err := im.addTerm(join(p, "taxonomy_term"), t, false); err != nil {
				return err
			}
		}
	}
	return nil
}

func (im *importer) term(path string, m map[string]any) error { return im.addTerm(path, m, true) }

func (im *importer) addTerm(path string, m map[string]any, listed bool) error {
	var t termRef
	t.path = path
	var id, taxID string
	for _, f := range []struct {
		key string
		dst *string
	}{{"id", &id}, {"taxonomy", &t.taxonomy}, {"taxonomy_id", &taxID}, {"code", &t.code}, {"name", &t.name},
		{"description", &t.desc}, {"parent_id", &t.parent}} {
		s, err := text(m[f.key], join(path, f.key))
		if err != nil {
			return err
		}
		*f.dst = s
	}
	if t.taxonomy == "" {
		for _, tax := range []string{TaxonomyTopic, TaxonomyAudience, TaxonomyConfidentiality, TaxonomyField, TaxonomyDirectory} {
			if taxID == ID("taxonomy", tax) {
				t.taxonomy = tax
			}
		}
	}
	if id == "" {
		return nil
	}
	if _, ok := im.terms[id]; !ok || listed {
		im.terms[id] = t
	}
	if listed && !im.used[id] {
		im.used[id] = true
		im.termList = append(im.termList, t)
	}
	return nil
}

// isSignpost reports whether a service carries the attributes [Export] writes.
func (im *importer) isSignpost(s *entity) bool {
	attrs, _ := s.m["attributes"].([]any)
	for _, a := range attrs {
		am, _ := a.(map[string]any)
		id, _ := am["taxonomy_term_id"].(string)
		if id == ID("term", TaxonomyField+"/"+fieldID) {
			return true
		}
	}
	return false
}

func (im *importer) build() (*directory.Directory, error) {
	d := &directory.Directory{Resources: []directory.Resource{}, Topics: []directory.Topic{},
		Calendar: directory.Calendar{Holidays: []directory.Holiday{}, Terms: []directory.Term{}}}
	if err := im.directoryTerms(d); err != nil {
		return nil, err
	}
	exact := make([]bool, len(im.services))
	for i, s := range im.services {
		if exact[i] = im.isSignpost(s); exact[i] {
			r, err := im.exact(s)
			if err != nil {
				return nil, err
			}
			im.taken[r.ID] = true
			d.Resources = append(d.Resources, *r)
		}
	}
	var foreign []directory.Resource
	for i, s := range im.services {
		if exact[i] {
			continue
		}
		r, err := im.foreign(s, "service")
		if err != nil {
			return nil, err
		}
		foreign = append(foreign, *r)
	}
	for _, o := range im.orgList {
		if o.services > 0 {
			continue
		}
		r, err := im.foreign(o, "organization")
		if err != nil {
			return nil, err
		}
		foreign = append(foreign, *r)
	}
	for _, l := range im.others {
		r, err := im.foreign(l, "location")
		if err != nil {
			return nil, err
		}
		foreign = append(foreign, *r)
	}
	d.Resources = append(d.Resources, foreign...)
	return d, nil
}

// directoryTerms reads topics, retired topics and the calendar from the Signpost taxonomies.
func (im *importer) directoryTerms(d *directory.Directory) error {
	topicOf := map[string]string{}
	for id, t := range im.terms {
		if t.taxonomy == TaxonomyTopic {
			topicOf[id] = t.code
		}
	}
	retired := map[string]bool{}
	for _, t := range im.termList {
		if t.taxonomy == TaxonomyDirectory && t.code == dirRetiredTopic {
			retired[t.name] = true
		}
	}
	for _, t := range im.termList {
		switch {
		case t.taxonomy == TaxonomyTopic:
			top := directory.Topic{ID: t.code, Name: t.name, Description: t.desc, Retired: retired[t.code]}
			if t.parent != "" {
				p, ok := topicOf[t.parent]
				if !ok {
					return pathError(join(t.path, "parent_id"), "names no signpost-topic term")
				}
				top.Parent = p
			}
			d.Topics = append(d.Topics, top)
		case t.taxonomy == TaxonomyDirectory && t.code == dirHoliday:
			var h directory.Holiday
			if err := strictJSON(t.desc, &h); err != nil {
				return pathError(join(t.path, "description"), "not a Signpost holiday: %v", err)
			}
			d.Calendar.Holidays = append(d.Calendar.Holidays, h)
		case t.taxonomy == TaxonomyDirectory && t.code == dirTerm:
			var tm directory.Term
			if err := strictJSON(t.desc, &tm); err != nil {
				return pathError(join(t.path, "description"), "not a Signpost term: %v", err)
			}
			d.Calendar.Terms = append(d.Calendar.Terms, tm)
		}
	}
	for id := range retired {
		if !slices.ContainsFunc(d.Topics, func(t directory.Topic) bool { return t.ID == id }) {
			return directory.Errorf(directory.EInvalid, "taxonomy_terms: retired topic %q is not a signpost-topic term.", id)
		}
	}
	return nil
}

// strictJSON decodes one JSON value of a Signpost type, refusing unknown fields.
func strictJSON(s string, v any) error {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if dec.More() {
		return errors.New("data after the value")
	}
	return nil
}

// orgName returns the name of the service's organization, nested or by organization_id.
func (im *importer) orgOf(s *entity) (*entity, error) {
	if s.org != nil {
		return s.org, nil
	}
	nested, err := object(s.m["organization"], join(s.path, "organization"))
	if err != nil {
		return nil, err
	}
	if nested != nil {
		return &entity{path: join(s.path, "organization"), m: nested}, nil
	}
	id, err := text(s.m["organization_id"], join(s.path, "organization_id"))
	if err != nil {
		return nil, err
	}
	if o := im.orgs[id]; o != nil {
		o.services++
		return o, nil
	}
	return nil, nil
}

// exact rebuilds a resource [Export] wrote.
func (im *importer) exact(s *entity) (*directory.Resource, error) {
	r := &directory.Resource{Topics: []string{}, Contacts: []directory.Contact{}}
	for _, f := range []struct {
		key string
		dst *string
	}{{"name", &r.Name}, {"alternate_name", &r.AlternateName}, {"description", &r.Description}, {"assured_date", &r.Provenance.LastVerified}} {
		v, err := text(s.m[f.key], join(s.path, f.key))
		if err != nil {
			return nil, err
		}
		*f.dst = v
	}
	status, err := text(s.m["status"], join(s.path, "status"))
	if err != nil {
		return nil, err
	}
	r.Status = statusOf(status)
	org, err := im.orgOf(s)
	if err != nil {
		return nil, err
	}
	if org != nil {
		if r.Organization, err = text(org.m["name"], join(org.path, "name")); err != nil {
			return nil, err
		}
	}
	attrs, _ := array(s.m["attributes"], "")
	for i, a := range attrs {
		p := at(join(s.path, "attributes"), i)
		am, err := object(a, p)
		if err != nil {
			return nil, err
		}
		if am == nil {
			continue
		}
		termID, err := text(am["taxonomy_term_id"], join(p, "taxonomy_term_id"))
		if err != nil {
			return nil, err
		}
		value, err := text(am["value"], join(p, "value"))
		if err != nil {
			return nil, err
		}
		t, ok := im.terms[termID]
		if !ok {
			continue // a term Signpost does not know: nothing of Signpost's
		}
		vp := join(p, "value")
		switch t.taxonomy {
		case TaxonomyTopic:
			r.Topics = append(r.Topics, t.code)
		case TaxonomyAudience:
			r.Audience = directory.Audience(t.code)
		case TaxonomyConfidentiality:
			r.Confidentiality = directory.Confidentiality(t.code)
		case TaxonomyField:
			if err := setField(r, t.code, value, vp); err != nil {
				return nil, err
			}
		}
	}
	return r, nil
}

func statusOf(hsdsStatus string) directory.Status {
	switch hsdsStatus {
	case "inactive", "temporarily closed":
		return directory.StatusDraft
	case "defunct":
		return directory.StatusRetired
	}
	return directory.StatusPublished
}

func setField(r *directory.Resource, code, value, path string) error {
	switch code {
	case fieldID:
		r.ID = value
	case fieldStatus:
		r.Status = directory.Status(value)
	case fieldSection:
		r.Section = value
	case fieldSummary:
		r.Summary = value
	case fieldKind:
		r.Kind = directory.Kind(value)
	case fieldConfidentialityNote:
		r.ConfidentialityNote = value
	case fieldKeyword:
		r.Keywords = append(r.Keywords, value)
	case fieldAlias:
		r.Aliases = append(r.Aliases, value)
	case fieldEmergency:
		b, err := strconv.ParseBool(value)
		if err != nil {
			return pathError(path, "emergency must be true or false, not %q", value)
		}
		r.Emergency = b
	case fieldContact:
		var c directory.Contact
		if err := strictJSON(value, &c); err != nil {
			return pathError(path, "not a Signpost contact: %v", err)
		}
		r.Contacts = append(r.Contacts, c)
	case fieldHours:
		var h directory.Hours
		if err := strictJSON(value, &h); err != nil {
			return pathError(path, "not Signpost hours: %v", err)
		}
		r.Hours = &h
	case fieldSource:
		r.Provenance.Source = value
	case fieldSourceText:
		r.Provenance.SourceText = value
	case fieldNotes:
		r.Provenance.Notes = value
	case fieldReviewInterval:
		n, err := strconv.Atoi(value)
		if err != nil {
			return pathError(path, "review interval must be a whole number of days, not %q", value)
		}
		r.Provenance.ReviewIntervalDays = n
	}
	return nil
}

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
	name, err := text(s.m["name"], join(s.path, "name"))
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(name) == "" {
		return nil, pathError(join(s.path, "name"), "a name is required")
	}
	r := &directory.Resource{Name: name, Audience: directory.AudienceAll, Confidentiality: directory.NotConfidential,
		Kind: directory.KindService, Topics: []string{}}
	if r.AlternateName, err = text(s.m["alternate_name"], join(s.path, "alternate_name")); err != nil {
		return nil, err
	}
	if r.Description, err = text(s.m["description"], join(s.path, "description")); err != nil {
		return nil, err
	}
	status, err := text(s.m["status"], join(s.path, "status"))
	if err != nil {
		return nil, err
	}
	r.Status = statusOf(status)
	assured, err := text(s.m["assured_date"], join(s.path, "assured_date"))
	if err != nil {
		return nil, err
	}
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
	hsdsID, err := text(s.m["id"], join(s.path, "id"))
	if err != nil {
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
		if r.Organization, err = text(org.m["name"], join(org.path, "name")); err != nil {
			return nil, err
		}
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
	if hsdsID != "" {
		r.Provenance.Source += " (id " + hsdsID + ")"
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

// walk collects from one value found under key: phones become phone or text contacts,
// e-mail addresses and URLs contacts, schedules lines of the hours description, and every
// other value a line of notes. who labels the contacts of a contact person. rel is the value's
// path relative to the resource, for the notes.
func walk(g *gather, path, key string, v any, who, rel string) error {
	switch v := v.(type) {
	case []any:
		for i, it := range v {
			if err := walk(g, at(path, i), key, it, who, at(rel, i)); err != nil {
				return err
			}
		}
		return nil
	case map[string]any:
		switch key {
		case "phones":
			return phone(g, path, v, who, rel)
		case "schedules":
			return schedule(g, path, v, rel)
		case "contacts":
			var parts []string
			for _, k := range []string{"name", "title", "department"} {
				s, err := text(v[k], join(path, k))
				if err != nil {
					return err
				}
				if s != "" {
					parts = append(parts, s)
				}
			}
			who = strings.Join(parts, ", ")
		}
		for _, k := range sortedKeys(v) {
			if (key == "contacts" && (k == "name" || k == "title" || k == "department")) || k == "taxonomy_detail" {
				continue
			}
			if err := walk(g, join(path, k), k, v[k], who, join(rel, k)); err != nil {
				return err
			}
		}
		return nil
	}
	s, err := text(v, path)
	if err != nil || s == "" || key == "id" || strings.HasSuffix(key, "_id") {
		return err
	}
	suffix := ""
	if who != "" {
		suffix = " (" + who + ")"
	}
	switch key {
	case "email":
		c := directory.Contact{Kind: directory.ContactEmail, Purpose: directory.PurposeGeneral, Value: s, URL: "mailto:" + s, Label: "E-mail" + suffix}
		if !strings.Contains(s, "@") {
			c = directory.Contact{Kind: directory.ContactEmail, Purpose: directory.PurposeGeneral, Label: "E-mail" + suffix, Note: "The HSDS source gives this e-mail address, which has no @: " + s}
		}
		g.contact(c)
	case "url", "website":
		c := directory.Contact{Kind: directory.ContactWeb, Purpose: directory.PurposeGeneral, Value: s, Label: "Web site" + suffix}
		switch lower := strings.ToLower(s); {
		case strings.HasPrefix(lower, "https://"):
			c.URL = s
		case strings.HasPrefix(lower, "http://"):
			// Kept, not linked: only https: pages are opened.
			c.Note = "The HSDS source gives an http: address, shown but not linked: check for an https: one."
		case strings.HasPrefix(lower, "javascript:") || strings.HasPrefix(lower, "data:") || strings.HasPrefix(lower, "vbscript:") || strings.HasPrefix(lower, "//"):
			return fmt.Errorf("%s: %q is not an address a browser should open (https: only)", path, s)
		}
		g.contact(c)
	default:
		g.note(rel + ": " + s)
	}
	return nil
}

func phone(g *gather, path string, m map[string]any, who, rel string) error {
	var number, ext, typ, desc string
	for _, f := range []struct {
		key string
		dst *string
	}{{"number", &number}, {"extension", &ext}, {"type", &typ}, {"description", &desc}} {
		s, err := text(m[f.key], join(path, f.key))
		if err != nil {
			return err
		}
		*f.dst = s
	}
	for _, k := range sortedKeys(m) {
		switch k {
		case "number", "extension", "type", "description":
			continue
		}
		if err := walk(g, join(path, k), k, m[k], who, join(rel, k)); err != nil {
			return err
		}
	}
	if strings.TrimSpace(number) == "" {
		return nil
	}
	c := directory.Contact{Kind: directory.ContactPhone, Purpose: directory.PurposeGeneral, Value: number, Extension: ext, Label: "Call", Note: desc}
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r == '+' {
			return r
		}
		return -1
	}, number)
	switch strings.ToLower(typ) {
	case "text", "sms":
		c.Kind, c.Label = directory.ContactText, "Text"
		c.URL = "sms:" + digits
	case "fax":
		c.Label = "Fax"
		digits = ""
	default:
		c.URL = "tel:" + digits
	}
	if len(strings.TrimLeft(digits, "+")) < 3 {
		c.URL = ""
	}
	if who != "" {
		c.Label += " " + who
	}
	if typ != "" && c.Label == "Call" && typ != "voice" {
		c.Label += " (" + typ + ")"
	}
	g.contact(c)
	return nil
}

func schedule(g *gather, path string, m map[string]any, rel string) error {
	var desc string
	var parts []string
	for _, k := range sortedKeys(m) {
		if k == "id" || strings.HasSuffix(k, "_id") {
			continue
		}
		switch v := m[k].(type) {
		case map[string]any, []any:
			if err := walk(g, join(path, k), k, v, "", join(rel, k)); err != nil {
				return err
			}
			continue
		}
		s, err := text(m[k], join(path, k))
		if err != nil {
			return err
		}
		switch {
		case s == "":
		case k == "description":
			desc = s
		default:
			parts = append(parts, k+" "+s)
		}
	}
	line := desc
	if len(parts) > 0 {
		if line != "" {
			line += " "
		}
		line += "(" + strings.Join(parts, "; ") + ")"
	}
	if line != "" && !slices.Contains(g.schedules, line) {
		g.schedules = append(g.schedules, line)
	}
	return nil
}

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

// hasTables reports whether m is the tabular form: one array of rows per CSV file name.
func hasTables(m map[string]any) bool {
	for k := range m {
		if strings.HasSuffix(k, ".csv") {
			return true
		}
	}
	return false
}

// idColumns names the column by which rows of other tables point at a row of a table.
var idColumns = map[string]string{"organizations": "organization_id", "services": "service_id", "locations": "location_id",
	"contacts": "contact_id", "service_at_location": "service_at_location_id", "phones": "phone_id"}

// nestTables turns the tabular form into the nested one: services with their phones,
// schedules, contacts, service_at_locations (with their location) and so on, organizations
// with theirs, and the taxonomy terms.
func nestTables(m map[string]any) (map[string]any, error) {
	tables := map[string][]map[string]any{}
	for _, k := range sortedKeys(m) {
		if !strings.HasSuffix(k, ".csv") {
			continue
		}
		rows, err := array(m[k], k)
		if err != nil {
			return nil, err
		}
		for i, row := range rows {
			o, err := object(row, at(k, i))
			if err != nil {
				return nil, err
			}
			if o == nil {
				return nil, pathError(at(k, i), "expected a row object, found null")
			}
			tables[strings.TrimSuffix(k, ".csv")] = append(tables[strings.TrimSuffix(k, ".csv")], o)
		}
	}
	var names []string
	for t := range tables {
		names = append(names, t)
	}
	sort.Strings(names)
	var nest func(table string, row map[string]any, ancestors []string) map[string]any
	nest = func(table string, row map[string]any, ancestors []string) map[string]any {
		out := make(map[string]any, len(row))
		for k, v := range row {
			out[k] = v
		}
		id, _ := row["id"].(string)
		col, ok := idColumns[table]
		if !ok || id == "" || len(ancestors) > 3 {
			return out
		}
		anc := append(slices.Clip(ancestors), table)
		for _, u := range names {
			if u == table || slices.Contains(anc, u) || u == "organizations" || u == "metadata" || (table == "organizations" && u == "services") {
				continue
			}
			var children []any
			for _, child := range tables[u] {
				if child[col] == id {
					children = append(children, nest(u, child, anc))
				}
			}
			if len(children) > 0 {
				key := u
				if u == "service_at_location" {
					key = "service_at_locations"
				}
				out[key] = children
			}
		}
		if table == "service_at_location" && !slices.Contains(anc, "locations") {
			for _, loc := range tables["locations"] {
				if lid, _ := row["location_id"].(string); lid != "" && loc["id"] == lid {
					out["location"] = nest("locations", loc, anc)
				}
			}
		}
		return out
	}
	doc := map[string]any{}
	for _, t := range []string{"organizations", "services", "taxonomy_terms"} {
		var items []any
		for _, row := range tables[t] {
			items = append(items, nest(t, row, nil))
		}
		doc[t] = items
	}
	return doc, nil
}
