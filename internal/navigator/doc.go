// Package navigator turns a concern a person describes in their own words into the few
// resources that fit, best first, each with the reasons it was chosen, and recognises
// emergencies so they come first.
//
// What it knows — the concern vocabulary, the emergency rules, the words for confidentiality,
// roles and time — is data ([Knowledge]), embedded by default and replaceable without a
// rebuild. The package is pure: no I/O beyond reading that data, no clock (the instant comes
// with the [Request]) and availability through a function the caller passes. It imports only
// the domain package.
//
// A match request is read in one place: [Fields] holds its fields as a query string, a form
// or a JSON object sent them, and [Fields.Request] checks them once and builds the [Request].
// The API and the pages read the HTTP body and hand the fields over.
package navigator
