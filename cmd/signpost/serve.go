package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"signpost/internal/account"
	"signpost/internal/admin"
	"signpost/internal/api"
	"signpost/internal/catalog"
	"signpost/internal/directory"
	"signpost/internal/hsds"
	"signpost/internal/metrics"
	"signpost/internal/server"
	"signpost/internal/web"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	var rate float64
	var proxies, metricsAddr string
	fs := newFlagSet("serve", "[-addr ADDR] [-data DIR]", "Run the Signpost web site and JSON API. On first run the data directory is created and the default directory loaded into it.", stderr)
	fs.StringVar(&cfg.Addr, "addr", envOr("SIGNPOST_ADDR", "127.0.0.1:8080"), "listen address (env SIGNPOST_ADDR)")
	addDataFlag(fs, &cfg)
	defaultRate, err := strconv.ParseFloat(envOr("SIGNPOST_RATE_LIMIT", strconv.Itoa(server.DefaultRatePerSecond)), 64)
	if err != nil || defaultRate < 0 {
		return fmt.Errorf("SIGNPOST_RATE_LIMIT must be a number of requests per second, 0 to turn the limit off")
	}
	fs.Float64Var(&rate, "rate-limit", defaultRate, "match requests per second per client, 0 for no limit (env SIGNPOST_RATE_LIMIT)")
	var logLevel slog.Level
	if err := logLevel.UnmarshalText([]byte(envOr("SIGNPOST_LOG_LEVEL", "info"))); err != nil {
		return fmt.Errorf("SIGNPOST_LOG_LEVEL must be debug, info, warn or error")
	}
	fs.TextVar(&logLevel, "log-level", logLevel, "debug (adds a line per request), info, warn or error (env SIGNPOST_LOG_LEVEL)")
	fs.StringVar(&metricsAddr, "metrics-addr", envOr("SIGNPOST_METRICS_ADDR", "127.0.0.1:9464"), "listen address of /metrics, apart from the public site; off to serve none (env SIGNPOST_METRICS_ADDR)")
	fs.StringVar(&proxies, "trusted-proxy", os.Getenv("SIGNPOST_TRUSTED_PROXY"), "addresses or CIDRs of the proxy whose X-Forwarded-For names the client (env SIGNPOST_TRUSTED_PROXY)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	trusted, err := server.ParseTrustedProxies(proxies)
	if err != nil {
		return err
	}
	sso, err := oidcFromEnv(ctx, os.Getenv)
	if err != nil {
		return err
	}
	logs := server.NewBufferedWriter(stderr, 200*time.Millisecond)
	defer logs.Close()
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: logLevel}))

	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	k, err := loadKnowledge(cfg.DataDir)
	if err != nil {
		return err
	}
	live, err := catalog.NewLive(ctx, st, k)
	if err != nil {
		return err
	}
	met, err := metrics.New(prometheus.NewRegistry())
	if err != nil {
		return err
	}
	if err := met.RegisterSnapshotAge(live.CheckedAt); err != nil {
		return err
	}
	live.OnError = func(op string, err error) {
		met.StoreError(op)
		logger.Warn("store check failed; serving the last snapshot", slog.String("op", op), slog.Any("err", err))
	}
	// Another instance's (or process's) edits are picked up within the interval; while the
	// database is unreachable the last snapshot keeps serving.
	go live.Watch(ctx, 500*time.Millisecond)
	// PostgreSQL announces every commit (LISTEN/NOTIFY): reload at once rather than at the
	// next poll.
	if l, ok := st.(interface{ Listen(context.Context, func()) }); ok {
		go l.Listen(ctx, live.Notify)
	}
	ln, err := server.Listen(cfg.Addr)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	apiServer := api.NewServer(live, logger)
	apiServer.ObserveMatch = met.ObserveMatch
	apiServer.Register(mux)
	hsds.NewHandler(hsds.Exporter(func() *directory.Directory { return live.Current().Directory() })).Register(mux)
	server.NewHealth(st, logger).Register(mux)
	site, err := web.NewServer(web.Config{NeutralURL: os.Getenv("SIGNPOST_EXIT_URL")}, live, logger)
	if err != nil {
		return err
	}
	site.Register(mux)
	editors, err := admin.New(admin.Config{
		Accounts:     account.NewService(st),
		Store:        st,
		Live:         live,
		Knowledge:    k,
		LoginLimiter: server.NewLimiter(server.RateLimit{PerSecond: admin.DefaultLoginLimit.PerSecond, Burst: admin.DefaultLoginLimit.Burst, TrustedProxies: trusted}),
		Logger:       logger,
		OIDC:         sso,
	})
	if err != nil {
		return err
	}
	editors.Register(mux)

	// The limiter guards the routes that run the navigator; its burst follows the rate (40 at
	// the default 20 per second).
	limiter := server.NewLimiter(server.RateLimit{PerSecond: rate, TrustedProxies: trusted})
	limiter.OnLimited = met.RateLimited
	routed := limiter.Routes(mux, "GET /api/v1/match", "POST /api/v1/match", "POST /{$}")
	logger.Info("directory loaded", slog.Int("resources", len(live.Current().Resources())), slog.String("data", cfg.DataDir))
	// What the knowledge refers to and the directory lacks is said at start, not ignored;
	// the admin dashboard lists it too.
	// The sign-in page says nothing about accounts to a visitor; the operator hears it here.
	if n, err := st.CountUsers(ctx); err == nil && n == 0 {
		logger.Info("no editor accounts yet: create the first admin with `signpost user add -role admin NAME`")
	}
	for _, w := range live.Current().Navigator().Warnings() {
		logger.Warn("navigator knowledge", slog.String("warning", w))
	}
	if p := tuneGC(os.Getenv); p > 0 {
		logger.Debug("collector tuned", slog.Int("gc_percent", p), slog.Uint64("live_heap_bytes", liveHeapBytes()))
	}
	// The metrics are for the operator, not the public: their own listener, loopback unless
	// the operator says otherwise.
	if metricsAddr != "off" && metricsAddr != "" {
		// A second instance on the same host finds the port taken: it says so and serves
		// the site without metrics rather than not at all.
		if mln, err := server.Listen(metricsAddr); err != nil {
			logger.Warn("metrics not served: set SIGNPOST_METRICS_ADDR to a free address", slog.String("addr", metricsAddr), slog.Any("err", err))
		} else {
			mmux := http.NewServeMux()
			mmux.Handle("GET /metrics", met.Handler())
			go func() {
				if err := server.Serve(ctx, server.Config{Addr: metricsAddr}, mln, server.Wrap(mmux, logger), logger); err != nil {
					logger.Warn("metrics listener stopped", slog.Any("err", err))
				}
			}()
		}
	}
	return server.Serve(ctx, server.Config{Addr: cfg.Addr}, ln, server.Wrap(met.Middleware(routed), logger), logger)
}
