package server

import (
	"fmt"
	"net/http"
	"net/netip"
	"strings"
)

// ParseTrustedProxies reads a comma-separated list of IP addresses and CIDR prefixes, as
// SIGNPOST_TRUSTED_PROXY holds it ("10.0.0.5, 192.168.1.0/24, ::1"). An empty list is
// valid; an entry that is neither an address nor a prefix is an error naming it.
func ParseTrustedProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil || a.Zone() != "" {
			return nil, fmt.Errorf("trusted proxy %q is not an IP address or CIDR prefix such as 10.0.0.5 or 10.0.0.0/8", f)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// proxySet is the operator's trusted proxies.
type proxySet []netip.Prefix

func newProxySet(ps []netip.Prefix) proxySet {
	out := make(proxySet, 0, len(ps))
	for _, p := range ps {
		if p.IsValid() {
			out = append(out, p.Masked())
		}
	}
	return out
}

func (s proxySet) contains(a netip.Addr) bool {
	for _, p := range s {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// Client returns the rate-limiting key of the client that sent r: its IPv4 address, or the
// /64 network of its IPv6 address (one host usually holds a whole /64, and could otherwise
// rotate through it). The address is the connection's peer unless that peer is a trusted
// proxy; then it is the nearest untrusted address in X-Forwarded-For, read from the right (the
// entries a proxy appends), or in Forwarded when there is no X-Forwarded-For. The key must
// never be logged.
func (l *Limiter) Client(r *http.Request) string {
	a, ok := clientAddr(r, l.proxies)
	if !ok {
		return "unknown"
	}
	if a.Is6() {
		p, _ := a.Prefix(64)
		return p.String()
	}
	return a.String()
}

// clientAddr finds the client's address; ok is false when RemoteAddr is not an IP address.
func clientAddr(r *http.Request, proxies proxySet) (netip.Addr, bool) {
	peer, ok := parseHost(r.RemoteAddr)
	if !ok {
		return netip.Addr{}, false
	}
	if len(proxies) == 0 || !proxies.contains(peer) {
		return peer, true
	}
	hops := splitList(r.Header.Values("X-Forwarded-For"))
	if len(hops) == 0 {
		hops = forwardedFor(r.Header.Values("Forwarded"))
	}
	cur := peer
	for i := len(hops) - 1; i >= 0; i-- {
		a, ok := parseHost(hops[i])
		if !ok {
			// A proxy we trust passed on something unreadable: it is the client as far as we
			// can tell.
			return cur, true
		}
		if !proxies.contains(a) {
			return a, true
		}
		cur = a
	}
	return cur, true
}

// parseHost reads "192.0.2.1", "192.0.2.1:80", "2001:db8::1", "[2001:db8::1]:80" or
// "[2001:db8::1]", dropping the port and any zone and unmapping IPv4-in-IPv6.
func parseHost(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().WithZone("").Unmap(), true
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	if a, err := netip.ParseAddr(s); err == nil {
		return a.WithZone("").Unmap(), true
	}
	return netip.Addr{}, false
}

// splitList splits comma-separated header values, in order, across repeated header lines.
func splitList(values []string) []string {
	var out []string
	for _, v := range values {
		for _, f := range strings.Split(v, ",") {
			if f = strings.TrimSpace(f); f != "" {
				out = append(out, f)
			}
		}
	}
	return out
}

// forwardedFor returns the for= parameters of RFC 7239 Forwarded header values, in order.
// An element without for= yields "" so that the chain of hops keeps its length.
func forwardedFor(values []string) []string {
	var out []string
	for _, elem := range splitList(values) {
		val := ""
		for _, pair := range strings.Split(elem, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(pair), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "for") {
				val = strings.Trim(strings.TrimSpace(v), `"`)
			}
		}
		out = append(out, val)
	}
	return out
}
