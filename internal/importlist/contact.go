package importlist

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"signpost/internal/directory"
)

var (
	emailRe = regexp.MustCompile(`[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}`)
	urlRe   = regexp.MustCompile(`(?i)\bhttps?://[^\s<>()"'“”‘’]+`)
	wwwRe   = regexp.MustCompile(`(?i)\bwww\.[a-z0-9\-]+(?:\.[a-z0-9\-]+)+(?:/[^\s<>()"'“”‘’]*)?`)
	// domainRe finds a bare site name such as DoingWell.mit.edu; only common top-level
	// domains count, so "ask.mit" or "e.g." do not.
	domainRe = regexp.MustCompile(`(?i)\b[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)*\.(?:edu|com|org|net|gov|io|info|us)\b(?:/[^\s<>()"'“”‘’]*)?`)
	// phoneRe finds a ten-digit North American number: 617-253-1212, (617) 253-1212,
	// 617.253.1212, +1 617 253 1212.
	phoneRe = regexp.MustCompile(`(?:\+?1[ .\-]?)?(?:\(\d{3}\) ?|\d{3}[ .\-])\d{3}[ .\-]\d{4}`)
	// extRe is an extension right after a number: "x3-1234", ", ext. 5", " extension 12".
	extRe = regexp.MustCompile(`(?i)^\s*,?\s*(?:x|ext\.?|extension)\s*(\d-\d{4}|\d{1,6})\b`)
	// campusExtRe is an extension on its own: "x3-1234", "ext. 31234".
	campusExtRe = regexp.MustCompile(`(?i)(?:\bext\.?|\bextension|\bx)\s?(\d-\d{4}|\d{4,5})\b`)
	// dialRe is a short number after a verb: "dial 100", "call 911", "text 4-5678".
	dialRe = regexp.MustCompile(`(?i)\b(dial|call|phone|text|ring)\s+(?:(?:at|extension|ext\.?|x)\s*)?(\d-\d{4}|\d{2,5})\b`)
	// shortRe is a campus number on its own, such as 3-1212.
	shortRe = regexp.MustCompile(`\b\d-\d{4}\b`)
)

// span is a contact found at text[start:end].
type span struct {
	start, end int
	c          directory.Contact
}

// findContacts returns the phone numbers, e-mail addresses and web sites in text, in the
// order they appear, each once.
func findContacts(text string) []directory.Contact {
	taken := make([]bool, len(text))
	free := func(a, b int) bool { return !slices.Contains(taken[a:b], true) }
	var found []span
	add := func(a, b int, c directory.Contact) {
		for i := a; i < b; i++ {
			taken[i] = true
		}
		found = append(found, span{a, b, c})
	}

	for _, m := range emailRe.FindAllStringIndex(text, -1) {
		a, b := m[0], m[1]
		for a < b && text[a] == '.' {
			a++
		}
		v := text[a:b]
		if strings.HasPrefix(v, "@") {
			continue
		}
		add(a, b, directory.Contact{Kind: directory.ContactEmail, Value: v, URL: "mailto:" + v})
	}
	for _, re := range []*regexp.Regexp{urlRe, wwwRe, domainRe} {
		for _, m := range re.FindAllStringIndex(text, -1) {
			a, b := m[0], trimURLEnd(text, m[0], m[1])
			if b <= a || !free(a, b) || (a > 0 && strings.ContainsAny(text[a-1:a], "@.-_/")) {
				continue
			}
			v := text[a:b]
			c := directory.Contact{Kind: directory.ContactWeb, Value: v, URL: webURL(v)}
			if !strings.HasPrefix(c.URL, "https://") {
				// An http: address is shown, not linked: only https: pages are opened.
				c.URL, c.Note = "", "the page gives an http: address, shown but not linked: check for an https: one"
			}
			add(a, b, c)
		}
	}
	for _, m := range phoneRe.FindAllStringIndex(text, -1) {
		a, b := m[0], m[1]
		if !free(a, b) || (a > 0 && strings.ContainsAny(text[a-1:a], "0123456789-./")) ||
			(b < len(text) && strings.ContainsAny(text[b:b+1], "0123456789")) {
			continue
		}
		c := directory.Contact{Kind: directory.ContactPhone, Value: text[a:b]}
		if before := strings.ToLower(strings.TrimSpace(text[max(0, a-12):a])); strings.HasSuffix(before, "text") ||
			strings.HasSuffix(before, "text to") || strings.HasSuffix(before, "text at") || strings.HasSuffix(before, "sms") {
			c.Kind = directory.ContactText
		}
		end := b
		if e := extRe.FindStringSubmatchIndex(text[b:]); e != nil && notNumberAfter(text, b+e[1]) {
			c.Extension = text[b+e[2] : b+e[3]]
			end = b + e[1]
		}
		c.URL = telURL(c.Value, c.Extension)
		if c.Kind == directory.ContactText {
			c.URL = ""
		}
		add(a, end, c)
	}
	for _, m := range campusExtRe.FindAllStringSubmatchIndex(text, -1) {
		if !free(m[0], m[1]) || !notNumberAfter(text, m[1]) {
			continue
		}
		add(m[0], m[1], directory.Contact{Kind: directory.ContactPhone, Purpose: directory.PurposeCampus, Value: text[m[2]:m[3]]})
	}
	for _, m := range dialRe.FindAllStringSubmatchIndex(text, -1) {
		if !free(m[4], m[5]) || !notNumberAfter(text, m[5]) {
			continue
		}
		c := shortNumber(text[m[4]:m[5]])
		if strings.EqualFold(text[m[2]:m[3]], "text") {
			c.Kind, c.URL = directory.ContactText, ""
		}
		add(m[4], m[5], c)
	}
	for _, m := range shortRe.FindAllStringIndex(text, -1) {
		if !free(m[0], m[1]) || !notNumberAfter(text, m[1]) || (m[0] > 0 && strings.ContainsAny(text[m[0]-1:m[0]], "-./:")) {
			continue
		}
		add(m[0], m[1], directory.Contact{Kind: directory.ContactPhone, Purpose: directory.PurposeCampus, Value: text[m[0]:m[1]]})
	}

	slices.SortStableFunc(found, func(x, y span) int { return x.start - y.start })
	out := []directory.Contact{}
	seen := map[string]bool{}
	sents := sentences(text)
	for _, f := range found {
		key := string(f.c.Kind) + " " + contactKey(f.c)
		if seen[key] {
			continue
		}
		seen[key] = true
		sentence := sentenceAt(text, sents, f.start)
		if f.c.Purpose == "" {
			f.c.Purpose = purpose(sentence)
		}
		f.c.Label = label(sentence, f.c)
		out = append(out, f.c)
	}
	return out
}

// notNumberAfter reports whether text at i does not go on with more of a number.
func notNumberAfter(text string, i int) bool {
	if i >= len(text) {
		return true
	}
	c := text[i]
	if c >= '0' && c <= '9' {
		return false
	}
	if (c == '-' || c == '.' || c == '/') && i+1 < len(text) && text[i+1] >= '0' && text[i+1] <= '9' {
		return false
	}
	return true
}

// trimURLEnd drops sentence punctuation and an unmatched closing parenthesis from the end of
// a link.
func trimURLEnd(text string, a, b int) int {
	for n := 0; b > a && n < 16; n++ {
		c := text[b-1]
		switch {
		case strings.IndexByte(".,;:!?'\"", c) >= 0:
			b--
		case c == ')' && strings.Count(text[a:b], "(") < strings.Count(text[a:b], ")"):
			b--
		default:
			return b
		}
	}
	return b
}

// webURL is the link for a site as the text writes it: https:// is added to a bare site name
// and its host lower-cased.
func webURL(v string) string {
	lower := strings.ToLower(v)
	if strings.HasPrefix(lower, "http://") || strings.HasPrefix(lower, "https://") {
		return v
	}
	host, path, _ := strings.Cut(v, "/")
	u := "https://" + strings.ToLower(host)
	if path != "" {
		u += "/" + path
	}
	return u
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, s)
}

// telURL is the tel: link of a ten-digit number, with ";ext=" for an extension.
func telURL(number, ext string) string {
	d := digits(number)
	if len(d) == 11 && d[0] == '1' {
		d = d[1:]
	}
	if len(d) != 10 {
		return ""
	}
	u := "tel:+1" + d
	if e := digits(ext); e != "" {
		u += ";ext=" + e
	}
	return u
}

// shortNumber is a contact for a short number: 911 and 988 are national numbers with a tel:
// link; anything else is dialled from a campus phone.
func shortNumber(v string) directory.Contact {
	c := directory.Contact{Kind: directory.ContactPhone, Value: v}
	switch v {
	case "911":
		c.Purpose, c.URL = directory.PurposeEmergency, "tel:911"
	case "988":
		c.URL = "tel:988"
	default:
		c.Purpose = directory.PurposeCampus
	}
	return c
}

func contactKey(c directory.Contact) string {
	if c.Kind == directory.ContactPhone || c.Kind == directory.ContactText {
		return digits(c.Value) + "x" + digits(c.Extension)
	}
	return strings.ToLower(strings.TrimSuffix(strings.TrimPrefix(strings.TrimPrefix(strings.ToLower(c.URL), "https://"), "http://"), "/"))
}

// purpose reads what a contact is for from the sentence it stands in.
func purpose(sentence string) directory.ContactPurpose {
	s := strings.ToLower(sentence)
	switch {
	case strings.Contains(s, "non-emergenc") || strings.Contains(s, "nonemergenc") || strings.Contains(s, "non emergenc"):
		return directory.PurposeNonEmergency
	case strings.Contains(s, "emergenc"):
		return directory.PurposeEmergency
	case strings.Contains(s, "question"):
		return directory.PurposeQuestions
	case strings.Contains(s, "report"):
		return directory.PurposeReport
	}
	return directory.PurposeGeneral
}

// label is the sentence a contact stands in, in the source's words, or a plain stand-in when
// that sentence is too long to be a label.
func label(sentence string, c directory.Contact) string {
	if n := utf8.RuneCountInString(sentence); n > 0 && n <= 160 {
		return sentence
	}
	switch {
	case c.Kind == directory.ContactEmail:
		return "E-mail " + c.Value
	case c.Kind == directory.ContactWeb:
		return "Visit " + c.Value
	case c.Kind == directory.ContactText:
		return "Text " + c.Value
	case c.Purpose == directory.PurposeCampus:
		return "Dial " + c.Value + " from a campus phone"
	case c.Extension != "":
		return "Call " + c.Value + ", extension " + c.Extension
	}
	return "Call " + c.Value
}

// abbreviations end with a full stop that does not end a sentence.
var abbreviations = []string{"a.m.", "p.m.", "ext.", "dr.", "st.", "mr.", "ms.", "mrs.", "prof.", "rm.", "no.", "e.g.", "i.e.", "approx.", "bldg."}

// sentences splits text into sentences at line breaks and at ". ", "! " or "? " before a
// capital letter, a digit or a parenthesis, and returns their [start, end) offsets.
func sentences(text string) [][2]int {
	var out [][2]int
	start, wordStart := 0, 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == ' ' || c == '(' || c == '\n' {
			wordStart = i + 1
		}
		cut := -1
		switch {
		case c == '\n':
			cut = i
		case (c == '.' || c == '!' || c == '?') && i+2 < len(text) && (text[i+1] == ' ' || text[i+1] == ')'):
			j := i + 1
			for j < len(text) && (text[j] == ')' || text[j] == '"') {
				j++
			}
			if j >= len(text) || text[j] != ' ' {
				break
			}
			for j < len(text) && text[j] == ' ' {
				j++
			}
			if j >= len(text) {
				break
			}
			next, _ := utf8.DecodeRuneInString(text[j:])
			word := strings.ToLower(text[wordStart : i+1])
			if (next == '(' || next == '“' || next == '"' || (next >= '0' && next <= '9') || unicode.IsUpper(next)) && !slices.Contains(abbreviations, word) {
				cut = j
			}
		}
		if cut >= 0 {
			out = append(out, [2]int{start, cut})
			start = cut
			if c == '\n' {
				start = cut + 1
			}
		}
	}
	return append(out, [2]int{start, len(text)})
}

// sentenceAt returns the cleaned sentence of text that holds offset i.
func sentenceAt(text string, sents [][2]int, i int) string {
	k, _ := slices.BinarySearchFunc(sents, i, func(s [2]int, i int) int {
		if s[1] <= i {
			return -1
		}
		return 1
	})
	if k < len(sents) && i >= sents[k][0] {
		return cleanSentence(text[sents[k][0]:sents[k][1]])
	}
	return ""
}

// cleanSentence trims a sentence for use as a label or an hours description: surrounding
// space, the final full stop, and a parenthesis the sentence opens or closes without its
// partner.
func cleanSentence(s string) string {
	for range 16 { // a few rounds settle any sentence a list holds; the bound keeps junk linear
		t := strings.TrimSpace(s)
		if strings.HasSuffix(t, ".") && !hasAbbrevSuffix(t) {
			t = strings.TrimSuffix(t, ".")
		}
		t = strings.TrimRight(t, " ,;")
		if strings.HasSuffix(t, ")") && strings.Count(t, "(") < strings.Count(t, ")") {
			t = strings.TrimSuffix(t, ")")
		}
		if strings.HasPrefix(t, "(") && strings.Count(t, "(") > strings.Count(t, ")") {
			t = strings.TrimPrefix(t, "(")
		}
		if t == s {
			return t
		}
		s = t
	}
	return s
}

func hasAbbrevSuffix(s string) bool {
	l := strings.ToLower(s)
	for _, a := range abbreviations {
		if strings.HasSuffix(l, a) && (len(l) == len(a) || l[len(l)-len(a)-1] == ' ') {
			return true
		}
	}
	return false
}
