package admin

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"signpost/internal/directory"
)

type dueItem struct {
	R       directory.Resource
	Due     time.Time
	Overdue bool
	Never   bool
}

type dashboardContent struct {
	Due        []dueItem
	Published  int
	Drafts     int
	Retired    int
	Recent     []directory.Revision
	NextReview []dueItem
	// Warnings are what the navigator could not use of its knowledge with this directory.
	Warnings []string
	// Derived lists the published resources without topics of their own and the topics the
	// navigator reads in their text instead.
	Derived []derivedTopics
	// Inferred lists the resources an import inferred fields of (confidentiality, the
	// emergency role), with what it inferred, for a person to check.
	Inferred []inferredFields
}

type inferredFields struct {
	R    directory.Resource
	What string
}

type derivedTopics struct {
	R      directory.Resource
	Topics []string
}

// dashboard lists what is due for review, with a one-click "verified", and the latest changes.
func (s *Server) dashboard(w http.ResponseWriter, r *http.Request, v *visit) {
	d, err := s.cfg.Store.Snapshot(r.Context())
	if err != nil {
		s.fail(w, r, v, err)
		return
	}
	recent, err := s.cfg.Store.Revisions(r.Context(), directory.RevisionQuery{Limit: 10})
	if err != nil {
		s.fail(w, r, v, err)
		return
	}
	c := dashboardContent{Recent: recent}
	today := s.Now()
	for _, res := range d.Resources {
		switch res.Status {
		case directory.StatusRetired:
			c.Retired++
			continue
		case directory.StatusDraft:
			c.Drafts++
		default:
			c.Published++
		}
		if _, what, ok := strings.Cut(res.Provenance.Notes, "Inferred, to check: "); ok && res.Status != directory.StatusRetired {
			c.Inferred = append(c.Inferred, inferredFields{R: res, What: strings.TrimSuffix(what, ".")})
		}
		due, isDue := res.ReviewDue(today)
		item := dueItem{R: res, Due: due, Overdue: isDue, Never: res.Provenance.LastVerified == ""}
		if isDue {
			c.Due = append(c.Due, item)
		} else {
			c.NextReview = append(c.NextReview, item)
		}
	}
	byDue := func(a, b dueItem) int { return a.Due.Compare(b.Due) }
	slices.SortStableFunc(c.Due, byDue)
	slices.SortStableFunc(c.NextReview, byDue)
	c.NextReview = c.NextReview[:min(5, len(c.NextReview))]
	if s.cfg.Live != nil {
		nav := s.cfg.Live.Current().Navigator()
		c.Warnings = nav.Warnings()
		derived := nav.DerivedTopics()
		for _, res := range d.Resources {
			if t, ok := derived[res.ID]; ok {
				c.Derived = append(c.Derived, derivedTopics{R: res, Topics: t})
			}
		}
	}
	s.render(w, r, v, http.StatusOK, "dashboard", page{Title: "Dashboard", Nav: "dashboard", Content: c})
}

type resourcesContent struct {
	Resources []directory.Resource
	Filter    string
}

func (s *Server) resourceList(w http.ResponseWriter, r *http.Request, v *visit) {
	d, err := s.cfg.Store.Snapshot(r.Context())
	if err != nil {
		s.fail(w, r, v, err)
		return
	}
	status := r.URL.Query().Get("status")
	c := resourcesContent{Filter: status}
	for _, res := range d.Resources {
		if status == "" || statusLabel(res.Status) == status {
			c.Resources = append(c.Resources, res)
		}
	}
	s.render(w, r, v, http.StatusOK, "resources", page{Title: "Resources", Nav: "resources", Content: c})
}

func (s *Server) topicsOrFail(w http.ResponseWriter, r *http.Request, v *visit) ([]directory.Topic, bool) {
	d, err := s.cfg.Store.Snapshot(r.Context())
	if err != nil {
		s.fail(w, r, v, err)
		return nil, false
	}
	var live []directory.Topic
	for _, t := range d.Topics {
		if !t.Retired {
			live = append(live, t)
		}
	}
	return live, true
}

func (s *Server) resourceNew(w http.ResponseWriter, r *http.Request, v *visit) {
	topics, ok := s.topicsOrFail(w, r, v)
	if !ok {
		return
	}
	blank := directory.Resource{Audience: "all", Confidentiality: "not-confidential", Kind: "service", Status: directory.StatusDraft}
	f := newResourceForm(blank, topics, true)
	f.Base = ""
	s.render(w, r, v, http.StatusOK, "resource", page{Title: "New resource", Nav: "resources", Content: f})
}

func (s *Server) resourceCreate(w http.ResponseWriter, r *http.Request, v *visit) {
	id := strings.TrimSpace(r.PostFormValue("id"))
	s.saveResource(w, r, v, directory.Resource{ID: id}, true)
}

func (s *Server) resourceEdit(w http.ResponseWriter, r *http.Request, v *visit) {
	res, err := s.cfg.Store.Resource(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, v, err)
		return
	}
	topics, ok := s.topicsOrFail(w, r, v)
	if !ok {
		return
	}
	s.render(w, r, v, http.StatusOK, "resource", page{Title: "Edit " + res.Name, Nav: "resources", Content: newResourceForm(*res, topics, false)})
}

func (s *Server) resourceSave(w http.ResponseWriter, r *http.Request, v *visit) {
	cur, err := s.cfg.Store.Resource(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, v, err)
		return
	}
	if base := r.PostFormValue("base"); base != fingerprint(cur) {
		s.refuseResource(w, r, v, *cur, false, staleForm)
		return
	}
	s.saveResource(w, r, v, *cur, false)
}

// staleForm is the answer to a form opened before someone else saved the same resource.
const staleForm = "Someone saved this resource after you opened it, so your change was not saved. The form now shows their version: make your change again."

// saveResource validates the form over base and stores it, or shows the form again with the
// problem named.
func (s *Server) saveResource(w http.ResponseWriter, r *http.Request, v *visit, base directory.Resource, isNew bool) {
	res, msg := parseResourceForm(r, base)
	// The form offers only topics in use: keep the links to retired ones it could not show.
	offered, ok := s.topicsOrFail(w, r, v)
	if !ok {
		return
	}
	for _, t := range base.Topics {
		if !slices.ContainsFunc(offered, func(o directory.Topic) bool { return o.ID == t }) && !slices.Contains(res.Topics, t) {
			res.Topics = append(res.Topics, t)
		}
	}
	if msg == "" {
		if err := res.Validate(); err != nil {
			msg = directory.ErrorMessage(err)
		}
	}
	if msg != "" {
		s.refuseResource(w, r, v, res, isNew, msg)
		return
	}
	if !isNew {
		res = unchangedAsStored(base, res)
		if same, _ := sameJSON(base, res); same {
			// No change, no revision: the form was saved as it was opened.
			http.Redirect(w, r, "/admin/resources/"+res.ID+"?done=unchanged", http.StatusSeeOther)
			return
		}
	}
	by := v.change(directory.ActionEdit, r.PostFormValue("note"))
	// The store checks, in the writing transaction, that nobody saved since the form was
	// opened (or, for a new resource, that the id is still free).
	ifMatch := r.PostFormValue("base")
	if isNew {
		by.Action, ifMatch = directory.ActionCreate, ""
	}
	by.IfMatch = &ifMatch
	if err := s.cfg.Store.PutResource(r.Context(), &res, by); err != nil {
		switch directory.ErrorCode(err) {
		case directory.EInvalid:
			s.refuseResource(w, r, v, res, isNew, directory.ErrorMessage(err))
			return
		case directory.EConflict:
			msg := staleForm
			if isNew {
				msg = "Id: a resource with id " + res.ID + " already exists; choose another."
			}
			s.refuseResource(w, r, v, res, isNew, msg)
			return
		}
		s.fail(w, r, v, err)
		return
	}
	s.reload(r)
	s.cfg.Logger.Info("admin: resource saved", slog.String("user", v.User.Name), slog.String("id", res.ID))
	done := "saved"
	if isNew {
		done = "created"
	}
	http.Redirect(w, r, "/admin/resources/"+res.ID+"?done="+done, http.StatusSeeOther)
}

func (s *Server) refuseResource(w http.ResponseWriter, r *http.Request, v *visit, res directory.Resource, isNew bool, msg string) {
	topics, ok := s.topicsOrFail(w, r, v)
	if !ok {
		return
	}
	f := newResourceForm(res, topics, isNew)
	f.Note = r.PostFormValue("note")
	if !isNew {
		if cur, err := s.cfg.Store.Resource(r.Context(), res.ID); err == nil {
			f.Base = fingerprint(cur)
		}
	}
	status := http.StatusUnprocessableEntity
	if msg == staleForm || strings.HasSuffix(msg, "already exists; choose another.") {
		status = http.StatusConflict
	}
	s.render(w, r, v, status, "resource", page{Title: "Edit " + res.Name, Nav: "resources", Error: msg, Content: f})
}

// resourceStatus publishes, retires or returns a resource to draft.
func (s *Server) resourceStatus(w http.ResponseWriter, r *http.Request, v *visit) {
	res, err := s.cfg.Store.Resource(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, v, err)
		return
	}
	to := directory.Status(r.PostFormValue("status"))
	by := v.change(directory.ActionEdit, r.PostFormValue("note"))
	if to == directory.StatusRetired {
		by.Action = directory.ActionRetire
	}
	read := fingerprint(res)
	by.IfMatch = &read // what was just read: a save in between is not undone
	res.Status = to
	if err := s.cfg.Store.PutResource(r.Context(), res, by); err != nil {
		s.fail(w, r, v, err)
		return
	}
	s.reload(r)
	http.Redirect(w, r, "/admin/resources/"+res.ID+"?done=status", http.StatusSeeOther)
}

// resourceVerify records that a person checked the resource's facts today.
func (s *Server) resourceVerify(w http.ResponseWriter, r *http.Request, v *visit) {
	res, err := s.cfg.Store.Resource(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, v, err)
		return
	}
	read := fingerprint(res)
	by := v.change(directory.ActionVerify, "facts checked")
	by.IfMatch = &read // what was just read: a save in between is not undone
	res.Provenance.LastVerified = s.Now().Format(time.DateOnly)
	if err := s.cfg.Store.PutResource(r.Context(), res, by); err != nil {
		s.fail(w, r, v, err)
		return
	}
	s.reload(r)
	back := "/admin?done=verified"
	if r.PostFormValue("back") == "resource" {
		back = "/admin/resources/" + res.ID + "?done=verified"
	}
	http.Redirect(w, r, back, http.StatusSeeOther)
}

// unchangedAsStored keeps, where the form says the same thing in another shape, what is
// stored: the same topics in another order, an empty list where the store has none or an
// empty one. Without it, saving an untouched form recorded "contacts [] → null".
func unchangedAsStored(base, res directory.Resource) directory.Resource {
	if sameSet(base.Topics, res.Topics) {
		res.Topics = base.Topics
	}
	if len(base.Contacts) == 0 && len(res.Contacts) == 0 {
		res.Contacts = base.Contacts
	}
	if len(base.Keywords) == 0 && len(res.Keywords) == 0 {
		res.Keywords = base.Keywords
	}
	if len(base.Aliases) == 0 && len(res.Aliases) == 0 {
		res.Aliases = base.Aliases
	}
	return res
}

func sameSet(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, x := range a {
		if !slices.Contains(b, x) {
			return false
		}
	}
	return true
}

func sameJSON(a, b directory.Resource) (bool, error) {
	ja, err := json.Marshal(a)
	if err != nil {
		return false, err
	}
	jb, err := json.Marshal(b)
	if err != nil {
		return false, err
	}
	return bytes.Equal(ja, jb), nil
}
