package availability

import (
	"cmp"
	"slices"
	"time"

	"signpost/internal/directory"
)

// Calendar is a prepared lookup over a [directory.Calendar]: holidays by calendar name and local
// date, and term periods by term name. A Calendar is immutable and safe for concurrent use. A nil
// *Calendar is valid and holds no holidays and no terms.
type Calendar struct {
	holidays map[string][]int64  // calendar name -> sorted, distinct local day numbers
	terms    map[string][]period // term name -> sorted periods, overlapping or adjacent ones merged
}

// period is a run of local days, both ends included, as day numbers (days since 1970-01-01).
type period struct{ first, last int64 }

// NewCalendar prepares c for lookups. It returns an [directory.EInvalid] error naming the first
// holiday or term whose name is missing or whose dates are not YYYY-MM-DD with start <= end.
func NewCalendar(c directory.Calendar) (*Calendar, error) {
	cal := &Calendar{holidays: map[string][]int64{}, terms: map[string][]period{}}
	for i, h := range c.Holidays {
		d, ok := dayNumber(h.Date)
		if !ok || h.Calendar == "" {
			return nil, directory.Errorf(directory.EInvalid, "calendar.holidays[%d]: needs a calendar name and a date YYYY-MM-DD, got %q on %q.", i, h.Calendar, h.Date)
		}
		cal.holidays[h.Calendar] = append(cal.holidays[h.Calendar], d)
	}
	for name, days := range cal.holidays {
		slices.Sort(days)
		cal.holidays[name] = slices.Compact(days)
	}
	for i, t := range c.Terms {
		first, ok1 := dayNumber(t.Start)
		last, ok2 := dayNumber(t.End)
		if !ok1 || !ok2 || t.Name == "" || last < first {
			return nil, directory.Errorf(directory.EInvalid, "calendar.terms[%d]: needs a name and dates start <= end, YYYY-MM-DD, got %q from %q to %q.", i, t.Name, t.Start, t.End)
		}
		cal.terms[t.Name] = append(cal.terms[t.Name], period{first, last})
	}
	for name, ps := range cal.terms {
		cal.terms[name] = mergePeriods(ps)
	}
	return cal, nil
}

// mergePeriods sorts ps and joins periods that overlap or follow each other without a gap day,
// so that a term never seems to end at midnight between two back-to-back periods.
func mergePeriods(ps []period) []period {
	slices.SortFunc(ps, func(a, b period) int { return cmp.Compare(a.first, b.first) })
	out := ps[:1]
	for _, p := range ps[1:] {
		last := &out[len(out)-1]
		if p.first <= last.last+1 {
			last.last = max(last.last, p.last)
			continue
		}
		out = append(out, p)
	}
	return out
}

// dayNumber parses a YYYY-MM-DD date into days since 1970-01-01.
func dayNumber(s string) (int64, bool) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, false
	}
	return floorDiv(t.Unix(), secondsPerDay), true
}

// rules is what one [Schedule] needs from a [Calendar]: the days of its holiday calendar and the
// periods of its term.
type rules struct {
	holidays []int64
	terms    []period
}

// rulesFor looks up the holidays of calendar name and the periods of term in c.
func (c *Calendar) rulesFor(calendar, term string) rules {
	if c == nil {
		return rules{}
	}
	var r rules
	if calendar != "" {
		r.holidays = c.holidays[calendar]
	}
	if term != "" {
		r.terms = c.terms[term]
	}
	return r
}

// holiday reports whether local day d is a holiday.
func (r *rules) holiday(d int64) bool {
	_, ok := slices.BinarySearch(r.holidays, d)
	return ok
}

// inTerm reports whether local day d lies in one of the term's periods.
func (r *rules) inTerm(d int64) bool {
	i, _ := slices.BinarySearchFunc(r.terms, d, func(p period, d int64) int { return cmp.Compare(p.last, d) })
	return i < len(r.terms) && r.terms[i].first <= d
}
