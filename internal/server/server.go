// Package server runs Signpost's HTTP server: it wraps the routes of the api and web packages
// with the behaviour every response shares (security headers, request logs that never hold a
// query string or body, panic recovery), listens, and shuts down gracefully.
//
// It imports no domain package: cmd/signpost hands it a ready [http.Handler].
package server

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"syscall"
	"time"
)

// Config holds the server's settings.
type Config struct {
	// Addr is the TCP address to listen on, such as 127.0.0.1:8080.
	Addr string
	// ShutdownTimeout bounds how long in-flight requests may take to finish on shutdown.
	ShutdownTimeout time.Duration
}

// Listen opens the listening socket, turning the common failures into messages a person can
// act on.
func Listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if err == nil {
		return ln, nil
	}
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return nil, fmt.Errorf("cannot listen on %s: the address is already in use (is another Signpost running? choose another with -addr or SIGNPOST_ADDR)", addr)
	case errors.Is(err, syscall.EACCES):
		return nil, fmt.Errorf("cannot listen on %s: permission denied (ports below 1024 need privileges; try 127.0.0.1:8080)", addr)
	}
	return nil, fmt.Errorf("cannot listen on %s: %w", addr, err)
}

// Serve serves h on ln until ctx is cancelled, then stops accepting connections and waits up
// to cfg.ShutdownTimeout for requests in flight.
func Serve(ctx context.Context, cfg Config, ln net.Listener, h http.Handler, logger *slog.Logger) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       15 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	logger.Info("listening", slog.String("addr", ln.Addr().String()))
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	timeout := cfg.ShutdownTimeout
	if timeout <= 0 {
		timeout = 10 * time.Second
	}
	sctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	logger.Info("shutting down")
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	return nil
}
