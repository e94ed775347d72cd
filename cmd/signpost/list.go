package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"time"

	"signpost/internal/api"
	"signpost/internal/catalog"
	"signpost/internal/directory"
)

// loadCatalog opens the data directory (loading the defaults on first run) and returns a
// catalog of it; the store is closed before returning.
func loadCatalog(ctx context.Context, cfg Config) (*catalog.Catalog, error) {
	st, err := openStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	k, err := loadKnowledge(cfg.DataDir)
	if err != nil {
		return nil, err
	}
	live, err := catalog.NewLive(ctx, st, k)
	if err != nil {
		return nil, err
	}
	return live.Current(), nil
}

func runList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	var role, topic, conf string
	var asJSON bool
	fs := newFlagSet("list", "[-role R] [-topic T] [-confidentiality C] [-json]", "List the resources of the directory, optionally filtered.", stderr)
	addDataFlag(fs, &cfg)
	fs.StringVar(&role, "role", "", "only resources serving this role: undergraduate, graduate, postdoc, staff, faculty (or students, employees: all of them)")
	fs.StringVar(&topic, "topic", "", "only resources with this topic: its id or its name, in any case (signpost topics lists them)")
	fs.StringVar(&conf, "confidentiality", "", "only this level: confidential, anonymous, not-confidential")
	fs.BoolVar(&asJSON, "json", false, "print JSON as the API does")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q (filters are flags: see -h)", fs.Arg(0))
	}
	var q catalog.Query
	var err error
	// The audiences list prints (students, employees) are accepted too: each stands for
	// the roles it serves, and a resource must serve all of them.
	var roles []directory.Role
	if role != "" {
		if r, perr := directory.ParseRole(role); perr == nil {
			q.Role = r
		} else if a := directory.Audience(strings.ToLower(role)); a.Valid() && len(a.Roles()) > 0 {
			roles = a.Roles()
		} else {
			return userError(perr)
		}
	}
	if conf != "" {
		if q.Confidentiality, err = directory.ParseConfidentiality(conf); err != nil {
			return userError(err)
		}
	}
	q.At = time.Now()
	c, err := loadCatalog(ctx, cfg)
	if err != nil {
		return err
	}
	if topic != "" {
		q.Topic = topicID(c, topic)
	}
	found, err := c.Find(q)
	if err != nil {
		return userError(err)
	}
	if len(roles) > 0 {
		kept := found[:0]
		for _, r := range found {
			all := true
			for _, ro := range roles {
				all = all && r.Serves(ro)
			}
			if all {
				kept = append(kept, r)
			}
		}
		found = kept
	}
	if asJSON {
		views := make([]api.ResourceView, 0, len(found))
		for _, r := range found {
			views = append(views, api.NewResourceView(c, r, q.At))
		}
		return writeJSON(stdout, map[string]any{"resources": views, "count": len(views)})
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSERVES\tCONFIDENTIALITY")
	for _, r := range found {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.ID, truncate(r.Name, 60), r.Audience, r.Confidentiality)
	}
	return tw.Flush()
}

func runShow(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	var at string
	var asJSON bool
	fs := newFlagSet("show", "[-at TIME] [-json] ID", "Show one resource: contacts, hours and availability.", stderr)
	addDataFlag(fs, &cfg)
	fs.StringVar(&at, "at", "", "judge availability at this RFC 3339 time (default now)")
	fs.BoolVar(&asJSON, "json", false, "print JSON as the API does")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	when := time.Now()
	if at != "" {
		t, err := time.Parse(time.RFC3339, at)
		if err != nil {
			return fmt.Errorf("-at %q is not an RFC 3339 time such as 2026-11-24T17:00:00-05:00", at)
		}
		when = t
	}
	c, err := loadCatalog(ctx, cfg)
	if err != nil {
		return err
	}
	r, err := c.Resource(fs.Arg(0))
	if err != nil {
		return userError(err)
	}
	v := api.NewResourceView(c, r, when)
	if asJSON {
		return writeJSON(stdout, v)
	}
	printResource(stdout, v)
	return nil
}

func printResource(w io.Writer, v api.ResourceView) {
	fmt.Fprintf(w, "%s (%s)\n%s\n\n", v.Name, v.ID, v.Description)
	fmt.Fprintf(w, "Serves:          %s\n", v.AudienceLabel)
	fmt.Fprintf(w, "Confidentiality: %s\n", v.ConfidentialityLabel)
	fmt.Fprintf(w, "Hours:           %s\n", v.Availability.Hours)
	switch {
	case v.Availability.AvailableNow == nil:
		fmt.Fprintf(w, "Available now:   unknown (no hours stated)\n")
	case *v.Availability.AvailableNow:
		fmt.Fprintf(w, "Available now:   Open now%s\n", until(" until ", v.Availability.NextChange, true))
	default:
		fmt.Fprintf(w, "Available now:   Closed now%s\n", until("; opens ", v.Availability.NextChange, false))
	}
	for _, c := range v.Contacts {
		val := c.Value
		if val == "" {
			val = "(" + c.Note + ")"
		}
		src := ""
		if c.Source != "" {
			src = " [" + c.Source + ", " + c.AsOf + "]"
		}
		fmt.Fprintf(w, "Contact:         %s %s: %s%s\n", c.Kind, val, c.Label, src)
	}
}

// until words a change of availability as the page does ("until 9:00 AM", "opens Monday
// 9:00 AM"), in the resource's own time zone.
func until(prefix string, t *string, sameDayShort bool) string {
	if t == nil {
		return ""
	}
	at, err := time.Parse(time.RFC3339, *t)
	if err != nil {
		return prefix + *t
	}
	if sameDayShort && time.Until(at) < 24*time.Hour {
		return prefix + at.Format("3:04 PM")
	}
	return prefix + at.Format("Monday 3:04 PM")
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// userError returns the user-facing message of a domain error, without its code.
func userError(err error) error {
	return fmt.Errorf("%s", strings.TrimSuffix(directory.ErrorMessage(err), "."))
}

// topicID finds a topic by its id or its name, in any case ("Crisis" → crisis); an unknown
// one is passed on for the catalog to refuse with its message.
func topicID(c *catalog.Catalog, s string) string {
	for _, t := range c.Topics() {
		if strings.EqualFold(t.ID, s) || strings.EqualFold(t.Name, s) {
			return t.ID
		}
	}
	return s
}

func runTopics(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	var asJSON bool
	fs := newFlagSet("topics", "[-json]", "List the concern topics: the ids and names `signpost list -topic` takes.", stderr)
	addDataFlag(fs, &cfg)
	fs.BoolVar(&asJSON, "json", false, "print JSON as the API does")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	c, err := loadCatalog(ctx, cfg)
	if err != nil {
		return err
	}
	if asJSON {
		return writeJSON(stdout, map[string]any{"topics": c.Topics()})
	}
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME")
	for _, t := range c.Topics() {
		fmt.Fprintf(tw, "%s\t%s\n", t.ID, t.Name)
	}
	return tw.Flush()
}
