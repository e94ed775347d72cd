// Package hsds maps Signpost's directory to Open Referral HSDS 3.0: organizations, services
// (fully nested, with phones, schedules and attributes) and taxonomies, with ids that are
// UUIDs derived from Signpost's stable ids, so the same directory always exports the same
// document.
//
// What HSDS lacks is carried as HSDS attributes on the service, each pointing at a term of a
// Signpost taxonomy, which HSDS tools ignore gracefully:
//   - signpost-topic: the concern topics;
//   - signpost-audience: who the resource serves (eligibility_description says it in words);
//   - signpost-confidentiality: confidential, anonymous or not-confidential.
//
// It imports only the domain.
package hsds

import (
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
)

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
		Description: r.Description, Status: "active", EligibilityDescription: r.Audience.Label()},
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
	attr := func(tax, code, value string) {
		t := terms[ID("term", tax+"/"+code)]
		s.Attributes = append(s.Attributes, Attribute{ID: ID("attribute", r.ID+"/"+tax+"/"+code), LinkID: id, LinkType: "service",
			LinkEntity: "service", TaxonomyTermID: t.ID, Value: value, TaxonomyTerm: &t})
	}
	for _, t := range r.Topics {
		attr(TaxonomyTopic, t, t)
	}
	attr(TaxonomyAudience, string(r.Audience), string(r.Audience))
	attr(TaxonomyConfidentiality, string(r.Confidentiality), string(r.Confidentiality))
	return s
}
