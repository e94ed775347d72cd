// Package hsds maps Signpost's directory to Open Referral HSDS 3.0 and back: organizations,
// services (fully nested, with phones, schedules and attributes) and taxonomies, with ids that
// are UUIDs derived from Signpost's stable ids, so the same directory always exports the same
// document, and [Import] of an export gives the same directory again.
//
// Where HSDS has the concept, the HSDS field carries it: name, alternate_name, description,
// the organization (by name), phones (phone and text contacts with a value), the first e-mail
// address and web link (service.email, service.url), the hours (schedules: WEEKLY windows, or
// the description alone), provenance.last_verified (service.assured_date) and the status
// (service.status: published is "active", draft "inactive", retired "defunct"); the audience is
// also said in words in eligibility_description.
//
// What HSDS lacks is carried as HSDS attributes on the service, each pointing at a term of a
// Signpost taxonomy, which HSDS tools ignore gracefully:
//   - signpost-topic: the concern topics, in order (the terms are the topics: code is the topic
//     id, name, description and parent_id its parent's term);
//   - signpost-audience: who the resource serves;
//   - signpost-confidentiality: confidential, anonymous or not-confidential;
//   - signpost-field: one term per field, the attribute's value holding the field's value
//     exactly: id, status (draft or retired; absent when published), section, summary, kind,
//     confidentiality-note, keyword (one attribute each, in order), emergency ("true"),
//     contact (one attribute per contact, in order, the Signpost JSON of the whole contact:
//     kind, purpose, value, extension, url, label, note), hours (the Signpost JSON of the
//     hours, holiday rule, calendar and term included), provenance-source,
//     provenance-source-text, provenance-notes and provenance-review-interval-days. Empty
//     fields have no attribute.
//
// Directory-wide facts are terms of the signpost-directory taxonomy: each calendar holiday
// (code "holiday") and term (code "term") in order, the description holding its Signpost JSON,
// and each retired topic (code "retired-topic", the name is the topic id).
//
// It imports only the domain.
package hsds

import (
	"encoding/json"
	"io"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"signpost/internal/directory"
)

// Version is the HSDS version this package speaks.
const Version = "3.0"

// namespace is the UUIDv5 namespace of Signpost's HSDS ids (a fixed random UUID).
func namespace() uuid.UUID { return uuid.MustParse("0c0d3f8e-6a57-4f5b-9c51-5d8e3c2b7a10") }

// ID derives the HSDS id of a Signpost entity: kind is "service", "organization", "taxonomy",
// "term" and so on; key its Signpost id or name.
func ID(kind, key string) string {
	return uuid.NewSHA1(namespace(), []byte(kind+"/"+key)).String()
}

// Taxonomy names of the attributes Signpost adds.
const (
	TaxonomyTopic           = "signpost-topic"
	TaxonomyAudience        = "signpost-audience"
	TaxonomyConfidentiality = "signpost-confidentiality"
	// TaxonomyField's terms name the Signpost fields HSDS has no place for; an attribute
	// pointing at one carries the field's value (see the package documentation).
	TaxonomyField = "signpost-field"
	// TaxonomyDirectory's terms carry directory-wide facts: holidays, terms and retired topics.
	TaxonomyDirectory = "signpost-directory"
)

// Terms of [TaxonomyField]: the Signpost fields an attribute carries, with what its value holds.
var fieldTerms = []struct{ code, desc string }{
	{fieldID, "The resource's Signpost id (lower-case letters, digits, hyphens)."},
	{fieldStatus, "The resource's Signpost status: draft or retired (absent: published)."},
	{fieldSection, "The heading of the source page the resource stands under."},
	{fieldSummary, "One plain line for result cards."},
	{fieldTranslations, "The card text in other languages as Signpost JSON, keyed by language code ({\"es\": {\"summary\": ...}})."},
	{fieldKind, "What the resource is: service, person, guide or site."},
	{fieldConfidentialityNote, "What the source says of the resource's confidentiality."},
	{fieldKeyword, "One extra search term (one attribute per term, in order)."},
	{fieldAlias, "One other name people use for the resource (one attribute per name, in order)."},
	{fieldEmergency, "true: the resource answers an immediate danger."},
	{fieldContact, "One way to reach the resource, as Signpost JSON (kind, purpose, value, extension, url, label, note), in order."},
	{fieldHours, "The hours as Signpost JSON (time_zone, always, weekly, holidays, calendar, term, description)."},
	{fieldSource, "The document the facts were taken from."},
	{fieldSourceText, "The source's text for the resource, word for word."},
	{fieldNotes, "Curation notes."},
	{fieldReviewInterval, "How often, in days, a person should check the facts again."},
}

// Codes of the [TaxonomyField] terms.
const (
	fieldID                  = "id"
	fieldStatus              = "status"
	fieldSection             = "section"
	fieldSummary             = "summary"
	fieldTranslations        = "translations"
	fieldKind                = "kind"
	fieldConfidentialityNote = "confidentiality-note"
	fieldKeyword             = "keyword"
	fieldAlias               = "alias"
	fieldEmergency           = "emergency"
	fieldContact             = "contact"
	fieldHours               = "hours"
	fieldSource              = "provenance-source"
	fieldSourceText          = "provenance-source-text"
	fieldNotes               = "provenance-notes"
	fieldReviewInterval      = "provenance-review-interval-days"
)

// Codes of the [TaxonomyDirectory] terms.
const (
	dirHoliday      = "holiday"
	dirTerm         = "term"
	dirRetiredTopic = "retired-topic"
)

// serviceStatus maps a Signpost status to HSDS service.status.
func serviceStatus(s directory.Status) string {
	switch s {
	case directory.StatusDraft:
		return "inactive"
	case directory.StatusRetired:
		return "defunct"
	}
	return "active"
}

// Dataset is a whole directory in HSDS form.
type Dataset struct {
	Organizations []Organization
	Services      []Service
	Taxonomies    []Taxonomy
	Terms         []TaxonomyTerm
}

// Organization is an HSDS organization.
type Organization struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
}

// Service is an HSDS service, nested as /services/{id} returns it.
type Service struct {
	ServiceSummary
	Phones       []Phone       `json:"phones"`
	Schedules    []Schedule    `json:"schedules"`
	Attributes   []Attribute   `json:"attributes"`
	Organization *Organization `json:"organization,omitempty"`
}

// ServiceSummary is a service as /services lists it (HSDS service_list: no nested arrays).
type ServiceSummary struct {
	ID                     string `json:"id"`
	OrganizationID         string `json:"organization_id"`
	Name                   string `json:"name"`
	AlternateName          string `json:"alternate_name,omitempty"`
	Description            string `json:"description"`
	URL                    string `json:"url,omitempty"`
	Email                  string `json:"email,omitempty"`
	Status                 string `json:"status"`
	EligibilityDescription string `json:"eligibility_description,omitempty"`
	AssuredDate            string `json:"assured_date,omitempty"`
}

// Phone is an HSDS phone.
type Phone struct {
	ID          string `json:"id"`
	ServiceID   string `json:"service_id"`
	Number      string `json:"number"`
	Extension   string `json:"extension,omitempty"`
	Type        string `json:"type"`
	Description string `json:"description,omitempty"`
}

// Schedule is an HSDS schedule. Signpost's weekly windows become WEEKLY schedules; a window
// whose closing time is before its opening time runs overnight, as the notes say.
type Schedule struct {
	ID          string `json:"id"`
	ServiceID   string `json:"service_id"`
	Freq        string `json:"freq,omitempty"`
	ByDay       string `json:"byday,omitempty"`
	OpensAt     string `json:"opens_at,omitempty"`
	ClosesAt    string `json:"closes_at,omitempty"`
	Description string `json:"description,omitempty"`
	Notes       string `json:"notes,omitempty"`
}

// Attribute links a service to a taxonomy term.
type Attribute struct {
	ID             string        `json:"id"`
	LinkID         string        `json:"link_id"`
	LinkType       string        `json:"link_type"`
	LinkEntity     string        `json:"link_entity"`
	TaxonomyTermID string        `json:"taxonomy_term_id"`
	Value          string        `json:"value,omitempty"`
	TaxonomyTerm   *TaxonomyTerm `json:"taxonomy_term,omitempty"`
}

// Taxonomy is an HSDS taxonomy.
type Taxonomy struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	URI         string `json:"uri,omitempty"`
	Version     string `json:"version,omitempty"`
}

// TaxonomyTerm is an HSDS taxonomy term.
type TaxonomyTerm struct {
	ID          string `json:"id"`
	Code        string `json:"code"`
	Name        string `json:"name"`
	Description string `json:"description"`
	ParentID    string `json:"parent_id,omitempty"`
	Taxonomy    string `json:"taxonomy"`
	TaxonomyID  string `json:"taxonomy_id"`
}

// Export maps d to HSDS. The result depends only on d.
func Export(d *directory.Directory) *Dataset {
	ds := &Dataset{Taxonomies: []Taxonomy{
		{ID: ID("taxonomy", TaxonomyTopic), Name: TaxonomyTopic, Description: "Signpost's concern topics: what a person may need help with."},
		{ID: ID("taxonomy", TaxonomyAudience), Name: TaxonomyAudience, Description: "Who a Signpost resource serves."},
		{ID: ID("taxonomy", TaxonomyConfidentiality), Name: TaxonomyConfidentiality, Description: "What a Signpost resource promises about what a person tells it."},
		{ID: ID("taxonomy", TaxonomyField), Name: TaxonomyField, Description: "Signpost fields HSDS has no place for; an attribute pointing at a term carries the field's value."},
		{ID: ID("taxonomy", TaxonomyDirectory), Name: TaxonomyDirectory, Description: "Directory-wide Signpost facts: holidays and terms (the description holds the Signpost JSON) and retired topics (the name is the topic id)."},
	}}
	terms := map[string]TaxonomyTerm{}
	addTerm := func(tax, code, name, desc, parent string) TaxonomyTerm {
		t := TaxonomyTerm{ID: ID("term", tax+"/"+code), Code: code, Name: name, Description: desc, Taxonomy: tax, TaxonomyID: ID("taxonomy", tax)}
		if parent != "" {
			t.ParentID = ID("term", tax+"/"+parent)
		}
		if _, ok := terms[t.ID]; !ok {
			terms[t.ID] = t
			ds.Terms = append(ds.Terms, t)
		}
		return t
	}
	for _, t := range d.Topics {
		addTerm(TaxonomyTopic, t.ID, t.Name, t.Description, t.Parent)
	}
	for _, a := range []directory.Audience{directory.AudienceAll, directory.AudienceEveryone, directory.AudienceStudents,
		directory.AudienceGraduates, directory.AudienceUndergraduates, directory.AudienceEmployees, directory.AudienceFaculty} {
		addTerm(TaxonomyAudience, string(a), a.Label(), "Serves: "+a.Label()+".", "")
	}
	for _, c := range directory.Confidentialities {
		addTerm(TaxonomyConfidentiality, string(c), c.Label(), c.Explanation(), "")
	}
	for _, f := range fieldTerms {
		addTerm(TaxonomyField, f.code, f.code, f.desc, "")
	}
	addDirTerm := func(code, key, name, desc string) {
		ds.Terms = append(ds.Terms, TaxonomyTerm{ID: ID("term", TaxonomyDirectory+"/"+key), Code: code, Name: name, Description: desc,
			Taxonomy: TaxonomyDirectory, TaxonomyID: ID("taxonomy", TaxonomyDirectory)})
	}
	for i, h := range d.Calendar.Holidays {
		addDirTerm(dirHoliday, dirHoliday+"/"+strconv.Itoa(i), h.Name, mustJSON(h))
	}
	for i, t := range d.Calendar.Terms {
		addDirTerm(dirTerm, dirTerm+"/"+strconv.Itoa(i), t.Name, mustJSON(t))
	}
	for _, t := range d.Topics {
		if t.Retired {
			addDirTerm(dirRetiredTopic, dirRetiredTopic+"/"+t.ID, t.ID, "Topic "+t.ID+" is retired: resources may still name it, but it is not offered.")
		}
	}
	orgs := map[string]bool{}
	for i := range d.Resources {
		r := &d.Resources[i]
		org := Organization{ID: ID("organization", r.Organization), Name: r.Organization, Description: r.Organization}
		if !orgs[org.ID] {
			orgs[org.ID] = true
			ds.Organizations = append(ds.Organizations, org)
		}
		ds.Services = append(ds.Services, service(r, org, terms))
	}
	return ds
}

func service(r *directory.Resource, org Organization, terms map[string]TaxonomyTerm) Service {
	id := ID("service", r.ID)
	s := Service{ServiceSummary: ServiceSummary{ID: id, OrganizationID: org.ID, Name: r.Name, AlternateName: r.AlternateName,
		Description: r.Description, Status: serviceStatus(r.Status), EligibilityDescription: r.Audience.Label(),
		AssuredDate: r.Provenance.LastVerified},
		Phones: []Phone{}, Schedules: []Schedule{}, Attributes: []Attribute{}}
	for i, c := range r.Contacts {
		switch {
		case c.Value == "":
		case c.Kind == directory.ContactPhone || c.Kind == directory.ContactText:
			typ := "voice"
			if c.Kind == directory.ContactText {
				typ = "text"
			}
			s.Phones = append(s.Phones, Phone{ID: ID("phone", r.ID+"/"+strconv.Itoa(i)), ServiceID: id, Number: c.Value, Extension: c.Extension, Type: typ, Description: c.Label})
		case c.Kind == directory.ContactEmail && s.Email == "":
			s.Email = c.Value
		case (c.Kind == directory.ContactWeb || c.Kind == directory.ContactForm) && s.URL == "" && strings.HasPrefix(c.URL, "http"):
			s.URL = c.URL
		}
	}
	if h := r.Hours; h != nil {
		notes := "Times are local to " + h.TimeZone + "."
		switch {
		case h.Always:
			s.Schedules = append(s.Schedules, Schedule{ID: ID("schedule", r.ID+"/always"), ServiceID: id, Freq: "WEEKLY",
				ByDay: "MO,TU,WE,TH,FR,SA,SU", OpensAt: "00:00", ClosesAt: "23:59", Description: h.Description, Notes: "Open 24 hours a day, 7 days a week. " + notes})
		case len(h.Weekly) == 0:
			s.Schedules = append(s.Schedules, Schedule{ID: ID("schedule", r.ID+"/described"), ServiceID: id, Description: h.Description, Notes: notes})
		}
		for i, w := range h.Weekly {
			days := make([]string, len(w.Days))
			for j, d := range w.Days {
				days[j] = string(d)
			}
			n := notes
			opens, _ := directory.ParseClock(w.Opens)
			if closes, _ := directory.ParseClock(w.Closes); closes <= opens {
				n = "Runs overnight into the next day. " + notes
			}
			if h.Holidays == directory.HolidaysOpen {
				n += " Also open all day on " + h.Calendar + " holidays."
			}
			s.Schedules = append(s.Schedules, Schedule{ID: ID("schedule", r.ID+"/"+strconv.Itoa(i)), ServiceID: id, Freq: "WEEKLY",
				ByDay: strings.Join(days, ","), OpensAt: w.Opens, ClosesAt: w.Closes, Description: h.Description, Notes: n})
		}
	}
	attrKey := func(tax, code, key, value string) {
		t := terms[ID("term", tax+"/"+code)]
		s.Attributes = append(s.Attributes, Attribute{ID: ID("attribute", r.ID+"/"+tax+"/"+key), LinkID: id, LinkType: "service",
			LinkEntity: "service", TaxonomyTermID: t.ID, Value: value, TaxonomyTerm: &t})
	}
	attr := func(tax, code, value string) { attrKey(tax, code, code, value) }
	for _, t := range r.Topics {
		attr(TaxonomyTopic, t, t)
	}
	attr(TaxonomyAudience, string(r.Audience), string(r.Audience))
	attr(TaxonomyConfidentiality, string(r.Confidentiality), string(r.Confidentiality))
	field := func(code, value string) {
		if value != "" {
			attr(TaxonomyField, code, value)
		}
	}
	field(fieldID, r.ID)
	field(fieldStatus, string(r.Status))
	field(fieldSection, r.Section)
	field(fieldSummary, r.Summary)
	if len(r.Translations) > 0 {
		field(fieldTranslations, mustJSON(r.Translations))
	}
	field(fieldKind, string(r.Kind))
	field(fieldConfidentialityNote, r.ConfidentialityNote)
	for i, k := range r.Keywords {
		attrKey(TaxonomyField, fieldKeyword, fieldKeyword+"/"+strconv.Itoa(i), k)
	}
	for i, a := range r.Aliases {
		attrKey(TaxonomyField, fieldAlias, fieldAlias+"/"+strconv.Itoa(i), a)
	}
	if r.Emergency {
		field(fieldEmergency, "true")
	}
	for i, c := range r.Contacts {
		attrKey(TaxonomyField, fieldContact, fieldContact+"/"+strconv.Itoa(i), mustJSON(c))
	}
	if r.Hours != nil {
		field(fieldHours, mustJSON(r.Hours))
	}
	field(fieldSource, r.Provenance.Source)
	field(fieldSourceText, r.Provenance.SourceText)
	field(fieldNotes, r.Provenance.Notes)
	if n := r.Provenance.ReviewIntervalDays; n != 0 {
		field(fieldReviewInterval, strconv.Itoa(n))
	}
	return s
}

// Encode writes d as one HSDS 3.0 JSON document, indented, as `signpost export -format hsds`
// writes it and [Import] reads it: an object with version, organizations, services (fully
// nested), taxonomies and taxonomy_terms.
func Encode(w io.Writer, d *directory.Directory) error {
	ds := Export(d)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(map[string]any{"version": Version, "organizations": ds.Organizations, "services": ds.Services,
		"taxonomies": ds.Taxonomies, "taxonomy_terms": ds.Terms})
}

// mustJSON encodes a value of the domain's plain structs, which cannot fail.
func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic("hsds: encode " + err.Error())
	}
	return string(b)
}
