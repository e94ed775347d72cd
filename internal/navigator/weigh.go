package navigator

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"signpost/internal/concern"
	"signpost/internal/directory"
)

// weighAvailability lifts what is open now and lowers what is known to be closed, when the
// need is urgent or the person speaks of a time.
func (n *Navigator) weighAvailability(s *scratch, cands []int32, req Request, avail AvailabilityFunc, urgent bool) {
	if avail == nil {
		return
	}
	for _, d := range cands {
		known, open, _ := avail(n.resources[d], req.At)
		switch {
		case !known:
		case open:
			if urgent {
				s.docs[d].score += wOpenNow
			} else {
				s.docs[d].score += wOpenNow / 4
			}
		default:
			if urgent {
				s.docs[d].score += wClosedNow
			} else {
				s.docs[d].score += wClosedNow / 2
			}
		}
	}
}

// weighConfidentiality lifts private options when the person asked for them.
func (n *Navigator) weighConfidentiality(s *scratch, cands []int32, wish string) {
	if wish == "" {
		return
	}
	for _, d := range cands {
		c := n.resources[d].Confidentiality
		switch {
		case wish == string(directory.Anonymous) && c == directory.Anonymous:
			s.docs[d].score += wAnonymous
		case c.Private():
			s.docs[d].score += wPrivate
		}
	}
}

// privateFirst keeps reporting offices out of the first three places when the person asked
// for confidentiality: relevant private options come first; if fewer than three, less
// relevant private candidates and then the confidential general navigators fill in before
// any office that may have to act.
//
// A wish for confidentiality puts confidential resources before anonymous channels (which
// are ways to report); a wish for anonymity the other way round.
func (n *Navigator) privateFirst(s *scratch, relevant, all []int32, role directory.Role, wish string) []int32 {
	private, public := s.private[:0], s.public[:0]
	for _, d := range relevant {
		if n.resources[d].Confidentiality.Private() {
			private = append(private, d)
		} else {
			public = append(public, d)
		}
	}
	for _, d := range all {
		if len(private) >= 3 {
			break
		}
		if n.resources[d].Confidentiality.Private() {
			private = appendUnique(private, d)
		}
	}
	for _, list := range [2][]int32{n.fallback, n.private} {
		for _, d := range list {
			if len(private) >= 3 {
				break
			}
			if (role == "" || n.resources[d].Serves(role)) && n.resources[d].Confidentiality.Private() {
				private = appendUnique(private, d)
			}
		}
	}
	first := directory.Confidential
	if wish == string(directory.Anonymous) {
		first = directory.Anonymous
		if !slices.ContainsFunc(private, func(d int32) bool { return n.resources[d].Confidentiality == directory.Anonymous }) {
			for _, d := range n.anonymous {
				if role == "" || n.resources[d].Serves(role) {
					private = append(private, d)
					break
				}
			}
		}
	}
	slices.SortStableFunc(private, func(a, b int32) int {
		switch ca, cb := n.resources[a].Confidentiality, n.resources[b].Confidentiality; {
		case ca == first && cb != first:
			return -1
		case cb == first && ca != first:
			return 1
		}
		return 0
	})
	s.public = public[:0]
	out := append(private, public...)
	s.private = out[:0]
	return out
}

// understoodTopics lists the topics read in the concern, strongest first.
func (n *Navigator) understoodTopics(s *scratch, rd *reading) []UnderstoodTopic {
	// Sum each topic's weight over the concepts, in order of first mention; a concern names
	// few topics, so a list beats a map.
	sums := s.topics[:0]
	nwords := 0
	for _, ch := range rd.concepts {
		for _, ct := range n.conceptTopics[ch.concept] {
			if !ct.known {
				continue
			}
			i := slices.IndexFunc(sums, func(t topicSum) bool { return t.id == ct.id })
			if i < 0 {
				i = len(sums)
				sums = append(sums, topicSum{id: ct.id, name: ct.name})
			}
			sums[i].weight += ct.weight
			nwords += len(ch.words)
		}
	}
	s.topics = sums[:0]
	slices.SortFunc(sums, func(a, b topicSum) int {
		if a.weight != b.weight {
			if a.weight > b.weight {
				return -1
			}
			return 1
		}
		return strings.Compare(a.id, b.id)
	})
	out := make([]UnderstoodTopic, len(sums))
	words := make([]string, 0, nwords)
	for i, t := range sums {
		start := len(words)
		for _, ch := range rd.concepts {
			if !slices.ContainsFunc(n.conceptTopics[ch.concept], func(ct conceptTopic) bool { return ct.id == t.id }) {
				continue
			}
			for _, w := range ch.words {
				if !contains(words[start:], w) {
					words = append(words, w)
				}
			}
		}
		out[i] = UnderstoodTopic{ID: t.id, Name: t.name, Words: words[start:len(words):len(words)]}
	}
	return out
}

// answering is what a query carries while its results are written: the concern as read, the
// request, and the answer so far.
type answering struct {
	s     *scratch
	rd    *reading
	cr    *concern.Reading
	p     *LanguagePack
	req   Request
	avail AvailabilityFunc
	wish  string
	role  directory.Role
	ans   *Answer
}

// result builds resource d's result with its reasons. why is an empty slice to append the
// reasons to; open, when availability is asked, is where to keep the result's AvailableNow.
func (n *Navigator) result(q *answering, d int32, why []string, open *bool) Result {
	s, rd, cr, p, req, avail, wish, role, ans := q.s, q.rd, q.cr, q.p, q.req, q.avail, q.wish, q.role, q.ans
	r := n.resources[d]
	res := Result{Resource: r, Score: float64(s.docs[d].score)}
	if avail != nil {
		known, isOpen, next := avail(r, req.At)
		if known {
			*open = isOpen
			res.AvailableNow = open
		}
		res.NextChange = next
	}
	if ans.Emergency && r.Emergency {
		e := cr.Emergencies[0]
		line := e.Why
		if p != nil {
			line = n.reader.Why(e.ID, p.Lang)
		}
		why = append(why, emergencyLine(p, line, r))
	}
	if s.docs[d].named {
		why = append(why, msg(p, "named", "You named %s.", r.Name))
	} else if o := s.docs[d].org; o > 0 {
		why = append(why, msg(p, "organization", "It is part of %s, which you named.", n.orgs[o-1].name))
	}
	if ci := s.docs[d].why; ci > 0 {
		if p != nil {
			why = append(why, n.translatedReasons(p, r, &rd.concepts[ci-1]))
		} else {
			why = append(why, n.mentionLine(r, rd.concepts[ci-1]))
		}
	}
	// Every result says why it is there, even those that came in without a matched concept.
	switch {
	case len(why) > 0:
	case ans.NoGoodMatch || containsDoc(n.fallback, d):
		why = append(why, msg(p, "fallback", "We could not tell which service fits best; %s helps people find the right one.", r.Name))
	case s.docs[d].text > 0:
		why = append(why, msg(p, "text_match", "Its description matches words you used: %s", summaryLine(p, r)))
	case containsDoc(n.afterHours, d):
		why = append(why, msg(p, "after_hours", "%s is available now, when most offices are closed.", r.Name))
	default:
		why = append(why, summaryLine(p, r))
	}
	switch {
	case wish == string(directory.Anonymous) && r.Confidentiality == directory.Anonymous:
		why = append(why, msg(p, "anon_asked", "Offers an anonymous option, as you asked."))
	case wish != "" && r.Confidentiality == directory.Confidential:
		why = append(why, msg(p, "conf_asked", "Confidential, as you asked."))
	case wish != "" && r.Confidentiality == directory.Anonymous:
		why = append(why, msg(p, "anon_offered", "Offers an anonymous option."))
	case wish != "" && !ans.Emergency:
		why = append(why, msg(p, "not_private", "Not confidential: it may have to act on what you tell it."))
	}
	if role != "" {
		if p != nil {
			why = append(why, msg(p, "serves", "Serves %s.", audienceName(p, r.Audience)))
		} else {
			why = append(why, n.servesLine(r.Audience))
		}
	}
	if res.AvailableNow != nil && (ans.Urgency != UrgencyRoutine || len(rd.timeWords) > 0) {
		if *res.AvailableNow {
			why = append(why, msg(p, "available_now", "Available now."))
		} else if res.NextChange != nil {
			why = append(why, msg(p, "closed_opens", "Closed now; opens %s.", res.NextChange.Format("Mon Jan 2, 3:04 PM")))
		}
	}
	res.Why = why
	return res
}

func containsDoc(list []int32, d int32) bool {
	for _, x := range list {
		if x == d {
			return true
		}
	}
	return false
}

// emergencyLine is a rule's sentence followed by the emergency number of r, from its own
// contacts.
func emergencyLine(p *LanguagePack, ruleWhy string, r *directory.Resource) string {
	var campus, phone string
	for _, c := range r.Contacts {
		switch {
		case c.Kind == directory.ContactPhone && c.Purpose == directory.PurposeCampus && campus == "":
			campus = c.Value
		case c.Kind == directory.ContactPhone && c.Purpose == directory.PurposeEmergency && phone == "" && c.Value != "":
			phone = c.Value
		case c.Kind == directory.ContactPhone && c.Purpose == directory.PurposeGeneral && phone == "" && c.Value != "":
			phone = c.Value
		}
	}
	switch {
	case phone != "" && campus != "":
		return strings.TrimSpace(ruleWhy + " " + msg(p, "call_now_short", "Call %s now (or dial %s from a campus phone).", phone, campus))
	case phone != "":
		return strings.TrimSpace(ruleWhy + " " + msg(p, "call_now", "Call %s now.", phone))
	}
	return strings.TrimSpace(ruleWhy)
}

// mentionLine says which words pointed at the concept and what r does for it, from the
// concept's topics r has: "You mentioned L (“w1”, “w2”): R helps with a and b.". It is built
// in one buffer, being the one reason nearly every result gives.
func (n *Navigator) mentionLine(r *directory.Resource, ch conceptHit) string {
	label := n.k.Vocabulary.Concepts[ch.concept].Label
	if label == "" {
		label = ch.words[0]
	}
	topics := n.conceptTopics[ch.concept]
	// The exact length, so that the line is one allocation of its own size.
	size := len("You mentioned  (“”): ") + len(label) + len(r.Name) + len("”, “")*(len(ch.words)-1)
	for _, w := range ch.words {
		size += len(w)
	}
	named := 0
	for _, ct := range topics {
		if contains(n.topicsOfResource(r), ct.id) {
			size += len(ct.lower)
			named++
		}
	}
	switch {
	case named > 0:
		size += len(" helps with .") + len(" and ")*(named-1)
	case r.Summary != "":
		size += len(": ") + len(r.Summary)
	default:
		size += len(".")
	}
	var b strings.Builder
	b.Grow(size)
	b.WriteString("You mentioned ")
	b.WriteString(label)
	b.WriteString(" (“")
	for i, w := range ch.words {
		if i > 0 {
			b.WriteString("”, “")
		}
		b.WriteString(w)
	}
	b.WriteString("”): ")
	// helps with: the concept's topics r has, or else r's summary.
	written := 0
	for _, ct := range topics {
		if !contains(n.topicsOfResource(r), ct.id) {
			continue
		}
		if written == 0 {
			b.WriteString(r.Name)
			b.WriteString(" helps with ")
		} else {
			b.WriteString(" and ")
		}
		b.WriteString(ct.lower)
		written++
	}
	if named > 0 {
		b.WriteString(".")
	} else {
		b.WriteString(r.Name)
		if r.Summary != "" {
			b.WriteString(": ")
			b.WriteString(r.Summary)
		} else {
			b.WriteString(".")
		}
	}
	return b.String()
}

// servesLine is the reason naming an audience, made once per audience.
func (n *Navigator) servesLine(a directory.Audience) string {
	if line, ok := n.serves[a]; ok {
		return line
	}
	return "Serves " + lowerFirst(a.Label()) + "."
}

// summaryLine is "Name: summary", with the summary in the pack's language when the resource
// has it translated, or "Name." without a summary.
func summaryLine(p *LanguagePack, r *directory.Resource) string {
	if sum, _ := r.SummaryIn(p.lang()); sum != "" {
		return r.Name + ": " + sum
	}
	return r.Name + "."
}

// offerAfterHours lifts the after-hours responders that are available now (and that the person
// is eligible for) to at least share × the best score: near the top when the need is urgent or
// the person speaks of the night, the weekend or a holiday (office-hours services cannot help
// then), and into the list when the need is one they take.
func (n *Navigator) offerAfterHours(s *scratch, cands []int32, req Request, avail AvailabilityFunc, role directory.Role, share float32) []int32 {
	if avail == nil || len(cands) == 0 {
		return cands
	}
	best := s.docs[cands[0]].score
	for _, d := range n.afterHours {
		if role != "" && !n.resources[d].Serves(role) {
			continue
		}
		if known, open, _ := avail(n.resources[d], req.At); !known || !open {
			continue
		}
		s.touch(d)
		if floor := share * best; s.docs[d].score < floor {
			s.docs[d].score = floor
		}
		if !containsDoc(cands, d) {
			cands = append(cands, d)
		}
	}
	return cands
}

// topicsOfResource is topicsOf for a resource in hand.
func (n *Navigator) topicsOfResource(r *directory.Resource) []string {
	if len(r.Topics) > 0 {
		return r.Topics
	}
	return n.derived[r.ID]
}

// lowerFirst lower-cases the first letter of a label for the middle of a sentence, keeping
// names such as MIT as they are: "All members of the MIT community" → "all members of the
// MIT community".
func lowerFirst(s string) string {
	r, size := utf8.DecodeRuneInString(s)
	if size == 0 || (len(s) > size && unicode.IsUpper(rune(s[size]))) {
		return s // an acronym first: "MIT faculty"
	}
	return string(unicode.ToLower(r)) + s[size:]
}
