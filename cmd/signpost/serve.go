package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"os"
	"time"

	"signpost/internal/api"
	"signpost/internal/catalog"
	"signpost/internal/directory"
	"signpost/internal/hsds"
	"signpost/internal/server"
	"signpost/internal/web"
)

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	fs := newFlagSet("serve", "[-addr ADDR] [-data DIR]", "Run the Signpost web site and JSON API. On first run the data directory is created and the default directory loaded into it.", stderr)
	fs.StringVar(&cfg.Addr, "addr", envOr("SIGNPOST_ADDR", "127.0.0.1:8080"), "listen address (env SIGNPOST_ADDR)")
	addDataFlag(fs, &cfg)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	logs := server.NewBufferedWriter(stderr, 200*time.Millisecond)
	defer logs.Close()
	logger := slog.New(slog.NewTextHandler(logs, nil))

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
	live.OnError = func(op string, err error) {
		logger.Warn("store check failed; serving the last snapshot", slog.String("op", op), slog.Any("err", err))
	}
	// Another instance's (or process's) edits are picked up within the interval; while the
	// database is unreachable the last snapshot keeps serving.
	go live.Watch(ctx, 500*time.Millisecond)
	ln, err := server.Listen(cfg.Addr)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	api.NewServer(live, logger).Register(mux)
	hsds.NewHandler(hsds.Exporter(func() *directory.Directory { return live.Current().Directory() })).Register(mux)
	site, err := web.NewServer(web.Config{NeutralURL: os.Getenv("SIGNPOST_EXIT_URL")}, live, logger)
	if err != nil {
		return err
	}
	site.Register(mux)
	logger.Info("directory loaded", slog.Int("resources", len(live.Current().Resources())), slog.String("data", cfg.DataDir))
	return server.Serve(ctx, server.Config{Addr: cfg.Addr}, ln, server.Wrap(mux, logger), logger)
}
