package hsds

// What Export wrote comes back exactly: the attributes and terms of the Signpost taxonomies
// carry every field HSDS has no place for, as hsds.go describes.

import (
	"encoding/json"
	"errors"
	"slices"
	"strconv"
	"strings"

	"signpost/internal/directory"
)

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

// exact rebuilds a resource [Export] wrote.
func (im *importer) exact(s *entity) (*directory.Resource, error) {
	var rec serviceRecord
	if err := decode(&rec, s.m, s.path, "name", "alternate_name", "description", "assured_date", "status"); err != nil {
		return nil, err
	}
	r := &directory.Resource{Name: rec.Name, AlternateName: rec.AlternateName, Description: rec.Description,
		Status: statusOf(rec.Status), Topics: []string{}, Contacts: []directory.Contact{}}
	r.Provenance.LastVerified = rec.AssuredDate
	org, err := im.orgOf(s)
	if err != nil {
		return nil, err
	}
	if org != nil {
		var o organizationRecord
		if err := decode(&o, org.m, org.path, "name"); err != nil {
			return nil, err
		}
		r.Organization = o.Name
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
		var attr attributeRecord
		if err := decode(&attr, am, p, "taxonomy_term_id", "value"); err != nil {
			return nil, err
		}
		t, ok := im.terms[attr.TaxonomyTermID]
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
			if err := setField(r, t.code, attr.Value, vp); err != nil {
				return nil, err
			}
		}
	}
	return r, nil
}

// setField sets the field a signpost-field term names from the attribute's value at path.
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
	case fieldTranslations:
		if err := strictJSON(value, &r.Translations); err != nil {
			return pathError(path, "not Signpost translations: %v", err)
		}
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
