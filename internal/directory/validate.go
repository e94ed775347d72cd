package directory

import "time"

// Validate checks every resource and topic, that ids are unique, that every topic a resource
// names exists, and that calendar dates parse. It returns the first problem as an [EInvalid]
// error.
func (d *Directory) Validate() error {
	topics := make(map[string]bool, len(d.Topics))
	for i := range d.Topics {
		t := &d.Topics[i]
		if err := t.Validate(); err != nil {
			return err
		}
		if topics[t.ID] {
			return Errorf(EInvalid, "topic %s appears twice.", t.ID)
		}
		topics[t.ID] = true
	}
	for _, t := range d.Topics {
		if t.Parent != "" && !topics[t.Parent] {
			return Errorf(EInvalid, "topic %s: parent %q does not exist.", t.ID, t.Parent)
		}
	}
	ids := make(map[string]bool, len(d.Resources))
	for i := range d.Resources {
		r := &d.Resources[i]
		if err := r.Validate(); err != nil {
			return err
		}
		if ids[r.ID] {
			return Errorf(EInvalid, "resource %s appears twice.", r.ID)
		}
		ids[r.ID] = true
		for _, t := range r.Topics {
			if !topics[t] {
				return Errorf(EInvalid, "%s: topic %q does not exist.", r.ID, t)
			}
		}
	}
	for i, h := range d.Calendar.Holidays {
		if _, err := time.Parse(time.DateOnly, h.Date); err != nil || h.Calendar == "" {
			return Errorf(EInvalid, "calendar.holidays[%d]: needs a calendar name and a date YYYY-MM-DD.", i)
		}
	}
	for i, t := range d.Calendar.Terms {
		s, err1 := time.Parse(time.DateOnly, t.Start)
		e, err2 := time.Parse(time.DateOnly, t.End)
		if err1 != nil || err2 != nil || t.Name == "" || e.Before(s) {
			return Errorf(EInvalid, "calendar.terms[%d]: needs a name and dates start <= end, YYYY-MM-DD.", i)
		}
	}
	return nil
}
