package web

import (
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"signpost/internal/catalog"
	"signpost/internal/directory"
	"signpost/internal/httperror"
	"signpost/internal/navigator"
)

// home shows the question.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	v := homeView{page: s.newPage(r, s.live.Current(), "home")}
	v.Title = v.T("home.title")
	v.Form.page = &v.page
	v.Form.Roles = roleOptions(&v.page, "")
	s.render(w, http.StatusOK, "home", &v, v.Lang)
}

// answer answers the POSTed concern with the navigator. A concern that is empty, too long or
// sent with a choice we do not know shows the question again, filled in, with a message.
func (s *Server) answer(w http.ResponseWriter, r *http.Request) {
	c := s.live.Current()
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := r.ParseForm(); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.askAgain(w, r, c, http.StatusRequestEntityTooLarge, "error.concern.long", askForm{}, "")
			return
		}
		s.askAgain(w, r, c, http.StatusBadRequest, "error.form", askForm{}, "")
		return
	}
	f := r.PostForm
	form := askForm{Concern: f.Get("q"), Confidential: f.Get("confidential") != "", Urgent: f.Get("urgent") != ""}
	// The form asks for the concern, the role and the two flags; the reasons come in the
	// page's language.
	fields := navigator.Fields{Q: f.Get("q"), Role: f.Get("role"), Confidential: f.Get("confidential"),
		Urgent: f.Get("urgent"), Lang: s.pageLang(r)}
	req, err := fields.Request(s.Now())
	if err == nil {
		form.Confidential, form.Urgent = req.Confidential, req.Urgent
		var ans *navigator.Answer
		if ans, err = c.Match(req); err == nil {
			s.results(w, r, c, req, ans, form)
			return
		}
	}
	key := "error.form"
	switch {
	case directory.ErrorCode(err) == directory.ETooLarge:
		key = "error.concern.long"
	case directory.ErrorCode(err) == directory.EInvalid && strings.TrimSpace(form.Concern) == "":
		key = "error.concern.empty"
	case directory.ErrorCode(err) != directory.EInvalid:
		s.fail(w, r, err)
		return
	}
	s.askAgain(w, r, c, httperror.Status(err), key, form, req.Role) // the role as sent, if it is one
}

// askAgain shows the question with the message of key and the form as it was sent, role
// selected.
func (s *Server) askAgain(w http.ResponseWriter, r *http.Request, c *catalog.Catalog, status int, key string, form askForm, role directory.Role) {
	v := homeView{page: s.newPage(r, c, "home"), Form: form}
	v.Title = v.T("home.title")
	v.Form.page = &v.page
	v.Form.Error = v.T(key)
	v.Form.Roles = roleOptions(&v.page, role)
	s.render(w, status, "home", &v, v.Lang)
}

// results shows the navigator's answer: an emergency banner first when there is one, the
// resources best first with their reasons, what was understood, and the form filled in so
// that the person can correct it. No link on the page carries the concern.
func (s *Server) results(w http.ResponseWriter, r *http.Request, c *catalog.Catalog, req navigator.Request, ans *navigator.Answer, form askForm) {
	v := resultsView{page: s.newPage(r, c, ""), Alarm: ans.Emergency,
		Urgent: ans.Urgency == navigator.UrgencyUrgent && !ans.Emergency, NoGoodMatch: ans.NoGoodMatch}
	v.Title, v.Heading, v.Lead = v.T("results.title"), v.T("results.title"), v.T("results.lead")
	if ans.NoGoodMatch {
		// Said once, plainly, in place of "best match first": these are general starting
		// points, not matches.
		v.NoMatchText, v.Lead = v.T("results.nomatch"), ""
	}
	if ans.LanguageNotCovered {
		// Said plainly rather than guessed: the general options, and the emergency strip,
		// which every page has.
		v.NoGoodMatch, v.NoMatchText = !ans.Emergency, v.T("results.language")
	}
	u := &understood{}
	for _, t := range ans.Understood.Topics {
		u.Topics = append(u.Topics, link{URL: v.Link("/resources?topic=" + url.QueryEscape(t.ID)), Label: v.data("topic."+t.ID, t.Name)})
	}
	if ans.Understood.Role != "" {
		u.Role, u.Inferred = v.T("role."+string(ans.Understood.Role)), ans.Understood.RoleSource == "inferred"
	}
	if ans.Understood.Confidentiality != "" {
		u.Conf = v.T("conf." + ans.Understood.Confidentiality)
	}
	v.Understood = u
	cards := make([]card, 0, len(ans.Results))
	ids := make([]string, 0, len(ans.Results))
	for _, res := range ans.Results {
		cd := v.card(c, res.Resource, req.At)
		cd.Why = res.Why
		if v.Foreign() && ans.Lang != v.Lang {
			cd.WhyLang = "en" // no language pack for the page's language: the reasons are the knowledge's own
		}
		if ans.NoGoodMatch {
			cd.Why = nil // the notice above says why these are shown; the summary says what each is
		}
		cards = append(cards, cd)
		ids = append(ids, res.Resource.ID)
	}
	v.List = cardList{page: &v.page, Cards: cards, Level: 2}
	if ans.Emergency {
		v.List.Level = 3 // under the heading that follows the banner
	}
	v.ShareURL = shareURL(ids, v.langParam)
	// The concern cannot follow a link: the other language shows the same list by its ids.
	v.SwitchURL = shareURL(ids, v.SwitchLang)
	// The correction form starts from what was understood, so that changing one answer is
	// one step.
	form.page = &v.page
	form.Roles = roleOptions(&v.page, ans.Understood.Role)
	form.Confidential = form.Confidential || ans.Understood.Confidentiality != ""
	v.Refine = &form
	s.render(w, http.StatusOK, "results", &v, v.Lang)
}

// shared shows a kept or shared list from resource ids alone: unknown ids are skipped, at
// most maxShared are shown, and a list with no known id is not found.
func (s *Server) shared(w http.ResponseWriter, r *http.Request) {
	c := s.live.Current()
	raw := r.URL.Query().Get("ids")
	if len(raw) > maxIDsParam {
		s.fail(w, r, directory.Errorf(directory.EInvalid, "The list names too many resources."))
		return
	}
	v := resultsView{page: s.newPage(r, c, "")}
	v.Title, v.Heading, v.Lead = v.T("shared.title"), v.T("shared.title"), v.T("shared.lead")
	now := s.Now()
	var cards []card
	var ids []string
	for _, id := range strings.Split(raw, ",") {
		id = strings.TrimSpace(id)
		if len(ids) == maxShared || slices.Contains(ids, id) {
			continue
		}
		if res, err := c.Resource(id); err == nil {
			cards = append(cards, v.card(c, res, now))
			ids = append(ids, res.ID)
		}
	}
	if len(ids) == 0 {
		s.fail(w, r, directory.Errorf(directory.ENotFound, "No such resources."))
		return
	}
	v.List = cardList{page: &v.page, Cards: cards, Level: 2}
	v.ShareURL = shareURL(ids, v.langParam)
	s.render(w, http.StatusOK, "results", &v, v.Lang)
}

// resource shows everything known about one resource.
func (s *Server) resource(w http.ResponseWriter, r *http.Request) {
	c := s.live.Current()
	res, err := c.Resource(r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	now := s.Now()
	v := resourceView{page: s.newPage(r, c, "browse"), R: res}
	v.Title = res.Name
	v.Card = v.card(c, res, now)
	var names []string
	if res.AlternateName != "" && res.AlternateName != res.Name {
		names = append(names, res.AlternateName)
	}
	names = append(names, res.Aliases...)
	if len(names) > 0 {
		v.Aka = v.Tf("resource.aka", strings.Join(names, ", "))
	}
	for i := range res.Contacts {
		v.Contacts = append(v.Contacts, v.contact(&res.Contacts[i]))
	}
	v.Status, v.StatusClass = v.status(c, res, now)
	v.Hours, v.HoursNotes = v.weekly(res.Hours), v.hoursNotes(res.Hours)
	// The hours in the source's words, and the source text itself, are shown only where they
	// add to what the page already says: the Dean on Call's hours were once stated four times.
	v.ShowHoursSrc = res.Hours != nil && res.Hours.Description != "" &&
		!strings.Contains(squash(res.Description), squash(res.Hours.Description))
	v.SourceRepeats = sourceRepeats(res)
	if res.Hours != nil {
		v.HoursSource = v.provenance(res.Hours.Source, res.Hours.AsOf)
	}
	v.Serves = v.data("audience."+string(res.Audience), res.Audience.Label())
	v.ConfLabel = v.T("conf." + string(res.Confidentiality))
	v.ConfExplain = v.data("conf.explain."+string(res.Confidentiality), res.Confidentiality.Explanation())
	for _, id := range res.Topics {
		if t, ok := c.Topic(id); ok {
			v.Topics = append(v.Topics, link{URL: v.Link("/resources?topic=" + url.QueryEscape(id)), Label: v.data("topic."+id, t.Name)})
		}
	}
	if d, err := time.Parse(time.DateOnly, res.Provenance.LastVerified); err == nil {
		v.Verified = v.Tf("resource.verified.on", v.date(d, true))
	}
	v.BackURL = v.Link("/resources")
	s.render(w, http.StatusOK, "resource", &v, v.Lang)
}

// browse lists the whole directory grouped by the source page's sections (who it is for) or
// by topic, narrowed by role, topic and confidentiality from a plain GET form.
func (s *Server) browse(w http.ResponseWriter, r *http.Request) {
	c := s.live.Current()
	q := r.URL.Query()
	var f directory.Filter
	var err error
	if x := q.Get("role"); x != "" {
		if f.Role, err = directory.ParseRole(x); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if x := q.Get("confidentiality"); x != "" {
		if f.Confidentiality, err = directory.ParseConfidentiality(x); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	topic := q.Get("topic")
	if _, ok := c.Topic(topic); topic != "" && !ok {
		s.fail(w, r, directory.Errorf(directory.EInvalid, "Unknown topic %q.", topic))
		return
	}
	by := q.Get("by")
	if by != "" && by != "topic" && by != "audience" {
		s.fail(w, r, directory.Errorf(directory.EInvalid, "Group by %q is not one of audience, topic.", by))
		return
	}
	byTopic := by == "topic"
	now := s.Now()
	v := browseView{page: s.newPage(r, c, "browse"), ByTopic: byTopic}
	v.Title, v.Wide = v.T("browse.title"), true

	topics := topicSet(c, topic)
	var found []*directory.Resource
	all := c.Resources()
	for i := range all {
		res := &all[i]
		if f.Match(res) && (topic == "" || hasTopic(res, topics)) {
			found = append(found, res)
		}
	}

	v.Roles = roleOptions(&v.page, f.Role)
	for _, t := range topicsInOrder(c) {
		v.Topics = append(v.Topics, option{Value: t.ID, Label: v.data("topic."+t.ID, t.Name), Selected: t.ID == topic})
	}
	for _, cf := range directory.Confidentialities {
		v.Confs = append(v.Confs, option{Value: string(cf), Label: v.T("conf." + string(cf)), Selected: cf == f.Confidentiality})
	}
	v.Filtered = f != (directory.Filter{}) || topic != ""
	if v.Filtered {
		v.Count = v.Tf("browse.count", strconv.Itoa(len(found)), strconv.Itoa(len(all)))
	} else {
		v.Count = v.Tf("browse.count.all", strconv.Itoa(len(all)))
	}
	keep := url.Values{}
	for _, k := range []string{"role", "topic", "confidentiality"} {
		if x := q.Get(k); x != "" {
			keep.Set(k, x)
		}
	}
	byAudience := v.Link(browseURL(keep))
	keep.Set("by", "topic")
	v.Groupings = []link{{URL: byAudience, Label: v.T("browse.byaudience"), Current: !byTopic},
		{URL: v.Link(browseURL(keep)), Label: v.T("browse.bytopic"), Current: byTopic}}
	if byTopic {
		v.ClearURL = v.Link("/resources?by=topic")
	} else {
		v.ClearURL = v.Link("/resources")
	}

	if byTopic {
		for _, t := range topicsInOrder(c) {
			if topic != "" && !topics[t.ID] {
				continue
			}
			g := group{ID: "topic-" + t.ID, Title: v.data("topic."+t.ID, t.Name), List: cardList{page: &v.page, Level: 3}}
			for _, res := range found {
				if slices.Contains(res.Topics, t.ID) {
					g.List.Cards = append(g.List.Cards, v.card(c, res, now))
				}
			}
			if len(g.List.Cards) > 0 {
				v.Groups = append(v.Groups, g)
			}
		}
	} else {
		index := map[string]int{}
		actionable := map[int]bool{}
		for _, res := range found {
			i, ok := index[res.Section]
			if !ok {
				i = len(v.Groups)
				index[res.Section] = i
				v.Groups = append(v.Groups, group{ID: "section-" + strconv.Itoa(i+1), Title: res.Section, List: cardList{page: &v.page, Level: 3}})
			}
			v.Groups[i].List.Cards = append(v.Groups[i].List.Cards, v.card(c, res, now))
			if res.Kind != directory.KindPerson {
				actionable[i] = true
			}
		}
		// Sections of named people only (a page's introduction naming its contacts) come
		// after the resources people can act on.
		slices.SortStableFunc(v.Groups, func(a, b group) int {
			ai, bi := actionable[index[a.Title]], actionable[index[b.Title]]
			switch {
			case ai && !bi:
				return -1
			case bi && !ai:
				return 1
			}
			return 0
		})
	}
	for _, g := range v.Groups {
		v.Jump = append(v.Jump, link{URL: "#" + g.ID, Label: g.Title})
	}
	s.render(w, http.StatusOK, "browse", &v, v.Lang)
}

func browseURL(q url.Values) string {
	if len(q) == 0 {
		return "/resources"
	}
	return "/resources?" + q.Encode()
}

// topicSet returns the topic id and the ids of every topic under it.
func topicSet(c *catalog.Catalog, id string) map[string]bool {
	set := map[string]bool{}
	if id == "" {
		return set
	}
	set[id] = true
	for grew := true; grew; {
		grew = false
		for _, t := range c.Topics() {
			if t.Parent != "" && set[t.Parent] && !set[t.ID] {
				set[t.ID], grew = true, true
			}
		}
	}
	return set
}

// topicsInOrder lists the topics in taxonomy order, each broad topic followed by the ones
// under it.
func topicsInOrder(c *catalog.Catalog) []directory.Topic {
	all := c.Topics()
	out := make([]directory.Topic, 0, len(all))
	seen := make(map[string]bool, len(all))
	var add func(parent string)
	add = func(parent string) {
		for _, t := range all {
			if t.Parent == parent && !seen[t.ID] {
				seen[t.ID] = true
				out = append(out, t)
				add(t.ID)
			}
		}
	}
	add("")
	// Topics under an unknown parent still belong in the list.
	for _, t := range all {
		if !seen[t.ID] {
			seen[t.ID] = true
			out = append(out, t)
			add(t.ID)
		}
	}
	return out
}

func hasTopic(r *directory.Resource, set map[string]bool) bool {
	for _, t := range r.Topics {
		if set[t] {
			return true
		}
	}
	return false
}

// guideSteps is how many questions the guided path asks.
const guideSteps = 3

// guide is the path for people who would rather click than type: who are you, what is it
// about, do you want confidentiality, then the resources. Each step is a GET form carrying
// the earlier answers, so it works without JavaScript and holds no free text.
func (s *Server) guide(w http.ResponseWriter, r *http.Request) {
	c := s.live.Current()
	q := r.URL.Query()
	role, topic, conf := q.Get("role"), q.Get("topic"), q.Get("confidential")
	if role != "" && role != "any" {
		if _, err := directory.ParseRole(role); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if _, ok := c.Topic(topic); topic != "" && !ok {
		s.fail(w, r, directory.Errorf(directory.EInvalid, "Unknown topic %q.", topic))
		return
	}
	if conf != "" && conf != "yes" && conf != "no" {
		s.fail(w, r, directory.Errorf(directory.EInvalid, "Confidential must be yes or no."))
		return
	}
	if role != "" && topic != "" && conf != "" {
		s.guideResults(w, r, c, role, topic, conf == "yes")
		return
	}
	v := guideView{page: s.newPage(r, c, "guide"), Steps: guideSteps}
	v.Title = v.T("guide.title")
	v.Submit = v.T("guide.next")
	switch {
	case role == "":
		v.Step, v.Question, v.Field, v.BackURL = 1, v.T("guide.who"), "role", v.Link("/")
		v.Options = append(roleOptions(&v.page, ""), option{Value: "any", Label: v.T("guide.who.any")})
	case topic == "":
		v.Step, v.Question, v.Field, v.BackURL = 2, v.T("guide.what"), "topic", v.Link("/guide")
		v.Hidden = []hidden{{"role", role}}
		var last []option
		for _, t := range topicsInOrder(c) {
			o := option{Value: t.ID, Label: v.data("topic."+t.ID, t.Name)}
			switch t.ID {
			case "emergency": // the strip and the question answer emergencies
			case "getting-started":
				last = append(last, o)
			default:
				v.Options = append(v.Options, o)
			}
		}
		v.Options = append(v.Options, last...)
	default:
		v.Step, v.Question, v.Field, v.BackURL = 3, v.T("guide.conf"), "confidential", v.Link("/guide?role="+url.QueryEscape(role))
		v.Hidden = []hidden{{"role", role}, {"topic", topic}}
		v.Options = []option{{Value: "yes", Label: v.T("guide.conf.yes")}, {Value: "no", Label: v.T("guide.conf.no")}}
		v.Submit = v.T("guide.show")
	}
	s.render(w, http.StatusOK, "guide", &v, v.Lang)
}

// guideResults lists the resources that serve role, help with topic (or a topic under it) and,
// when private is set, are confidential or anonymous: the ones made for the role first, then
// directory order. When none fits, it says so and offers the general navigators.
func (s *Server) guideResults(w http.ResponseWriter, r *http.Request, c *catalog.Catalog, role, topic string, private bool) {
	var f directory.Filter
	if role != "any" {
		f.Role = directory.Role(role)
	}
	fits := func(res *directory.Resource) bool {
		return f.Match(res) && (!private || res.Confidentiality.Private())
	}
	topics := topicSet(c, topic)
	var found []*directory.Resource
	all := c.Resources()
	for i := range all {
		if res := &all[i]; fits(res) && hasTopic(res, topics) {
			found = append(found, res)
		}
	}
	if f.Role != "" {
		// A resource for fewer roles is more likely made for this one.
		slices.SortStableFunc(found, func(a, b *directory.Resource) int {
			return len(a.Audience.Roles()) - len(b.Audience.Roles())
		})
	}
	v := resultsView{page: s.newPage(r, c, "guide")}
	v.Title, v.Heading = v.T("guide.results"), v.T("guide.results")
	if len(found) == 0 {
		v.NoGoodMatch, v.NoMatchText = true, v.T("guide.nomatch")
	}
	if len(found) <= 1 {
		// One answer is too few when others could help: the general options follow it.
		for _, res := range c.Navigator().Fallback(private) {
			if fits(res) && !slices.Contains(found, res) {
				found = append(found, res)
			}
		}
	}
	if c.Navigator().UrgentTopic(topic) {
		// A crisis comes first to the emergency services and what is open around the clock,
		// whoever asks and whatever they chose.
		first := c.Navigator().Responders()
		for _, res := range found {
			if !slices.Contains(first, res) {
				first = append(first, res)
			}
		}
		found = first
	}
	ch := &choices{Role: v.T("guide.choices.role.any"), Conf: v.T("guide.choices.conf.no"), ChangeURL: v.Link("/guide")}
	if f.Role != "" {
		ch.Role = v.T("role." + role)
	}
	if t, ok := c.Topic(topic); ok {
		ch.Topic = v.data("topic."+t.ID, t.Name)
	}
	if private {
		ch.Conf = v.T("conf.private")
	}
	v.Choices = ch
	now := s.Now()
	cards := make([]card, 0, len(found))
	ids := make([]string, 0, len(found))
	for _, res := range found {
		cards = append(cards, v.card(c, res, now))
		ids = append(ids, res.ID)
	}
	v.List = cardList{page: &v.page, Cards: cards, Level: 2}
	if len(ids) > maxShared {
		ids = ids[:maxShared]
	}
	v.ShareURL = shareURL(ids, v.langParam)
	s.render(w, http.StatusOK, "results", &v, v.Lang)
}

// privacy shows the privacy note.
func (s *Server) privacy(w http.ResponseWriter, r *http.Request) {
	v := privacyView{page: s.newPage(r, s.live.Current(), "privacy")}
	v.Title = v.T("privacy.title")
	s.render(w, http.StatusOK, "privacy", &v, v.Lang)
}
