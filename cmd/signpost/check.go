package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"signpost/internal/directory"
	"signpost/internal/freshness"
)

func runCheck(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	var asJSON, offline bool
	var fc freshness.Config
	fs := newFlagSet("check", "[-data DIR] [-json] [-timeout 10s] [-concurrency 8] [-deadline 5m] [-offline]",
		"Report the published resources due for review, the links that are broken or unreachable, and the\n"+
			"e-mail domains that take no mail. Drafts and retired resources are skipped. Exits 1 when anything\n"+
			"needs a person (a link that moved permanently is reported but does not count), so that cron can\n"+
			"mail the output.", stderr)
	addDataFlag(fs, &cfg)
	fs.BoolVar(&asJSON, "json", false, "print the whole report, good results included, as one JSON document")
	fs.BoolVar(&offline, "offline", false, "check review dates only: no links, no DNS")
	fs.DurationVar(&fc.Timeout, "timeout", freshness.DefaultTimeout, "time limit of each request and DNS lookup")
	fs.IntVar(&fc.Concurrency, "concurrency", freshness.DefaultConcurrency, "most requests and lookups at once")
	fs.DurationVar(&fc.Deadline, "deadline", freshness.DefaultDeadline, "time limit of the whole check; what is left is reported unchecked")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return errUsage
	}
	if fc.Timeout <= 0 || fc.Deadline <= 0 || fc.Concurrency < 1 {
		fmt.Fprintln(stderr, "-timeout and -deadline must be positive durations (10s, 5m), -concurrency at least 1")
		fs.Usage()
		return errUsage
	}
	fc.Offline = offline
	fc.UserAgent = "Signpost/" + versionString() + " (directory link check)"
	// Links are https: only; an operator whose offices sit behind an internal certificate
	// authority names its certificates here.
	if file := os.Getenv("SIGNPOST_CHECK_CA_FILE"); file != "" {
		pem, err := os.ReadFile(file)
		if err != nil {
			return fmt.Errorf("SIGNPOST_CHECK_CA_FILE: %w", err)
		}
		pool, err := x509.SystemCertPool()
		if err != nil {
			pool = x509.NewCertPool()
		}
		if !pool.AppendCertsFromPEM(pem) {
			return fmt.Errorf("SIGNPOST_CHECK_CA_FILE %s holds no PEM certificate", file)
		}
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
		fc.Transport = tr
	}

	d, err := snapshot(ctx, cfg)
	if err != nil {
		return err
	}
	rep, err := freshness.Check(ctx, d, time.Now(), fc)
	if err != nil {
		return err
	}
	problems := len(rep.Problems())
	if asJSON {
		err = writeJSON(stdout, struct {
			*freshness.Report
			Problems int `json:"problems"`
		}{rep, problems})
	} else {
		for _, f := range rep.Findings {
			if f.Status != freshness.StatusOK {
				fmt.Fprintln(stdout, f)
			}
		}
		_, err = fmt.Fprintln(stdout, rep.Summary())
	}
	if err != nil {
		return err
	}
	if problems > 0 {
		return errProblems
	}
	return nil
}

// snapshot reads the store's whole directory, drafts and retired resources included, and
// closes the store before returning, so that no connection stays open during the network
// checks.
func snapshot(ctx context.Context, cfg Config) (*directory.Directory, error) {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return st.Snapshot(ctx)
}
