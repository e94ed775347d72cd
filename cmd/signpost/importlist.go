package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"signpost/internal/directory"
	"signpost/internal/importlist"
)

func runImportList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	var dryRun, asJSON bool
	fs := newFlagSet("import-list", "[-data DIR] [-dry-run] [-json] FILE",
		"Read a plain-text list of resources (section headings, then a \"- name\" and a \"- description\" line each)\n"+
			"and add every resource to the directory as an unreviewed draft, in one transaction: drafts are not\n"+
			"public until a person reviews them. Phones, e-mails, web sites and hours are read out of the prose\n"+
			"only when unambiguous; the rest stays in the description.", stderr)
	addDataFlag(fs, &cfg)
	fs.BoolVar(&dryRun, "dry-run", false, "print what was read and store nothing")
	fs.BoolVar(&asJSON, "json", false, "print JSON: the drafts with -dry-run, else the resources added")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	path := fs.Arg(0)
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	drafts, err := importlist.Parse(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if dryRun {
		if asJSON {
			return writeJSON(stdout, drafts)
		}
		for _, d := range drafts {
			fmt.Fprintf(stdout, "line %d\t%s\t[%s]\t%s\n", d.Line, d.Name, d.Section, draftFacts(d))
		}
		fmt.Fprintf(stdout, "would add %d draft resources from %s (dry run: nothing stored)\n", len(drafts), filepath.Base(path))
		return nil
	}

	st, err := openStore(ctx, cfg)
	if err != nil {
		return err
	}
	defer st.Close()
	d, version, err := directory.ReadForReplace(ctx, st)
	if err != nil {
		return err
	}
	ids := make([]string, len(d.Resources))
	for i, r := range d.Resources {
		ids[i] = r.ID
	}
	rs, err := importlist.Resources(drafts, filepath.Base(path), ids)
	if err != nil {
		return fmt.Errorf("%s: %s", path, directory.ErrorMessage(err))
	}
	d.Resources = append(d.Resources, rs...)
	if err := d.Validate(); err != nil {
		return fmt.Errorf("%s: %s", path, directory.ErrorMessage(err))
	}
	if err := st.Replace(ctx, d, directory.Change{Author: "import-list", Action: directory.ActionImport, Note: filepath.Base(path), IfVersion: &version}); err != nil {
		return err
	}
	if asJSON {
		return writeJSON(stdout, rs)
	}
	for _, r := range rs {
		fmt.Fprintf(stdout, "%s\t%s\n", r.ID, r.Name)
	}
	fmt.Fprintf(stdout, "added %d draft resources from %s: not public until reviewed (see each one's provenance notes)\n", len(rs), filepath.Base(path))
	return nil
}

// draftFacts says in a few words what the parser read for a draft.
func draftFacts(d importlist.Draft) string {
	var facts []string
	for _, c := range d.Contacts {
		v := c.Value
		if c.Extension != "" {
			v += " x" + c.Extension
		}
		facts = append(facts, string(c.Kind)+" "+v)
	}
	switch {
	case d.Hours == nil:
	case d.Hours.Always:
		facts = append(facts, "hours 24/7")
	case len(d.Hours.Weekly) > 0:
		facts = append(facts, fmt.Sprintf("hours %d weekly windows", len(d.Hours.Weekly)))
	default:
		facts = append(facts, "hours in words only")
	}
	if len(facts) == 0 {
		return "no contacts or hours found"
	}
	return strings.Join(facts, ", ")
}
