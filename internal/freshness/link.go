package freshness

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"signpost/internal/directory"
)

// linksOf returns the http(s) links of a contact: its URL, and its value when the contact is
// a web page or form whose value is itself a link other than the URL.
func linksOf(c directory.Contact) []string {
	var out []string
	if isHTTP(c.URL) {
		out = append(out, c.URL)
	}
	if (c.Kind == directory.ContactWeb || c.Kind == directory.ContactForm) && isHTTP(c.Value) && c.Value != c.URL {
		out = append(out, c.Value)
	}
	return out
}

// isHTTP reports whether s is meant as an http or https link (whether or not it parses).
func isHTTP(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// errTooManyRedirects stops a redirect chain longer than the configured limit.
var errTooManyRedirects = errors.New("freshness: too many redirects")

// linkChecker fetches links with one client whose redirects are bounded.
type linkChecker struct {
	client    *http.Client
	timeout   time.Duration
	userAgent string
	maxRedir  int
}

func newLinkChecker(cfg Config) *linkChecker {
	tr := cfg.Transport
	if tr == nil {
		tr = http.DefaultTransport.(*http.Transport).Clone()
	}
	lc := &linkChecker{timeout: cfg.Timeout, userAgent: cfg.UserAgent, maxRedir: cfg.MaxRedirects}
	lc.client = &http.Client{
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) > lc.maxRedir {
				return errTooManyRedirects
			}
			req.Header.Set("User-Agent", lc.userAgent)
			return nil
		},
	}
	return lc
}

func (lc *linkChecker) close() { lc.client.CloseIdleConnections() }

// check fetches one link and says how it went. all is the whole check's context: once it is
// done, what is left is unchecked rather than unreachable.
func (lc *linkChecker) check(all context.Context, link string) Finding {
	if all.Err() != nil {
		return unchecked()
	}
	u, err := url.Parse(strings.TrimSpace(link))
	if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		return Finding{Status: StatusBroken, Problem: "not a valid web address"}
	}
	ctx, cancel := context.WithTimeout(all, lc.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return Finding{Status: StatusBroken, Problem: "not a valid web address"}
	}
	req.Header.Set("User-Agent", lc.userAgent)
	req.Header.Set("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
	resp, err := lc.client.Do(req)
	if err != nil {
		if all.Err() != nil && (errors.Is(err, context.DeadlineExceeded) || errors.Is(err, context.Canceled)) {
			return unchecked()
		}
		return linkError(err, lc.timeout, lc.maxRedir)
	}
	// Read a little so the connection can be reused, never a whole large page.
	io.CopyN(io.Discard, resp.Body, 64<<10)
	resp.Body.Close()

	f := Finding{Status: StatusOK, HTTPStatus: resp.StatusCode}
	if resp.StatusCode >= 400 {
		f.Status = StatusBroken
		f.Problem = "the server answers " + statusText(resp.StatusCode)
		return f
	}
	if final := resp.Request.URL.String(); movedPermanently(resp) && final != u.String() {
		f.Status, f.FinalURL = StatusMoved, final
		f.Problem = "moved permanently to " + final + ": update the link"
	}
	return f
}

func unchecked() Finding {
	return Finding{Status: StatusUnchecked, Problem: "not checked: the check ran out of time first"}
}

// movedPermanently reports whether every redirect that led to resp was permanent (301 or
// 308), so that the stored link should become the final one. A temporary redirect anywhere in
// the chain means the stored link is still the one to keep.
func movedPermanently(resp *http.Response) bool {
	hops := 0
	for r := resp.Request; r.Response != nil; r = r.Response.Request {
		hops++
		if c := r.Response.StatusCode; c != http.StatusMovedPermanently && c != http.StatusPermanentRedirect {
			return false
		}
	}
	return hops > 0
}

func statusText(code int) string {
	if t := http.StatusText(code); t != "" {
		return fmt.Sprintf("%d %s", code, t)
	}
	return fmt.Sprint(code)
}

// linkError turns a failed request into a finding in plain words.
func linkError(err error, timeout time.Duration, maxRedir int) Finding {
	f := Finding{Status: StatusUnreachable}
	var dnsErr *net.DNSError
	var certErr *tls.CertificateVerificationError
	var hostErr x509.HostnameError
	var authErr x509.UnknownAuthorityError
	var invalidErr x509.CertificateInvalidError
	var recordErr tls.RecordHeaderError
	var netErr net.Error
	switch {
	case errors.Is(err, errTooManyRedirects):
		f.Status = StatusBroken
		f.Problem = fmt.Sprintf("more than %d redirects", maxRedir)
	case errors.As(err, &dnsErr) && dnsErr.IsNotFound:
		f.Problem = fmt.Sprintf("the host %s does not exist (DNS)", dnsErr.Name)
	case errors.As(err, &dnsErr):
		f.Problem = fmt.Sprintf("the host %s could not be looked up (DNS): %s", dnsErr.Name, dnsErr.Err)
	case errors.Is(err, syscall.ECONNREFUSED):
		f.Problem = "connection refused"
	case errors.As(err, &hostErr), errors.As(err, &authErr), errors.As(err, &invalidErr), errors.As(err, &certErr):
		f.Problem = "the site's TLS certificate is not valid: " + tlsReason(err)
	case errors.As(err, &recordErr):
		f.Problem = "TLS handshake failed: the server does not speak TLS"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		f.Problem = fmt.Sprintf("no answer within %s", timeout)
	default:
		f.Problem = "the request failed: " + innermost(err).Error()
	}
	return f
}

// tlsReason is the certificate error's own message, without the url.Error's method and URL.
func tlsReason(err error) string {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return err.Error()
}

// innermost strips the url.Error wrapper, whose method and URL the finding already shows.
func innermost(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
