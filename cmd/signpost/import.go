package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"

	"signpost/internal/directory"
	"signpost/internal/hsds"
	"signpost/internal/spreadsheet"
)

func runImport(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	var format string
	var dryRun bool
	fs := newFlagSet("import", "[-format signpost|hsds|csv] [-dry-run] FILE",
		"Replace the whole directory with the one in FILE, in one transaction: on any error nothing changes.\n"+
			"Formats: signpost (the JSON of the embedded defaults and of gen-synthetic), hsds (Open Referral HSDS 3.0 JSON,\n"+
			"as export -format hsds writes it or from another tool) or csv (resources only, as export -format csv writes\n"+
			"them: the stored topics and calendar are kept).", stderr)
	addDataFlag(fs, &cfg)
	fs.StringVar(&format, "format", "signpost", "file format: signpost, hsds or csv")
	fs.BoolVar(&dryRun, "dry-run", false, "report what would change and store nothing")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	file := fs.Arg(0)
	if format != "signpost" && format != "hsds" && format != "csv" {
		return fmt.Errorf("format %q: use signpost, hsds or csv", format)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return err
	}
	var d *directory.Directory
	switch format {
	case "signpost":
		d, err = directory.DecodeJSON(b)
	case "hsds":
		d, err = hsds.Import(b)
	case "csv":
		d, err = spreadsheet.Read(bytes.NewReader(b))
	}
	if err != nil {
		return fmt.Errorf("%s: %s", file, userMessage(err))
	}
	if format != "csv" {
		if err := d.Validate(); err != nil {
			return fmt.Errorf("%s: %s", file, directory.ErrorMessage(err))
		}
	}
	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	cur, version, err := directory.ReadForReplace(ctx, st)
	if err != nil {
		return err
	}
	kept := ""
	if format == "csv" {
		// CSV carries resources only: the stored topics and calendar stay.
		d.Topics, d.Calendar = cur.Topics, cur.Calendar
		if err := d.Validate(); err != nil {
			return fmt.Errorf("%s: %s", file, directory.ErrorMessage(err))
		}
		kept = " (kept)"
	}
	added, changed, removed := diffResources(cur, d)
	verb := "imported"
	if dryRun {
		verb = "would import"
	} else if err := st.Replace(ctx, d, directory.Change{Author: "import", Action: directory.ActionImport, Note: filepath.Base(file), IfVersion: &version}); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%s %d resources (%d new, %d changed, %d removed), %d topics%s, %d holidays, %d terms\n",
		verb, len(d.Resources), added, changed, removed, len(d.Topics), kept, len(d.Calendar.Holidays), len(d.Calendar.Terms))
	if dryRun {
		return printPlan(stdout, cur, d)
	}
	return nil
}

// printPlan lists, one line each, the revisions an import would record: what appears, what
// goes away, and which fields of what change. It is the planner the stores use, so the list is
// what the history will hold.
func printPlan(w io.Writer, cur, next *directory.Directory) error {
	by := directory.Change{Action: directory.ActionImport}
	revs, err := directory.PlanReplace(cur, next, by)
	if err != nil {
		return err
	}
	cal, err := directory.PlanCalendar(cur.Calendar, next.Calendar, true, by)
	if err != nil {
		return err
	}
	existed := map[string]bool{}
	for _, r := range cur.Resources {
		existed["resource/"+r.ID] = true
	}
	for _, t := range cur.Topics {
		existed["topic/"+t.ID] = true
	}
	for _, r := range append(revs, cal...) {
		what := "change"
		switch {
		case r.Action == directory.ActionRemove:
			what = "remove"
		case r.Kind != directory.EntityCalendar && !existed[string(r.Kind)+"/"+r.EntityID]:
			what = "new"
		}
		line := fmt.Sprintf("  %s %s %s", what, r.Kind, r.EntityID)
		if what == "change" {
			fields := r.Changed
			if len(fields) > 8 {
				fields = append(fields[:8:8], fmt.Sprintf("and %d more", len(r.Changed)-8))
			}
			line += ": " + strings.Join(fields, ", ")
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	return nil
}

// userMessage is the message of an input error: the user-facing one of a [directory.Error],
// else the error itself (a decoding error of the signpost format names its line).
func userMessage(err error) string {
	if directory.ErrorCode(err) == directory.EInvalid {
		return directory.ErrorMessage(err)
	}
	return err.Error()
}

func diffResources(cur, next *directory.Directory) (added, changed, removed int) {
	old := map[string]*directory.Resource{}
	for i := range cur.Resources {
		old[cur.Resources[i].ID] = &cur.Resources[i]
	}
	for i := range next.Resources {
		r := &next.Resources[i]
		if o, ok := old[r.ID]; !ok {
			added++
		} else if !reflect.DeepEqual(o, r) {
			changed++
		}
		delete(old, r.ID)
	}
	return added, changed, len(old)
}
