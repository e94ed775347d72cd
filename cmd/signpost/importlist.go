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
	var dryRun, asJSON, replace, publish, alone bool
	var sourceName string
	fs := newFlagSet("import-list", "[-data DIR] [-replace] [-publish] [-alone] [-source NAME] [-dry-run] [-json] FILE|-",
		"Read a department's support page — plain text, Markdown or HTML as saved from the web; section\n"+
			"headings, then the resources as \"- name\" / \"- description\" pairs, numbered or bulleted lists,\n"+
			"\"Name: description\" lines or HTML lists — and add every resource to the directory in one\n"+
			"transaction, as an unreviewed draft unless -publish. Phones, e-mails, web sites and hours are read\n"+
			"out of the prose only when unambiguous; confidentiality, the emergency-service role and topics are\n"+
			"inferred from the page's own words and noted for review. A resource whose name the directory\n"+
			"already has is reported, not added again; -replace updates the resources an earlier import of the\n"+
			"same file created (matched by name, ids and history kept) and retires those the page dropped.\n"+
			"FILE - reads the page from standard input (name it with -source).", stderr)
	addDataFlag(fs, &cfg)
	fs.BoolVar(&dryRun, "dry-run", false, "print what would change and store nothing")
	fs.BoolVar(&asJSON, "json", false, "print JSON: the drafts with -dry-run, else what changed")
	fs.BoolVar(&replace, "replace", false, "update and retire what an earlier import of the same source made")
	fs.BoolVar(&publish, "publish", false, "publish what the page gives at once, instead of adding drafts")
	fs.BoolVar(&alone, "alone", false, "retire every resource that did not come from this page, so that it is the whole public directory (kept in the history)")
	fs.StringVar(&sourceName, "source", "", "name the page (its file name or address); -replace matches an earlier import by it (default: the file's name)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	path := fs.Arg(0)
	var in io.Reader = os.Stdin
	source := "standard input"
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		in, source = f, filepath.Base(path)
	}
	if sourceName != "" {
		source = sourceName
	}
	drafts, skipped, err := importlist.ParsePage(in)
	if err != nil {
		return fmt.Errorf("%s: %w", source, err)
	}
	for _, sk := range skipped {
		fmt.Fprintf(stderr, "%s: line %d left out: %s\n", source, sk.Line, sk.Reason)
	}
	if dryRun && asJSON {
		return writeJSON(stdout, drafts)
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
	rs, err := importlist.Resources(drafts, source, ids)
	if err != nil {
		return fmt.Errorf("%s: %s", source, directory.ErrorMessage(err))
	}
	plan := importlist.Merge(d, rs, source, importlist.MergeOptions{Replace: replace, Publish: publish, Alone: alone})
	if err := d.Validate(); err != nil {
		return fmt.Errorf("%s: %s", source, directory.ErrorMessage(err))
	}
	if dryRun {
		for _, dr := range drafts {
			fmt.Fprintf(stdout, "line %d\t%s\t[%s]\t%s\n", dr.Line, dr.Name, dr.Section, draftFacts(dr))
		}
		printImportPlan(stdout, plan, source, publish, true)
		return nil
	}
	if len(plan.Added)+len(plan.Updated)+len(plan.Retired) > 0 {
		if err := st.Replace(ctx, d, directory.Change{Author: "import-list", Action: directory.ActionImport, Note: source, IfVersion: &version}); err != nil {
			return err
		}
	}
	if asJSON {
		return writeJSON(stdout, plan)
	}
	printImportPlan(stdout, plan, source, publish, false)
	return nil
}

// printImportPlan says what an import did, or would do.
func printImportPlan(w io.Writer, p importlist.Plan, source string, publish, dry bool) {
	for _, r := range p.Added {
		fmt.Fprintf(w, "add\t%s\t%s\n", r.ID, r.Name)
	}
	for _, r := range p.Updated {
		fmt.Fprintf(w, "update\t%s\t%s\n", r.ID, r.Name)
	}
	for _, r := range p.Retired {
		fmt.Fprintf(w, "retire\t%s\t%s\n", r.ID, r.Name)
	}
	for _, dup := range p.Duplicates {
		fmt.Fprintf(w, "skip\t%s\t%s: the directory already has it (from %s); use -replace to update what an earlier import of this page made\n", dup.ExistingID, dup.Name, dup.ExistingSource)
	}
	state := "drafts, not public until reviewed (see each one's provenance notes)"
	if publish {
		state = "published"
	}
	verb := "added"
	if dry {
		verb = "would add"
	}
	fmt.Fprintf(w, "%s %d, updated %d, retired %d, skipped %d already there, from %s: %s", verb, len(p.Added), len(p.Updated), len(p.Retired), len(p.Duplicates), source, state)
	if dry {
		fmt.Fprint(w, " (dry run: nothing stored)")
	}
	fmt.Fprintln(w)
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
