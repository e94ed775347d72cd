package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"signpost/internal/api"
	"signpost/internal/directory"
)

func runMatch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var cfg Config
	var role, at string
	var asJSON, confidential, urgent bool
	var limit int
	fs := newFlagSet("match", "[-json] [-role R] [-at TIME] [-confidential] [-urgent] \"concern\"",
		"Find the resources for a concern described in your own words, best first.", stderr)
	addDataFlag(fs, &cfg)
	fs.StringVar(&role, "role", "", "who you are: undergraduate, graduate, postdoc, staff, faculty")
	fs.StringVar(&at, "at", "", "the moment of asking, RFC 3339 (default now)")
	fs.BoolVar(&asJSON, "json", false, "print the API's JSON")
	fs.BoolVar(&confidential, "confidential", false, "ask for confidential options first")
	fs.BoolVar(&urgent, "urgent", false, "say it is urgent")
	fs.IntVar(&limit, "limit", 0, "how many results (default 5)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	lim := ""
	if limit != 0 {
		lim = fmt.Sprint(limit)
	}
	req, err := api.ParseMatchRequest(strings.Join(fs.Args(), " "), role, fmt.Sprint(confidential), fmt.Sprint(urgent), at, lim, time.Now())
	if err != nil {
		return userError(err)
	}
	c, err := loadCatalog(ctx, cfg)
	if err != nil {
		return err
	}
	ans, err := c.Match(req)
	if err != nil {
		return userError(err)
	}
	v := api.NewMatchView(c, ans)
	if asJSON {
		return writeJSON(stdout, v)
	}
	printMatch(stdout, v)
	return nil
}

func printMatch(w io.Writer, v api.MatchView) {
	if v.Emergency {
		fmt.Fprintln(w, "EMERGENCY: call MIT Police at 617-253-1212, or dial 100 from a campus phone.")
		fmt.Fprintln(w)
	}
	if v.NoGoodMatch {
		fmt.Fprintln(w, "Nothing fitted clearly; these people help you find the right resource:")
		fmt.Fprintln(w)
	}
	for i, r := range v.Results {
		fmt.Fprintf(w, "%d. %s (%s)\n", i+1, r.Name, r.ID)
		for _, why := range r.Why {
			fmt.Fprintf(w, "   - %s\n", why)
		}
		var contacts []directory.Contact
		_ = json.Unmarshal(r.Contacts, &contacts)
		for _, c := range contacts {
			if c.Value != "" {
				fmt.Fprintf(w, "   %s: %s\n", c.Label, c.Value)
			}
		}
	}
}
