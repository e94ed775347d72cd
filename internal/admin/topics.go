package admin

import (
	"net/http"
	"strings"

	"signpost/internal/directory"
)

type topicsContent struct{ Topics []directory.Topic }

func (s *Server) topicList(w http.ResponseWriter, r *http.Request, v *visit) {
	d, err := s.cfg.Store.Snapshot(r.Context())
	if err != nil {
		s.fail(w, r, v, err)
		return
	}
	s.render(w, r, v, http.StatusOK, "topics", page{Title: "Topics", Nav: "topics", Content: topicsContent{d.Topics}})
}

type topicForm struct {
	New     bool
	T       directory.Topic
	Parents []directory.Topic
	Note    string
	// Base fingerprints the stored topic the form was opened on (see resourceForm.Base).
	Base string
}

func (s *Server) topicFormPage(w http.ResponseWriter, r *http.Request, v *visit, status int, t directory.Topic, isNew bool, msg string) {
	d, err := s.cfg.Store.Snapshot(r.Context())
	if err != nil {
		s.fail(w, r, v, err)
		return
	}
	f := topicForm{New: isNew, T: t, Note: r.PostFormValue("note")}
	for _, p := range d.Topics {
		if p.ID != t.ID && !p.Retired {
			f.Parents = append(f.Parents, p)
		}
		if p.ID == t.ID && !isNew {
			f.Base = directory.Fingerprint(&p)
		}
	}
	title := "Edit topic " + t.Name
	if isNew {
		title = "New topic"
	}
	s.render(w, r, v, status, "topic", page{Title: title, Nav: "topics", Error: msg, Content: f})
}

func (s *Server) topicNew(w http.ResponseWriter, r *http.Request, v *visit) {
	s.topicFormPage(w, r, v, http.StatusOK, directory.Topic{}, true, "")
}

func (s *Server) topicEdit(w http.ResponseWriter, r *http.Request, v *visit) {
	d, err := s.cfg.Store.Snapshot(r.Context())
	if err != nil {
		s.fail(w, r, v, err)
		return
	}
	for _, t := range d.Topics {
		if t.ID == r.PathValue("id") {
			s.topicFormPage(w, r, v, http.StatusOK, t, false, "")
			return
		}
	}
	s.message(w, r, v, http.StatusNotFound, "Not found", "No such topic.")
}

func (s *Server) topicCreate(w http.ResponseWriter, r *http.Request, v *visit) {
	s.saveTopic(w, r, v, strings.TrimSpace(r.PostFormValue("id")), true)
}

func (s *Server) topicSave(w http.ResponseWriter, r *http.Request, v *visit) {
	s.saveTopic(w, r, v, r.PathValue("id"), false)
}

func (s *Server) saveTopic(w http.ResponseWriter, r *http.Request, v *visit, id string, isNew bool) {
	t := directory.Topic{ID: id, Name: strings.TrimSpace(r.PostFormValue("name")),
		Description: strings.TrimSpace(r.PostFormValue("description")), Parent: r.PostFormValue("parent"),
		Retired: r.PostFormValue("retired") == "on"}
	if isNew {
		d, err := s.cfg.Store.Snapshot(r.Context())
		if err != nil {
			s.fail(w, r, v, err)
			return
		}
		for _, old := range d.Topics {
			if old.ID == id {
				s.topicFormPage(w, r, v, http.StatusConflict, t, true, "Id: a topic with id "+id+" already exists; choose another.")
				return
			}
		}
	}
	by := v.saveChange(r, isNew, t.Retired)
	err := t.Validate()
	if err == nil {
		err = s.cfg.Store.PutTopic(r.Context(), &t, by)
	}
	switch directory.ErrorCode(err) {
	case "":
	case directory.EInvalid:
		s.topicFormPage(w, r, v, http.StatusUnprocessableEntity, t, isNew, directory.ErrorMessage(err))
		return
	case directory.EConflict:
		s.topicFormPage(w, r, v, http.StatusConflict, t, isNew, "Someone saved this topic after you opened it (or the id is taken), so your change was not saved. Reload the page and make your change again.")
		return
	default:
		s.fail(w, r, v, err)
		return
	}
	s.reload(r)
	http.Redirect(w, r, "/admin/topics/"+t.ID+"?done=saved", http.StatusSeeOther)
}
