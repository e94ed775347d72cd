package directory

import (
	"cmp"
	"slices"
	"strings"
)

// Topic is one concern in the curated taxonomy (harassment, mental health, research
// misconduct, ...). Topics are data: the defaults are embedded and editors may change them.
type Topic struct {
	ID          string `json:"id"`
	Name        string `json:"name"`
	Description string `json:"description"`
	// Parent is the id of a broader topic, or "".
	Parent string `json:"parent,omitempty"`
	// Retired topics stay in the data (resources may still name them) but are not offered.
	Retired bool `json:"retired,omitempty"`
}

// Validate returns an [EInvalid] error naming the first wrong field.
func (t *Topic) Validate() error {
	switch {
	case !ValidID(t.ID):
		return Errorf(EInvalid, "topic id %q: use lower-case letters, digits and single hyphens.", t.ID)
	case strings.TrimSpace(t.Name) == "":
		return Errorf(EInvalid, "topic %s: name is required.", t.ID)
	case t.Parent != "" && !ValidID(t.Parent):
		return Errorf(EInvalid, "topic %s: parent %q is not a valid topic id.", t.ID, t.Parent)
	}
	return nil
}

// Holiday is one day of a holiday calendar, such as the days MIT observes.
type Holiday struct {
	// Calendar names the calendar, such as "mit".
	Calendar string `json:"calendar"`
	// Date is the local date, YYYY-MM-DD.
	Date string `json:"date"`
	Name string `json:"name"`
	// Source says where the date comes from; Verified whether a person checked it against it.
	Source   string `json:"source,omitempty"`
	Verified bool   `json:"verified"`
}

// Term is a period a term-limited service runs, such as an academic year.
type Term struct {
	// Name is the term's kind, such as "academic-year", that [Hours.Term] refers to.
	Name string `json:"name"`
	// Start and End are local dates, YYYY-MM-DD, both included.
	Start    string `json:"start"`
	End      string `json:"end"`
	Label    string `json:"label,omitempty"`
	Source   string `json:"source,omitempty"`
	Verified bool   `json:"verified"`
}

// Calendar holds the dated facts availability depends on: holidays and terms.
type Calendar struct {
	Holidays []Holiday `json:"holidays"`
	Terms    []Term    `json:"terms"`
}

// Sorted returns a copy of the calendar in the order stores keep it: holidays by calendar and
// date, terms by name and start; empty lists are empty, never nil.
func (c Calendar) Sorted() Calendar {
	out := Calendar{Holidays: append([]Holiday{}, c.Holidays...), Terms: append([]Term{}, c.Terms...)}
	slices.SortStableFunc(out.Holidays, func(a, b Holiday) int {
		return cmp.Or(cmp.Compare(a.Calendar, b.Calendar), cmp.Compare(a.Date, b.Date))
	})
	slices.SortStableFunc(out.Terms, func(a, b Term) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Start, b.Start))
	})
	return out
}
