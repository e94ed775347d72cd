package navigator

import (
	"fmt"
	"slices"
	"sort"
	"strings"

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
				s.score[d] += wOpenNow
			} else {
				s.score[d] += wOpenNow / 4
			}
		default:
			if urgent {
				s.score[d] += wClosedNow
			} else {
				s.score[d] += wClosedNow / 2
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
			s.score[d] += wAnonymous
		case c.Private():
			s.score[d] += wPrivate
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
func (n *Navigator) privateFirst(relevant, all []int32, role directory.Role, wish string) []int32 {
	var private, public []int32
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
	for _, d := range n.eligible(slices.Concat(n.fallback, n.private), role) {
		if len(private) >= 3 {
			break
		}
		if n.resources[d].Confidentiality.Private() {
			private = appendUnique(private, d)
		}
	}
	first := directory.Confidential
	if wish == string(directory.Anonymous) {
		first = directory.Anonymous
	}
	sort.SliceStable(private, func(i, j int) bool {
		return n.resources[private[i]].Confidentiality == first && n.resources[private[j]].Confidentiality != first
	})
	return append(private, public...)
}

// understoodTopics lists the topics read in the concern, strongest first.
func (n *Navigator) understoodTopics(rd *reading) []UnderstoodTopic {
	weight := map[string]float64{}
	words := map[string][]string{}
	for _, ch := range rd.concepts {
		c := &n.k.Vocabulary.Concepts[ch.concept]
		for t, w := range c.Topics {
			if _, ok := n.topicName[t]; !ok {
				continue
			}
			weight[t] += w
			for _, word := range ch.words {
				if !contains(words[t], word) {
					words[t] = append(words[t], word)
				}
			}
		}
	}
	out := make([]UnderstoodTopic, 0, len(weight))
	for t := range weight {
		out = append(out, UnderstoodTopic{ID: t, Name: n.topicName[t], Words: words[t]})
	}
	sort.Slice(out, func(i, j int) bool {
		if weight[out[i].ID] != weight[out[j].ID] {
			return weight[out[i].ID] > weight[out[j].ID]
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// result builds one result with its reasons.
func (n *Navigator) result(s *scratch, rd *reading, d int32, req Request, avail AvailabilityFunc, wish string, role directory.Role, ans *Answer) Result {
	r := n.resources[d]
	res := Result{Resource: r, Score: float64(s.score[d])}
	if avail != nil {
		known, open, next := avail(r, req.At)
		if known {
			res.AvailableNow = &open
		}
		res.NextChange = next
	}
	var why []string
	if ans.Emergency && r.Emergency {
		for _, ri := range rd.rules {
			if rule := n.k.Emergency.Rules[ri]; containsDoc(n.ruleDocs[ri], d) {
				why = append(why, strings.TrimSpace(rule.Why+" "+callLine(r)))
				break
			}
		}
	}
	if s.named[d] {
		why = append(why, fmt.Sprintf("You named %s.", r.Name))
	}
	if ci := s.why[d]; ci > 0 {
		ch := rd.concepts[ci-1]
		c := &n.k.Vocabulary.Concepts[ch.concept]
		label := c.Label
		if label == "" {
			label = ch.words[0]
		}
		why = append(why, "You mentioned "+label+" (“"+strings.Join(ch.words, "”, “")+"”): "+n.helpsWith(r, ch.concept))
	}
	// Every result says why it is there, even those that came in without a matched concept.
	switch {
	case len(why) > 0:
	case ans.NoGoodMatch || containsDoc(n.fallback, d):
		why = append(why, fmt.Sprintf("We could not tell which service fits best; %s helps people find the right one.", r.Name))
	case s.text[d] > 0:
		why = append(why, fmt.Sprintf("Its description matches words you used: %s", summaryOf(r)))
	case containsDoc(n.afterHours, d):
		why = append(why, r.Name+" is available now, when most offices are closed.")
	default:
		why = append(why, summaryOf(r))
	}
	switch {
	case wish == string(directory.Anonymous) && r.Confidentiality == directory.Anonymous:
		why = append(why, "Offers an anonymous option, as you asked.")
	case wish != "" && r.Confidentiality == directory.Confidential:
		why = append(why, "Confidential, as you asked.")
	case wish != "" && r.Confidentiality == directory.Anonymous:
		why = append(why, "Offers an anonymous option.")
	case wish != "" && !ans.Emergency:
		why = append(why, "Not confidential: it may have to act on what you tell it.")
	}
	if role != "" {
		why = append(why, fmt.Sprintf("Serves %s.", strings.ToLower(r.Audience.Label())))
	}
	if res.AvailableNow != nil && (ans.Urgency != UrgencyRoutine || len(rd.timeWords) > 0) {
		if *res.AvailableNow {
			why = append(why, "Available now.")
		} else if res.NextChange != nil {
			why = append(why, "Closed now; opens "+res.NextChange.Format("Mon Jan 2, 3:04 PM")+".")
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

// callLine names the emergency number of r, from its own contacts.
func callLine(r *directory.Resource) string {
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
		return fmt.Sprintf("Call %s now (or dial %s from a campus phone).", phone, campus)
	case phone != "":
		return fmt.Sprintf("Call %s now.", phone)
	}
	return ""
}

// helpsWith says what r does for the concept, from the concept's topics r has.
func (n *Navigator) helpsWith(r *directory.Resource, concept int) string {
	var names []string
	for _, ct := range n.conceptTopics[concept] {
		if contains(r.Topics, ct.id) {
			names = append(names, n.topicLower[ct.id])
		}
	}
	if len(names) == 0 {
		return summaryOf(r)
	}
	return r.Name + " helps with " + strings.Join(names, " and ") + "."
}

func summaryOf(r *directory.Resource) string {
	if r.Summary != "" {
		return r.Name + ": " + r.Summary
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
	best := s.score[cands[0]]
	for _, d := range n.eligible(n.afterHours, role) {
		if known, open, _ := avail(n.resources[d], req.At); !known || !open {
			continue
		}
		s.touch(d)
		if floor := share * best; s.score[d] < floor {
			s.score[d] = floor
		}
		if !containsDoc(cands, d) {
			cands = append(cands, d)
		}
	}
	return cands
}
