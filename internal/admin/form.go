package admin

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"signpost/internal/directory"
)

// resourceForm is the edit form's content: the values as typed, so that a refused form comes
// back with everything the editor entered.
type resourceForm struct {
	New      bool
	R        directory.Resource
	Contacts []directory.Contact
	Weekly   string
	Keywords string
	Topics   []topicChoice
	// Base fingerprints the stored document the form started from, so that an edit made
	// meanwhile by someone else is not silently overwritten.
	Base string
	Note string

	Audiences        []string
	Confidentialites []string
	Kinds            []string
	ContactKinds     []string
	Purposes         []string
	Statuses         []string
	HolidayRules     []string
	// Translations is the summary in other languages, a "lang: summary" line each.
	Translations string
}

type topicChoice struct {
	ID, Name string
	Checked  bool
}

// blankContacts is how many empty contact rows the form offers for additions.
const blankContacts = 2

func newResourceForm(r directory.Resource, topics []directory.Topic, isNew bool) *resourceForm {
	f := &resourceForm{New: isNew, R: r, Keywords: strings.Join(r.Keywords, ", "), Base: fingerprint(&r),
		Translations:     r.TranslationLines(nil),
		Audiences:        []string{"all", "everyone-on-campus", "students", "graduate-students", "undergraduates", "employees", "faculty"},
		Confidentialites: []string{"confidential", "anonymous", "not-confidential"},
		Kinds:            []string{"service", "person", "guide", "site"},
		ContactKinds:     []string{"phone", "text", "email", "web", "form", "walk-in"},
		Purposes:         []string{"general", "emergency", "non-emergency", "campus-extension", "questions", "report"},
		Statuses:         []string{"", "draft", "retired"},
		HolidayRules:     []string{"", "open", "closed"},
	}
	f.Contacts = append(slices.Clone(r.Contacts), make([]directory.Contact, blankContacts)...)
	if r.Hours != nil {
		f.Weekly = formatWeekly(r.Hours.Weekly)
	}
	for _, t := range topics {
		f.Topics = append(f.Topics, topicChoice{ID: t.ID, Name: t.Name, Checked: slices.Contains(r.Topics, t.ID)})
	}
	return f
}

// fingerprint identifies a stored resource's content (see [directory.Change.IfMatch]).
func fingerprint(r *directory.Resource) string { return directory.Fingerprint(r) }

// parseResourceForm reads the posted form over base (the stored resource, or a new one). It
// returns the resource and, when the form is wrong, a message naming the field.
func parseResourceForm(r *http.Request, base directory.Resource) (directory.Resource, string) {
	v := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	res := base
	res.Name, res.AlternateName, res.Organization = v("name"), v("alternate_name"), v("organization")
	res.Section, res.Description, res.Summary = v("section"), v("description"), v("summary")
	res.Audience = directory.Audience(v("audience"))
	res.Confidentiality = directory.Confidentiality(v("confidentiality"))
	res.ConfidentialityNote = v("confidentiality_note")
	res.Kind = directory.Kind(v("kind"))
	res.Status = directory.Status(v("status"))
	res.Emergency = r.PostFormValue("emergency") == "on"
	res.Topics = append([]string(nil), r.PostForm["topics"]...)
	res.Keywords = splitList(v("keywords"))
	var msg string
	if res.Translations, msg = parseTranslationLines(r.PostFormValue("summary_translations")); msg != "" {
		return res, msg
	}
	res.Provenance.Source = v("source")
	res.Provenance.SourceText = strings.ReplaceAll(r.PostFormValue("source_text"), "\r\n", "\n")
	res.Provenance.LastVerified = v("last_verified")
	res.Provenance.Notes = v("notes")
	if s := v("review_interval_days"); s == "" {
		res.Provenance.ReviewIntervalDays = 0
	} else if n, err := strconv.Atoi(s); err != nil {
		return res, fmt.Sprintf("Review every (days): %q is not a whole number.", s)
	} else {
		res.Provenance.ReviewIntervalDays = n
	}

	res.Contacts = nil
	for i := 0; i < 100; i++ {
		p := fmt.Sprintf("contact-%d-", i)
		if _, ok := r.PostForm[p+"kind"]; !ok {
			break
		}
		c := directory.Contact{Kind: directory.ContactKind(v(p + "kind")), Purpose: directory.ContactPurpose(v(p + "purpose")),
			Value: v(p + "value"), Extension: v(p + "extension"), Label: v(p + "label"), Note: v(p + "note"),
			Source: v(p + "source"), AsOf: v(p + "as_of")}
		if r.PostFormValue(p+"remove") == "on" || (c.Value == "" && c.Label == "" && c.Note == "" && c.Extension == "") {
			continue
		}
		c.URL = directory.ContactURL(c)
		if (c.Kind == directory.ContactWeb || c.Kind == directory.ContactForm) && c.URL == "" && strings.Contains(c.Value, ":") {
			return res, fmt.Sprintf("Contact %d, number, address or site: %q is not an https: address; only https: web pages are linked.", i+1, c.Value)
		}
		res.Contacts = append(res.Contacts, c)
	}

	desc, tz := v("hours_description"), v("time_zone")
	always := r.PostFormValue("always") == "on"
	weekly, msg := parseWeekly(r.PostFormValue("weekly"))
	if msg != "" {
		return res, msg
	}
	holidays, cal, term := directory.HolidayRule(v("holidays")), v("calendar"), v("term")
	if desc == "" && !always && len(weekly) == 0 && holidays == "" && term == "" {
		res.Hours = nil
	} else {
		if tz == "" {
			tz = "America/New_York"
		}
		if desc == "" {
			return res, "Hours, in words: describe the hours as the source states them (the public page shows these words)."
		}
		res.Hours = &directory.Hours{TimeZone: tz, Always: always, Weekly: weekly, Holidays: holidays, Calendar: cal, Term: term, Description: desc,
			Source: v("hours_source"), AsOf: v("hours_as_of")}
	}
	return res, ""
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

var dayOrder = []directory.Weekday{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}

// parseWeekly reads one window a line: days, then HH:MM-HH:MM, such as "MO-FR 09:00-17:00" or
// "SA SU 10:00-14:00".
func parseWeekly(text string) ([]directory.Window, string) {
	var out []directory.Window
	for n, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		fields := strings.Fields(strings.ToUpper(line))
		bad := fmt.Sprintf("Weekly hours, line %d (%q): write the days then the times, such as MO-FR 09:00-17:00.", n+1, line)
		if len(fields) < 2 {
			return nil, bad
		}
		opens, closes, ok := strings.Cut(fields[len(fields)-1], "-")
		if !ok {
			return nil, bad
		}
		if _, ok1 := directory.ParseClock(opens); !ok1 {
			return nil, bad
		}
		if _, ok2 := directory.ParseClock(closes); !ok2 {
			return nil, bad
		}
		var days []directory.Weekday
		for _, f := range fields[:len(fields)-1] {
			for _, part := range strings.Split(f, ",") {
				if part == "" {
					continue
				}
				from, to, isRange := strings.Cut(part, "-")
				i, j := slices.Index(dayOrder, directory.Weekday(from)), slices.Index(dayOrder, directory.Weekday(to))
				if !isRange {
					j = i
				}
				if i < 0 || j < i {
					return nil, fmt.Sprintf("Weekly hours, line %d: %q is not a day or range of days (MO TU WE TH FR SA SU, such as MO-FR).", n+1, part)
				}
				days = append(days, dayOrder[i:j+1]...)
			}
		}
		out = append(out, directory.Window{Days: days, Opens: opens, Closes: closes})
	}
	return out, ""
}

func formatWeekly(ws []directory.Window) string {
	var b strings.Builder
	for _, w := range ws {
		days := make([]string, len(w.Days))
		for i, d := range w.Days {
			days[i] = string(d)
		}
		fmt.Fprintf(&b, "%s %s-%s\n", strings.Join(days, ","), w.Opens, w.Closes)
	}
	return b.String()
}
