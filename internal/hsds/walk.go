package hsds

import (
	"slices"
	"strings"

	"signpost/internal/directory"
)

// walk collects from one value found under key: phones become phone or text contacts,
// e-mail addresses and URLs contacts, schedules lines of the hours description, and every
// other value a line of notes. who labels the contacts of a contact person. rel is the value's
// path relative to the resource, for the notes.
func walk(g *gather, path, key string, v any, who, rel string) error {
	switch v := v.(type) {
	case []any:
		for i, it := range v {
			if err := walk(g, at(path, i), key, it, who, at(rel, i)); err != nil {
				return err
			}
		}
		return nil
	case map[string]any:
		switch key {
		case "phones":
			return phone(g, path, v, who, rel)
		case "schedules":
			return schedule(g, path, v, rel)
		case "contacts":
			var c contactRecord
			if err := decode(&c, v, path, contactKeys...); err != nil {
				return err
			}
			var parts []string
			for _, s := range []string{c.Name, c.Title, c.Department} {
				if s != "" {
					parts = append(parts, s)
				}
			}
			who = strings.Join(parts, ", ")
		}
		for _, k := range sortedKeys(v) {
			if (key == "contacts" && (k == "name" || k == "title" || k == "department")) || k == "taxonomy_detail" {
				continue
			}
			if err := walk(g, join(path, k), k, v[k], who, join(rel, k)); err != nil {
				return err
			}
		}
		return nil
	}
	s, err := text(v, path)
	if err != nil || s == "" || key == "id" || strings.HasSuffix(key, "_id") {
		return err
	}
	suffix := ""
	if who != "" {
		suffix = " (" + who + ")"
	}
	switch key {
	case "email":
		c := directory.Contact{Kind: directory.ContactEmail, Purpose: directory.PurposeGeneral, Value: s, URL: "mailto:" + s, Label: "E-mail" + suffix}
		if !strings.Contains(s, "@") {
			c = directory.Contact{Kind: directory.ContactEmail, Purpose: directory.PurposeGeneral, Label: "E-mail" + suffix, Note: "The HSDS source gives this e-mail address, which has no @: " + s}
		}
		g.contact(c)
	case "url", "website":
		c := directory.Contact{Kind: directory.ContactWeb, Purpose: directory.PurposeGeneral, Value: s, Label: "Web site" + suffix}
		switch lower := strings.ToLower(s); {
		case strings.HasPrefix(lower, "https://"):
			c.URL = s
		case strings.HasPrefix(lower, "http://"):
			// Kept, not linked: only https: pages are opened.
			c.Note = "The HSDS source gives an http: address, shown but not linked: check for an https: one."
		case strings.HasPrefix(lower, "javascript:") || strings.HasPrefix(lower, "data:") || strings.HasPrefix(lower, "vbscript:") || strings.HasPrefix(lower, "//"):
			return pathError(path, "%q is not an address a browser should open (https: only)", s)
		}
		g.contact(c)
	default:
		g.note(rel + ": " + s)
	}
	return nil
}

func phone(g *gather, path string, m map[string]any, who, rel string) error {
	var p phoneRecord
	if err := decode(&p, m, path, phoneKeys...); err != nil {
		return err
	}
	number, ext, typ, desc := p.Number, p.Extension, p.Type, p.Description
	for _, k := range sortedKeys(m) {
		if slices.Contains(phoneKeys, k) {
			continue
		}
		if err := walk(g, join(path, k), k, m[k], who, join(rel, k)); err != nil {
			return err
		}
	}
	if strings.TrimSpace(number) == "" {
		return nil
	}
	c := directory.Contact{Kind: directory.ContactPhone, Purpose: directory.PurposeGeneral, Value: number, Extension: ext, Label: "Call", Note: desc}
	digits := strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' || r == '+' {
			return r
		}
		return -1
	}, number)
	switch strings.ToLower(typ) {
	case "text", "sms":
		c.Kind, c.Label = directory.ContactText, "Text"
		c.URL = "sms:" + digits
	case "fax":
		c.Label = "Fax"
		digits = ""
	default:
		c.URL = "tel:" + digits
	}
	if len(strings.TrimLeft(digits, "+")) < 3 {
		c.URL = ""
	}
	if who != "" {
		c.Label += " " + who
	}
	if typ != "" && c.Label == "Call" && typ != "voice" {
		c.Label += " (" + typ + ")"
	}
	g.contact(c)
	return nil
}

func schedule(g *gather, path string, m map[string]any, rel string) error {
	var desc string
	var parts []string
	for _, k := range sortedKeys(m) {
		if k == "id" || strings.HasSuffix(k, "_id") {
			continue
		}
		switch v := m[k].(type) {
		case map[string]any, []any:
			if err := walk(g, join(path, k), k, v, "", join(rel, k)); err != nil {
				return err
			}
			continue
		}
		s, err := text(m[k], join(path, k))
		if err != nil {
			return err
		}
		switch {
		case s == "":
		case k == "description":
			desc = s
		default:
			parts = append(parts, k+" "+s)
		}
	}
	line := desc
	if len(parts) > 0 {
		if line != "" {
			line += " "
		}
		line += "(" + strings.Join(parts, "; ") + ")"
	}
	if line != "" && !slices.Contains(g.schedules, line) {
		g.schedules = append(g.schedules, line)
	}
	return nil
}
