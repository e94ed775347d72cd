package navigator

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"signpost/internal/alternatives"
	"signpost/internal/concern"
	"signpost/internal/directory"
)

// Navigator answers concerns over one directory. Build it with [New] whenever the directory
// changes; it is immutable afterwards and safe for concurrent use.
type Navigator struct {
	k *Knowledge
	// pairs are the concepts' paired terms ("faked … data").
	pairs []pairRule
	// metaConcept marks the concepts that only ask for orientation (see compileMeta).
	metaConcept []bool
	stop        map[string]bool
	resources   []*directory.Resource
	byID        map[string]int
	topicName   map[string]string
	// conceptTopics lists each concept's topics, sorted by id, resolved once: scoring walks
	// them in this fixed order (a map's order made scores differ in the last bit from run to
	// run) and explanations name them.
	conceptTopics [][]conceptTopic

	// m matches over content words (stop words dropped): concepts, names, signals. full
	// matches over every word: emergency rules, figures of speech, negations, self markers,
	// where the small words matter ("is killing me", "took a whole bottle").
	m    *matcher
	full *matcher
	// lex numbers the stop words and the matchers' stems, for reading a concern.
	lex  *lexicon
	text *textIndex
	// topicDocs lists, per topic, the resources that have it with their affinity.
	topicDocs map[string][]topicPosting
	// conceptDocs lists, per concept, the resources it points at directly.
	conceptDocs [][]docWeight
	// derived holds, per resource without editor-set topics, the topics read in its own
	// name and description.
	derived map[string][]string
	// reader reads danger in every language; responders lists the emergency services with
	// the kinds of responder their own text says they are.
	reader     *concern.Reader
	responders []responder
	// dangerTopics are, per danger concept of the reader, its topics in this directory.
	dangerTopics map[string][]conceptTopic
	// dangerResponders are, per danger concept, the kinds of responder it calls for.
	dangerResponders map[string][]string
	roles            []directory.Role
	// packStems are the stemmers of the language packs in use (see packStemmers).
	packStems []packStem
	// packWords are, per pack language, the words of the pack's compiled terms.
	packWords map[string]map[string]bool
	// nameWords counts the resources whose names hold each word (see distinctive).
	nameWords map[string]int
	nameTotal int
	// substr holds the packs of languages matched by substring (see substringTerms), and
	// substrLang is the one being compiled.
	substr     map[string]*substringTerms
	substrLang string
	// packMarks are, per pack language, the words its signals mark as negators or
	// reporting words.
	packMarks map[string]map[string]lexFlags
	// orgs are the organizations that set some resources apart (see indexOrganizations).
	orgs     []organization
	fallback []int32
	// anonymous are the general anonymous reporting channels (see Signals.AnonymousFallbackTopics).
	anonymous []int32
	private   []int32
	// afterHours are the responders offered out of hours.
	afterHours []int32
	warnings   []string
	// serves holds the reason "Serves …." per audience, made once.
	serves map[directory.Audience]string
	pool   scratchPool
}

// responder is an emergency service (a resource marked emergency) and what kind it is.
type responder struct {
	doc   int32
	kinds []string
}

type topicPosting struct {
	doc      int32
	affinity float32
}

type conceptTopic struct {
	// name and lower are the topic's name, and in lower case for explanations.
	id, name, lower string
	// known is whether the directory has the topic.
	known  bool
	weight float64
	docs   []topicPosting
}

type docWeight struct {
	doc    int32
	weight float32
}

// New builds a navigator for the resources and topics of d with knowledge k. References in
// k to resources or topics that d lacks are skipped and reported by [Navigator.Warnings], so
// that retiring a resource never breaks the navigator.
func New(k *Knowledge, d *directory.Directory) *Navigator {
	lex := newLexicon()
	n := &Navigator{
		k:         k,
		stop:      map[string]bool{},
		byID:      map[string]int{},
		topicName: map[string]string{},
		// Typos are tolerated from six letters in the concern vocabulary, but only from
		// eight, and against full spellings, in the emergency rules: a false alarm there
		// ("short" read as "shooting") costs trust.
		m:         newMatcher(6, lex, lexContent),
		full:      newMatcher(8, lex, lexFull),
		lex:       lex,
		text:      newTextIndex(),
		topicDocs: map[string][]topicPosting{},
		serves:    map[directory.Audience]string{},
		packMarks: map[string]map[string]lexFlags{},
		packWords: map[string]map[string]bool{},
		substr:    map[string]*substringTerms{},
	}
	for _, w := range k.Signals.Stopwords {
		n.stop[strings.ToLower(w)] = true
		lex.mark(strings.ToLower(w), lexStop)
	}
	// Another language's small words are small words too, unless they carry meaning in
	// English ("son", "sin", "die", "war") or in another pack (Portuguese "pelo", Spanish
	// "hair").
	for _, lang := range sortedKeys(k.Packs) {
		for _, w := range k.Packs[lang].Signals.Stopwords {
			for _, t := range tokenize(w) {
				if !meaningfulEnglish[t.word] {
					n.stop[t.word] = true
					lex.mark(t.word, lexStop)
				}
			}
		}
	}
	for _, t := range d.Topics {
		n.topicName[t.ID] = t.Name
	}
	n.countNameWords(d.Resources)
	for i := range d.Resources {
		r := &d.Resources[i]
		n.byID[r.ID] = i
		n.resources = append(n.resources, r)
		if _, ok := n.serves[r.Audience]; !ok {
			n.serves[r.Audience] = "Serves " + lowerFirst(r.Audience.Label()) + "."
		}
		n.indexResource(int32(i), r)
	}
	n.indexOrganizations(n.resources)
	n.text.finish()
	n.m.fuzzyStems = true
	n.compileKnowledge()
	n.reader = readerFor(k.Concern)
	n.compileResponders()
	n.deriveTopics()
	n.compileFallbacks()
	n.compilePrefer()
	n.compileDangerTopics()
	for _, m := range []*matcher{n.m, n.full} {
		m.fuzzy.finish()
		for _, fz := range m.packFuzzy {
			fz.finish()
		}
	}
	n.pool.size = len(n.resources)
	return n
}

// derivedAffinity discounts a topic read from a resource's text against one an editor set.
const derivedAffinity = 0.85

// minDerivedWeight is the least summed concept weight that makes a topic a resource's own.
const minDerivedWeight = 0.6

// deriveTopics gives each resource without editor-set topics the topics its own name and
// description speak of, read by the same vocabulary as a concern, so that a directory
// imported from another department's page works before anyone tags it.
func (n *Navigator) deriveTopics() {
	n.derived = map[string][]string{}
	s := n.pool.get()
	defer n.pool.put(s)
	changed := false
	for i, r := range n.resources {
		if len(r.Topics) > 0 {
			continue
		}
		text := r.Name + ". " + r.AlternateName + ". " + strings.Join(r.Aliases, ". ") + ". " + r.Description + ". " + strings.Join(r.Keywords, ". ")
		rd := n.read(s, text, []string{n.reader.Read(text, "").Language})
		weights := map[string]float64{}
		for _, ch := range rd.concepts {
			for _, ct := range n.conceptTopics[ch.concept] {
				if ct.known {
					weights[ct.id] += ct.weight
				}
			}
		}
		var topics []string
		for t, w := range weights {
			if w >= minDerivedWeight {
				topics = append(topics, t)
			}
		}
		sort.Slice(topics, func(a, b int) bool {
			if weights[topics[a]] != weights[topics[b]] {
				return weights[topics[a]] > weights[topics[b]]
			}
			return topics[a] < topics[b]
		})
		if len(topics) > 4 {
			topics = topics[:4]
		}
		if len(topics) == 0 {
			continue
		}
		n.derived[r.ID] = topics
		for j, t := range topics {
			n.topicDocs[t] = append(n.topicDocs[t], topicPosting{doc: int32(i), affinity: topicAffinity(j) * derivedAffinity})
		}
		changed = true
	}
	if changed {
		for ci := range n.conceptTopics {
			for j := range n.conceptTopics[ci] {
				ct := &n.conceptTopics[ci][j]
				ct.docs = n.topicDocs[ct.id]
			}
		}
	}
}

// fallbackSize is how many general options a concern that nothing fits is offered.
const fallbackSize = 6

// compileFallbacks chooses the general options by topic: the navigators marked by the
// fallback topics, then the private general options, then the directory's first services.
func (n *Navigator) compileFallbacks() {
	sig := n.k.Signals
	n.private = n.withTopics(sig.ConfidentialFallbackTopics, func(r *directory.Resource) bool { return r.Confidentiality.Private() })
	n.anonymous = n.withTopics(sig.AnonymousFallbackTopics, func(r *directory.Resource) bool { return r.Confidentiality == directory.Anonymous })
	n.afterHours = n.withTopics(sig.AfterHoursResponderTopics, func(r *directory.Resource) bool { return r.Hours != nil && !r.Emergency })
	n.fallback = n.withTopics(sig.FallbackTopics, nil)
	for _, d := range n.private {
		if len(n.fallback) >= fallbackSize {
			break
		}
		n.fallback = appendUnique(n.fallback, d)
	}
	for i, r := range n.resources {
		if len(n.fallback) >= fallbackSize {
			break
		}
		if r.Kind == directory.KindService && !r.Emergency {
			n.fallback = appendUnique(n.fallback, int32(i))
		}
	}
}

// DerivedTopics returns the topics read from the text of each resource that has none set by
// an editor, by resource id: they steer the navigator until an editor sets topics.
func (n *Navigator) DerivedTopics() map[string][]string { return n.derived }

// meaningfulEnglish are English words that other languages use as small words.
var meaningfulEnglish = map[string]bool{"son": true, "sin": true, "red": true, "pie": true, "once": true, "come": true, "dice": true, "sea": true, "solo": true, "ante": true, "mas": true, "fin": true, "via": true, "den": true, "die": true, "art": true, "hat": true, "also": true, "bad": true, "man": true, "will": true, "war": true, "rot": true, "pour": true, "sale": true, "car": true, "fit": true}

// Warnings lists the knowledge references New had to skip.
func (n *Navigator) Warnings() []string { return n.warnings }

// Knowledge returns the knowledge the navigator was built with.
func (n *Navigator) Knowledge() *Knowledge { return n.k }

// topicAffinity is how central the i-th listed topic is to a resource: curators list a
// resource's topics most central first.
func topicAffinity(i int) float32 {
	return max(1-0.08*float32(i), 0.6)
}

func (n *Navigator) indexResource(doc int32, r *directory.Resource) {
	for i, t := range r.Topics {
		n.topicDocs[t] = append(n.topicDocs[t], topicPosting{doc: doc, affinity: topicAffinity(i)})
	}
	fields := []weightedText{{r.Name, weightName}, {r.AlternateName, weightName}, {r.Summary, weightSummary}, {r.Description, weightDescription}}
	for _, a := range r.Aliases {
		fields = append(fields, weightedText{a, weightName})
	}
	for _, lang := range r.TranslationLanguages() {
		fields = append(fields, weightedText{r.Translations[lang].Summary, weightSummary})
	}
	for _, kw := range r.Keywords {
		fields = append(fields, weightedText{kw, weightKeyword})
	}
	n.text.addDoc(fields, n.stop)
	// Naming a resource points straight at it. Curated keywords only feed the text index:
	// they are words a resource is known by, not its name.
	for _, name := range append([]string{r.Name, r.AlternateName}, r.Aliases...) {
		if name != "" && n.distinctive(name) {
			n.m.add(name, kindResourceName, int(doc), n.stop)
		}
	}
}

// distinctive reports whether a name has a word that sets it apart: "MIT IS&T" is, once its
// small words go, only "MIT", which most of the directory's names share, and a concern
// that names MIT has not named IS&T.
func (n *Navigator) distinctive(name string) bool {
	for _, t := range tokenize(name) {
		if c := n.nameWords[t.word]; !n.stop[t.word] && (c < 3 || 4*c <= n.nameTotal) {
			return true
		}
	}
	return false
}

// countNameWords counts, for each word, how many resources have it in a name.
func (n *Navigator) countNameWords(resources []directory.Resource) {
	n.nameWords, n.nameTotal = map[string]int{}, len(resources)
	for i := range resources {
		r := &resources[i]
		seen := map[string]bool{}
		for _, name := range append([]string{r.Name, r.AlternateName}, r.Aliases...) {
			for _, t := range tokenize(name) {
				if !seen[t.word] {
					seen[t.word] = true
					n.nameWords[t.word]++
				}
			}
		}
	}
}

func (n *Navigator) compileKnowledge() {
	k := n.k
	n.conceptDocs = make([][]docWeight, len(k.Vocabulary.Concepts))
	n.conceptTopics = make([][]conceptTopic, len(k.Vocabulary.Concepts))
	for ci, c := range k.Vocabulary.Concepts {
		for _, t := range sortedKeys(c.Topics) {
			name, known := n.topicName[t]
			n.conceptTopics[ci] = append(n.conceptTopics[ci], conceptTopic{id: t, name: name, lower: strings.ToLower(name), known: known, weight: c.Topics[t], docs: n.topicDocs[t]})
		}
		for _, term := range c.Terms {
			if !n.addPair(term, ci) {
				n.addTerm(term, kindConcept, ci, term)
			}
		}
		for t := range c.Topics {
			if _, ok := n.topicName[t]; !ok {
				n.warnings = append(n.warnings, fmt.Sprintf("concept %s: unknown topic %q", c.ID, t))
			}
		}
		if len(c.Resources) > 0 {
			n.warnings = append(n.warnings, fmt.Sprintf("concept %s: points at resources by id (%s), which the navigator ignores: give it topics and prefer attributes instead", c.ID, strings.Join(sortedKeys(c.Resources), ", ")))
		}
	}
	n.roles = directory.Roles
	n.compileMeta()
	n.compileSignals(&k.Signals, "")
	n.compilePacks()
	for _, lang := range sortedKeys(n.k.Packs) {
		if st, ok := packStemmers[lang]; ok {
			n.packStems = append(n.packStems, packStem{lang, st})
		}
	}
}

// compileSignals compiles the words of one language's signals.
func (n *Navigator) compileSignals(s *Signals, lang string) {
	for _, p := range s.Confidential {
		n.addTerm(p, kindConfidential, 0, p)
	}
	for _, p := range s.Anonymous {
		n.addTerm(p, kindAnonymous, 0, p)
	}
	for i, role := range n.roles {
		for _, p := range s.Roles[string(role)] {
			n.addTerm(p, kindRole, i, p)
		}
	}
	for _, p := range s.Urgent {
		n.addTerm(p, kindUrgent, 0, p)
	}
	for _, name := range sortedKeys(s.TimeWords) {
		for _, p := range s.TimeWords[name] {
			n.addTerm(p, kindTime, 0, name)
		}
	}
	if n.substrLang != "" {
		return // word-level signals (small words, negators, self markers) need words
	}
	for _, p := range s.NotUrgent {
		n.full.add(p, kindNegation, 0, nil)
	}
	for _, p := range s.SelfMarkers {
		n.full.add(p, kindSelf, 0, nil)
	}
	if lang == "" {
		n.markStems(s.Negators, lexNegator)
		n.markStems(s.ReportingTerms, lexReporting)
		return
	}
	// A pack's negators and reporting words count only in a concern in its language: the
	// Portuguese "no" is "in the", not "not".
	marks := n.packMarks[lang]
	if marks == nil {
		marks = map[string]lexFlags{}
		n.packMarks[lang] = marks
	}
	for f, words := range map[lexFlags][]string{lexNegator: s.Negators, lexReporting: s.ReportingTerms} {
		for _, w := range words {
			for _, t := range tokenize(w) {
				marks[t.word] |= f
			}
		}
	}
}

// markStems flags the stems of words in the lexicon.
func (n *Navigator) markStems(words []string, f lexFlags) {
	for _, w := range words {
		for _, t := range tokenize(w) {
			n.lex.mark(t.stem, f)
		}
	}
}

// compileDangerTopics resolves the topics of the reader's danger concepts in this directory.
func (n *Navigator) compileDangerTopics() {
	n.dangerTopics = map[string][]conceptTopic{}
	n.dangerResponders = map[string][]string{}
	for _, c := range n.reader.Knowledge().Concepts {
		if len(c.Responders) > 0 {
			n.dangerResponders[c.ID] = c.Responders
		}
		for _, t := range sortedKeys(c.Topics) {
			if name, ok := n.topicName[t]; ok {
				n.dangerTopics[c.ID] = append(n.dangerTopics[c.ID], conceptTopic{id: t, name: name, lower: strings.ToLower(name), known: true, weight: c.Topics[t], docs: n.topicDocs[t]})
			}
		}
	}
}

// compilePrefer lifts, per concept, the resources with a preferred attribute among those
// that have one of the concept's topics (set or derived).
func (n *Navigator) compilePrefer() {
	for ci, c := range n.k.Vocabulary.Concepts {
		for _, key := range sortedKeys(c.Prefer) {
			for doc, r := range n.resources {
				if r.HasPreference(key) && n.hasAnyTopic(doc, c.Topics) {
					n.conceptDocs[ci] = append(n.conceptDocs[ci], docWeight{int32(doc), float32(c.Prefer[key])})
				}
			}
		}
	}
}

// topicsOf returns a resource's topics: its editor's, else those read from its text.
func (n *Navigator) topicsOf(doc int) []string {
	if r := n.resources[doc]; len(r.Topics) > 0 {
		return r.Topics
	}
	return n.derived[n.resources[doc].ID]
}

func (n *Navigator) hasAnyTopic(doc int, topics map[string]float64) bool {
	for _, t := range n.topicsOf(doc) {
		if _, ok := topics[t]; ok {
			return true
		}
	}
	return false
}

// withTopics lists the resources that have one of topics and pass keep (nil keeps all),
// ordered by the first of topics they have, then by directory order.
func (n *Navigator) withTopics(topics []string, keep func(*directory.Resource) bool) []int32 {
	var out []int32
	for _, t := range topics {
		for i, r := range n.resources {
			if contains(n.topicsOf(i), t) && (keep == nil || keep(r)) {
				out = appendUnique(out, int32(i))
			}
		}
	}
	return out
}

// compileResponders finds the emergency services and the kind of each (police, medical,
// fire) from its own name and description, so that an emergency puts the right one first
// in any directory.
func (n *Navigator) compileResponders() {
	for i, r := range n.resources {
		if !r.Emergency {
			continue
		}
		// The name says what a service is; its description may name other services it works
		// with ("reached through the police"), so it is read only when the name says nothing.
		kinds := n.reader.Responders(r.Name + ". " + r.AlternateName)
		if len(kinds) == 0 {
			kinds = n.reader.Responders(r.Description + ". " + strings.Join(r.Keywords, ". "))
		}
		n.responders = append(n.responders, responder{doc: int32(i), kinds: kinds})
	}
	if len(n.responders) == 0 {
		n.warnings = append(n.warnings, "no resource is marked as an emergency service: emergencies are answered with the emergency strip only")
	}
}

// respondersFor orders the emergency services for an emergency that wants kinds first.
func (n *Navigator) respondersFor(list []int32, kinds []string) []int32 {
	for _, k := range kinds {
		for _, rs := range n.responders {
			if contains(rs.kinds, k) {
				list = appendUnique(list, rs.doc)
			}
		}
	}
	for _, rs := range n.responders {
		list = appendUnique(list, rs.doc)
	}
	return list
}

// addTerm compiles a vocabulary term, each of its alternatives (see [alternatives.Expand]) as a
// phrase of its own.
func (n *Navigator) addTerm(term string, kind phraseKind, ref int, label string) {
	for _, text := range alternatives.Expand(term) {
		if n.substrLang != "" {
			if label == term {
				label = text
			}
			n.addSubstring(text, kind, ref, label)
			continue
		}
		if label == term {
			n.addPhrase(text, kind, ref, text)
		} else {
			n.addPhrase(text, kind, ref, label)
		}
	}
}

// addPhrase compiles one phrase. A phrase that contains small words ("dont want to be here",
// "drinking too much") is matched word for word, small words included, since without them it
// would shrink to a single common word; other phrases are matched over content words.
func (n *Navigator) addPhrase(text string, kind phraseKind, ref int, label string) {
	n.addPhraseTokens(tokenize(text), kind, ref, label)
}

// addPhraseTokens is addPhrase over a phrase already split into words.
func (n *Navigator) addPhraseTokens(toks []token, kind phraseKind, ref int, label string) {
	hasStop := false
	for _, t := range toks {
		hasStop = hasStop || n.stop[t.word]
	}
	if hasStop && len(toks) > 1 {
		n.full.addTokens(toks, kind, ref, label, nil)
		return
	}
	n.m.addTokens(toks, kind, ref, label, n.stop)
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// Fallback returns the general options offered when nothing fits well: the navigators
// marked by the fallback topics, or, when private is true, the private options marked by the
// confidential fallback topics.
func (n *Navigator) Fallback(private bool) []*directory.Resource {
	list := n.fallback
	if private {
		list = n.private
	}
	out := make([]*directory.Resource, 0, len(list))
	for _, d := range list {
		out = append(out, n.resources[d])
	}
	return out
}

// Responders returns the emergency services, police first, then the other resources available around the
// clock, for a person who chose an emergency or a crisis.
func (n *Navigator) Responders() []*directory.Resource {
	var out []*directory.Resource
	for _, d := range n.respondersFor(nil, []string{"police", "medical", "fire"}) {
		out = append(out, n.resources[d])
	}
	for _, r := range n.resources {
		if !r.Emergency && r.Hours != nil && r.Hours.Always {
			out = append(out, r)
		}
	}
	return out
}

// UrgentTopic reports whether topic is one for which the emergency services and the options
// open around the clock come first (see [Signals.UrgentTopics]).
func (n *Navigator) UrgentTopic(topic string) bool {
	return contains(n.k.Signals.UrgentTopics, topic)
}
