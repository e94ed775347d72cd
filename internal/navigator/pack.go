package navigator

import (
	"fmt"
	"io/fs"
	"path"
	"strings"

	"signpost/internal/alternatives"
	"signpost/internal/directory"
)

// LanguagePack is the vocabulary of one more language: words for the concepts of
// vocabulary.json and for the signals, the concepts' labels and the topics' names in that
// language, and the sentences of "why" (a file vocabulary-LANG.json). A new language is one
// such file.
type LanguagePack struct {
	Lang string `json:"lang"`
	// Substring marks a language written without spaces between words (Chinese, Korean):
	// its terms are found anywhere in the text, spaces removed, not word by word.
	Substring bool `json:"substring,omitempty"`
	// Typos lets a word of the pack be found with a typing error in it, as the base
	// vocabulary's are. Each pack's typo index costs the start about a tenth of a second.
	Typos    bool                   `json:"typos,omitempty"`
	Concepts map[string]PackConcept `json:"concepts"`
	Signals  Signals                `json:"signals"`
	// Topics names the taxonomy's topics; Audiences the audiences (by their ids).
	Topics    map[string]string `json:"topics,omitempty"`
	Audiences map[string]string `json:"audiences,omitempty"`
	// Messages are the sentences of the reasons, by key (see [messageKeys]).
	Messages map[string]string `json:"messages,omitempty"`
}

// PackConcept is a concept's label and words in a pack's language.
type PackConcept struct {
	Label string   `json:"label"`
	Terms []string `json:"terms"`
}

// messageKeys are the sentences a pack may translate; %s marks where a name goes, in order.
var messageKeys = map[string]int{
	"named":          1, // You named %s.
	"organization":   1, // It is part of %s, which you named.
	"mentioned":      2, // You mentioned %s (%s):
	"helps_with":     2, // %s helps with %s.
	"and":            0,
	"summary":        2, // %s: %s
	"fallback":       1, // We could not tell which service fits best; %s helps people find the right one.
	"text_match":     1, // Its description matches words you used: %s
	"after_hours":    1, // %s is available now, when most offices are closed.
	"anon_asked":     0,
	"conf_asked":     0,
	"anon_offered":   0,
	"not_private":    0,
	"serves":         1, // Serves %s.
	"available_now":  0,
	"closed_opens":   1, // Closed now; opens %s.
	"call_now":       1, // Call %s now.
	"call_now_short": 2, // Call %s now (or dial %s from a campus phone).
}

// loadPacks reads every vocabulary-LANG.json in fsys.
func loadPacks(fsys fs.FS) (map[string]*LanguagePack, error) {
	names, err := fs.Glob(fsys, "vocabulary-*.json")
	if err != nil {
		return nil, err
	}
	packs := map[string]*LanguagePack{}
	for _, name := range names {
		var p LanguagePack
		if err := decodeStrict(fsys, name, &p); err != nil {
			return nil, err
		}
		want := strings.TrimSuffix(strings.TrimPrefix(path.Base(name), "vocabulary-"), ".json")
		if p.Lang != want {
			return nil, fmt.Errorf("navigator knowledge %s: lang %q, want %q as its name says", name, p.Lang, want)
		}
		for key, text := range p.Messages {
			n, ok := messageKeys[key]
			if !ok {
				return nil, fmt.Errorf("navigator knowledge %s: unknown message %q", name, key)
			}
			if got := strings.Count(text, "%s"); got != n {
				return nil, fmt.Errorf("navigator knowledge %s: message %q has %d %%s, want %d", name, key, got, n)
			}
		}
		packs[p.Lang] = &p
	}
	return packs, nil
}

// compilePacks adds each pack's words to the matchers, reporting concepts it names that the
// vocabulary lacks.
func (n *Navigator) compilePacks() {
	index := map[string]int{}
	for i, c := range n.k.Vocabulary.Concepts {
		index[c.ID] = i
	}
	// A pack's word that is also a term of the base vocabulary ("stress", "mobbing",
	// "police") means what the base vocabulary says: added again under another concept it
	// would move English answers.
	base := map[string]bool{}
	for _, c := range n.k.Vocabulary.Concepts {
		for _, term := range c.Terms {
			for _, text := range alternatives.Expand(term) {
				base[phraseKey(text)] = true
			}
		}
	}
	for _, lang := range sortedKeys(n.k.Packs) {
		p := n.k.Packs[lang]
		n.m.stemWith, n.full.stemWith = packStemmers[lang], packStemmers[lang]
		n.m.stemLang, n.full.stemLang = lang, lang
		n.m.packTypos, n.full.packTypos = p.Typos, p.Typos
		if p.Substring {
			n.substrLang = lang
		}
		for _, id := range sortedKeys(p.Concepts) {
			ci, ok := index[id]
			if !ok {
				n.warnings = append(n.warnings, fmt.Sprintf("vocabulary-%s.json: concept %q is not in the vocabulary", lang, id))
				continue
			}
			for _, term := range p.Concepts[id].Terms {
				// Compiled with the pack's stemmer, as its other terms (checked on loading:
				// never in a substring pack).
				if n.addPair(term, ci) {
					for _, part := range strings.Split(term, directory.PairMark) {
						for _, text := range alternatives.Expand(part) {
							n.notePackWords(lang, tokenize(text))
						}
					}
					continue
				}
				for _, text := range alternatives.Expand(term) {
					toks := tokenize(text)
					switch {
					case base[tokensKey(toks)]:
					case p.Substring:
						n.addSubstring(text, kindConcept, ci, text)
					default:
						n.addPhraseTokens(toks, kindConcept, ci, text)
						n.notePackWords(lang, toks)
					}
				}
			}
		}
		n.compileSignals(&p.Signals, lang)
		n.substrLang = ""
		n.m.stemWith, n.full.stemWith = nil, nil
		n.m.stemLang, n.full.stemLang = "", ""
		n.m.packTypos, n.full.packTypos = false, false
	}
}

// pack returns the pack for lang, nil for English or a language without one.
func (n *Navigator) pack(lang string) *LanguagePack {
	if lang == "" || lang == "en" {
		return nil
	}
	return n.k.Packs[lang]
}

// msg formats a pack's sentence, or the English one when the pack lacks it.
func msg(p *LanguagePack, key, english string, args ...any) string {
	if p != nil {
		if t, ok := p.Messages[key]; ok {
			return fmt.Sprintf(t, args...)
		}
	}
	return fmt.Sprintf(english, args...)
}

// lang is the pack's language, "" for no pack (the knowledge's own language).
func (p *LanguagePack) lang() string {
	if p == nil {
		return ""
	}
	return p.Lang
}

// translatedReasons writes the "You mentioned …" reason in a pack's language: the plain
// path of [Navigator.mentionLine], which is tuned for English.
func (n *Navigator) translatedReasons(p *LanguagePack, r *directory.Resource, ch *conceptHit) string {
	c := n.k.Vocabulary.Concepts[ch.concept]
	label := c.Label
	if pc, ok := p.Concepts[c.ID]; ok && pc.Label != "" {
		label = pc.Label
	}
	quoted := "«" + strings.Join(ch.words, "», «") + "»"
	var topics []string
	for _, ct := range n.conceptTopics[ch.concept] {
		if contains(n.topicsOfResource(r), ct.id) {
			name := ct.lower
			if t, ok := p.Topics[ct.id]; ok {
				name = strings.ToLower(t)
			}
			topics = append(topics, name)
		}
	}
	line := msg(p, "mentioned", "You mentioned %s (%s): ", label, quoted)
	if len(topics) > 0 {
		return line + msg(p, "helps_with", "%s helps with %s.", r.Name, strings.Join(topics, msg(p, "and", " and ")))
	}
	if sum, _ := r.SummaryIn(p.lang()); sum != "" {
		return line + msg(p, "summary", "%s: %s", r.Name, sum)
	}
	return line + r.Name + "."
}

// audienceName names an audience in a pack's language.
func audienceName(p *LanguagePack, a directory.Audience) string {
	if p != nil {
		if s, ok := p.Audiences[string(a)]; ok {
			return s
		}
	}
	return lowerFirst(a.Label())
}

// notePackWords records the words of a pack's compiled term: such a word, even one English
// also knows ("chats", "trans", "postdocs"), is read as the pack's in a concern in its
// language (see scanConcern).
func (n *Navigator) notePackWords(lang string, toks []token) {
	if n.packWords[lang] == nil {
		n.packWords[lang] = map[string]bool{}
	}
	for _, t := range toks {
		n.packWords[lang][t.word] = true
	}
}
