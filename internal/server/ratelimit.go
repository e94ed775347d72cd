package server

import (
	"math"
	"net/http"
	"net/netip"
	"strconv"
	"sync"
	"time"
)

// RateLimit configures a [Limiter]: each client gets a token bucket of Burst tokens refilled
// at PerSecond tokens a second, and a request spends one.
type RateLimit struct {
	// PerSecond is the sustained rate allowed per client. Zero or less turns limiting off.
	PerSecond float64
	// Burst is how many requests a client may make at once after a quiet spell. Zero or less
	// means twice PerSecond (at least 1).
	Burst int
	// TrustedProxies are the addresses of the operator's reverse proxies. Only a request
	// whose connection comes from one of them has its client read from X-Forwarded-For (or,
	// without that, Forwarded); from anywhere else those headers are ignored, since any client
	// can send them.
	TrustedProxies []netip.Prefix
}

// Defaults for the match endpoint (issue 6): 20 requests a second per client, bursts of 40.
const (
	DefaultRatePerSecond = 20
	DefaultRateBurst     = 40
)

// Limits on the limiter's memory: a client idle this long has a full bucket again (for rates
// over Burst/3min) and is forgotten; past maxClients the least useful entry is dropped.
const (
	defaultIdleAfter  = 3 * time.Minute
	defaultMaxClients = 100_000
	sweepEvery        = time.Minute
)

// Limiter is a per-client token-bucket rate limiter. Its zero value is not usable: build one
// with [NewLimiter], and set its exported fields before the first request. It never logs,
// and never keeps more than a bounded number of clients. It is safe for concurrent use.
type Limiter struct {
	cfg     RateLimit
	proxies proxySet
	// Now returns the current time; tests replace it.
	Now func() time.Time
	// OnLimited, if set, is called with the route pattern of each refused request (for
	// metrics). It must not block.
	OnLimited func(route string)
	// MaxClients caps how many clients are tracked; [NewLimiter] sets 100,000.
	MaxClients int
	// IdleAfter is how long a client must be quiet before it is forgotten; [NewLimiter] sets
	// three minutes. A client is kept at least until its bucket would be full again, so
	// forgetting it never grants more than the bucket would.
	IdleAfter time.Duration

	mu        sync.Mutex
	buckets   map[string]*bucket
	lastSweep time.Time
}

// bucket is one client's tokens as of last.
type bucket struct {
	tokens float64
	last   time.Time
}

// NewLimiter returns a limiter for cfg. With cfg.PerSecond at zero or less (or infinite) the
// limiter allows everything, and its [Limiter.Middleware] returns the handler unchanged.
func NewLimiter(cfg RateLimit) *Limiter {
	if math.IsNaN(cfg.PerSecond) || math.IsInf(cfg.PerSecond, 1) {
		cfg.PerSecond = 0 // no finite limit: off
	}
	if cfg.Burst <= 0 {
		cfg.Burst = max(1, int(math.Ceil(2*cfg.PerSecond)))
	}
	return &Limiter{
		cfg:        cfg,
		proxies:    newProxySet(cfg.TrustedProxies),
		Now:        time.Now,
		MaxClients: defaultMaxClients,
		IdleAfter:  defaultIdleAfter,
		buckets:    map[string]*bucket{},
	}
}

// Enabled reports whether the limiter limits anything.
func (l *Limiter) Enabled() bool { return l.cfg.PerSecond > 0 }

// Allow spends one token of key's bucket. It reports whether the request may go ahead and,
// when not, how long until a token is available. Keys are opaque: the middleware uses the
// client's address, and a sign-in limiter may use an account name. Callers must not log keys.
func (l *Limiter) Allow(key string) (ok bool, retryAfter time.Duration) {
	if !l.Enabled() {
		return true, 0
	}
	now := l.Now()
	burst := float64(l.cfg.Burst)
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.lastSweep) >= sweepEvery {
		l.sweep(now)
	}
	b, found := l.buckets[key]
	if !found {
		if len(l.buckets) >= l.MaxClients {
			l.evictOne(now)
		}
		b = &bucket{tokens: burst, last: now}
		l.buckets[key] = b
	}
	if elapsed := now.Sub(b.last).Seconds(); elapsed > 0 {
		b.tokens = min(burst, b.tokens+elapsed*l.cfg.PerSecond)
		b.last = now
	}
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) / l.cfg.PerSecond * float64(time.Second))
	return false, wait
}

// forgetAfter is how long a client must be idle before forgetting it costs nothing: at least
// IdleAfter, and at least the time an empty bucket takes to fill.
func (l *Limiter) forgetAfter() time.Duration {
	refill := time.Duration(float64(l.cfg.Burst) / l.cfg.PerSecond * float64(time.Second))
	return max(l.IdleAfter, refill)
}

// sweep forgets every client idle for longer than forgetAfter. Called with l.mu held.
func (l *Limiter) sweep(now time.Time) {
	l.lastSweep = now
	idle := l.forgetAfter()
	for k, b := range l.buckets {
		if now.Sub(b.last) > idle {
			delete(l.buckets, k)
		}
	}
}

// evictOne makes room for a new client when the table is full: a sweep if none ran in the
// last second, else the first entry the map yields. Dropping an active client only refills
// its bucket, which is better than refusing new clients or growing without bound under a
// flood of addresses. Called with l.mu held.
func (l *Limiter) evictOne(now time.Time) {
	if now.Sub(l.lastSweep) >= time.Second {
		l.sweep(now)
		if len(l.buckets) < l.MaxClients {
			return
		}
	}
	for k := range l.buckets {
		delete(l.buckets, k)
		return
	}
}

// Len returns how many clients the limiter tracks.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}

// Middleware limits every request that reaches next by client (see [Limiter.Client]). A
// refused request gets 429 with a Retry-After header and the JSON error
// {"error":{"code":"rate_limited",…}}. When the limiter is off it returns next itself.
func (l *Limiter) Middleware(next http.Handler) http.Handler {
	if !l.Enabled() {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if ok, wait := l.Allow(l.Client(r)); !ok {
			l.refuse(w, r, wait)
			return
		}
		next.ServeHTTP(w, r)
	})
}

// Routes returns a handler that serves mux and limits, as [Limiter.Middleware] does, only the
// requests that mux routes to one of patterns (exactly as registered, such as
// "GET /api/v1/match"). It sets r.Pattern before refusing a request, so that the request log
// and metrics count the 429 under its route. When the limiter is off it returns mux itself.
func (l *Limiter) Routes(mux *http.ServeMux, patterns ...string) http.Handler {
	if !l.Enabled() {
		return mux
	}
	limited := make(map[string]bool, len(patterns))
	for _, p := range patterns {
		limited[p] = true
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if _, pattern := mux.Handler(r); limited[pattern] {
			if ok, wait := l.Allow(l.Client(r)); !ok {
				r.Pattern = pattern
				l.refuse(w, r, wait)
				return
			}
		}
		mux.ServeHTTP(w, r)
	})
}

// refuse answers 429 for a request that may retry after wait.
func (l *Limiter) refuse(w http.ResponseWriter, r *http.Request, wait time.Duration) {
	if l.OnLimited != nil {
		l.OnLimited(r.Pattern)
	}
	h := w.Header()
	h.Set("Retry-After", strconv.Itoa(max(1, int(math.Ceil(wait.Seconds())))))
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusTooManyRequests)
	_, _ = w.Write([]byte(`{"error":{"code":"rate_limited","message":"Too many requests: please wait a moment and try again."}}` + "\n"))
}
