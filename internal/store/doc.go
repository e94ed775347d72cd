// Package store holds what every [directory.Store] implementation shares: the SQL and the
// transactions of [DB], written once against database/sql, and the [Dialect] through which
// each database supplies only what differs (placeholders, time values, locking, unique
// violations). The implementations live in sub-packages named for their database (sqlite,
// postgres), and storetest holds the conformance suite every one of them must pass.
//
// Store packages import the domain (internal/directory, internal/account) and never web, api
// or navigator code. This package imports no database driver: each sub-package brings its own.
package store
