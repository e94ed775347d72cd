// Package admin is the editors' area under /admin: sign-in, editing resources and topics,
// marking records verified, history with field-level diffs and one-click restore, the audit
// log, and account management for admins.
//
// It shows nothing without a session. Sessions live in the database (so every instance honours
// them); every form carries a per-session CSRF token; sign-in is rate limited per client and
// accounts lock after repeated failures. Pages are plain HTML forms: no script is needed.
// When the database is unreachable, editing says so with 503 while the public site keeps
// serving its last snapshot.
//
// It imports the domain, accounts, the catalog (to serve an edit at once) and server helpers.
package admin
