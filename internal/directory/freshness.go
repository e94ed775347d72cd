package directory

import "time"

// DefaultReviewIntervalDays is how often a resource's facts are due for a check when the
// resource sets no interval of its own: offices change hours each term.
const DefaultReviewIntervalDays = 180

const maxReviewIntervalDays = 3 * 365

// ReviewDue returns the date the resource is next due for a check, and whether it is due on
// the given day. A resource never verified is due now.
func (r *Resource) ReviewDue(today time.Time) (due time.Time, isDue bool) {
	day := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	last, err := time.Parse(time.DateOnly, r.Provenance.LastVerified)
	if err != nil {
		return day, true
	}
	days := r.Provenance.ReviewIntervalDays
	if days <= 0 {
		days = DefaultReviewIntervalDays
	}
	due = last.AddDate(0, 0, days)
	return due, !due.After(day)
}
