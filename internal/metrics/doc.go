// Package metrics owns Signpost's Prometheus metrics, all named signpost_…: request latency by
// route, match latency, store errors, snapshot age and rate-limited requests, and the /metrics
// handler that exposes them with the Go runtime and process metrics.
//
// No label ever holds concern text, a raw URL, a query string or a client address: routes are
// net/http patterns and every other label comes from a small fixed set, so that a scrape can be
// shared without leaking what people asked and the series count stays bounded.
//
// It imports no other Signpost package; cmd/signpost wires it to the server, the API and the
// catalog.
package metrics
