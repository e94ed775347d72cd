package api

import (
	"net/http"
	"time"

	"signpost/internal/availability"
	"signpost/internal/catalog"
	"signpost/internal/directory"
)

// ResourceView is a resource as the API shows it: the stored fields plus the roles it serves,
// its confidentiality in plain words and its availability at the asked instant.
type ResourceView struct {
	ID                         string                           `json:"id"`
	Name                       string                           `json:"name"`
	AlternateName              string                           `json:"alternate_name,omitempty"`
	Organization               string                           `json:"organization"`
	Section                    string                           `json:"section"`
	Kind                       directory.Kind                   `json:"kind"`
	Summary                    string                           `json:"summary,omitempty"`
	Translations               map[string]directory.Translation `json:"translations,omitempty"`
	Description                string                           `json:"description"`
	Audience                   directory.Audience               `json:"audience"`
	AudienceLabel              string                           `json:"audience_label"`
	Serves                     []directory.Role                 `json:"serves"`
	Confidentiality            string                           `json:"confidentiality"`
	ConfidentialityLabel       string                           `json:"confidentiality_label"`
	ConfidentialityExplanation string                           `json:"confidentiality_explanation"`
	ConfidentialityNote        string                           `json:"confidentiality_note,omitempty"`
	Topics                     []string                         `json:"topics"`
	Emergency                  bool                             `json:"emergency"`
	Contacts                   []directory.Contact              `json:"contacts"`
	Hours                      *directory.Hours                 `json:"hours"`
	Availability               AvailabilityView                 `json:"availability"`
	Provenance                 directory.Provenance             `json:"provenance"`
	Links                      map[string]string                `json:"links"`
}

// AvailabilityView is whether a resource is available at an instant. AvailableNow is null when
// the source states no hours: unknown, never guessed. NextChange is null when nothing changes
// within the look-ahead (24/7 services) or the hours are unknown.
type AvailabilityView struct {
	At           string  `json:"at"`
	AvailableNow *bool   `json:"available_now"`
	NextChange   *string `json:"next_change"`
	Always       bool    `json:"always"`
	Hours        string  `json:"hours"`
	TimeZone     string  `json:"time_zone,omitempty"`
}

// NewAvailabilityView turns a status into its API form, with times in the resource's zone.
func NewAvailabilityView(r *directory.Resource, st availability.Status, at time.Time) AvailabilityView {
	v := AvailabilityView{At: at.Format(time.RFC3339), Always: st.Always}
	if r.Hours != nil {
		v.Hours, v.TimeZone = r.Hours.Description, r.Hours.TimeZone
		if loc, err := time.LoadLocation(r.Hours.TimeZone); err == nil {
			v.At = at.In(loc).Format(time.RFC3339)
		}
	} else {
		v.Hours = "Hours not stated."
	}
	if st.Known {
		open := st.Open
		v.AvailableNow = &open
	}
	if st.NextChange != nil {
		s := st.NextChange.Format(time.RFC3339)
		v.NextChange = &s
	}
	return v
}

// NewResourceView builds the API form of r at instant at.
func NewResourceView(c *catalog.Catalog, r *directory.Resource, at time.Time) ResourceView {
	topics := r.Topics
	if topics == nil {
		topics = []string{}
	}
	contacts := r.Contacts
	if contacts == nil {
		contacts = []directory.Contact{}
	}
	return ResourceView{
		ID: r.ID, Name: r.Name, AlternateName: r.AlternateName, Organization: r.Organization,
		Section: r.Section, Kind: r.Kind, Summary: r.Summary, Translations: r.Translations, Description: r.Description,
		Audience: r.Audience, AudienceLabel: r.Audience.Label(), Serves: r.Audience.Roles(),
		Confidentiality:            string(r.Confidentiality),
		ConfidentialityLabel:       r.Confidentiality.Label(),
		ConfidentialityExplanation: r.Confidentiality.Explanation(),
		ConfidentialityNote:        r.ConfidentialityNote,
		Topics:                     topics, Emergency: r.Emergency, Contacts: contacts, Hours: r.Hours,
		Availability: NewAvailabilityView(r, c.Availability(r, at), at),
		Provenance:   r.Provenance,
		Links:        map[string]string{"self": "/api/v1/resources/" + r.ID, "html": "/resources/" + r.ID},
	}
}

func (s *Server) listResources(w http.ResponseWriter, r *http.Request) {
	q, err := parseQuery(r.URL.Query(), s.Now())
	if err != nil {
		Error(w, r, s.logger, err)
		return
	}
	c := s.live.Current()
	found, err := c.Find(q)
	if err != nil {
		Error(w, r, s.logger, err)
		return
	}
	views := make([]ResourceView, 0, len(found))
	for _, res := range found {
		views = append(views, NewResourceView(c, res, q.At))
	}
	writeJSON(w, http.StatusOK, map[string]any{"resources": views, "count": len(views)})
}

func (s *Server) getResource(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	for k := range v {
		if k != "at" {
			Error(w, r, s.logger, directory.Errorf(directory.EInvalid, "Unknown parameter %q: only at is accepted here.", k))
			return
		}
	}
	at, err := parseAt(v, s.Now())
	if err != nil {
		Error(w, r, s.logger, err)
		return
	}
	c := s.live.Current()
	res, err := c.Resource(r.PathValue("id"))
	if err != nil {
		Error(w, r, s.logger, err)
		return
	}
	writeJSON(w, http.StatusOK, NewResourceView(c, res, at))
}

func (s *Server) listTopics(w http.ResponseWriter, r *http.Request) {
	topics := s.live.Current().Topics()
	if topics == nil {
		topics = []directory.Topic{}
	}
	writeJSON(w, http.StatusOK, map[string]any{"topics": topics})
}
