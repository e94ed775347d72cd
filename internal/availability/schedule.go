package availability

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"time"

	"signpost/internal/directory"
)

// HorizonDays is how many days after an instant's local date [Schedule.At] looks for the next
// change before giving up and reporting none.
const HorizonDays = 400

// Status is whether a resource is available at an instant.
type Status struct {
	// Known is false when the source states no hours, so whether it is open is unknown: callers
	// must not present the resource as open or closed.
	Known bool
	// Open is meaningful only when Known.
	Open bool
	// Always is true for a service open 24 hours a day, 7 days a week with no term limit.
	Always bool
	// NextChange is the first instant after the asked one at which Open or Known changes, in
	// the resource's own time zone; nil if there is none within [HorizonDays] (as for 24/7).
	NextChange *time.Time
}

// Schedule is a compiled [directory.Hours]: its time zone loaded and its weekly windows turned
// into per-weekday spans, ready to be asked [Schedule.At] many times. A Schedule is immutable
// and safe for concurrent use.
type Schedule struct {
	loc      *time.Location
	known    bool // the hours say when the service is open, as [directory.Hours.Known]
	always   bool
	holidays directory.HolidayRule
	calendar string
	term     string
	weekly   [7][]span // by time.Weekday: sorted, neither overlapping nor touching
	allDay   []span
}

// span is a run of open minutes of one local day, from <= minute < to, 0 <= from < to <= 1440.
type span struct{ from, to int64 }

// state is availability over a stretch of time.
type state uint8

const (
	unknown state = iota
	closed
	open
)

// Compile checks h and prepares it for [Schedule.At]. A nil h compiles to a schedule whose
// status is always unknown. Compile returns an [directory.EInvalid] error if the time zone is
// missing or not an IANA zone, the holiday rule is not "", "open" or "closed" (or names no
// calendar), or a weekly window has no days, an unknown day, or a time that is not HH:MM between
// 00:00 and 24:00 (opening at 24:00 is not allowed).
//
// Rules apply in this order: outside every period of h.Term the service is closed; inside, 24/7
// hours are open (a holiday rule does not close them); otherwise a holiday of h.Calendar is open
// or closed all day (00:00 to 24:00 local) by the holiday rule; otherwise the weekly windows
// apply. A window whose closing time is at or before its opening time runs into the next day,
// and that next-day part belongs to the next day (a holiday there replaces it).
func Compile(h *directory.Hours) (*Schedule, error) {
	if h == nil {
		return &Schedule{}, nil
	}
	if h.TimeZone == "" {
		return nil, directory.Errorf(directory.EInvalid, "Hours need a time zone.")
	}
	loc, err := time.LoadLocation(h.TimeZone)
	if err != nil {
		return nil, directory.Errorf(directory.EInvalid, "Hours: time zone %q is not an IANA time zone.", h.TimeZone)
	}
	switch h.Holidays {
	case directory.HolidaysRegular, directory.HolidaysOpen, directory.HolidaysClosed:
	default:
		return nil, directory.Errorf(directory.EInvalid, "Hours: holidays %q is not one of open, closed or empty.", h.Holidays)
	}
	if h.Holidays != directory.HolidaysRegular && h.Calendar == "" {
		return nil, directory.Errorf(directory.EInvalid, "Hours: a holiday rule needs a calendar.")
	}
	s := &Schedule{
		loc:      loc,
		known:    h.Known(),
		always:   h.Always,
		holidays: h.Holidays,
		calendar: h.Calendar,
		term:     h.Term,
		allDay:   []span{{0, minutesPerDay}},
	}
	for i, w := range h.Weekly {
		if err := s.addWindow(w); err != nil {
			return nil, directory.Errorf(directory.EInvalid, "Hours: weekly[%d]: %s.", i, err)
		}
	}
	for d := range s.weekly {
		s.weekly[d] = mergeSpans(s.weekly[d])
	}
	return s, nil
}

// addWindow adds w's spans to the weekly table, splitting a window that runs past midnight.
func (s *Schedule) addWindow(w directory.Window) error {
	if len(w.Days) == 0 {
		return errors.New("a window needs at least one day")
	}
	opens, ok1 := directory.ParseClock(w.Opens)
	closes, ok2 := directory.ParseClock(w.Closes)
	if !ok1 || !ok2 || opens == minutesPerDay {
		return errors.New("opens and closes must be HH:MM between 00:00 and 24:00, opening before 24:00")
	}
	o, c := int64(opens), int64(closes)
	for _, day := range w.Days {
		wd, ok := day.Time()
		if !ok {
			return fmt.Errorf("day %q is not one of MO TU WE TH FR SA SU", day)
		}
		if c > o {
			s.weekly[wd] = append(s.weekly[wd], span{o, c})
			continue
		}
		s.weekly[wd] = append(s.weekly[wd], span{o, minutesPerDay})
		if c > 0 {
			next := (wd + 1) % 7
			s.weekly[next] = append(s.weekly[next], span{0, c})
		}
	}
	return nil
}

// mergeSpans sorts spans and joins those that overlap or touch, so that no change is reported
// where one window ends and the next begins.
func mergeSpans(spans []span) []span {
	if len(spans) == 0 {
		return nil
	}
	slices.SortFunc(spans, func(a, b span) int { return cmp.Compare(a.from, b.from) })
	out := spans[:1]
	for _, sp := range spans[1:] {
		last := &out[len(out)-1]
		if sp.from <= last.to {
			last.to = max(last.to, sp.to)
			continue
		}
		out = append(out, sp)
	}
	return slices.Clip(out)
}

// At reports the availability of hours h at instant t, with holidays and terms from cal (nil
// for none). It compiles h on every call, which loads its time zone; a caller asking about the
// same hours repeatedly should [Compile] them once and call [Schedule.At]. A nil h is unknown.
// At returns the [directory.EInvalid] errors of [Compile].
func At(h *directory.Hours, cal *Calendar, t time.Time) (Status, error) {
	if h == nil {
		return Status{}, nil
	}
	s, err := Compile(h)
	if err != nil {
		return Status{}, err
	}
	return s.At(cal, t), nil
}

// At reports the schedule's availability at instant t, with holidays and terms from cal (nil
// for none). A term-limited schedule whose term has no periods in cal is unknown: without dates
// it cannot be called closed.
func (s *Schedule) At(cal *Calendar, t time.Time) Status {
	if s.term == "" {
		if !s.known {
			return Status{}
		}
		if s.always {
			return Status{Known: true, Open: true, Always: true}
		}
	}
	r := cal.rulesFor(s.calendar, s.term)
	if s.term != "" && len(r.terms) == 0 {
		return Status{}
	}
	t = t.In(s.loc)
	now := reached(t)
	cur := s.stateAt(&r, now)
	st := Status{Known: cur != unknown, Open: cur == open}
	if next, ok := s.next(&r, t, now, cur); ok {
		st.NextChange = &next
	}
	return st
}

// day returns the plan of local day d: whether it is known and, if so, its open spans.
func (s *Schedule) day(r *rules, d int64) (bool, []span) {
	switch {
	case s.term != "" && !r.inTerm(d):
		return true, nil
	case !s.known:
		return false, nil
	case s.always:
		return true, s.allDay
	case s.holidays != directory.HolidaysRegular && r.holiday(d):
		if s.holidays == directory.HolidaysOpen {
			return true, s.allDay
		}
		return true, nil
	}
	return true, s.weekly[weekday(d)]
}

// stateAt returns the state once the local clock has reached wall time wall (in seconds).
func (s *Schedule) stateAt(r *rules, wall int64) state {
	m := floorDiv(wall, 60)
	d := floorDiv(m, minutesPerDay)
	known, spans := s.day(r, d)
	return spanState(known, spans, m-d*minutesPerDay)
}

// spanState returns the state at minute m of a day with the given plan.
func spanState(known bool, spans []span, m int64) state {
	if !known {
		return unknown
	}
	for _, sp := range spans {
		if sp.from <= m && m < sp.to {
			return open
		}
	}
	return closed
}

// next returns the first instant after t, whose clock has reached wall time now, at which the
// state differs from cur. It walks the candidate boundaries (each local midnight and each span
// edge) in wall-time order; instant is monotonic, so that is also time order.
func (s *Schedule) next(r *rules, t time.Time, now int64, cur state) (time.Time, bool) {
	first := floorDiv(now, secondsPerDay)
	for d := first; d <= first+HorizonDays; d++ {
		known, spans := s.day(r, d)
		if c, ok := s.change(r, t, now, cur, d*minutesPerDay, spanState(known, spans, 0)); ok {
			return c, true
		}
		for _, sp := range spans {
			if c, ok := s.change(r, t, now, cur, d*minutesPerDay+sp.from, open); ok {
				return c, true
			}
			if sp.to < minutesPerDay {
				if c, ok := s.change(r, t, now, cur, d*minutesPerDay+sp.to, closed); ok {
					return c, true
				}
			}
		}
	}
	return time.Time{}, false
}

// change reports whether the boundary at wall minute w, after which the state is to, is a real
// change from cur after t, and at which instant. A boundary inside a spring-forward gap takes
// effect at the end of the gap, where a later boundary may already have undone it: the state is
// therefore checked at the instant itself.
func (s *Schedule) change(r *rules, t time.Time, now int64, cur state, w int64, to state) (time.Time, bool) {
	if to == cur || w*60 <= now {
		return time.Time{}, false
	}
	c := instant(w, s.loc)
	if !c.After(t) || s.stateAt(r, reached(c)) == cur {
		return time.Time{}, false
	}
	return c, true
}
