package navigator

import (
	"cmp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

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
// that [Validate] refuses.
func (n *Navigator) Match(req Request, avail AvailabilityFunc) (*Answer, error) {
	if err := Validate(req.Text); err != nil {
		return nil, err
	}
	if req.Role != "" {
		if _, err := directory.ParseRole(string(req.Role)); err != nil {
			return nil, err
		}
	}
	limit := req.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	s := n.pool.get()
	defer n.pool.put(s)
	rd := n.read(s, req.Text)
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
	if len(rd.rules) > 0 {
		ans.Understood.Emergency = make([]string, len(rd.rules))
		for i, ri := range rd.rules {
			ans.Understood.Emergency[i] = n.k.Emergency.Rules[ri].ID
		}
		ans.Emergency, ans.Urgency = true, UrgencyEmergency
	}

	n.score(s, rd)
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
	slices.SortStableFunc(cands, func(a, b int32) int { return byScoreDesc(s.score[a], s.score[b]) })

	var best float32
	if len(cands) > 0 {
		best = s.score[cands[0]]
	}
	order := s.order[:0]
	if ans.Emergency {
		// The emergency services serve everyone, so no role filter applies.
		for _, ri := range rd.rules {
			order = appendUnique(order, n.ruleDocs[ri]...)
		}
	}
	if best < goodMatch {
		ans.NoGoodMatch = !ans.Emergency
		order = n.appendEligible(order, n.fallback, role)
	} else {
		relevant := s.relevant[:0]
		for _, d := range cands {
			if s.score[d] >= relevantShare*best {
				relevant = append(relevant, d)
			}
		}
		if wish != "" && !ans.Emergency {
			relevant = n.privateFirst(s, relevant, cands, role, wish)
		}
		order = appendUnique(order, relevant...)
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
		for i, d := range order {
			var openNow *bool
			if open != nil {
				openNow = &open[i]
			}
			ans.Results[i] = n.result(s, rd, d, req, avail, wish, role, ans, whys[len(whys):], openNow)
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

// score fills s.score with topic fit, direct pointers, names and text relevance.
func (n *Navigator) score(s *scratch, rd *reading) {
	for i, ch := range rd.concepts {
		stamp := int32(i + 1)
		for _, ct := range n.conceptTopics[ch.concept] {
			for _, p := range ct.docs {
				v := float32(ct.weight) * p.affinity * wConcept
				s.touch(p.doc)
				if s.stamp[p.doc] != stamp {
					s.stamp[p.doc], s.concept[p.doc] = stamp, v
					s.score[p.doc] += v
				} else if v > s.concept[p.doc] {
					s.score[p.doc] += v - s.concept[p.doc]
					s.concept[p.doc] = v
				}
			}
		}
		for _, dw := range n.conceptDocs[ch.concept] {
			s.touch(dw.doc)
			s.score[dw.doc] += dw.weight * wDirect
			if s.stamp[dw.doc] != stamp {
				s.stamp[dw.doc], s.concept[dw.doc] = stamp, 0
			}
			s.concept[dw.doc] += dw.weight * wDirect
		}
		// Remember, per document, the concept that contributed most, for "why".
		for _, ct := range n.conceptTopics[ch.concept] {
			for _, p := range ct.docs {
				n.noteWhy(s, p.doc, i)
			}
		}
		for _, dw := range n.conceptDocs[ch.concept] {
			n.noteWhy(s, dw.doc, i)
		}
	}
	for _, d := range rd.named {
		s.touch(d)
		if !s.named[d] {
			s.named[d] = true
			s.score[d] += wName
		}
	}
	n.scoreText(s, rd)
}

func (n *Navigator) noteWhy(s *scratch, doc int32, concept int) {
	if s.stamp[doc] == int32(concept+1) && s.concept[doc] > s.whyVal[doc] {
		s.why[doc], s.whyVal[doc] = int32(concept+1), s.concept[doc]
	}
}

// scoreText adds BM25 relevance over the resources' own words, saturated so that it can
// break ties and rescue a concern the vocabulary missed without outweighing topic fit.
func (n *Navigator) scoreText(s *scratch, rd *reading) {
	touch := func(d int32) { s.touch(d) }
	for _, st := range rd.contentStems {
		n.text.score(st, 1, s.text, touch)
	}
	for _, st := range rd.altStems {
		n.text.score(st, 0.5, s.text, touch)
	}
	for _, d := range s.touched {
		if t := s.text[d]; t > 0 {
			s.score[d] += wText * t / (t + textSaturate)
		}
	}
}

// candidates returns the best-scored documents the person is eligible for, at most
// candidatePool of them, best first. It selects with a small heap rather than sorting every
// touched document, so a query over a large directory stays cheap.
func (n *Navigator) candidates(s *scratch, role directory.Role) []int32 {
	h := docHeap(s.heap[:0])
	for _, d := range s.touched {
		sc := s.score[d]
		if sc <= 0 || (len(h) == candidatePool && sc <= s.score[h[0]]) {
			continue
		}
		if role != "" && !n.resources[d].Serves(role) {
			continue
		}
		h.push(d, s.score)
		if len(h) > candidatePool {
			h.pop(s.score)
		}
	}
	s.heap = []int32(h)
	slices.SortFunc(h, func(a, b int32) int {
		if c := byScoreDesc(s.score[a], s.score[b]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	return h
}

// docHeap is a min-heap of documents by score.
type docHeap []int32

func (h *docHeap) push(d int32, score []float32) {
	*h = append(*h, d)
	a := *h
	for i := len(a) - 1; i > 0; {
		p := (i - 1) / 2
		if !less(a[i], a[p], score) {
			break
		}
		a[i], a[p] = a[p], a[i]
		i = p
	}
}

func (h *docHeap) pop(score []float32) {
	a := *h
	last := len(a) - 1
	a[0] = a[last]
	a = a[:last]
	for i := 0; ; {
		l, r, m := 2*i+1, 2*i+2, i
		if l < len(a) && less(a[l], a[m], score) {
			m = l
		}
		if r < len(a) && less(a[r], a[m], score) {
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
func less(a, b int32, score []float32) bool {
	if score[a] != score[b] {
		return score[a] < score[b]
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
