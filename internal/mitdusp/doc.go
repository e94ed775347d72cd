// Package mitdusp holds the directory of MIT's Department of Urban Studies and Planning (DUSP),
// embedded as data files, which Signpost serves when no other directory is loaded: the
// resources of the DUSP support page (resources.json), the concern taxonomy (topics.json) and the MIT
// holiday and term calendar (calendar.json). [Load] parses and validates them into a
// [directory.Directory] that a store can be seeded with.
//
// Every resource's description and provenance source text are the source page's words, and
// every contact is one the page states; dates the page does not state are marked unverified.
//
// It imports only the domain (internal/directory) and the standard library, never store,
// web, api or navigator code.
package mitdusp
