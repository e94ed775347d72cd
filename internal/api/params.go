package api

import (
	"net/url"
	"strconv"
	"time"

	"signpost/internal/catalog"
	"signpost/internal/directory"
	"signpost/internal/navigator"
)

// knownParams lists the query parameters the resource endpoints accept, so that a misspelt
// filter is an error rather than silently ignored.
var knownParams = map[string]bool{"role": true, "topic": true, "confidentiality": true, "at": true, "available": true}

// parseAt reads the "at" parameter: an RFC 3339 instant, or now when absent.
func parseAt(v url.Values, now time.Time) (time.Time, error) {
	return navigator.ParseAt(v.Get("at"), now)
}

func parseQuery(v url.Values, now time.Time) (catalog.Query, error) {
	var q catalog.Query
	for k := range v {
		if !knownParams[k] {
			return q, directory.Errorf(directory.EInvalid, "Unknown parameter %q: use role, topic, confidentiality, available or at.", k)
		}
	}
	var err error
	if s := v.Get("role"); s != "" || v.Has("role") {
		if q.Role, err = directory.ParseRole(s); err != nil {
			return q, err
		}
	}
	if s := v.Get("confidentiality"); s != "" || v.Has("confidentiality") {
		if q.Confidentiality, err = directory.ParseConfidentiality(s); err != nil {
			return q, err
		}
	}
	q.Topic = v.Get("topic")
	if v.Has("available") {
		b, err := strconv.ParseBool(v.Get("available"))
		if err != nil {
			return q, directory.Errorf(directory.EInvalid, "Parameter available %q must be true or false.", v.Get("available"))
		}
		q.Available = &b
	}
	q.At, err = parseAt(v, now)
	return q, err
}
