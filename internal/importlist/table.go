package importlist

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// tableItems reads a table of resources, one row each, as many department pages lay them
// out: the first cell names the resource, the others say what it does, how to reach it and
// when. Header rows (all th) are column labels, not resources. A row of one cell, or whose
// first cell is too long to be a name, is no resource.
func tableItems(table *html.Node, section string) []htmlItem {
	var items []htmlItem
	for _, row := range tableRows(table) {
		cells := rowCells(row)
		if len(cells) < 2 || allHeaders(cells) {
			continue
		}
		first := cells[0]
		it := htmlItem{section: section, links: links(row)}
		if lead := leadingElement(first); lead != nil {
			it.name = cleanText(lead)
			it.italic = isItalic(lead)
		}
		whole := cellText(first)
		if it.name == "" {
			it.name = whole
		}
		if it.name == "" || len(strings.Fields(it.name)) > 15 {
			continue
		}
		var desc []string
		// What the name cell says besides the name: "(confidential)", a room.
		if rest := strings.TrimSpace(strings.TrimLeft(strings.TrimSpace(strings.TrimPrefix(whole, it.name)), "—–-:|,.; ")); rest != "" {
			desc = append(desc, sentence(rest))
		}
		for _, c := range cells[1:] {
			if t := cellText(c); t != "" {
				desc = append(desc, sentence(t))
			}
		}
		it.desc = strings.Join(desc, " ")
		if it.desc == "" {
			continue
		}
		it.source = it.name + "\n" + it.desc
		items = append(items, it)
	}
	return items
}

// tableRows lists a table's rows in order, through thead, tbody and tfoot, but not those
// of a table nested in a cell.
func tableRows(table *html.Node) []*html.Node {
	var rows []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type != html.ElementNode {
				continue
			}
			switch c.DataAtom {
			case atom.Tr:
				rows = append(rows, c)
			case atom.Thead, atom.Tbody, atom.Tfoot:
				walk(c)
			}
		}
	}
	walk(table)
	return rows
}

func rowCells(row *html.Node) []*html.Node {
	var cells []*html.Node
	for c := row.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
			cells = append(cells, c)
		}
	}
	return cells
}

func allHeaders(cells []*html.Node) bool {
	for _, c := range cells {
		if c.DataAtom != atom.Th {
			return false
		}
	}
	return true
}

// cellText is a cell's text, its line breaks kept as "; " so that the lines of a contact
// cell ("Emergency: 555-0100<br>Non-emergency: 555-0142") stay apart.
func cellText(n *html.Node) string {
	var parts []string
	var b strings.Builder
	var walk func(*html.Node)
	flush := func() {
		if t := strings.TrimSpace(b.String()); t != "" {
			parts = append(parts, t)
		}
		b.Reset()
	}
	walk = func(n *html.Node) {
		switch {
		case n.Type == html.ElementNode && n.DataAtom == atom.Br:
			flush()
			return
		case n.Type == html.ElementNode && (n.DataAtom == atom.P || n.DataAtom == atom.Li || n.DataAtom == atom.Div):
			flush()
			b.WriteString(cleanText(n))
			flush()
			return
		case n.Type == html.TextNode:
			b.WriteString(n.Data)
			b.WriteByte(' ')
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	flush()
	for i, p := range parts {
		parts[i] = strings.Join(strings.Fields(p), " ")
	}
	s := strings.Join(parts, "; ")
	return tightPunctuation.Replace(s)
}

// sentence ends a cell's text with a full stop, so that the cells of a row read as one
// description.
func sentence(s string) string {
	if endsSentence(s) {
		return s
	}
	return s + "."
}
