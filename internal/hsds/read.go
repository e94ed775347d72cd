package hsds

// Reading finds the HSDS objects of every shape Import accepts (Export's object, a paginated
// list, one object, the tabular form) and records each with its path, before anything is
// built, so that terms and organizations listed after the services that name them are known.

import "slices"

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
	var rec organizationRecord
	if decode(&rec, m, "", "id") == nil && rec.ID != "" {
		im.orgs[rec.ID] = e
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
	var rec termRecord
	if err := decode(&rec, m, path, termKeys...); err != nil {
		return err
	}
	t := termRef{path: path, taxonomy: rec.Taxonomy, code: rec.Code, name: rec.Name, desc: rec.Description, parent: rec.ParentID}
	if t.taxonomy == "" {
		for _, tax := range []string{TaxonomyTopic, TaxonomyAudience, TaxonomyConfidentiality, TaxonomyField, TaxonomyDirectory} {
			if rec.TaxonomyID == ID("taxonomy", tax) {
				t.taxonomy = tax
			}
		}
	}
	id := rec.ID
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

// orgOf returns the service's organization, nested or by organization_id, or nil.
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
	var rec serviceRecord
	if err := decode(&rec, s.m, s.path, "organization_id"); err != nil {
		return nil, err
	}
	if o := im.orgs[rec.OrganizationID]; o != nil {
		o.services++
		return o, nil
	}
	return nil, nil
}
