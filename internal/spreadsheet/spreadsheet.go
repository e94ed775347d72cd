// Package spreadsheet reads and writes a directory's resources as CSV for spreadsheets: a
// header row, then one row per resource.
//
// Columns, in the order [Write] writes them ([Read] takes them in any order; a missing column
// reads as empty, an unknown one is an error):
//
//	id, name, alternate_name, organization, section, status (published, draft or retired),
//	kind, audience, confidentiality, confidentiality_note, emergency ("yes" or empty), topics,
//	keywords, summary, description, contacts, hours, source, source_text, last_verified
//	(YYYY-MM-DD), review_interval_days (empty for the default), notes, aliases,
//	summary_translations
//
// Plain text cells hold the text as it is, line breaks included (a CSV reader turns a carriage
// return and line feed inside a cell into a line feed). The structured cells are readable lines:
//
//   - topics, keywords and aliases: one item per line;
//   - summary_translations: one "LANG: summary" per line, such as "es: Atención las 24 horas";
//   - contacts: one contact per line, best first, as "KIND PURPOSE" and then " | key: value"
//     parts for value, extension, url, label, note, source and as of, each only when not
//     empty, for example
//     "phone emergency | value: 617-253-1212 | url: tel:+16172531212 | label: Call MIT Police";
//   - hours: one "key: value" per line — "time zone: America/New_York", "always" (24/7),
//     "weekly: MO,TU,WE 09:00-17:00" (one line per window), "holidays: closed",
//     "calendar: mit", "term: academic-year", "description: …", "source: seed", "as of:
//     2026-11-25". Empty when the source states no hours.
//
// Inside a list item or a structured value, a backslash is written "\\", a line break "\n", a
// carriage return "\r" and a bar "\|"; an empty list item is "\-".
//
// CSV carries resources only: topics and the calendar are not in it. [Read] returns a
// directory with resources alone, each validated on its own; the caller keeps the topics and
// calendar it has (signpost import -format csv keeps the stored ones) and validates the whole.
//
// It imports only the domain.
package spreadsheet

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"signpost/internal/directory"
)

// Columns are the header [Write] writes, in order.
var Columns = []string{"id", "name", "alternate_name", "organization", "section", "status", "kind", "audience",
	"confidentiality", "confidentiality_note", "emergency", "topics", "keywords", "summary", "description",
	"contacts", "hours", "source", "source_text", "last_verified", "review_interval_days", "notes", "aliases",
	"summary_translations"}

// Write writes the resources of d as CSV: the header, then one row per resource in order.
func Write(w io.Writer, d *directory.Directory) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(Columns); err != nil {
		return err
	}
	for i := range d.Resources {
		if err := cw.Write(row(&d.Resources[i])); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func row(r *directory.Resource) []string {
	status := string(r.Status)
	if r.Status == directory.StatusPublished {
		status = "published"
	}
	emergency := ""
	if r.Emergency {
		emergency = "yes"
	}
	interval := ""
	if r.Provenance.ReviewIntervalDays != 0 {
		interval = strconv.Itoa(r.Provenance.ReviewIntervalDays)
	}
	contacts := make([]string, len(r.Contacts))
	for i, c := range r.Contacts {
		contacts[i] = contactLine(c)
	}
	p := r.Provenance
	return []string{r.ID, r.Name, r.AlternateName, r.Organization, r.Section, status, string(r.Kind), string(r.Audience),
		string(r.Confidentiality), r.ConfidentialityNote, emergency, list(r.Topics), list(r.Keywords), r.Summary, r.Description,
		strings.Join(contacts, "\n"), hoursCell(r.Hours), p.Source, p.SourceText, p.LastVerified, interval, p.Notes, list(r.Aliases),
		r.TranslationLines(escape)}
}

var escaper = strings.NewReplacer(`\`, `\\`, "\n", `\n`, "\r", `\r`, "|", `\|`)

func escape(s string) string {
	if s == "" {
		return `\-`
	}
	return escaper.Replace(s)
}

// unescape reverses escape.
func unescape(s string) (string, error) {
	if s == `\-` {
		return "", nil
	}
	if !strings.Contains(s, `\`) {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b.WriteByte(s[i])
			continue
		}
		if i++; i == len(s) {
			return "", errors.New(`a lone \ at the end (write \\ for a backslash)`)
		}
		switch s[i] {
		case '\\':
			b.WriteByte('\\')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case '|':
			b.WriteByte('|')
		default:
			return "", fmt.Errorf(`unknown escape \%c (use \\, \n, \r or \|)`, s[i])
		}
	}
	return b.String(), nil
}

func list(items []string) string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = escape(it)
	}
	return strings.Join(out, "\n")
}

func contactLine(c directory.Contact) string {
	var b strings.Builder
	b.WriteString(string(c.Kind) + " " + string(c.Purpose))
	for _, f := range contactFields(&c) {
		if *f.field != "" {
			b.WriteString(" | " + f.key + ": " + escape(*f.field))
		}
	}
	return b.String()
}

func hoursCell(h *directory.Hours) string {
	if h == nil {
		return ""
	}
	lines := []string{"time zone: " + escape(h.TimeZone)}
	if h.Always {
		lines = append(lines, "always")
	}
	for _, w := range h.Weekly {
		days := make([]string, len(w.Days))
		for i, d := range w.Days {
			days[i] = escape(string(d))
		}
		lines = append(lines, "weekly: "+strings.Join(days, ",")+" "+escape(w.Opens)+"-"+escape(w.Closes))
	}
	for _, f := range hoursFields(h) {
		if *f.field != "" {
			lines = append(lines, f.key+": "+escape(*f.field))
		}
	}
	return strings.Join(lines, "\n")
}

// Read reads CSV as [Write] writes it and returns a directory holding the resources alone
// (no topics, no calendar). Each resource is validated on its own and ids must be unique;
// that the topics they name exist is for the caller to check against its topics. Errors are
// [directory.EInvalid] errors naming the row (the header is row 1) and the column.
func Read(r io.Reader) (*directory.Directory, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err == io.EOF {
		return nil, directory.Errorf(directory.EInvalid, "row 1: the file is empty; it needs the header row (%s).", strings.Join(Columns, ","))
	}
	if err != nil {
		return nil, csvError(err)
	}
	if len(header) > 0 {
		header[0] = strings.TrimPrefix(header[0], "\ufeff") // a spreadsheet's byte order mark
	}
	index := map[string]int{}
	for i, h := range header {
		name := strings.TrimSpace(h)
		if !slices.Contains(Columns, name) {
			return nil, directory.Errorf(directory.EInvalid, "row 1, column %d: %q is not a known column (known: %s).", i+1, h, strings.Join(Columns, ", "))
		}
		if _, dup := index[name]; dup {
			return nil, directory.Errorf(directory.EInvalid, "row 1, column %d: %q appears twice.", i+1, h)
		}
		index[name] = i
	}
	for _, need := range []string{"id", "name"} {
		if _, ok := index[need]; !ok {
			return nil, directory.Errorf(directory.EInvalid, "row 1: the header has no %q column.", need)
		}
	}
	d := &directory.Directory{Resources: []directory.Resource{}}
	seen := map[string]int{}
	for n := 2; ; n++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(err)
		}
		if len(rec) > len(header) {
			return nil, directory.Errorf(directory.EInvalid, "row %d: %d cells, but the header names %d columns.", n, len(rec), len(header))
		}
		cell := func(col string) string {
			if i, ok := index[col]; ok && i < len(rec) {
				return rec[i]
			}
			return ""
		}
		res, err := parseRow(cell)
		if err != nil {
			return nil, directory.Errorf(directory.EInvalid, "row %d, %s", n, err.Error())
		}
		if err := res.Validate(); err != nil {
			return nil, directory.Errorf(directory.EInvalid, "row %d: %s", n, directory.ErrorMessage(err))
		}
		if first, dup := seen[res.ID]; dup {
			return nil, directory.Errorf(directory.EInvalid, "row %d, column id: %q is already on row %d.", n, res.ID, first)
		}
		seen[res.ID] = n
		d.Resources = append(d.Resources, *res)
	}
	return d, nil
}

func csvError(err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return directory.Errorf(directory.EInvalid, "line %d, column %d: %v.", pe.Line, pe.Column, pe.Err)
	}
	return err // a read error of the underlying reader
}

// columnError names the column of a cell that does not parse.
type columnError struct {
	col string
	err error
}

func (e columnError) Error() string { return "column " + e.col + ": " + e.err.Error() + "." }

func parseRow(cell func(string) string) (*directory.Resource, error) {
	r := &directory.Resource{ID: cell("id"), Name: cell("name"), AlternateName: cell("alternate_name"),
		Organization: cell("organization"), Section: cell("section"), Kind: directory.Kind(cell("kind")),
		Audience: directory.Audience(cell("audience")), Confidentiality: directory.Confidentiality(cell("confidentiality")),
		ConfidentialityNote: cell("confidentiality_note"), Summary: cell("summary"), Description: cell("description"),
		Provenance: directory.Provenance{Source: cell("source"), SourceText: cell("source_text"),
			LastVerified: cell("last_verified"), Notes: cell("notes")}}
	switch s := cell("status"); s {
	case "published", "":
	case string(directory.StatusDraft), string(directory.StatusRetired):
		r.Status = directory.Status(s)
	default:
		return nil, columnError{"status", fmt.Errorf("%q is not one of published, draft, retired", s)}
	}
	switch s := cell("emergency"); s {
	case "yes":
		r.Emergency = true
	case "", "no":
	default:
		return nil, columnError{"emergency", fmt.Errorf("%q is not yes or empty", s)}
	}
	if s := cell("review_interval_days"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			return nil, columnError{"review_interval_days", fmt.Errorf("%q is not a whole number of days", s)}
		}
		r.Provenance.ReviewIntervalDays = n
	}
	var err error
	if r.Topics, err = parseList(cell("topics")); err != nil {
		return nil, columnError{"topics", err}
	}
	if r.Topics == nil {
		r.Topics = []string{}
	}
	if r.Keywords, err = parseList(cell("keywords")); err != nil {
		return nil, columnError{"keywords", err}
	}
	if r.Aliases, err = parseList(cell("aliases")); err != nil {
		return nil, columnError{"aliases", err}
	}
	r.Contacts = []directory.Contact{}
	if s := cell("contacts"); s != "" {
		for i, line := range strings.Split(s, "\n") {
			c, err := parseContact(line)
			if err != nil {
				return nil, columnError{"contacts", fmt.Errorf("line %d: %w", i+1, err)}
			}
			r.Contacts = append(r.Contacts, c)
		}
	}
	if r.Translations, err = parseTranslations(cell("summary_translations")); err != nil {
		return nil, columnError{"summary_translations", err}
	}
	if s := cell("hours"); s != "" {
		if r.Hours, err = parseHours(s); err != nil {
			return nil, columnError{"hours", err}
		}
	}
	return r, nil
}

func parseList(s string) ([]string, error) {
	if s == "" {
		return nil, nil
	}
	var out []string
	for i, line := range strings.Split(s, "\n") {
		v, err := unescape(line)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		out = append(out, v)
	}
	return out, nil
}

// splitBars splits s at bars that are not escaped.
func splitBars(s string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '|':
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

func parseContact(line string) (directory.Contact, error) {
	var c directory.Contact
	parts := splitBars(line)
	head := strings.Fields(parts[0])
	if len(head) != 2 {
		return c, fmt.Errorf("%q should start with the channel and the purpose, such as \"phone general\"", line)
	}
	c.Kind, c.Purpose = directory.ContactKind(head[0]), directory.ContactPurpose(head[1])
	seen := map[string]bool{}
	for i, p := range parts[1:] {
		if i < len(parts)-2 {
			p = strings.TrimSuffix(p, " ") // the space before the next bar
		}
		key, value, ok := strings.Cut(strings.TrimPrefix(p, " "), ": ")
		if !ok {
			return c, fmt.Errorf("%q is not \"key: value\"", strings.TrimSpace(p))
		}
		key = strings.TrimSpace(key)
		if seen[key] {
			return c, fmt.Errorf("%s appears twice", key)
		}
		seen[key] = true
		v, err := unescape(value)
		if err != nil {
			return c, fmt.Errorf("%s: %w", key, err)
		}
		if err := setKeyed(contactFields(&c), key, v); err != nil {
			return c, err
		}
	}
	return c, nil
}

func parseHours(s string) (*directory.Hours, error) {
	h := &directory.Hours{}
	seen := map[string]bool{}
	for i, line := range strings.Split(s, "\n") {
		if line == "always" {
			h.Always = true
			continue
		}
		key, value, ok := strings.Cut(line, ": ")
		if !ok {
			return nil, fmt.Errorf("line %d: %q is not \"key: value\" or \"always\"", i+1, line)
		}
		if seen[key] && key != "weekly" {
			return nil, fmt.Errorf("line %d: %s appears twice", i+1, key)
		}
		seen[key] = true
		if key == "weekly" {
			days, times, ok := strings.Cut(value, " ")
			opens, closes, ok2 := strings.Cut(times, "-")
			if !ok || !ok2 {
				return nil, fmt.Errorf("line %d: %q is not \"weekly: MO,TU 09:00-17:00\"", i+1, line)
			}
			var w directory.Window
			for _, d := range strings.Split(days, ",") {
				v, err := unescape(d)
				if err != nil {
					return nil, fmt.Errorf("line %d: %w", i+1, err)
				}
				w.Days = append(w.Days, directory.Weekday(v))
			}
			var err1, err2 error
			w.Opens, err1 = unescape(opens)
			w.Closes, err2 = unescape(closes)
			if err := errors.Join(err1, err2); err != nil {
				return nil, fmt.Errorf("line %d: %w", i+1, err)
			}
			h.Weekly = append(h.Weekly, w)
			continue
		}
		v, err := unescape(value)
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
		if key == "time zone" {
			h.TimeZone = v
		} else if err := setKeyed(hoursFields(h), key, v, "time zone", "always", "weekly"); err != nil {
			return nil, fmt.Errorf("line %d: %w", i+1, err)
		}
	}
	return h, nil
}
