package catalog

import (
	"sync/atomic"
	"time"

	"signpost/internal/availability"
)

// hours is a resource's compiled schedule with the last status worked out from it. A status
// holds from the instant it was asked for until its next change, so any question inside that
// span has the same answer: matches, which ask for the availability of every result at about
// the same instant, then skip the walk through the calendar (a seventh of a match's work).
type hours struct {
	schedule *availability.Schedule
	last     atomic.Pointer[statusSpan]
}

// statusSpan is a status that holds for every instant in [from, until) (Unix nanoseconds).
type statusSpan struct {
	from, until int64
	status      availability.Status
	next        time.Time
}

// reuseSeconds bounds the instants whose status is kept: far outside it (about 1698 to 2242)
// UnixNano, the key, would wrap around and make instants centuries apart look alike.
const reuseSeconds = 1 << 33

func (h *hours) at(cal *availability.Calendar, t time.Time) availability.Status {
	if sec := t.Unix(); sec < -reuseSeconds || sec > reuseSeconds {
		return h.schedule.At(cal, t)
	}
	ns := t.UnixNano()
	if sp := h.last.Load(); sp != nil && sp.from <= ns && ns < sp.until {
		st := sp.status
		next := sp.next // a copy per answer: callers may keep or change theirs
		st.NextChange = &next
		return st
	}
	st := h.schedule.At(cal, t)
	// Only a status with a next change is known to hold until then: without one, a change may
	// lie beyond the horizon of an instant asked later.
	if st.NextChange != nil && st.NextChange.After(t) {
		h.last.Store(&statusSpan{from: ns, until: st.NextChange.UnixNano(), status: st, next: *st.NextChange})
	}
	return st
}
