package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"signpost/internal/hsds"
)

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	var format, out string
	fs := newFlagSet("export", "[-format signpost|hsds] [-o FILE]",
		"Write the whole directory: signpost (the import format) or hsds (Open Referral HSDS 3.0 JSON: organizations, fully nested services, taxonomies and terms).", stderr)
	addDataFlag(fs, &cfg)
	fs.StringVar(&format, "format", "signpost", "signpost or hsds")
	fs.StringVar(&out, "o", "-", "output file, - for standard output")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if format != "signpost" && format != "hsds" {
		return fmt.Errorf("format %q: use signpost or hsds", format)
	}
	c, err := loadCatalog(ctx, cfg)
	if err != nil {
		return err
	}
	var doc any = c.Directory()
	if format == "hsds" {
		ds := hsds.Export(c.Directory())
		doc = map[string]any{"version": hsds.Version, "organizations": ds.Organizations, "services": ds.Services,
			"taxonomies": ds.Taxonomies, "taxonomy_terms": ds.Terms}
	}
	return writeOutput(out, stdout, func(w io.Writer) error {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(doc)
	})
}

// writeOutput runs write on stdout when out is "-", else on the file out, which it creates
// and closes, reporting a failed close (a full disk shows there).
func writeOutput(out string, stdout io.Writer, write func(io.Writer) error) error {
	if out == "-" {
		return write(stdout)
	}
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := write(f); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", out, err)
	}
	return f.Close()
}
