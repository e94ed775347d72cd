package admin

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"

	"signpost/internal/directory"
)

type historyContent struct {
	Kind      directory.EntityKind
	ID        string
	Revisions []directory.Revision
	More      int64
}

// history lists an entity's revisions, newest first.
func (s *Server) history(kind directory.EntityKind) handler {
	return func(w http.ResponseWriter, r *http.Request, v *visit) {
		id := r.PathValue("id")
		if kind == directory.EntityCalendar {
			id = directory.CalendarID
		}
		q := directory.RevisionQuery{Kind: kind, EntityID: id, Before: beforeParam(r), Limit: 50}
		revs, err := s.cfg.Store.Revisions(r.Context(), q)
		if err != nil {
			s.fail(w, r, v, err)
			return
		}
		if len(revs) == 0 && q.Before == 0 {
			s.message(w, r, v, http.StatusNotFound, "Not found", fmt.Sprintf("No %s %q has ever been stored.", kind, id))
			return
		}
		c := historyContent{Kind: kind, ID: id, Revisions: revs}
		if len(revs) == q.Limit {
			c.More = revs[len(revs)-1].ID
		}
		s.render(w, r, v, http.StatusOK, "history", page{Title: fmt.Sprintf("History of %s %s", kind, id), Nav: navFor(kind), Content: c})
	}
}

// entityURL is the editors' page of an entity, or its history for the calendar, which has no
// form of its own.
func entityURL(kind directory.EntityKind, id string) string {
	if kind == directory.EntityCalendar {
		return "/admin/calendar/history"
	}
	return "/admin/" + string(kind) + "s/" + id
}

// historyURL is the list of an entity's revisions.
func historyURL(kind directory.EntityKind, id string) string {
	if kind == directory.EntityCalendar {
		return "/admin/calendar/history"
	}
	return "/admin/" + string(kind) + "s/" + id + "/history"
}

func navFor(kind directory.EntityKind) string {
	switch kind {
	case directory.EntityTopic:
		return "topics"
	case directory.EntityConcept:
		return "concepts"
	}
	return "resources"
}

func beforeParam(r *http.Request) int64 {
	n, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	return max(n, 0)
}

type revisionContent struct {
	Rev      *directory.Revision
	Previous *directory.Revision
	Changes  []directory.FieldChange
	Removed  bool
	Doc      string
}

// revision shows one revision: what it changed, field by field, against the revision before.
func (s *Server) revision(w http.ResponseWriter, r *http.Request, v *visit) {
	rev, ok := s.loadRevision(w, r, v)
	if !ok {
		return
	}
	prevs, err := s.cfg.Store.Revisions(r.Context(), directory.RevisionQuery{Kind: rev.Kind, EntityID: rev.EntityID, Before: rev.ID, Limit: 1})
	if err != nil {
		s.fail(w, r, v, err)
		return
	}
	c := revisionContent{Rev: rev, Removed: string(rev.Doc) == "null"}
	var before json.RawMessage
	if len(prevs) == 1 {
		c.Previous = &prevs[0]
		before = prevs[0].Doc
	}
	if c.Changes, err = directory.DiffDocs(before, rev.Doc); err != nil {
		s.fail(w, r, v, err)
		return
	}
	var pretty any
	if json.Unmarshal(rev.Doc, &pretty) == nil {
		b, _ := json.MarshalIndent(pretty, "", "  ")
		c.Doc = string(b)
	}
	s.render(w, r, v, http.StatusOK, "revision", page{Title: fmt.Sprintf("Revision %d", rev.ID), Nav: navFor(rev.Kind), Content: c})
}

func (s *Server) loadRevision(w http.ResponseWriter, r *http.Request, v *visit) (*directory.Revision, bool) {
	id, err := strconv.ParseInt(r.PathValue("rev"), 10, 64)
	if err != nil || id <= 0 {
		s.message(w, r, v, http.StatusNotFound, "Not found", "A revision number is a positive whole number.")
		return nil, false
	}
	rev, err := s.cfg.Store.Revision(r.Context(), id)
	if err != nil {
		s.fail(w, r, v, err)
		return nil, false
	}
	return rev, true
}

// restore brings an entity back to what a revision recorded, as a new revision: history only
// grows.
func (s *Server) restore(w http.ResponseWriter, r *http.Request, v *visit) {
	rev, ok := s.loadRevision(w, r, v)
	if !ok {
		return
	}
	if string(rev.Doc) == "null" {
		s.message(w, r, v, http.StatusUnprocessableEntity, "Nothing to restore", "This revision records a removal. Restore the revision before it to bring the entry back.")
		return
	}
	by := v.change(directory.ActionRestore, fmt.Sprintf("restored revision %d", rev.ID))
	var err error
	var back string
	switch rev.Kind {
	case directory.EntityResource:
		var res directory.Resource
		if err = json.Unmarshal(rev.Doc, &res); err == nil {
			err = s.cfg.Store.PutResource(r.Context(), &res, by)
		}
		back = "/admin/resources/" + res.ID
	case directory.EntityTopic:
		var t directory.Topic
		if err = json.Unmarshal(rev.Doc, &t); err == nil {
			err = s.cfg.Store.PutTopic(r.Context(), &t, by)
		}
		back = "/admin/topics/" + t.ID
	case directory.EntityConcept:
		var c directory.Concept
		if err = json.Unmarshal(rev.Doc, &c); err == nil {
			err = s.cfg.Store.PutConcept(r.Context(), &c, by)
		}
		back = "/admin/concepts/" + c.ID
	case directory.EntityCalendar:
		// The calendar is replaced with the rest of the directory as it is now; a write in
		// between makes the Replace refuse rather than undo it.
		var version int64
		var d *directory.Directory
		if d, version, err = directory.ReadForReplace(r.Context(), s.cfg.Store); err == nil {
			by.IfVersion = &version
			if err = json.Unmarshal(rev.Doc, &d.Calendar); err == nil {
				err = s.cfg.Store.Replace(r.Context(), d, by)
			}
		}
		back = "/admin/calendar/history"
	default:
		err = directory.Errorf(directory.EInvalid, "Revisions of kind %q cannot be restored here.", rev.Kind)
	}
	if err != nil {
		s.fail(w, r, v, err)
		return
	}
	s.reload(r)
	http.Redirect(w, r, back+"?done=restored", http.StatusSeeOther)
}

type auditContent struct {
	Revisions []directory.Revision
	More      int64
}

// audit lists every change, newest first, 100 a page.
func (s *Server) audit(w http.ResponseWriter, r *http.Request, v *visit) {
	q := directory.RevisionQuery{Before: beforeParam(r), Limit: 100}
	revs, err := s.cfg.Store.Revisions(r.Context(), q)
	if err != nil {
		s.fail(w, r, v, err)
		return
	}
	c := auditContent{Revisions: revs}
	if len(revs) == q.Limit {
		c.More = revs[len(revs)-1].ID
	}
	s.render(w, r, v, http.StatusOK, "audit", page{Title: "Audit log", Nav: "audit", Content: c})
}
