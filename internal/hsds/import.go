package hsds

// Import runs in three steps, each in its own file: decode.go parses the bytes into untyped
// JSON values, read.go finds the HSDS objects in whichever shape the document has (tables.go
// nests the tabular form first), and build below turns them into resources, exact.go for what
// Export wrote and foreign.go (with walk.go) for everything else. The fields Signpost maps are
// read into the typed HSDS records of records.go (service, organization, taxonomy term,
// attribute, phone, contact); the rest of each object is kept as decoded, for the notes.
// errors.go holds the JSON-path errors all of them return.

import "signpost/internal/directory"

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
	root, err := parse(b)
	if err != nil {
		return nil, err
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

// termRef is a taxonomy term as the document states it, with its path for errors.
type termRef struct {
	path, taxonomy, code, name, desc, parent string
}

// importer holds what read found, for build.
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

// build makes the directory: the Signpost taxonomies first, then the services Export wrote,
// then everything else, so that rebuilt resources keep their ids and new ones take free ids.
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

// statusOf maps HSDS service.status to a Signpost status; any other value is published.
func statusOf(hsdsStatus string) directory.Status {
	switch hsdsStatus {
	case "inactive", "temporarily closed":
		return directory.StatusDraft
	case "defunct":
		return directory.StatusRetired
	}
	return directory.StatusPublished
}
