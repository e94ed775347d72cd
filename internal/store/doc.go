// Package store holds what every [directory.Store] implementation shares. The implementations
// live in sub-packages named for their database (sqlite, postgres), and storetest holds the
// conformance suite every one of them must pass.
//
// Store packages import the domain (internal/directory) and never web, api or navigator code.
package store
