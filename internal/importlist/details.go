package importlist

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// detailList reports whether a list that follows a resource's heading and paragraphs gives
// that resource's details (phone, e-mail, address, hours, a contact person), as most CMS
// pages lay a resource out, rather than a list of resources of its own. Most of its items
// must read as details.
func detailList(list *html.Node) bool {
	items, details := 0, 0
	for c := list.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom != atom.Li {
			continue
		}
		items++
		if isDetail(cleanText(c)) {
			details++
		}
	}
	return items > 0 && 3*details >= 2*items
}

// maxDetailWords is the longest a detail line runs; a resource's line says what it does in
// more words.
const maxDetailWords = 16

// isDetail reports whether a list item is one detail of a resource: a short line that is no
// sentence of prose, giving a contact or hours, or a label and its value ("Address: Hale
// Music Building", "Coordinator: Dr. Anneliese Voss").
func isDetail(text string) bool {
	words := strings.Fields(text)
	if len(words) == 0 || len(words) > maxDetailWords {
		return false
	}
	if len(findContacts(text)) > 0 {
		return true
	}
	if h, _ := findHours(text); h != nil {
		return true
	}
	label, value, ok := strings.Cut(text, ":")
	return ok && len(strings.Fields(label)) <= 4 && strings.TrimSpace(value) != "" && !strings.Contains(value, ". ")
}

// addDetails appends a detail list's items to the resource it belongs to, each as a
// sentence of its description, so that contacts and hours are read from them and the page's
// words are kept.
func (it *htmlItem) addDetails(list *html.Node) {
	for c := list.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom != atom.Li {
			continue
		}
		t := cleanText(c)
		if t == "" {
			continue
		}
		it.desc = strings.TrimSpace(it.desc + " " + sentence(t))
		it.links = append(it.links, links(c)...)
		it.source += "\n" + t
	}
}

// namedItems reports whether most of a list's items are resources written as a name set
// apart (a link or bold text) followed by what they do.
func namedItems(list *html.Node) bool {
	items, named := 0, 0
	for c := list.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode || c.DataAtom != atom.Li {
			continue
		}
		items++
		if it, ok := listItem(c, ""); ok && leadingElement(c) != nil && len(strings.Fields(it.desc)) >= 4 {
			named++
		}
	}
	return items > 0 && 3*named >= 2*items
}
