package metrics

import (
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds Signpost's collectors, registered on one registry. Its methods are safe for
// concurrent use.
type Metrics struct {
	reg             *prometheus.Registry
	requestDuration *prometheus.HistogramVec
	matchDuration   prometheus.Histogram
	storeErrors     *prometheus.CounterVec
	rateLimited     *prometheus.CounterVec
	// observers caches requestDuration's observer per route and status class: finding it by
	// its label values hashes them and takes a lock on every request.
	observers observerCache
	// Now returns the current time, for the snapshot age; tests replace it.
	Now func() time.Time
}

// New creates Signpost's metrics and registers them, with the Go runtime and process
// collectors, on reg. It takes a [prometheus.Registry] rather than the package default so that
// tests and several servers in one process never share state, and because [Metrics.Handler]
// must gather from the same registry. It returns an error when a metric is already registered
// on reg.
func New(reg *prometheus.Registry) (*Metrics, error) {
	if reg == nil {
		return nil, errors.New("metrics: nil registry")
	}
	// Latency buckets from 250 µs: a match is answered from memory in well under a millisecond,
	// and the default buckets (from 5 ms) would put every request in the first one.
	buckets := []float64{.00025, .0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}
	m := &Metrics{
		reg: reg,
		Now: time.Now,
		requestDuration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "signpost_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route pattern and status class (2xx, 4xx, …).",
			Buckets: buckets,
		}, []string{"route", "status"}),
		matchDuration: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "signpost_match_duration_seconds",
			Help:    "Time the navigator takes to answer one concern.",
			Buckets: buckets,
		}),
		storeErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "signpost_store_errors_total",
			Help: "Failed store operations, by operation.",
		}, []string{"op"}),
		rateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "signpost_rate_limited_total",
			Help: "Requests refused with 429 by the per-client rate limiter, by route pattern.",
		}, []string{"route"}),
	}
	for _, c := range []prometheus.Collector{
		m.requestDuration, m.matchDuration, m.storeErrors, m.rateLimited,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	} {
		if err := reg.Register(c); err != nil {
			return nil, fmt.Errorf("metrics: register: %w", err)
		}
	}
	return m, nil
}

// RegisterSnapshotAge adds signpost_snapshot_age_seconds, the time since loaded() — the last
// moment the served snapshot was known to match the store — evaluated at each scrape. It
// reads 0 while loaded returns the zero time. It returns an error when called twice.
func (m *Metrics) RegisterSnapshotAge(loaded func() time.Time) error {
	g := prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "signpost_snapshot_age_seconds",
		Help: "Seconds since the served directory snapshot was last loaded from (or confirmed against) the store.",
	}, func() float64 {
		t := loaded()
		if t.IsZero() {
			return 0
		}
		return max(m.Now().Sub(t).Seconds(), 0)
	})
	if err := m.reg.Register(g); err != nil {
		return fmt.Errorf("metrics: register snapshot age: %w", err)
	}
	return nil
}

// ObserveMatch records how long the navigator took to answer one concern.
func (m *Metrics) ObserveMatch(d time.Duration) { m.matchDuration.Observe(d.Seconds()) }

// StoreError counts one failed store operation. op must come from a small fixed set of
// operation names ("watch", "reload", "put_resource"), never from a request.
func (m *Metrics) StoreError(op string) { m.storeErrors.WithLabelValues(op).Inc() }

// RateLimited counts one request refused by a rate limiter on route, a net/http pattern. It
// fits the OnLimited hook of the server package's limiter.
func (m *Metrics) RateLimited(route string) {
	m.rateLimited.WithLabelValues(routeLabel(route)).Inc()
}

// Handler serves the registry in the Prometheus text format, for GET /metrics. At most four
// scrapes are gathered at once; more get 503, so that a scrape storm cannot pile up.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{MaxRequestsInFlight: 4, Timeout: 10 * time.Second})
}

// routeLabel is the label for a route pattern: requests no route took share one value.
func routeLabel(pattern string) string {
	if pattern == "" {
		return "unmatched"
	}
	return pattern
}

// observerCache maps a route pattern and status class to its observer. Reads take no lock: the
// map is replaced, never written, and only when a request meets a route or class for the first
// time (routes are the mux's patterns, a small fixed set).
type observerCache struct {
	m  atomic.Pointer[map[observerKey]prometheus.Observer]
	mu sync.Mutex // serialises replacements
}

type observerKey struct {
	route, class string
}

func (c *observerCache) get(vec *prometheus.HistogramVec, route, class string) prometheus.Observer {
	k := observerKey{route, class}
	if o, ok := c.load()[k]; ok {
		return o
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.load()
	if o, ok := old[k]; ok {
		return o
	}
	next := make(map[observerKey]prometheus.Observer, len(old)+1)
	for k, o := range old {
		next[k] = o
	}
	o := vec.WithLabelValues(route, class)
	next[k] = o
	c.m.Store(&next)
	return o
}

func (c *observerCache) load() map[observerKey]prometheus.Observer {
	if p := c.m.Load(); p != nil {
		return *p
	}
	return nil
}
