package importlist

import (
	"regexp"
	"strings"

	"signpost/internal/directory"
)

// Markdown and tags a page may put around a resource's name.
var (
	mdLink     = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`)
	mdStrong   = regexp.MustCompile(`\*\*([^*]+)\*\*|__([^_]+)__`)
	mdItalic   = regexp.MustCompile(`(?:^|[\s(])[*_]([^*_]+)[*_](?:$|[\s),.:;])`)
	tagPattern = regexp.MustCompile(`(?i)\s*[(\[]\s*(confidential|anonymous|anonymous option|strictly confidential)\s*[)\]]`)
)

// stripMarkdown removes Markdown links (keeping their text) and emphasis from s.
func stripMarkdown(s string) string {
	s = mdLink.ReplaceAllString(s, "$1")
	s = mdStrong.ReplaceAllString(s, "$1$2")
	s = strings.ReplaceAll(strings.ReplaceAll(s, "*", ""), "`", "")
	if strings.HasPrefix(s, "_") && strings.HasSuffix(s, "_") && len(s) > 2 {
		s = s[1 : len(s)-1]
	}
	return strings.TrimSpace(s)
}

// withoutTags drops "(confidential)"-like tags from a name.
func withoutTags(s string) string {
	return strings.TrimSpace(tagPattern.ReplaceAllString(s, ""))
}

// readNameMarkup cleans a draft's name of Markdown and tags, keeping what they said: the
// link as a web contact, the emphasis and the tag as cues.
func readNameMarkup(d *Draft) {
	name := d.Name
	if m := mdLink.FindStringSubmatch(name); m != nil {
		if u := webURL(m[2]); strings.HasPrefix(u, "https://") {
			c := directory.Contact{Kind: directory.ContactWeb, Purpose: directory.PurposeGeneral, Value: m[2], URL: u}
			c.Label = label("", c)
			d.Contacts = append(d.Contacts, c)
		}
	}
	trimmed := strings.TrimSpace(name)
	if (strings.HasPrefix(trimmed, "*") && !strings.HasPrefix(trimmed, "**")) || (strings.HasPrefix(trimmed, "_") && !strings.HasPrefix(trimmed, "__")) || mdItalic.MatchString(" "+trimmed+" ") && !mdStrong.MatchString(trimmed) {
		d.Cues = appendCue(d.Cues, "italic")
	}
	for _, m := range tagPattern.FindAllStringSubmatch(name, -1) {
		tag := strings.ToLower(m[1])
		if strings.HasPrefix(tag, "anonymous") {
			d.Cues = appendCue(d.Cues, "anonymous")
		} else {
			d.Cues = appendCue(d.Cues, "confidential")
		}
	}
	d.Name = withoutTags(stripMarkdown(name))
	d.Description = mdLink.ReplaceAllString(d.Description, "$1 ($2)")
}

func appendCue(cues []string, c string) []string {
	for _, x := range cues {
		if x == c {
			return cues
		}
	}
	return append(cues, c)
}

var (
	// italicsConfidential is a page saying that the resources it sets in italics are
	// confidential, as the seed page does.
	italicsConfidential = regexp.MustCompile(`(?i)\b(italics?|italicized|in italic)\b[^.]{0,60}\bconfidential|\bconfidential\b[^.]{0,60}\b(italics?|italicized)\b`)
	// listsConfidential is a sentence naming the confidential resources: "The Counseling
	// Center, the Ombuds and the Chaplains are confidential."
	listsConfidential = regexp.MustCompile(`(?i)^(.{4,300}?)\s+(?:are|is)\s+(?:strictly\s+|fully\s+|always\s+)?confidential\b`)
	listSplit         = regexp.MustCompile(`(?i),\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|;\s*`)
)

// applyPageCues reads what the page's own prose says of its resources' confidentiality:
// italics declared confidential, or a sentence that names the confidential ones.
func applyPageCues(drafts []Draft, prose []string) {
	italic := false
	var named []string
	for _, line := range prose {
		for _, sentence := range strings.SplitAfter(line, ".") {
			sentence = strings.TrimSpace(sentence)
			if italicsConfidential.MatchString(sentence) {
				italic = true
				continue
			}
			if m := listsConfidential.FindStringSubmatch(sentence); m != nil {
				for _, part := range listSplit.Split(m[1], -1) {
					part = strings.TrimSpace(part)
					part = strings.TrimPrefix(strings.TrimPrefix(part, "The "), "the ")
					if len([]rune(part)) >= 4 && titleCase(part) {
						named = append(named, strings.ToLower(part))
					}
				}
			}
		}
	}
	for i := range drafts {
		d := &drafts[i]
		if italic && hasCue(d.Cues, "italic") {
			d.Cues = appendCue(d.Cues, "confidential")
			d.Review = append(d.Review, "confidential: set in italics, which the page says mark the confidential resources")
		}
		name := strings.ToLower(d.Name)
		for _, n := range named {
			if strings.Contains(name, n) || strings.Contains(n, name) {
				d.Cues = appendCue(d.Cues, "confidential")
				d.Review = append(d.Review, "confidential: the page names it among the confidential resources")
				break
			}
		}
	}
}

func hasCue(cues []string, c string) bool {
	for _, x := range cues {
		if x == c {
			return true
		}
	}
	return false
}
