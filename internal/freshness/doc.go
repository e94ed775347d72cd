// Package freshness answers "is the directory still true?" for `signpost check`: which
// resources are due for a person to review their facts, which links no longer lead anywhere,
// and which e-mail addresses point at a domain that takes no mail.
//
// Only published resources are checked. A draft is not shown to anyone, so its review date and
// links matter only once it is published, and then this check covers it; retired resources are
// kept for their history only. Both are counted as skipped in the [Report].
//
// Links are the http and https URLs of contacts: every contact's URL, and the value of a web or
// form contact when that value is itself an http(s) URL. A site name without a scheme, such as
// "ask.mit", is not a link and is not guessed at. Each distinct URL is fetched once with GET,
// and each distinct e-mail domain is looked up once; the result is reported for every contact
// that uses it.
//
// The package imports only the standard library and [signpost/internal/directory]; it must not
// import storage, HTTP-serving or navigator code.
package freshness
