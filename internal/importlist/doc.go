// Package importlist reads a department's plain-text list of support resources — section
// headings, then a "- name" line and a "- description" line per resource — into [Draft]s, and
// turns drafts into unreviewed draft [directory.Resource]s.
//
// It pulls phone numbers (with extensions and short campus numbers), e-mail addresses, web
// sites and hours out of the prose, and only what it can read with confidence: anything else
// stays in the description or the hours' own words, for a person to review. It never invents
// a fact.
//
// Importlist imports only the standard library and [directory]; it does no I/O beyond the
// reader it is given.
package importlist
