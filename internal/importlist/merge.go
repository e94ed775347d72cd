package importlist

import (
	"strings"

	"signpost/internal/directory"
)

// Plan is what importing a page would do to a directory.
type Plan struct {
	// Added are new resources; Updated those an earlier import of the same source created,
	// matched by name, with the page's current facts; Retired those that earlier import
	// created and the page no longer lists.
	Added, Updated, Retired []directory.Resource
	// Duplicates are the page's resources whose name the directory already has, left out:
	// only -replace updates resources, and only those of the same source.
	Duplicates []Duplicate
}

// Duplicate is a resource of the page left out because the directory has one of its name.
type Duplicate struct {
	Name, ExistingID, ExistingSource string
}

// MergeOptions say how a page joins a directory.
type MergeOptions struct {
	// Replace updates and retires the resources an earlier import of the same source made.
	Replace bool
	// Publish makes what the page gives public at once instead of drafts.
	Publish bool
	// Alone retires every resource that did not come from this source, so that the page
	// becomes the whole public directory (a department's own site). History keeps them.
	Alone bool
}

func nameKey(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// Merge plans the import of incoming (made by [Resources] from one page, source) into the
// resources of d, and applies it to d: the resulting directory keeps every id and history,
// adds the new resources, and with opt.Replace updates the same source's resources by name
// and retires those the page dropped. A resource of the page whose name the directory has
// from elsewhere, or from this source without opt.Replace, is left out and reported.
func Merge(d *directory.Directory, incoming []directory.Resource, source string, opt MergeOptions) Plan {
	var plan Plan
	byName := map[string]int{}
	for i, r := range d.Resources {
		// Alone, the page meets only what it made before: the rest is to be retired.
		if r.Status != directory.StatusRetired && (!opt.Alone || r.Provenance.Source == source) {
			byName[nameKey(r.Name)] = i
		}
	}
	seen := map[int]bool{}
	for _, in := range incoming {
		if opt.Publish {
			in.Status = directory.StatusPublished
		}
		i, exists := byName[nameKey(in.Name)]
		switch {
		case !exists:
			d.Resources = append(d.Resources, in)
			plan.Added = append(plan.Added, in)
		case opt.Replace && d.Resources[i].Provenance.Source == source:
			seen[i] = true
			up := refreshed(d.Resources[i], in, opt.Publish)
			d.Resources[i] = up
			plan.Updated = append(plan.Updated, up)
		default:
			plan.Duplicates = append(plan.Duplicates, Duplicate{Name: in.Name, ExistingID: d.Resources[i].ID, ExistingSource: d.Resources[i].Provenance.Source})
		}
	}
	if opt.Replace || opt.Alone {
		for i, r := range d.Resources {
			mine := r.Provenance.Source == source
			if r.Status == directory.StatusRetired || isIn(plan.Added, r.ID) || (mine && seen[i]) || (mine && !opt.Replace) || (!mine && !opt.Alone) {
				continue
			}
			d.Resources[i].Status = directory.StatusRetired
			plan.Retired = append(plan.Retired, d.Resources[i])
		}
	}
	return plan
}

func isIn(rs []directory.Resource, id string) bool {
	for _, r := range rs {
		if r.ID == id {
			return true
		}
	}
	return false
}

// refreshed is old with the facts the page gives now. What an editor set and the page does
// not speak of — topics, keywords, summary, kind, a review interval, the last verification —
// is kept; the id, and so the history, stays.
func refreshed(old, page directory.Resource, publish bool) directory.Resource {
	up := old
	up.Name, up.Section, up.Description = page.Name, page.Section, page.Description
	up.Audience, up.Confidentiality, up.Emergency = page.Audience, page.Confidentiality, page.Emergency
	up.Contacts, up.Hours = page.Contacts, page.Hours
	up.Provenance.SourceText, up.Provenance.Notes = page.Provenance.SourceText, page.Provenance.Notes
	if publish {
		up.Status = directory.StatusPublished
	}
	return up
}
