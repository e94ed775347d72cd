package hsds

// The HSDS records the importer maps to Signpost fields are typed below. Each is filled from
// the decoded object by [decode], which reads the keys a caller names in the order it names
// them with [text]: numbers and booleans are accepted where HSDS wants a string, the first
// wrong value is the one the importer reaches first, and its error names its JSON path. The
// object itself stays with the record's [entity], so that every key no record holds still
// reaches the provenance notes.

// record is a typed HSDS record whose string fields [decode] fills by key.
type record interface {
	// field returns the destination of key, or nil when the record has no such field.
	field(key string) *string
}

// decode reads keys of m (the object at path) into r, in order, stopping at the first wrong
// value with its [pathError]. A key r has no field for is a programming error and panics.
func decode(r record, m map[string]any, path string, keys ...string) error {
	for _, k := range keys {
		dst := r.field(k)
		if dst == nil {
			panic("hsds: " + k + " is not a field of the record")
		}
		s, err := text(m[k], join(path, k))
		if err != nil {
			return err
		}
		*dst = s
	}
	return nil
}

// serviceRecord is an HSDS service (or an organization or location imported as one): the
// fields a resource takes its name, description, status and provenance from.
type serviceRecord struct {
	ID, Name, AlternateName, Description, Status, AssuredDate, OrganizationID string
}

func (s *serviceRecord) field(key string) *string {
	switch key {
	case "id":
		return &s.ID
	case "name":
		return &s.Name
	case "alternate_name":
		return &s.AlternateName
	case "description":
		return &s.Description
	case "status":
		return &s.Status
	case "assured_date":
		return &s.AssuredDate
	case "organization_id":
		return &s.OrganizationID
	}
	return nil
}

// organizationRecord is an HSDS organization: its id links services to it, its name becomes
// the resource's organization.
type organizationRecord struct {
	ID, Name string
}

func (o *organizationRecord) field(key string) *string {
	switch key {
	case "id":
		return &o.ID
	case "name":
		return &o.Name
	}
	return nil
}

// termRecord is an HSDS taxonomy_term.
type termRecord struct {
	ID, Taxonomy, TaxonomyID, Code, Name, Description, ParentID string
}

// termKeys are the keys of a taxonomy term in the order the importer reads them.
var termKeys = []string{"id", "taxonomy", "taxonomy_id", "code", "name", "description", "parent_id"}

func (t *termRecord) field(key string) *string {
	switch key {
	case "id":
		return &t.ID
	case "taxonomy":
		return &t.Taxonomy
	case "taxonomy_id":
		return &t.TaxonomyID
	case "code":
		return &t.Code
	case "name":
		return &t.Name
	case "description":
		return &t.Description
	case "parent_id":
		return &t.ParentID
	}
	return nil
}

// attributeRecord is an HSDS attribute: a value of a service under a taxonomy term.
type attributeRecord struct {
	TaxonomyTermID, Value string
}

func (a *attributeRecord) field(key string) *string {
	switch key {
	case "taxonomy_term_id":
		return &a.TaxonomyTermID
	case "value":
		return &a.Value
	}
	return nil
}

// phoneRecord is an HSDS phone.
type phoneRecord struct {
	Number, Extension, Type, Description string
}

// phoneKeys are the keys of a phone in the order the importer reads them.
var phoneKeys = []string{"number", "extension", "type", "description"}

func (p *phoneRecord) field(key string) *string {
	switch key {
	case "number":
		return &p.Number
	case "extension":
		return &p.Extension
	case "type":
		return &p.Type
	case "description":
		return &p.Description
	}
	return nil
}

// contactRecord is an HSDS contact: the person or office its phones and addresses are for.
type contactRecord struct {
	Name, Title, Department string
}

// contactKeys are the keys that say who a contact is, in the order the importer reads them.
var contactKeys = []string{"name", "title", "department"}

func (c *contactRecord) field(key string) *string {
	switch key {
	case "name":
		return &c.Name
	case "title":
		return &c.Title
	case "department":
		return &c.Department
	}
	return nil
}
