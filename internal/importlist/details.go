package importlist

import (
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// detailList reports whether a list that follows a resource's heading gives that resource's
// details (phone, e-mail, address, hours, a contact person), as most CMS pages lay a resource
// out, rather than a list of resources of its own. Most of its items must read as details.
func detailList(list *html.Node) bool {
	items, details := listItems(list), 0
	for _, li := range items {
		if isDetail(li) {
			details++
		}
	}
	return len(items) > 0 && 3*details >= 2*len(items)
}

// maxDetailWords is the longest a detail line runs; a resource's line says what it does in
// more words.
const maxDetailWords = 16

// detailLabels are the last words of the labels pages put before a resource's details:
// "Phone:", "Title IX Coordinator:", "Drop-in hours:".
var detailLabels = map[string]bool{
	"phone": true, "telephone": true, "tel": true, "cell": true, "mobile": true, "text": true,
	"sms": true, "email": true, "e-mail": true, "mail": true, "fax": true, "web": true,
	"website": true, "site": true, "online": true, "chat": true, "address": true,
	"location": true, "room": true, "building": true, "floor": true, "hours": true,
	"schedule": true, "contact": true, "coordinator": true, "officer": true, "director": true,
	"dean": true, "advocate": true, "ombuds": true, "ombudsperson": true, "manager": true,
	"chair": true, "liaison": true, "walk-in": true, "drop-in": true, "apply": true,
	"referral": true, "form": true, "questions": true, "dispatch": true,
	"escort": true,
}

// isDetail reports whether a list item is one detail of a resource: a short line that gives
// a contact or hours, or a known label and its value ("Address: Hale Music Building",
// "Coordinator: Dr. Anneliese Voss"). An item that opens with a name set apart (bold, a
// link) other than such a label is a resource of its own ("Samaritans: (877) 870-4673").
func isDetail(li *html.Node) bool {
	text := cleanText(li)
	words := strings.Fields(text)
	if len(words) == 0 || len(words) > maxDetailWords {
		return false
	}
	label, value, labelled := strings.Cut(text, ":")
	known := labelled && strings.TrimSpace(value) != "" && isDetailLabel(label)
	if lead := leadingElement(li); lead != nil && !isDetailLabel(cleanText(lead)) {
		return false
	}
	if known {
		return true
	}
	if len(findContacts(text)) > 0 {
		return true
	}
	h, _ := findHours(text)
	return h != nil
}

// isDetailLabel reports whether a label ("Title IX Coordinator", "Phone (24/7)") names a
// detail: at most four words, the last of them a detail label.
func isDetailLabel(label string) bool {
	label = strings.TrimRight(strings.TrimSpace(label), ":")
	if i := strings.IndexByte(label, '('); i > 0 {
		label = label[:i] // "Phone (24/7)"
	}
	words := strings.Fields(strings.ToLower(label))
	return len(words) > 0 && len(words) <= 4 && detailLabels[words[len(words)-1]]
}

// addDetails appends a detail list's items to the resource it belongs to, each as a
// sentence of its description, so that contacts and hours are read from them and the page's
// words are kept.
func (it *htmlItem) addDetails(list *html.Node) {
	for _, c := range listItems(list) {
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
// apart (a link or bold text) followed by what they do or how to reach them.
func namedItems(list *html.Node) bool {
	items, named := listItems(list), 0
	for _, c := range items {
		lead := leadingElement(c)
		if it, ok := listItem(c, ""); ok && lead != nil && !isDetailLabel(cleanText(lead)) && (len(strings.Fields(it.desc)) >= 4 || len(findContacts(it.desc)) > 0) {
			named++
		}
	}
	return len(items) > 0 && 3*named >= 2*len(items)
}

// listItems are a list's own items.
func listItems(list *html.Node) []*html.Node {
	var out []*html.Node
	for c := list.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && c.DataAtom == atom.Li {
			out = append(out, c)
		}
	}
	return out
}
