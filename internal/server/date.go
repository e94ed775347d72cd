package server

import (
	"net/http"
	"sync/atomic"
	"time"
)

// dateHeader is the Date header's value for the current second, formatted once a second
// rather than by net/http for every response (a fiftieth of a match request's server time).
// It is taken as the request arrives, so it says when the answer began rather than when it
// was sent: the same second for every answer served from memory. A handler's own Date header
// is never overwritten; net/http adds one only when none is set.
type dateHeader struct {
	now  func() time.Time
	last atomic.Pointer[datedValue]
}

type datedValue struct {
	unix  int64
	value []string // capped at its length: shared by every response of that second
}

func (d *dateHeader) get() []string {
	t := d.now()
	sec := t.Unix()
	if v := d.last.Load(); v != nil && v.unix == sec {
		return v.value
	}
	v := &datedValue{unix: sec, value: []string{t.UTC().Format(http.TimeFormat)}[:1:1]}
	d.last.Store(v)
	return v.value
}

var dates = &dateHeader{now: time.Now}
