package importlist

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"signpost/internal/directory"
)

// MaxSize is the largest list [Parse] reads, in bytes; a support page is a few kilobytes.
const MaxSize = 4 << 20

// MaxLine is the longest line [Parse] reads, in bytes; the longest line of a support page is a
// paragraph.
const MaxLine = 16 << 10

// TimeZone is the time zone of the hours a list states. The lists say nothing of it; this is
// the university's.
const TimeZone = "America/New_York"

// Draft is one resource as the list states it, before a person reviews it.
type Draft struct {
	// Name is the resource's name line, without the bullet and without a trailing
	// parenthesis that holds only contact details.
	Name string `json:"name"`
	// Description is the description line(s), word for word; when the list gives none, the
	// name line itself.
	Description string `json:"description"`
	// Section is the heading the resource stands under, "" before the first heading.
	Section string `json:"section"`
	// Contacts are the phone numbers, e-mail addresses and web sites found in the name and
	// description lines, in the order they appear. Never nil.
	Contacts []directory.Contact `json:"contacts"`
	// Hours are the hours the text states, nil when it states none. Weekly windows and
	// Always are set only when the text states them unambiguously; Description always holds
	// the source's words.
	Hours *directory.Hours `json:"hours"`
	// Line is the line number (from 1) of the name line.
	Line int `json:"line"`
	// SourceText is the resource's lines of the list, word for word.
	SourceText string `json:"source_text"`
	// Review lists what the parser could not settle and a person should check.
	Review []string `json:"review,omitempty"`
	// Cues are what the page itself says of the resource's confidentiality: "confidential"
	// or "anonymous" from a tag after the name, a description opening with the word, or
	// "italic" when the page set the name in italics.
	Cues []string `json:"cues,omitempty"`
}

// Error is a problem with a list, at a line (0 when it concerns the whole input).
type Error struct {
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
}

// Skipped is a line of a page that could not be read and was left out.
type Skipped struct {
	Line   int    `json:"line"`
	Reason string `json:"reason"`
}

// Parse is [ParsePage] without the skipped lines.
func Parse(r io.Reader) ([]Draft, error) {
	ds, _, err := ParsePage(r)
	return ds, err
}

// ParsePage reads a department's page and returns its drafts in the page's order, and the
// lines it could not read (invalid UTF-8, control characters) and left out.
//
// A line starting with a bullet ("- ", "* ", "• ", "– ") names a resource; the next bullet
// line is its description when it reads as prose (it ends a sentence or is not in title
// case). A line without a bullet is a section heading when short and not a sentence, a
// resource when written "Name: description.", and otherwise a note that is skipped. Parse
// returns an [*Error] naming the line for input that is not text (a NUL byte, a control
// character, invalid UTF-8), larger than [MaxSize], empty, or without any resource.
func ParsePage(r io.Reader) ([]Draft, []Skipped, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, nil, fmt.Errorf("read list: %w", err)
	}
	if len(b) > MaxSize {
		return nil, nil, &Error{Msg: fmt.Sprintf("larger than %d bytes: not a support page", MaxSize)}
	}
	b = bytes.TrimPrefix(b, []byte("\uFEFF"))
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, nil, &Error{Msg: "empty file: no lines to read"}
	}

	text := strings.ReplaceAll(strings.ReplaceAll(string(b), "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(text, "\n")
	isHTML := looksHTML(b)
	var skipped []Skipped
	for i, l := range lines {
		if len(l) > MaxLine && !isHTML {
			return nil, nil, &Error{Line: i + 1, Msg: fmt.Sprintf("longer than %d bytes: not a plain-text list", MaxLine)}
		}
		if strings.IndexByte(l, 0) >= 0 {
			return nil, nil, &Error{Line: i + 1, Msg: "NUL byte: binary data, not a page"}
		}
		if err := checkText(l); err != "" {
			// One bad line does not spoil a page: it is left out and reported.
			skipped = append(skipped, Skipped{Line: i + 1, Reason: err})
			lines[i] = ""
		}
	}
	if len(skipped) > 0 && len(skipped) == countNonEmpty(strings.Split(text, "\n")) {
		return nil, skipped, &Error{Line: skipped[0].Line, Msg: skipped[0].Reason + ": not a plain-text list"}
	}
	if isHTML {
		ds, err := parseHTML([]byte(strings.Join(lines, "\n")))
		return ds, skipped, err
	}
	p := parser{}
	for i, raw := range lines {
		p.line(i+1, raw)
	}
	p.flush()
	skipped = append(skipped, p.skipped...)
	applyPageCues(p.drafts, p.prose)
	if len(p.drafts) == 0 {
		if len(skipped) > 0 {
			return nil, skipped, &Error{Line: skipped[0].Line, Msg: skipped[0].Reason + ": not a plain-text list"}
		}
		n := len(strings.Split(strings.TrimRight(text, " \t\n"), "\n"))
		return nil, nil, &Error{Msg: fmt.Sprintf("no resources found in lines 1-%d: expected section headings and resources as \"- name\" / \"- description\" pairs, numbered or bulleted items, \"Name: description\" lines, Markdown or HTML lists", n)}
	}
	return p.drafts, skipped, nil
}

func countNonEmpty(lines []string) int {
	n := 0
	for _, l := range lines {
		if strings.TrimSpace(l) != "" {
			n++
		}
	}
	return n
}

// checkText returns why a line is not text, or "".
func checkText(l string) string {
	if strings.IndexByte(l, 0) >= 0 {
		return "NUL byte"
	}
	if !utf8.ValidString(l) {
		return "invalid UTF-8"
	}
	for _, c := range l {
		if c != '\t' && unicode.IsControl(c) {
			return fmt.Sprintf("control character %U", c)
		}
	}
	return ""
}

// parser holds the state of one pass over a list.
type parser struct {
	section string
	cur     *Draft
	lines   []string // the current draft's lines, word for word
	desc    []string // its description lines
	inline  bool     // cur was written "Name: description" without a bullet
	drafts  []Draft
	// prose are the lines about the list (an introduction, notes), for what they say of
	// the resources: "The resources in italics are confidential."
	prose []string
	// skipped are the items left out: their name was markup alone ("- *").
	skipped []Skipped
}

func (p *parser) line(n int, raw string) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return
	}
	if h, ok := markdownHeading(s); ok {
		p.flush()
		p.section = h
		return
	}
	if rest, ok := cutBullet(s); ok {
		if rest == "" {
			return
		}
		// A one-line item: "1. Name — description", "* [Name](url): description".
		if name, desc, ok := oneLineItem(rest); ok {
			p.flush()
			p.cur = &Draft{Name: name, Description: desc, Section: p.section, Line: n}
			p.lines = []string{raw}
			p.flush()
			return
		}
		switch {
		case p.cur != nil && len(p.desc) == 0 && isProse(rest):
			p.desc = append(p.desc, rest)
			p.lines = append(p.lines, raw)
		case p.cur != nil && len(p.desc) > 0 && endsSentence(rest) && !titleCase(rest):
			// A second prose line: the description goes on.
			p.desc = append(p.desc, rest)
			p.lines = append(p.lines, raw)
		default:
			p.flush()
			p.cur = &Draft{Name: rest, Section: p.section, Line: n}
			p.lines = []string{raw}
		}
		return
	}
	p.flush()
	switch {
	case isNote(s):
		p.prose = append(p.prose, s)
	case isHeading(s):
		p.section = strings.TrimSpace(strings.TrimSuffix(s, ":"))
	default:
		// Pages without bullets write "Name: description" or "Name — description" a line
		// each; a colon is tried first, since a name may hold a dash ("Guide — Subtitle: …").
		name, desc, ok := inlineItem(s)
		if !ok {
			name, desc, ok = oneLineItem(s)
		}
		if ok {
			p.cur = &Draft{Name: name, Description: desc, Section: p.section, Line: n}
			p.lines = []string{raw}
			p.inline = true
			p.flush()
			return
		}
		// A short sentence standing alone between items heads the ones below it, as
		// "If you are a graduate student, these also apply to you." does.
		if isSentenceHeading(s) {
			p.section = strings.TrimSpace(strings.TrimSuffix(s, ":"))
		}
		// Anything else is prose about the list (an introduction, a note): not a resource.
		p.prose = append(p.prose, s)
	}
}

// flush finishes the current draft: it fills the description when the list gives none, and
// reads contacts and hours out of its text.
func (p *parser) flush() {
	d := p.cur
	if d == nil {
		return
	}
	p.cur = nil
	if len(p.desc) > 0 {
		d.Description = strings.Join(p.desc, "\n")
		p.desc = nil
	}
	nameLine := d.Name
	if p.inline {
		d.Review = append(d.Review, "written \"Name — description\" outside a bulleted list: check it is a resource")
		p.inline = false
	}
	if d.Description == "" {
		d.Description = nameLine
		d.Review = append(d.Review, "the list gives no description line: the description repeats the name line")
	}
	readNameMarkup(d)
	d.Name = trimContactParen(d.Name)
	if strings.TrimSpace(d.Name) == "" {
		p.skipped = append(p.skipped, Skipped{Line: d.Line, Reason: "an item whose name is markup alone"})
		return
	}
	d.SourceText = strings.Join(p.lines, "\n")
	text := d.Description
	if nameLine != d.Description {
		text = nameLine + "\n" + d.Description
	}
	d.Contacts = append(d.Contacts, findContacts(text)...)
	var review []string
	d.Hours, review = findHours(text)
	d.Review = append(d.Review, review...)
	if len([]rune(d.Name)) > 150 {
		d.Review = append(d.Review, "the name line is long: it may be a description without a name")
	}
	p.drafts = append(p.drafts, *d)
}

// numbered matches a numbered list item's number: "1.", "12)", "(3)".
var numbered = regexp.MustCompile(`^\(?\d{1,3}[.)]\s+`)

// cutBullet returns s without its list bullet or number, and whether it had one.
func cutBullet(s string) (string, bool) {
	for _, b := range []string{"- ", "* ", "• ", "– ", "— ", "· ", "+ "} {
		if rest, ok := strings.CutPrefix(s, b); ok {
			return strings.TrimSpace(rest), true
		}
	}
	if m := numbered.FindString(s); m != "" {
		return strings.TrimSpace(s[len(m):]), true
	}
	if s == "-" || s == "*" || s == "•" {
		return "", true
	}
	return s, false
}

// endsSentence reports whether s ends with sentence punctuation, perhaps inside a closing
// parenthesis or quotation mark.
func endsSentence(s string) bool {
	s = strings.TrimRight(s, ")]\"'”’ ")
	return strings.HasSuffix(s, ".") || strings.HasSuffix(s, "!") || strings.HasSuffix(s, "?")
}

// isProse reports whether a bullet line reads as a description rather than a name.
func isProse(s string) bool { return endsSentence(s) || !titleCase(s) }

// smallWords stay lower-case in a title.
var smallWords = map[string]bool{
	"a": true, "an": true, "and": true, "the": true, "of": true, "for": true, "to": true, "in": true,
	"on": true, "at": true, "by": true, "with": true, "from": true, "or": true, "vs": true, "via": true,
	"de": true, "la": true, "per": true, "into": true, "about": true, "as": true, "is": true,
}

// titleCase reports whether s reads as a name: its words, apart from small words, acronyms,
// addresses and numbers, are capitalised.
func titleCase(s string) bool {
	lower, upper := 0, 0
	for _, w := range strings.Fields(s) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
		if w == "" || strings.ContainsAny(w, "@./") || smallWords[strings.ToLower(w)] {
			continue
		}
		if !strings.ContainsFunc(w, unicode.IsLetter) {
			continue
		}
		if strings.ContainsFunc(w, unicode.IsUpper) {
			upper++
		} else {
			lower++
		}
	}
	return lower == 0 || (lower == 1 && upper >= 3)
}

// isHeading reports whether a line without a bullet is a section heading: short, not a
// sentence, no contact details.
func isHeading(s string) bool {
	s = strings.TrimSuffix(s, ":")
	return !endsSentence(s) && len(strings.Fields(s)) <= 12 && utf8.RuneCountInString(s) <= 100 &&
		!strings.ContainsAny(s, "@") && !strings.Contains(s, ": ")
}

// noteLabels open a line that is a remark about the list, not a resource.
var noteLabels = map[string]bool{
	"note": true, "nb": true, "n.b.": true, "please note": true, "important": true, "update": true,
	"updated": true, "last updated": true, "reminder": true, "disclaimer": true,
}

func isNote(s string) bool {
	label, _, ok := strings.Cut(s, ":")
	return ok && noteLabels[strings.ToLower(strings.TrimSpace(label))]
}

// markdownHeading reads "## Heading" as a section.
func markdownHeading(s string) (string, bool) {
	if !strings.HasPrefix(s, "#") {
		return "", false
	}
	h := strings.TrimSpace(strings.TrimLeft(s, "#"))
	if h == "" || len(s)-len(strings.TrimLeft(s, "#")) > 6 {
		return "", false
	}
	return stripMarkdown(h), true
}

// itemSeparators part a one-line item's name from its description.
var itemSeparators = []string{" — ", " – ", " - ", ": ", " | "}

// oneLineItem splits a list item that holds both a name and a description: "Name —
// description", "Name: description", "[Name](url) – description". The name must read as a
// name and the description as prose.
func oneLineItem(s string) (name, desc string, ok bool) {
	best := -1
	for _, sep := range itemSeparators {
		if i := strings.Index(s, sep); i > 0 && (best < 0 || i < best) {
			best = i
			name, desc = s[:i], strings.TrimSpace(s[i+len(sep):])
		}
	}
	if best < 0 {
		return "", "", false
	}
	bare := stripMarkdown(name)
	if bare == "" || desc == "" || len(strings.Fields(bare)) > 15 || endsSentence(bare) || strings.Contains(bare, "@") || !isProse(stripMarkdown(desc)) {
		return "", "", false
	}
	if !titleCase(withoutTags(bare)) {
		return "", "", false
	}
	return strings.TrimSpace(name), desc, true
}

// isSentenceHeading reports whether a line that is neither an item nor a heading is short
// enough to head the items below it: a question or a sentence of at most sixteen words, with
// no contact details.
func isSentenceHeading(s string) bool {
	return len(strings.Fields(s)) <= 16 && utf8.RuneCountInString(s) <= 100 && len(findContacts(s)) == 0
}

// inlineItem splits a "Name: description." line, where the name is a short title and the
// description prose.
func inlineItem(s string) (name, desc string, ok bool) {
	name, desc, ok = strings.Cut(s, ": ")
	name, desc = strings.TrimSpace(name), strings.TrimSpace(desc)
	if !ok || name == "" || desc == "" || len(strings.Fields(name)) > 15 || endsSentence(name) ||
		!titleCase(name) || !isProse(desc) || strings.Contains(name, "@") {
		return "", "", false
	}
	return name, desc, true
}

// trimContactParen drops a trailing "(…)" from a name when it holds only contact details,
// as in "Jane Doe, Dean (jdoe@example.edu)".
func trimContactParen(name string) string {
	if !strings.HasSuffix(name, ")") {
		return name
	}
	i := strings.LastIndex(name, "(")
	if i <= 0 {
		return name
	}
	inner := name[i+1 : len(name)-1]
	rest := inner
	for _, c := range findContacts(inner) {
		rest = strings.Replace(rest, c.Value, "", 1)
		if c.Extension != "" {
			rest = strings.Replace(rest, c.Extension, "", 1)
		}
	}
	rest = strings.NewReplacer(",", "", ";", "", " or ", "", "x", "", "ext.", "", "/", "").Replace(rest)
	if inner == rest || strings.TrimSpace(rest) != "" {
		return name
	}
	if out := strings.TrimRight(name[:i], " ,;–—-"); out != "" {
		return out
	}
	return name
}
