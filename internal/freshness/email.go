package freshness

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"

	"signpost/internal/directory"
)

// emailOf returns the e-mail address of an e-mail contact: its value, or the address of its
// mailto: URL when the value is empty. ok is false for other contacts and for an e-mail channel
// whose address the source does not state.
func emailOf(c directory.Contact) (addr string, ok bool) {
	if c.Kind != directory.ContactEmail {
		return "", false
	}
	if v := strings.TrimSpace(c.Value); v != "" {
		return v, true
	}
	if rest, found := strings.CutPrefix(strings.TrimSpace(c.URL), "mailto:"); found && rest != "" {
		return rest, true
	}
	return "", false
}

// domainOf returns the domain of an e-mail address, lower-cased and without a trailing dot,
// and whether the address has the shape local@domain.
func domainOf(addr string) (string, bool) {
	addr, _, _ = strings.Cut(strings.TrimPrefix(addr, "mailto:"), "?")
	at := strings.LastIndexByte(addr, '@')
	if at <= 0 {
		return "", false
	}
	dom := strings.TrimSuffix(strings.ToLower(strings.TrimSpace(addr[at+1:])), ".")
	if dom == "" || strings.ContainsAny(dom, " \t@/") {
		return "", false
	}
	return dom, true
}

// checkDomain reports whether mail can be delivered to the domain: it must have MX records,
// or, failing those, an address (A or AAAA) record, as RFC 5321 section 5.1 allows. A "null MX"
// (RFC 7505) says the domain takes no mail.
func checkDomain(all context.Context, cfg Config, dom string) Finding {
	if all.Err() != nil {
		return unchecked()
	}
	ctx, cancel := context.WithTimeout(all, cfg.Timeout)
	defer cancel()
	mxs, err := cfg.Resolver.LookupMX(ctx, dom)
	if len(mxs) > 0 {
		// Some records may have been dropped as invalid (err is then set); the rest still serve.
		if len(mxs) == 1 && (mxs[0].Host == "." || mxs[0].Host == "") {
			return Finding{Status: StatusBroken, Problem: "the domain says it accepts no mail (null MX record)"}
		}
		return Finding{Status: StatusOK}
	}
	if err != nil && !notFound(err) {
		return dnsFailure(all, err, cfg)
	}
	hosts, err := cfg.Resolver.LookupHost(ctx, dom)
	switch {
	case len(hosts) > 0:
		return Finding{Status: StatusOK}
	case err == nil, notFound(err):
		return Finding{Status: StatusBroken, Problem: "no mail server: the domain has no MX, A or AAAA record"}
	}
	return dnsFailure(all, err, cfg)
}

func notFound(err error) bool {
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr) && dnsErr.IsNotFound
}

// dnsFailure is a lookup that failed without an answer: a timeout or a failing server.
func dnsFailure(all context.Context, err error, cfg Config) Finding {
	if all.Err() != nil {
		return unchecked()
	}
	var dnsErr *net.DNSError
	switch {
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &dnsErr) && dnsErr.IsTimeout:
		return Finding{Status: StatusUnreachable, Problem: fmt.Sprintf("the DNS lookup got no answer within %s", cfg.Timeout)}
	case errors.As(err, &dnsErr):
		return Finding{Status: StatusUnreachable, Problem: "the DNS lookup failed: " + dnsErr.Err}
	}
	return Finding{Status: StatusUnreachable, Problem: "the DNS lookup failed: " + err.Error()}
}
