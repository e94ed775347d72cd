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
	"signpost/internal/navigator"
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
	req, err := navigator.Fields{Q: strings.Join(fs.Args(), " "), Role: role, Confidential: fmt.Sprint(confidential),
		Urgent: fmt.Sprint(urgent), At: at, Limit: lim}.Request(time.Now())
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
		fmt.Fprintln(w, emergencyHeadline(v))
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

// emergencyHeadline names the directory's own first emergency service and its numbers, from
// the answer (never another university's), or the public emergency number.
func emergencyHeadline(v api.MatchView) string {
	for _, r := range v.Results {
		if !r.Emergency {
			continue
		}
		var contacts []struct {
			Kind, Purpose, Value string
		}
		_ = json.Unmarshal(r.Contacts, &contacts)
		var phone, campus string
		for _, c := range contacts {
			switch {
			case c.Kind == "phone" && c.Purpose == "campus-extension" && campus == "":
				campus = c.Value
			case c.Kind == "phone" && (c.Purpose == "emergency" || c.Purpose == "general") && phone == "":
				phone = c.Value
			}
		}
		switch {
		case phone != "" && campus != "":
			return fmt.Sprintf("EMERGENCY: call %s at %s, or dial %s from a campus phone.", r.Name, phone, campus)
		case phone != "":
			return fmt.Sprintf("EMERGENCY: call %s at %s.", r.Name, phone)
		}
	}
	return "EMERGENCY: call 911."
}
