package importlist

import (
	"bytes"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"signpost/internal/directory"
)

// looksHTML reports whether a page is HTML rather than plain text or Markdown.
func looksHTML(b []byte) bool {
	head := bytes.ToLower(b[:min(len(b), 2048)])
	head = bytes.TrimSpace(head)
	return bytes.HasPrefix(head, []byte("<!doctype html")) || bytes.HasPrefix(head, []byte("<html")) ||
		bytes.Contains(head, []byte("<body")) || bytes.Contains(head, []byte("<head"))
}

// skipped are the parts of a CMS page around its content: navigation, banners, footers,
// sidebars, scripts, forms.
var skipped = map[atom.Atom]bool{
	atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true, atom.Script: true,
	atom.Style: true, atom.Noscript: true, atom.Form: true, atom.Template: true, atom.Svg: true,
	atom.Iframe: true, atom.Button: true, atom.Select: true, atom.Head: true,
}

// skippedWords in a class, id or role mark the same parts on pages that use divs for them.
var skippedWords = []string{"breadcrumb", "navbar", "nav-", "-nav", "menu", "sidebar", "footer", "header", "banner", "skip-link", "social", "cookie", "search"}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func isSkipped(n *html.Node) bool {
	if n.Type != html.ElementNode {
		return false
	}
	if skipped[n.DataAtom] {
		return true
	}
	switch attr(n, "role") {
	case "navigation", "banner", "contentinfo", "complementary", "search":
		return true
	}
	marks := strings.ToLower(attr(n, "class") + " " + attr(n, "id"))
	for _, w := range skippedWords {
		if strings.Contains(marks, w) {
			return true
		}
	}
	return false
}

// mainContent returns the page's main element when it marks one.
func mainContent(doc *html.Node) *html.Node {
	var found *html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if found != nil {
			return
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Main || attr(n, "role") == "main") {
			found = n
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if found == nil {
		return doc
	}
	return found
}

// htmlItem is one resource read from the page's markup.
type htmlItem struct {
	name, desc, section string
	italic              bool
	links               []string
	source              string
}

// htmlReader walks a page's content in order.
type htmlReader struct {
	section string
	// sectionLevel is the heading level of the current section (2 for h2 …); a heading
	// deeper than it followed by paragraphs is a resource.
	sectionLevel int
	items        []htmlItem
	prose        []string
	// pending is a heading read as a resource's name, waiting for its paragraphs.
	pending *htmlItem
}

func headingLevel(n *html.Node) int {
	switch n.DataAtom {
	case atom.H1:
		return 1
	case atom.H2:
		return 2
	case atom.H3:
		return 3
	case atom.H4:
		return 4
	case atom.H5:
		return 5
	case atom.H6:
		return 6
	}
	return 0
}

func (h *htmlReader) closePending() {
	if h.pending != nil {
		if strings.TrimSpace(h.pending.desc) != "" {
			h.items = append(h.items, *h.pending)
		} else {
			// A heading with nothing under it names a section after all.
			h.section = h.pending.name
		}
		h.pending = nil
	}
}

func (h *htmlReader) walk(n *html.Node) {
	if isSkipped(n) {
		return
	}
	if n.Type == html.ElementNode {
		switch {
		case headingLevel(n) > 0:
			h.closePending()
			level, text := headingLevel(n), cleanText(n)
			switch {
			case text == "":
			case level == 1:
				// The page's title.
			case h.sectionLevel == 0 || level <= h.sectionLevel:
				h.section, h.sectionLevel = text, level
			default:
				it := htmlItem{name: text, section: h.section, italic: isItalic(n), links: links(n), source: text}
				h.pending = &it
			}
			return
		case n.DataAtom == atom.P && h.pending != nil:
			h.pending.desc = strings.TrimSpace(h.pending.desc + " " + cleanText(n))
			h.pending.links = append(h.pending.links, links(n)...)
			h.pending.source += "\n" + cleanText(n)
			return
		case n.DataAtom == atom.P:
			if t := cleanText(n); t != "" {
				h.prose = append(h.prose, t)
			}
			return
		case (n.DataAtom == atom.Ul || n.DataAtom == atom.Ol) && h.pending != nil && namedItems(n):
			// A heading and an introduction over a list of named resources: the heading
			// names a section, and its paragraph is the page's prose.
			h.section = h.pending.name
			if h.pending.desc != "" {
				h.prose = append(h.prose, h.pending.desc)
			}
			h.pending = nil
		case (n.DataAtom == atom.Ul || n.DataAtom == atom.Ol) && h.pending != nil && detailList(n):
			// A heading, perhaps its paragraphs, and a list of its phone, e-mail and hours:
			// one resource, not one per line. The list ends the block: a paragraph after it
			// ("Page last reviewed …") is the page's, not the resource's.
			h.pending.addDetails(n)
			h.closePending()
			return
		case n.DataAtom == atom.Li:
			h.closePending()
			if it, ok := listItem(n, h.section); ok {
				h.items = append(h.items, it)
				return
			}
		case n.DataAtom == atom.Dt:
			h.closePending()
			it := htmlItem{name: cleanText(n), section: h.section, italic: isItalic(n), links: links(n)}
			for s := n.NextSibling; s != nil; s = s.NextSibling {
				if s.Type != html.ElementNode {
					continue
				}
				if s.DataAtom != atom.Dd {
					break
				}
				it.desc = strings.TrimSpace(it.desc + " " + cleanText(s))
				it.links = append(it.links, links(s)...)
			}
			it.source = it.name + "\n" + it.desc
			if it.name != "" {
				h.items = append(h.items, it)
			}
			return
		case n.DataAtom == atom.Dd:
			return
		case n.DataAtom == atom.Table:
			h.closePending()
			if items := tableItems(n, h.section); len(items) > 0 {
				h.items = append(h.items, items...)
				return
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		h.walk(c)
	}
}

// listItem reads a list item: its name is its first link's text or its leading emphasis,
// else the text before a dash or colon; the rest is its description. A list of nested
// lists or of bare links (a menu) is no resource.
func listItem(n *html.Node, section string) (htmlItem, bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Ul || c.DataAtom == atom.Ol) {
			return htmlItem{}, false
		}
	}
	text := cleanText(n)
	if text == "" {
		return htmlItem{}, false
	}
	it := htmlItem{section: section, links: links(n), source: text}
	lead := leadingElement(n)
	if lead != nil {
		it.name = cleanText(lead)
		it.italic = isItalic(lead)
		it.desc = strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(strings.TrimPrefix(text, it.name)), "—–-:|,. "))
	}
	if it.name == "" || len(strings.Fields(it.name)) > 15 {
		if name, desc, ok := oneLineItem(text); ok {
			it.name, it.desc = name, desc
		} else {
			it.name, it.desc = text, ""
		}
	}
	if it.desc == "" && len(it.links) > 0 && len(strings.Fields(text)) <= 4 {
		// A bare link: part of a menu the page did not mark as one.
		return htmlItem{}, false
	}
	return it, true
}

// leadingElement is the element a list item opens with (a link, strong or emphasis), if
// its text comes first.
func leadingElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch {
		case c.Type == html.TextNode && strings.TrimSpace(c.Data) == "":
			continue
		case c.Type == html.ElementNode:
			switch c.DataAtom {
			case atom.A, atom.Strong, atom.B, atom.Em, atom.I, atom.Span:
				return c
			}
			return nil
		default:
			return nil
		}
	}
	return nil
}

// isItalic reports whether n's text is set in italics: n is an em or i, or holds one around
// all its text.
func isItalic(n *html.Node) bool {
	if n.DataAtom == atom.Em || n.DataAtom == atom.I {
		return true
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Em || c.DataAtom == atom.I) && cleanText(c) == cleanText(n) {
			return true
		}
		if c.Type == html.ElementNode && c.DataAtom == atom.A && isItalic(c) && cleanText(c) == cleanText(n) {
			return true
		}
	}
	return false
}

// links lists the addresses of n's links.
func links(n *html.Node) []string {
	var out []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.A {
			if h := strings.TrimSpace(attr(n, "href")); h != "" {
				out = append(out, h)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

// cleanText is n's text with white space collapsed.
func cleanText(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
			b.WriteByte(' ')
		}
		if n.Type == html.ElementNode && (n.DataAtom == atom.Script || n.DataAtom == atom.Style) {
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	s := strings.Join(strings.Fields(b.String()), " ")
	return tightPunctuation.Replace(s)
}

// tightPunctuation takes out the space that text around inline elements leaves before
// punctuation.
var tightPunctuation = strings.NewReplacer(" ,", ",", " .", ".", " :", ":", " ;", ";", " )", ")", "( ", "(")

// parseHTML reads an HTML page: headings as sections, list items, definition lists, table
// rows and heading-plus-paragraph blocks as resources, links as contacts.
func parseHTML(b []byte) ([]Draft, error) {
	doc, err := html.Parse(bytes.NewReader(b))
	if err != nil {
		return nil, &Error{Msg: "unreadable HTML: " + err.Error()}
	}
	h := &htmlReader{}
	h.walk(mainContent(doc))
	h.closePending()
	text := string(b)
	var drafts []Draft
	from := 0
	for _, it := range h.items {
		d := Draft{Name: it.name, Description: it.desc, Section: it.section, SourceText: it.source}
		if d.Description == "" {
			d.Description = d.Name
			d.Review = append(d.Review, "the page gives no description: the description repeats the name")
		}
		// The line of the page the name stands on, for the messages.
		if i := strings.Index(text[from:], firstWords(it.name)); i >= 0 {
			d.Line = 1 + strings.Count(text[:from+i], "\n")
			from += i
		}
		if it.italic {
			d.Cues = appendCue(d.Cues, "italic")
		}
		for _, m := range tagPattern.FindAllStringSubmatch(d.Name, -1) {
			if strings.HasPrefix(strings.ToLower(m[1]), "anonymous") {
				d.Cues = appendCue(d.Cues, "anonymous")
			} else {
				d.Cues = appendCue(d.Cues, "confidential")
			}
		}
		d.Name = withoutTags(d.Name)
		if strings.TrimSpace(d.Name) == "" {
			continue // a tag alone names nothing
		}
		d.Contacts = linkContacts(it.links)
		for _, c := range findContacts(d.Name + "\n" + d.Description) {
			if !hasContact(d.Contacts, c) {
				d.Contacts = append(d.Contacts, c)
			}
		}
		var review []string
		d.Hours, review = findHours(d.Description)
		d.Review = append(d.Review, review...)
		drafts = append(drafts, d)
	}
	applyPageCues(drafts, h.prose)
	if len(drafts) == 0 {
		return nil, &Error{Msg: "no resources found in the HTML page: expected list items, definition lists, table rows or headings with paragraphs in its main content"}
	}
	return drafts, nil
}

func firstWords(s string) string {
	f := strings.Fields(s)
	if len(f) > 3 {
		f = f[:3]
	}
	return strings.Join(f, " ")
}

// linkContacts turns a resource's links into contacts: https pages as web contacts,
// mailto: and tel: as e-mail and phone. Other schemes are left out.
func linkContacts(hrefs []string) []directory.Contact {
	var out []directory.Contact
	for _, h := range hrefs {
		lower := strings.ToLower(h)
		var c directory.Contact
		switch {
		case strings.HasPrefix(lower, "mailto:"):
			addr := strings.SplitN(h[len("mailto:"):], "?", 2)[0]
			found := findContacts(addr)
			if len(found) != 1 || found[0].Kind != directory.ContactEmail {
				continue
			}
			c = found[0]
		case strings.HasPrefix(lower, "tel:"):
			found := findContacts(h[len("tel:"):])
			if len(found) == 1 && found[0].Kind == directory.ContactPhone {
				c = found[0]
				break
			}
			// "tel:+16175550100": a North American number written without separators.
			d := digits(h)
			if len(d) == 11 && d[0] == '1' {
				d = d[1:]
			}
			if len(d) != 10 {
				continue
			}
			v := d[:3] + "-" + d[3:6] + "-" + d[6:]
			c = directory.Contact{Kind: directory.ContactPhone, Purpose: directory.PurposeGeneral, Value: v, URL: telURL(v, "")}
		case strings.HasPrefix(lower, "https://"):
			c = directory.Contact{Kind: directory.ContactWeb, Purpose: directory.PurposeGeneral, Value: h, URL: h}
		default:
			continue
		}
		c.Label = label("", c)
		if !hasContact(out, c) {
			out = append(out, c)
		}
	}
	return out
}

func hasContact(list []directory.Contact, c directory.Contact) bool {
	for _, x := range list {
		if x.Kind == c.Kind && strings.EqualFold(x.Value, c.Value) {
			return true
		}
	}
	return false
}
