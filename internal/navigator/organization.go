package navigator

import (
	"strings"

	"signpost/internal/directory"
)

// wOrganization is what naming a resource's organization ("DUSP", "the School of
// Architecture and Planning") adds to each of its resources: less than naming the resource,
// enough to bring a department's own contacts up when the concern is about that department.
const wOrganization = 0.6

// organization is an organization that some, not most, resources of the directory belong to.
type organization struct {
	name string
	docs []int32
}

// indexOrganizations registers, as names the matcher knows, the organizations that set some
// resources apart: not one that most resources share (the university itself, which every
// concern may name). An organization is known by its full name, by the abbreviation in its
// parentheses, and by its name without the university's ("MIT School of Architecture and
// Planning (SA+P)" → "SA+P", "School of Architecture and Planning").
func (n *Navigator) indexOrganizations(resources []*directory.Resource) {
	byName := map[string][]int32{}
	var order []string
	for i, r := range resources {
		if r.Organization == "" {
			continue
		}
		if _, ok := byName[r.Organization]; !ok {
			order = append(order, r.Organization)
		}
		byName[r.Organization] = append(byName[r.Organization], int32(i))
	}
	common := ""
	for _, name := range order {
		if common == "" || len(byName[name]) > len(byName[common]) {
			common = name
		}
	}
	for _, name := range order {
		docs := byName[name]
		if 2*len(docs) > len(resources) {
			continue
		}
		ref := len(n.orgs)
		n.orgs = append(n.orgs, organization{name: name, docs: docs})
		for _, alias := range organizationNames(name, common) {
			n.m.add(alias, kindOrganization, ref, n.stop)
		}
	}
}

// organizationNames are the ways people write an organization's name.
func organizationNames(name, university string) []string {
	full, abbr := name, ""
	if open := strings.LastIndexByte(name, '('); open > 0 && strings.HasSuffix(name, ")") {
		full, abbr = strings.TrimSpace(name[:open]), strings.TrimSpace(name[open+1:len(name)-1])
	}
	names := []string{full}
	if abbr != "" {
		names = append(names, abbr)
	}
	if university != "" && university != name {
		if rest, ok := strings.CutPrefix(full, university+" "); ok && rest != "" {
			names = append(names, rest)
		}
	}
	return names
}
