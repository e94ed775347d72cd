package main

import (
	"bufio"
	"errors"
	"fmt"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// The server's own view of an attack: the load generator shares the cores, so the latency it
// measures includes the time its own goroutines wait to be scheduled. Signpost's request
// histogram, scraped before and after, tells how long the server itself took.

const durationBuckets = "signpost_http_request_duration_seconds_bucket{"

// errNoHistogram: the server has not yet answered the route, so it has no series for it.
var errNoHistogram = errors.New("no request histogram for the route yet")

// scrapeBuckets returns the cumulative counts of successful requests on route per bucket
// bound (seconds, +Inf included) from a Signpost /metrics page.
func scrapeBuckets(metricsURL, route string) (map[float64]float64, error) {
	c := http.Client{Timeout: 10 * time.Second}
	resp, err := c.Get(metricsURL)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %s", metricsURL, resp.Status)
	}
	out := map[float64]float64{}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if !strings.HasPrefix(line, durationBuckets) || !strings.Contains(line, `route="`+route+`"`) || !strings.Contains(line, `status="2xx"`) {
			continue
		}
		_, le, ok := strings.Cut(line, `le="`)
		le, _, _ = strings.Cut(le, `"`)
		sp := strings.LastIndexByte(line, ' ')
		if !ok || sp < 0 {
			continue
		}
		bound, err1 := strconv.ParseFloat(le, 64) // "+Inf" parses as +Inf
		count, err2 := strconv.ParseFloat(line[sp+1:], 64)
		if err1 != nil || err2 != nil {
			return nil, fmt.Errorf("%s: unreadable line %q", metricsURL, line)
		}
		out[bound] = count
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: %w (%s, route %q)", metricsURL, errNoHistogram, strings.TrimSuffix(durationBuckets, "{"), route)
	}
	return out, sc.Err()
}

// quantileBound returns the smallest bucket bound, in ms, under which at least the share q of
// the requests counted between before and after fell; -1 when only the +Inf bucket holds it
// (over 10 s), 0 when nothing was counted.
func quantileBound(before, after map[float64]float64, q float64) float64 {
	bounds := make([]float64, 0, len(after))
	for b := range after {
		bounds = append(bounds, b)
	}
	sort.Float64s(bounds)
	total := after[math.Inf(1)] - before[math.Inf(1)]
	if total <= 0 {
		return 0
	}
	for _, b := range bounds {
		if after[b]-before[b] >= q*total {
			if math.IsInf(b, 1) {
				return -1
			}
			return b * 1000
		}
	}
	return -1
}
