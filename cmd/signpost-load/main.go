// Command signpost-load measures Signpost under load on loopback, next to a bare net/http
// handler, so that the ratio between the two holds on a noisy machine. Every attack is bounded
// in time and in count and stops by itself. scripts/load runs the whole measurement.
//
// Usage:
//
//	signpost-load bare -addr 127.0.0.1:9001 [-work 25us]
//	signpost-load attack -url URL [-rate 0] [-duration 5s] [-max 1000000] [-workers 64] [-concerns FILE] [-metrics URL] [-pid PID]
//
// attack prints one JSON object: requests, throughput, success ratio, p50, p99 and max in ms,
// the CPU time per request of the load generator and (with -pid) of the server, and (with
// -metrics) the server's own latency.
package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: signpost-load bare|attack [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "bare":
		err = bare(os.Args[2:])
	case "attack":
		err = attack(os.Args[2:], os.Stdout)
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "signpost-load:", err)
		os.Exit(1)
	}
}

// bare serves a small JSON document: the ceiling a Go HTTP server reaches on this machine.
func bare(args []string) error {
	fs := flag.NewFlagSet("bare", flag.ContinueOnError)
	addr := fs.String("addr", "127.0.0.1:9001", "listen address (loopback)")
	work := fs.Duration("work", 0, "CPU time to spend on each request before answering (to see what a handler's own work costs in throughput)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	body := []byte(`{"status":"ok","resources":35}` + "\n")
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for start := time.Now(); time.Since(start) < *work; {
		}
		w.Header().Set("Content-Type", "application/json")
		w.Write(body)
	})
	return (&http.Server{Handler: h, ReadHeaderTimeout: 5 * time.Second}).Serve(ln)
}

// Report is what an attack prints.
type Report struct {
	URL        string  `json:"url"`
	Rate       int     `json:"rate"`
	Requests   uint64  `json:"requests"`
	Throughput float64 `json:"throughput"`
	// MaxReached says the attack stopped at its -max requests rather than at its -duration.
	MaxReached bool    `json:"max_reached,omitempty"`
	Success    float64 `json:"success"`
	P50ms      float64 `json:"p50_ms"`
	P99ms      float64 `json:"p99_ms"`
	Maxms      float64 `json:"max_ms"`
	// With -metrics: the server's own latency, as the upper bound of the histogram bucket
	// holding the 50th and 99th percentile (see serverside.go).
	ServerP50msAtMost float64 `json:"server_p50_ms_at_most,omitempty"`
	ServerP99msAtMost float64 `json:"server_p99_ms_at_most,omitempty"`
	// With -pid: the CPU time (user and system) the server used per request during the attack.
	ServerCPUus float64 `json:"server_cpu_us_per_request,omitempty"`
	// The CPU time the load generator itself used per request.
	GeneratorCPUus float64  `json:"generator_cpu_us_per_request"`
	Errors         []string `json:"errors,omitempty"`
}

// maxRequestsLimit caps -max: at the fastest this machine goes, a minute of attack.
const maxRequestsLimit = 10_000_000

func attack(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("attack", flag.ContinueOnError)
	target := fs.String("url", "", "URL to attack (loopback only); with -concerns, the match endpoint")
	rate := fs.Int("rate", 0, "requests per second; 0 = as fast as the workers go")
	duration := fs.Duration("duration", 5*time.Second, "how long (at most 60s)")
	maxRequests := fs.Uint64("max", 1_000_000, "stop after this many requests, if -duration has not ended the attack first")
	workers := fs.Uint64("workers", 64, "concurrent workers")
	concerns := fs.String("concerns", "", "JSONL file of concerns (field q); each request carries the next as ?q=")
	cpuProfile := fs.String("cpuprofile", "", "write the load generator's own CPU profile to this file")
	metricsURL := fs.String("metrics", "", "the server's /metrics URL: report its own latency for -route too")
	route := fs.String("route", "GET /api/v1/match", "with -metrics, the route pattern to read")
	pid := fs.Int("pid", 0, "the server's process id: report the CPU time it used per request (Linux /proc)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *cpuProfile != "" {
		f, err := os.Create(*cpuProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	u, err := url.Parse(*target)
	if err != nil || u.Host == "" {
		return errors.New("-url must be an absolute URL")
	}
	if !loopback(u) {
		return errors.New("-url must point at a loopback address: load is only ever sent to this machine")
	}
	if *metricsURL != "" {
		if m, err := url.Parse(*metricsURL); err != nil || !loopback(m) {
			return errors.New("-metrics must be a URL on a loopback address")
		}
	}
	if *duration <= 0 || *duration > time.Minute {
		return errors.New("-duration must be between 0 and 60s")
	}
	if *maxRequests == 0 || *maxRequests > maxRequestsLimit {
		return fmt.Errorf("-max must be between 1 and %d", maxRequestsLimit)
	}
	targets := []vegeta.Target{{Method: "GET", URL: *target}}
	if *concerns != "" {
		qs, err := readConcerns(*concerns)
		if err != nil {
			return err
		}
		targets = targets[:0]
		for _, q := range qs {
			targets = append(targets, vegeta.Target{Method: "GET", URL: *target + "?q=" + url.QueryEscape(q)})
		}
	}
	// MaxBody(0): every response is still read to its end, but not kept, as hey does; keeping
	// each body would charge the load generator, which shares the cores, for bytes nobody reads.
	opts := []func(*vegeta.Attacker){vegeta.Workers(*workers), vegeta.KeepAlive(true), vegeta.Timeout(10 * time.Second),
		vegeta.Connections(int(*workers)), vegeta.MaxBody(0)}
	pacer := vegeta.Pacer(vegeta.ConstantPacer{Freq: *rate, Per: time.Second})
	if *rate == 0 {
		opts = append(opts, vegeta.MaxWorkers(*workers))
		pacer = vegeta.ConstantPacer{Freq: 0}
	}
	var before map[float64]float64
	if *metricsURL != "" {
		// A server that has not answered the route yet has counted nothing for it.
		if before, err = scrapeBuckets(*metricsURL, *route); errors.Is(err, errNoHistogram) {
			before = map[float64]float64{}
		} else if err != nil {
			return err
		}
	}
	var serverBefore time.Duration
	if *pid != 0 {
		if serverBefore, err = processCPU(*pid); err != nil {
			return err
		}
	}
	selfBefore := selfCPU()
	a := vegeta.NewAttacker(opts...)
	var m vegeta.Metrics
	for res := range a.Attack(vegeta.NewStaticTargeter(targets...), boundedPacer{pacer, *maxRequests}, *duration, "load") {
		m.Add(res)
	}
	m.Close()
	maxReached := m.Requests >= *maxRequests
	rep := Report{URL: strings.SplitN(*target, "?", 2)[0], Rate: *rate, Requests: m.Requests, Throughput: m.Throughput, MaxReached: maxReached,
		Success: m.Success, P50ms: ms(m.Latencies.P50), P99ms: ms(m.Latencies.P99), Maxms: ms(m.Latencies.Max), Errors: first(m.Errors, 3),
		GeneratorCPUus: microsPerRequest(selfCPU()-selfBefore, m.Requests)}
	if *pid != 0 {
		serverAfter, err := processCPU(*pid)
		if err != nil {
			return err
		}
		rep.ServerCPUus = microsPerRequest(serverAfter-serverBefore, m.Requests)
	}
	if *metricsURL != "" {
		after, err := scrapeBuckets(*metricsURL, *route)
		if err != nil {
			return err
		}
		rep.ServerP50msAtMost, rep.ServerP99msAtMost = quantileBound(before, after, 0.5), quantileBound(before, after, 0.99)
	}
	return json.NewEncoder(out).Encode(rep)
}

// boundedPacer ends an attack once it has sent max requests. (Attacker.Stop, called when the
// results reach max, lets a few more through: the pacer may still find a worker ready.)
type boundedPacer struct {
	vegeta.Pacer
	max uint64
}

func (p boundedPacer) Pace(elapsed time.Duration, hits uint64) (time.Duration, bool) {
	if hits >= p.max {
		return 0, true
	}
	return p.Pacer.Pace(elapsed, hits)
}

func loopback(u *url.URL) bool {
	ip := net.ParseIP(u.Hostname())
	return u.Hostname() == "localhost" || (ip != nil && ip.IsLoopback())
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func first(s []string, n int) []string { return s[:min(n, len(s))] }

func readConcerns(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c struct{ Q string }
		if json.Unmarshal(sc.Bytes(), &c) == nil && c.Q != "" {
			out = append(out, c.Q)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no concerns", path)
	}
	return out, sc.Err()
}
