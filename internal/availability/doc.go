// Package availability answers "is this resource available at instant t, and when does that
// change next" from a resource's [directory.Hours] and the holiday and term dates of a
// [directory.Calendar].
//
// It owns the meaning of hours: weekly windows in local wall-clock time (including windows that
// run past midnight and windows that meet), holiday rules, term limits, and what happens to all
// of them across daylight-saving changes. It never guesses: hours that state nothing about when
// a service is open give an unknown [Status], not a closed one.
//
// Everything here is a pure function of its arguments. The package imports only the standard
// library and [signpost/internal/directory]; it must not import storage, HTTP or navigator code.
package availability
