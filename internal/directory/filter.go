package directory

import "slices"

// Filter selects resources. A zero field matches everything.
type Filter struct {
	Role            Role
	Topic           string
	Confidentiality Confidentiality
}

// Match reports whether r passes every set field of f. A topic matches the resource's own
// topics exactly; callers that want sub-topics expand the filter first.
func (f Filter) Match(r *Resource) bool {
	if f.Role != "" && !r.Serves(f.Role) {
		return false
	}
	if f.Topic != "" && !slices.Contains(r.Topics, f.Topic) {
		return false
	}
	if f.Confidentiality != "" && r.Confidentiality != f.Confidentiality {
		return false
	}
	return true
}
