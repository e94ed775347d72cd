package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"signpost/internal/account"
	"signpost/internal/directory"
	"signpost/internal/mitdusp"
	"signpost/internal/navigator"
	"signpost/internal/store/postgres"
	"signpost/internal/store/sqlite"
)

// Config is every setting, read once from flags and the environment.
type Config struct {
	Addr    string
	DataDir string
	// DatabaseURL selects PostgreSQL (postgres://…) instead of the SQLite file in DataDir.
	DatabaseURL string
}

// addDataFlag registers -data and -database with their environment defaults.
func addDataFlag(fs *flag.FlagSet, cfg *Config) {
	fs.StringVar(&cfg.DataDir, "data", envOr("SIGNPOST_DATA", defaultDataDir()), "data directory (env SIGNPOST_DATA)")
	fs.StringVar(&cfg.DatabaseURL, "database", os.Getenv("SIGNPOST_DATABASE_URL"), "PostgreSQL URL, postgres://…, instead of SQLite in the data directory (env SIGNPOST_DATABASE_URL)")
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// defaultDataDir is a signpost-data folder in the user's data directory ($XDG_DATA_HOME or
// ~/.local/share on Unix, Application Support on macOS, %LocalAppData% on Windows), or in the
// working directory when there is no home.
func defaultDataDir() string {
	if d := os.Getenv("XDG_DATA_HOME"); d != "" {
		return filepath.Join(d, "signpost-data")
	}
	home, err := os.UserHomeDir()
	switch {
	case runtime.GOOS == "windows" && os.Getenv("LocalAppData") != "":
		return filepath.Join(os.Getenv("LocalAppData"), "signpost-data")
	case err != nil:
		return "signpost-data"
	case runtime.GOOS == "darwin":
		return filepath.Join(home, "Library", "Application Support", "signpost-data")
	}
	return filepath.Join(home, ".local", "share", "signpost-data")
}

// store is what both database back ends offer: the directory with its history, and accounts.
type store interface {
	directory.Store
	account.Store
}

// openStore opens the store the config names — PostgreSQL when a database URL is set, else
// the SQLite file in the data directory, creating the folder — and loads the embedded default
// directory into it on first run.
func openStore(ctx context.Context, cfg Config) (store, error) {
	var s store
	switch {
	case cfg.DatabaseURL != "":
		if !strings.HasPrefix(cfg.DatabaseURL, "postgres://") && !strings.HasPrefix(cfg.DatabaseURL, "postgresql://") {
			return nil, fmt.Errorf("database URL must start with postgres:// (SQLite needs no URL: it lives in the data directory)")
		}
		pg, err := postgres.Open(ctx, cfg.DatabaseURL)
		if err != nil {
			return nil, err
		}
		s = pg
	default:
		dir := cfg.DataDir
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("data directory %s cannot be created: %w", dir, err)
		}
		fi, err := os.Stat(dir)
		if err != nil || !fi.IsDir() {
			return nil, fmt.Errorf("data directory %s is not a folder", dir)
		}
		// MkdirAll does not tighten a folder that already exists.
		if fi.Mode().Perm()&0o077 != 0 {
			fmt.Fprintf(os.Stderr, "signpost: warning: data directory %s is readable by others (mode %v); its database is kept 0600, but chmod 700 the folder\n", dir, fi.Mode().Perm())
		}
		lite, err := sqlite.Open(ctx, filepath.Join(dir, "signpost.db"))
		if err != nil {
			return nil, err
		}
		s = lite
	}
	empty, err := s.Empty(ctx)
	if err != nil {
		s.Close()
		return nil, err
	}
	if empty {
		d, err := mitdusp.Load()
		if err != nil {
			s.Close()
			return nil, fmt.Errorf("load the default directory: %w", err)
		}
		if err := s.Replace(ctx, d, directory.Change{Author: "signpost", Action: directory.ActionCreate, Note: "embedded defaults, first run"}); err != nil {
			s.Close()
			return nil, fmt.Errorf("store the default directory: %w", err)
		}
	}
	return s, nil
}

// loadKnowledge reads the navigator's knowledge: files in DIR/navigator override the embedded
// defaults one by one, so an operator can edit the vocabulary without a rebuild.
func loadKnowledge(dataDir string) (*navigator.Knowledge, error) {
	dir := filepath.Join(dataDir, "navigator")
	k, err := navigator.LoadKnowledgeDir(dir)
	if err != nil {
		return nil, fmt.Errorf("%w (files in %s override the defaults)", err, dir)
	}
	return k, nil
}
