// Package directory is Signpost's domain: the support resources of a university community, who
// each one serves, what confidentiality it offers, how to reach it and when, and the concern
// topics it helps with.
//
// The model follows Open Referral HSDS 3 where HSDS has the concept (a resource is an HSDS
// service; contacts become phones, e-mails and URLs; availability becomes schedules) and makes
// first-class what this field needs and HSDS lacks: audiences, confidentiality, topics and
// provenance.
//
// Directory imports only the standard library. Storage, HTTP and import/export packages import
// it, never the other way round.
package directory
