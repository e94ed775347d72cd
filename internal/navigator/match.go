package navigator

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"signpost/internal/concern"
	"signpost/internal/directory"
)

// Score weights. Topic fit from the vocabulary leads; a resource named outright or pointed at
// by a concept comes next; the resource's own text breaks ties and catches what the
// vocabulary lacks.
const (
	wConcept      = 1.0
	wDirect       = 1.0
	wName         = 1.6
	wText         = 0.9
	textSaturate  = 3.0
	wPrivate      = 0.7
	wAnonymous    = 1.0
	wOpenNow      = 0.6
	wClosedNow    = -0.4
	goodMatch     = 0.5 // below this best score, nothing fits well
	relevantShare = 0.3 // a result must reach this share of the best score
	candidatePool = 24
)

// Validate checks a concern's text: not empty, not over [MaxConcernBytes], valid UTF-8.
// Errors never quote the text.
func Validate(text string) error {
	switch {
	case !utf8.ValidString(text):
		return directory.Errorf(directory.EInvalid, "The concern is not valid UTF-8 text.")
	case len(text) > MaxConcernBytes:
		return directory.Errorf(directory.ETooLarge, "The concern is too long: please keep it under %d characters.", MaxConcernBytes)
	case strings.TrimFunc(text, func(r rune) bool { return unicode.IsSpace(r) || unicode.IsControl(r) }) == "":
		return directory.Errorf(directory.EInvalid, "Please describe what is going on: the concern is empty.")
	}
	return nil
}

// Match answers req. avail reports availability; it may be nil (then availability is
// unknown). It returns an [directory.EInvalid] or [directory.ETooLarge] error for a concern
// that [Validate] refuses or an unknown role, checked here unless [Fields.Request] built req.
func (n *Navigator) Match(req Request, avail AvailabilityFunc) (*Answer, error) {
	if err := req.check(); err != nil {
		return nil, err
	}
	limit := req.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	s := n.pool.get()
	defer n.pool.put(s)
	cr := n.reader.Read(req.Text, req.Lang)
	// Pack stemmers read only the concern's main language and the one asked for: the
	// reader applies other lexicons on slight evidence, and a stemmer reads any word as
	// its own ("mess" as the French "messe").
	langs := []string{cr.Language, req.Lang}
	rd := n.read(s, req.Text, langs)
	ans := &Answer{Urgency: UrgencyRoutine, Understood: Understood{TimeWords: rd.timeWords, Topics: n.understoodTopics(s, rd)}}
	role := req.Role
	switch {
	case role != "":
		ans.Understood.Role, ans.Understood.RoleSource = role, "stated"
	case rd.role != "":
		role = rd.role
		ans.Understood.Role, ans.Understood.RoleSource = role, "inferred"
	}
	wish := rd.confWish
	if req.Confidential && wish == "" {
		wish = string(directory.Confidential)
	}
	ans.Understood.Confidentiality = wish
	urgent := req.Urgent || (rd.urgent && !rd.negated)
	if urgent {
		ans.Urgency = UrgencyUrgent
	}
	ans.Understood.Language = cr.Language
	// The reasons come in the language asked for, else in the concern's when a pack has it.
	p := n.pack(req.Lang)
	if req.Lang == "" {
		p = n.pack(cr.Language)
	}
	if p != nil {
		ans.Lang = p.Lang
		for i, t := range ans.Understood.Topics {
			if name, ok := p.Topics[t.ID]; ok {
				ans.Understood.Topics[i].Name = name
			}
		}
	}
	ans.LanguageNotCovered = !cr.Covered
	if len(cr.Emergencies) > 0 {
		ans.Understood.Emergency = make([]string, len(cr.Emergencies))
		for i, e := range cr.Emergencies {
			ans.Understood.Emergency[i] = e.ID
		}
		ans.Emergency, ans.Urgency = true, UrgencyEmergency
	}

	n.score(s, rd, cr)
	n.scoreDangers(s, cr, len(rd.concepts))
	cands := n.candidates(s, role)
	if urgent || ans.Emergency || len(rd.timeWords) > 0 {
		n.weighAvailability(s, cands, req, avail, urgent || ans.Emergency)
	}
	switch {
	case urgent || len(rd.timeWords) > 0:
		cands = n.offerAfterHours(s, cands, req, avail, role, 0.95)
	case n.afterHoursNeed(ans.Understood.Topics):
		cands = n.offerAfterHours(s, cands, req, avail, role, 0.7)
	}
	n.weighConfidentiality(s, cands, wish)
	slices.SortStableFunc(cands, func(a, b int32) int { return byScoreDesc(s.docs[a].score, s.docs[b].score) })

	var best float32
	if len(cands) > 0 {
		best = s.docs[cands[0]].score
	}
	order := s.order[:0]
	if ans.Emergency {
		// The emergency services serve everyone, so no role filter applies.
		for _, e := range cr.Emergencies {
			order = n.respondersFor(order, e.Responders)
		}
	}
	if best < goodMatch || (ans.LanguageNotCovered && !ans.Emergency) {
		ans.NoGoodMatch = !ans.Emergency
		if wish != "" && !ans.Emergency {
			// A wish for confidentiality or anonymity is understood even when the concern is
			// not: the options that keep it come first.
			order = appendUnique(order, n.privateFirst(s, nil, cands, role, wish)...)
		}
		order = n.appendEligible(order, n.fallback, role)
	} else {
		relevant := s.relevant[:0]
		for _, d := range cands {
			if s.docs[d].score >= relevantShare*best {
				relevant = append(relevant, d)
			}
		}
		if wish != "" && !ans.Emergency {
			relevant = n.privateFirst(s, relevant, cands, role, wish)
		}
		order = appendUnique(order, relevant...)
		if wish == "" && !ans.Emergency {
			order = n.coverNeeds(s, rd, cr, order, cands, best)
		}
	}
	s.order = order[:0]
	if len(order) > limit {
		order = order[:limit]
	}
	if len(order) > 0 {
		ans.Results = make([]Result, len(order))
		// One array for every result's AvailableNow, and one, below, for their reasons.
		var open []bool
		if avail != nil {
			open = make([]bool, len(order))
		}
		// The reasons are gathered in the scratch, then moved out in one piece of their size.
		whys := s.whys[:0]
		q := &answering{s: s, rd: rd, cr: cr, p: p, req: req, avail: avail, wish: wish, role: role, ans: ans}
		for i, d := range order {
			var openNow *bool
			if open != nil {
				openNow = &open[i]
			}
			ans.Results[i] = n.result(q, d, whys[len(whys):], openNow)
			whys = append(whys, ans.Results[i].Why...)
		}
		all := make([]string, len(whys))
		copy(all, whys)
		for i := range ans.Results {
			k := len(ans.Results[i].Why)
			ans.Results[i].Why, all = all[:k:k], all[k:]
		}
		s.whys = whys[:0]
	}
	return ans, nil
}

// secondTopic is the share a concept's further topics add to a resource's fit.
const secondTopic = 0.5

// specificity weighs a concept by its longest matched phrase: "credit card for personal
// purchases" says more than "manager".
func specificity(words []string) float32 {
	longest := 1
	for _, w := range words {
		longest = max(longest, strings.Count(w, " ")+1)
	}
	return min(1+0.15*float32(longest-1), 1.6)
}

// byScoreDesc orders scores from high to low, for slices.SortFunc; equal scores compare equal.
func byScoreDesc(a, b float32) int {
	switch {
	case a > b:
		return -1
	case a < b:
		return 1
	}
	return 0
}

// afterHoursNeed reports whether the concern is about a need the after-hours responders take.
func (n *Navigator) afterHoursNeed(topics []UnderstoodTopic) bool {
	for _, t := range topics {
		if contains(n.k.Signals.AfterHoursTopics, t.ID) {
			return true
		}
	}
	return false
}

// score fills s.docs with topic fit, direct pointers, names and text relevance (saturated
// by candidates).
func (n *Navigator) score(s *scratch, rd *reading, cr *concern.Reading) {
	meta := n.metaWeight(cr)
	for i, ch := range rd.concepts {
		stamp := int32(i + 1)
		spec := specificity(ch.words)
		if n.metaConcept[ch.concept] {
			spec *= meta
		}
		for _, ct := range n.conceptTopics[ch.concept] {
			for _, p := range ct.docs {
				v := float32(ct.weight) * p.affinity * wConcept * spec
				ds := s.touch(p.doc)
				if ds.stamp != stamp {
					ds.stamp, ds.concept = stamp, v
					ds.score += v
					continue
				}
				// A resource that has more of the concept's topics fits it better: the best
				// topic counts fully, each further one by half.
				c := max(ds.concept, v) + secondTopic*min(ds.concept, v)
				ds.score += c - ds.concept
				ds.concept = c
			}
		}
		for _, dw := range n.conceptDocs[ch.concept] {
			ds := s.touch(dw.doc)
			ds.score += dw.weight * wDirect
			if ds.stamp != stamp {
				ds.stamp, ds.concept = stamp, 0
			}
			ds.concept += dw.weight * wDirect
		}
		// Remember, per document, the concept that contributed most, for "why".
		for _, ct := range n.conceptTopics[ch.concept] {
			for _, p := range ct.docs {
				s.docs[p.doc].noteWhy(stamp)
			}
		}
		for _, dw := range n.conceptDocs[ch.concept] {
			s.docs[dw.doc].noteWhy(stamp)
		}
	}
	for _, d := range rd.named {
		if ds := s.touch(d); !ds.named {
			ds.named = true
			ds.score += wName
		}
	}
	for _, o := range rd.orgs {
		for _, d := range n.orgs[o].docs {
			if ds := s.touch(d); ds.org == 0 {
				ds.org = int16(o) + 1
				ds.score += wOrganization
			}
		}
	}
	n.scoreText(s, rd)
}

// Weights of the topics of a danger read in a concern: full when it is happening now, less
// when it is past, hypothetical, negated or resolved (a fire that is out is still a matter
// for safety), none when it is a figure of speech.
const (
	wDangerNow   = 1.0
	wDangerOther = 0.6
)

// scoreDangers adds the topics of the dangers the concern names, after the vocabulary's
// concepts (stamps from after), without becoming anyone's "why".
func (n *Navigator) scoreDangers(s *scratch, cr *concern.Reading, after int) {
	for i, f := range cr.Concepts {
		if f.Figurative || f.Kind != concern.KindDanger {
			continue
		}
		w := float32(wDangerOther)
		if f.Present() {
			w = wDangerNow
		}
		if asked(f) {
			n.liftResponder(s, f.Concept)
		}
		stamp := int32(after + i + 1)
		for _, ct := range n.dangerTopics[f.Concept] {
			for _, p := range ct.docs {
				v := float32(ct.weight) * p.affinity * w
				ds := s.touch(p.doc)
				if ds.stamp != stamp {
					ds.stamp, ds.concept = stamp, v
					ds.score += v
				} else if v > ds.concept {
					ds.score += v - ds.concept
					ds.concept = v
				}
			}
		}
	}
}

// wAskedResponder lifts the first responder of a danger asked about ("who shows up if
// someone overdoses?", "if I see a gun on campus, do I call campus police or 911?"): they
// are the answer, although nothing is happening.
const wAskedResponder = 0.6

// asked reports whether a danger is asked about rather than told: hypothetical or
// conditional, and neither negated, a figure of speech nor in fiction or research (where the
// need is support: "my thesis is on gun violence and the interviews get to me").
func asked(f concern.Found) bool {
	if f.Figurative || slices.Contains(f.Context, concern.Negated) || slices.Contains(f.Context, concern.Fiction) {
		return false
	}
	return slices.Contains(f.Context, concern.Hypothetical) || slices.Contains(f.Context, concern.Conditional)
}

// liftResponder adds wAskedResponder to the directory's responders of the first kind the
// danger concept calls for, once per concern.
func (n *Navigator) liftResponder(s *scratch, concept string) {
	kinds := n.dangerResponders[concept]
	if len(kinds) == 0 {
		return
	}
	for _, rs := range n.responders {
		if !contains(rs.kinds, kinds[0]) {
			continue
		}
		if ds := s.touch(rs.doc); !ds.asked {
			ds.asked = true
			ds.score += wAskedResponder
		}
	}
}

// noteWhy makes the concept stamped stamp the document's reason if it contributed most.
func (ds *docScore) noteWhy(stamp int32) {
	if ds.stamp == stamp && ds.concept > ds.whyVal {
		ds.why, ds.whyVal = stamp, ds.concept
	}
}

// scoreText adds BM25 relevance over the resources' own words. candidates saturates it so
// that it can break ties and rescue a concern the vocabulary missed without outweighing
// topic fit.
func (n *Navigator) scoreText(s *scratch, rd *reading) {
	for _, st := range rd.contentStems {
		n.text.score(st, 1, s)
	}
	for _, st := range rd.altStems {
		n.text.score(st, 0.5, s)
	}
}

// candidates adds to each touched document's score its saturated text relevance, and returns
// the best-scored documents the person is eligible for, at most candidatePool of them, best
// first. It selects with a small heap rather than sorting every touched document, so a query
// over a large directory stays cheap.
func (n *Navigator) candidates(s *scratch, role directory.Role) []int32 {
	h := docHeap(s.heap[:0])
	for _, d := range s.touched[:s.nTouched] {
		// Saturating here saves a pass over the touched documents. A document without text
		// relevance adds 0 (a score is never -0), so none needs a branch the CPU cannot predict.
		ds := &s.docs[d]
		ds.score += wText * ds.text / (ds.text + textSaturate)
		sc := ds.score
		if sc <= 0 || (len(h) == candidatePool && sc <= s.docs[h[0]].score) {
			continue
		}
		if role != "" && !n.resources[d].Serves(role) {
			continue
		}
		h.push(d, s.docs)
		if len(h) > candidatePool {
			h.pop(s.docs)
		}
	}
	s.heap = []int32(h)
	slices.SortFunc(h, func(a, b int32) int {
		if c := byScoreDesc(s.docs[a].score, s.docs[b].score); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return h
}

// docHeap is a min-heap of documents by score.
type docHeap []int32

func (h *docHeap) push(d int32, docs []docScore) {
	*h = append(*h, d)
	a := *h
	for i := len(a) - 1; i > 0; {
		p := (i - 1) / 2
		if !less(a[i], a[p], docs) {
			break
		}
		a[i], a[p] = a[p], a[i]
		i = p
	}
}

func (h *docHeap) pop(docs []docScore) {
	a := *h
	last := len(a) - 1
	a[0] = a[last]
	a = a[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(a) && less(a[l], a[m], docs) {
			m = l
		}
		if r < len(a) && less(a[r], a[m], docs) {
			m = r
		}
		if m == i {
			break
		}
		a[i], a[m] = a[m], a[i]
		i = m
	}
	*h = a
}

// less orders by score, then prefers the earlier document, so ties are stable.
func less(a, b int32, docs []docScore) bool {
	if sa, sb := docs[a].score, docs[b].score; sa != sb {
		return sa < sb
	}
	return a > b
}

// appendEligible appends to list the docs the role is eligible for, once each.
func (n *Navigator) appendEligible(list, docs []int32, role directory.Role) []int32 {
	for _, d := range docs {
		if role == "" || n.resources[d].Serves(role) {
			list = appendUnique(list, d)
		}
	}
	return list
}

func appendUnique(list []int32, docs ...int32) []int32 {
	for _, d := range docs {
		found := false
		for _, x := range list {
			found = found || x == d
		}
		if !found {
			list = append(list, d)
		}
	}
	return list
}
