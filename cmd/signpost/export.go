package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"

	"signpost/internal/hsds"
	"signpost/internal/spreadsheet"
)

func runExport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	var format, out string
	fs := newFlagSet("export", "[-format signpost|hsds|csv] [-o FILE]",
		"Write the whole directory, drafts and retired resources included: signpost (the import format), hsds (Open\n"+
			"Referral HSDS 3.0 JSON: organizations, fully nested services, taxonomies and terms; import -format hsds reads it\n"+
			"back exactly) or csv (one row per resource for spreadsheets; no topics or calendar).", stderr)
	addDataFlag(fs, &cfg)
	fs.StringVar(&format, "format", "signpost", "signpost, hsds or csv")
	fs.StringVar(&out, "o", "-", "output file, - for standard output")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if format != "signpost" && format != "hsds" && format != "csv" {
		return fmt.Errorf("format %q: use signpost, hsds or csv", format)
	}
	// The store's whole directory, not the public catalog, which leaves drafts and retired
	// resources out.
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	d, err := st.Snapshot(ctx)
	if err != nil {
		return err
	}
	return writeOutput(out, stdout, func(w io.Writer) error {
		switch format {
		case "hsds":
			return hsds.Encode(w, d)
		case "csv":
			return spreadsheet.Write(w, d)
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(d)
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
