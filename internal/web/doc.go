// Package web serves Signpost's public pages: the question and its results, the guided path,
// the whole directory by audience and by topic, one page per resource, a shareable list of
// resources and the privacy note.
//
// Pages are rendered on the server with html/template from embedded templates, parsed once,
// and work without JavaScript; one small script (static/exit.js) adds the Escape key to the
// quick exit and a print button. The interface text comes from embedded message catalogs
// (English and Spanish); resource data stays in the words of its source.
//
// Privacy rules the package keeps: no cookies, no request to any other host, and the concern
// a person types travels only in a POST body. It is never put in a link, never logged, and
// never echoed anywhere but into the form that lets the person correct it.
//
// It reads from a [catalog.Live], and imports the domain, the navigator's request (built and
// checked by [navigator.Fields], as the API's is) and answer types, and the shared
// error-to-status mapping. It must not import the API, a store, the admin handlers or cmd
// code.
package web
