package freshness

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"signpost/internal/directory"
)

// Defaults for the zero fields of a [Config].
const (
	DefaultTimeout      = 10 * time.Second
	DefaultConcurrency  = 8
	DefaultDeadline     = 5 * time.Minute
	DefaultMaxRedirects = 10
	DefaultUserAgent    = "Signpost directory check"
)

// Config says how [Check] reaches the network. The zero Config checks everything with the
// defaults above and the system's resolver.
type Config struct {
	// Offline skips the links and e-mail domains: only review dates are checked.
	Offline bool
	// Timeout bounds each HTTP request (redirects included) and each DNS lookup.
	Timeout time.Duration
	// Concurrency is the most requests and lookups in flight at once.
	Concurrency int
	// Deadline bounds the whole check; what has not been checked by then is reported as
	// [StatusUnchecked].
	Deadline time.Duration
	// MaxRedirects is how many redirects a link may follow before it counts as broken.
	MaxRedirects int
	// UserAgent is sent with every request, so that a site's operator can see who is asking.
	UserAgent string
	// Resolver looks up e-mail domains; nil means [net.DefaultResolver].
	Resolver Resolver
	// Transport carries the HTTP requests; nil means a fresh copy of [http.DefaultTransport].
	Transport http.RoundTripper
}

// Resolver is the part of [*net.Resolver] the e-mail domain check uses.
type Resolver interface {
	LookupMX(ctx context.Context, name string) ([]*net.MX, error)
	LookupHost(ctx context.Context, host string) ([]string, error)
}

var _ Resolver = (*net.Resolver)(nil)

// What is the thing a [Finding] is about.
type What string

// What was checked.
const (
	WhatReview      What = "review"       // the resource's review date
	WhatLink        What = "link"         // a contact's http(s) URL
	WhatEmailDomain What = "email-domain" // the domain of a contact's e-mail address
)

// Status is the outcome of one check.
type Status string

// Outcomes. [Status.Problem] tells which of them need a person.
const (
	StatusOK          Status = "ok"
	StatusStale       Status = "stale"       // the review is due
	StatusMoved       Status = "moved"       // the link works but moved permanently: update it
	StatusBroken      Status = "broken"      // 4xx/5xx, too many redirects, a domain without mail
	StatusUnreachable Status = "unreachable" // DNS, refused, timeout, TLS
	StatusUnchecked   Status = "unchecked"   // the overall deadline passed first
)

// Problem reports whether the outcome needs a person to act: stale, broken, unreachable or
// unchecked. A permanent move is worth fixing but still reaches its page, so it is not one.
func (s Status) Problem() bool {
	switch s {
	case StatusStale, StatusBroken, StatusUnreachable, StatusUnchecked:
		return true
	}
	return false
}

// Finding is the outcome of one check of one resource.
type Finding struct {
	ResourceID string `json:"resource_id"`
	// Contact is the index of the contact in the resource's contacts, or -1 for a finding
	// about the resource itself (its review date).
	Contact int  `json:"contact"`
	What    What `json:"what"`
	// Target is the URL or the e-mail domain checked; empty for a review.
	Target string `json:"target,omitempty"`
	Status Status `json:"status"`
	// Due is the review's due date (YYYY-MM-DD), for reviews only.
	Due string `json:"due,omitempty"`
	// HTTPStatus is the final HTTP status of a link, when the server answered.
	HTTPStatus int `json:"http_status,omitempty"`
	// FinalURL is where a link that moved permanently now leads.
	FinalURL string `json:"final_url,omitempty"`
	// Problem says what is wrong in plain words; empty when all is well.
	Problem string `json:"problem,omitempty"`
}

// String is the finding as one line for a person: status, resource, contact, what and why.
func (f Finding) String() string {
	where := f.ResourceID
	if f.Contact >= 0 {
		where = fmt.Sprintf("%s contacts[%d]", f.ResourceID, f.Contact)
	}
	what := string(f.What)
	switch f.What {
	case WhatLink:
		what = "link " + f.Target
	case WhatEmailDomain:
		what = "e-mail domain " + f.Target
	}
	msg := f.Problem
	if msg == "" {
		msg = string(f.Status)
	}
	return fmt.Sprintf("%-11s %s: %s: %s", strings.ToUpper(string(f.Status)), where, what, msg)
}

// Report is the outcome of a [Check].
type Report struct {
	// Today is the day review dates were judged against (YYYY-MM-DD).
	Today string `json:"today"`
	// Offline is true when links and e-mail domains were not checked.
	Offline bool `json:"offline"`
	// Resources is the number of published resources checked; Skipped the drafts and retired
	// resources left out.
	Resources int `json:"resources"`
	Skipped   int `json:"skipped"`
	// Links and EmailDomains are the numbers of distinct URLs and domains checked.
	Links        int `json:"links"`
	EmailDomains int `json:"email_domains"`
	// Findings holds every outcome, good ones included, in resource order and then contact
	// order; a resource's review comes before its contacts.
	Findings []Finding `json:"findings"`
}

// Problems returns the findings that need a person, in report order.
func (r *Report) Problems() []Finding {
	var out []Finding
	for _, f := range r.Findings {
		if f.Status.Problem() {
			out = append(out, f)
		}
	}
	return out
}

// Count returns how many findings have status s.
func (r *Report) Count(s Status) int {
	n := 0
	for _, f := range r.Findings {
		if f.Status == s {
			n++
		}
	}
	return n
}

// Summary is one line for a person: what was checked and how many of each problem.
func (r *Report) Summary() string {
	var b strings.Builder
	b.WriteString("checked " + plural(r.Resources, "resource"))
	if r.Skipped > 0 {
		fmt.Fprintf(&b, " (%d skipped: drafts or retired)", r.Skipped)
	}
	if r.Offline {
		b.WriteString(", links and e-mail domains not checked (offline)")
	} else {
		b.WriteString(", " + plural(r.Links, "link") + ", " + plural(r.EmailDomains, "e-mail domain"))
	}
	var parts []string
	for _, s := range []Status{StatusStale, StatusBroken, StatusUnreachable, StatusUnchecked, StatusMoved} {
		if n := r.Count(s); n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, s))
		}
	}
	if len(parts) == 0 {
		b.WriteString(": all well")
	} else {
		b.WriteString(": " + strings.Join(parts, ", "))
	}
	return b.String()
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// Check checks the published resources of d: each one's review date against today, and,
// unless cfg.Offline, every link and e-mail domain of its contacts. It returns an error only
// when ctx is cancelled before the check is done; what the check finds is in the [Report].
func Check(ctx context.Context, d *directory.Directory, today time.Time, cfg Config) (*Report, error) {
	cfg = cfg.withDefaults()
	rep := &Report{Today: today.Format(time.DateOnly), Offline: cfg.Offline}

	// First pass: review dates, and the distinct links and domains, in directory order.
	type pending struct {
		finding int    // index in rep.Findings
		key     string // URL or domain
	}
	var links, domains []string
	seenLink, seenDomain := map[string]bool{}, map[string]bool{}
	var linkFindings, domainFindings []pending
	for i := range d.Resources {
		r := &d.Resources[i]
		if !r.Public() {
			rep.Skipped++
			continue
		}
		rep.Resources++
		rep.Findings = append(rep.Findings, review(r, today))
		if cfg.Offline {
			continue
		}
		for ci, c := range r.Contacts {
			for _, u := range linksOf(c) {
				rep.Findings = append(rep.Findings, Finding{ResourceID: r.ID, Contact: ci, What: WhatLink, Target: u})
				linkFindings = append(linkFindings, pending{len(rep.Findings) - 1, u})
				if !seenLink[u] {
					seenLink[u] = true
					links = append(links, u)
				}
			}
			if addr, ok := emailOf(c); ok {
				dom, valid := domainOf(addr)
				f := Finding{ResourceID: r.ID, Contact: ci, What: WhatEmailDomain, Target: dom}
				if !valid {
					f.Target, f.Status = addr, StatusBroken
					f.Problem = fmt.Sprintf("%q is not an e-mail address", addr)
					rep.Findings = append(rep.Findings, f)
					continue
				}
				rep.Findings = append(rep.Findings, f)
				domainFindings = append(domainFindings, pending{len(rep.Findings) - 1, dom})
				if !seenDomain[dom] {
					seenDomain[dom] = true
					domains = append(domains, dom)
				}
			}
		}
	}
	rep.Links, rep.EmailDomains = len(links), len(domains)
	if cfg.Offline {
		return rep, nil
	}

	// Second pass: the network, each link and domain once, a bounded number at a time.
	all, cancel := context.WithTimeout(ctx, cfg.Deadline)
	defer cancel()
	lc := newLinkChecker(cfg)
	defer lc.close()
	linkOut := make([]Finding, len(links))
	domainOut := make([]Finding, len(domains))
	jobs := make(chan func())
	var wg sync.WaitGroup
	for range cfg.Concurrency {
		wg.Go(func() {
			for job := range jobs {
				job()
			}
		})
	}
	for i, u := range links {
		jobs <- func() { linkOut[i] = lc.check(all, u) }
	}
	for i, dom := range domains {
		jobs <- func() { domainOut[i] = checkDomain(all, cfg, dom) }
	}
	close(jobs)
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("check the directory: %w", err)
	}

	byLink := make(map[string]Finding, len(links))
	for i, u := range links {
		byLink[u] = linkOut[i]
	}
	byDomain := make(map[string]Finding, len(domains))
	for i, dom := range domains {
		byDomain[dom] = domainOut[i]
	}
	for _, p := range linkFindings {
		merge(&rep.Findings[p.finding], byLink[p.key])
	}
	for _, p := range domainFindings {
		merge(&rep.Findings[p.finding], byDomain[p.key])
	}
	return rep, nil
}

// merge copies the outcome of a shared check onto the finding of one contact.
func merge(dst *Finding, outcome Finding) {
	dst.Status, dst.HTTPStatus, dst.FinalURL, dst.Problem = outcome.Status, outcome.HTTPStatus, outcome.FinalURL, outcome.Problem
}

func (c Config) withDefaults() Config {
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.Concurrency <= 0 {
		c.Concurrency = DefaultConcurrency
	}
	if c.Deadline <= 0 {
		c.Deadline = DefaultDeadline
	}
	if c.MaxRedirects <= 0 {
		c.MaxRedirects = DefaultMaxRedirects
	}
	if c.UserAgent == "" {
		c.UserAgent = DefaultUserAgent
	}
	if c.Resolver == nil {
		c.Resolver = net.DefaultResolver
	}
	return c
}

// review judges a resource's review date on the given day.
func review(r *directory.Resource, today time.Time) Finding {
	due, isDue := r.ReviewDue(today)
	f := Finding{ResourceID: r.ID, Contact: -1, What: WhatReview, Status: StatusOK, Due: due.Format(time.DateOnly)}
	if !isDue {
		return f
	}
	f.Status = StatusStale
	interval := r.Provenance.ReviewIntervalDays
	if interval <= 0 {
		interval = directory.DefaultReviewIntervalDays
	}
	if _, err := time.Parse(time.DateOnly, r.Provenance.LastVerified); err != nil {
		f.Problem = "never verified"
	} else {
		f.Problem = fmt.Sprintf("due since %s (last verified %s, every %d days)", f.Due, r.Provenance.LastVerified, interval)
	}
	return f
}
