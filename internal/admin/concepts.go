package admin

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"signpost/internal/directory"
)

// conceptRow is one concept of the effective vocabulary: from the files, or edited.
type conceptRow struct {
	C      directory.Concept
	Edited bool
}

// concepts returns the vocabulary as the navigator sees it, with retired edits included.
func (s *Server) concepts(r *http.Request) ([]conceptRow, error) {
	edited, err := s.cfg.Store.Concepts(r.Context())
	if err != nil {
		return nil, err
	}
	var rows []conceptRow
	seen := map[string]bool{}
	if s.cfg.Knowledge != nil {
		for _, c := range s.cfg.Knowledge.Vocabulary.Concepts {
			row := conceptRow{C: c}
			if i := slices.IndexFunc(edited, func(e directory.Concept) bool { return e.ID == c.ID }); i >= 0 {
				row = conceptRow{C: edited[i], Edited: true}
			}
			seen[c.ID] = true
			rows = append(rows, row)
		}
	}
	for _, e := range edited {
		if !seen[e.ID] {
			rows = append(rows, conceptRow{C: e, Edited: true})
		}
	}
	return rows, nil
}

type conceptsContent struct{ Concepts []conceptRow }

func (s *Server) conceptList(w http.ResponseWriter, r *http.Request, v *visit) {
	rows, err := s.concepts(r)
	if err != nil {
		s.fail(w, r, v, err)
		return
	}
	s.render(w, r, v, http.StatusOK, "concepts", page{Title: "Concern vocabulary", Nav: "concepts", Content: conceptsContent{rows}})
}

type conceptForm struct {
	// Base fingerprints the stored concept the form was opened on, "" for one only in the
	// files (see resourceForm.Base).
	Base   string
	New    bool
	C      directory.Concept
	Terms  string
	Topics string
	Prefer string
	Note   string
}

func formatWeights(m map[string]float64) string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	var b strings.Builder
	for _, id := range ids {
		fmt.Fprintf(&b, "%s %s\n", id, strconv.FormatFloat(m[id], 'f', -1, 64))
	}
	return b.String()
}

// parseWeights reads "id weight" lines; a line with only an id weighs 1.
func parseWeights(field, text string) (map[string]float64, string) {
	out := map[string]float64{}
	for n, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		f := strings.Fields(line)
		switch len(f) {
		case 0:
			continue
		case 1:
			out[f[0]] = 1
		case 2:
			w, err := strconv.ParseFloat(f[1], 64)
			if err != nil {
				return nil, fmt.Sprintf("%s, line %d: %q is not a number (write the id, a space, then a weight such as 0.5).", field, n+1, f[1])
			}
			out[f[0]] = w
		default:
			return nil, fmt.Sprintf("%s, line %d: write the id, a space, then a weight such as 0.5.", field, n+1)
		}
	}
	return out, ""
}

func (s *Server) conceptPage(w http.ResponseWriter, r *http.Request, v *visit, status int, f conceptForm, msg string) {
	title := "Edit concept " + f.C.Label
	if f.New {
		title = "New concept"
	}
	s.render(w, r, v, status, "concept", page{Title: title, Nav: "concepts", Error: msg, Content: f})
}

func (s *Server) conceptNew(w http.ResponseWriter, r *http.Request, v *visit) {
	s.conceptPage(w, r, v, http.StatusOK, conceptForm{New: true}, "")
}

func (s *Server) conceptEdit(w http.ResponseWriter, r *http.Request, v *visit) {
	rows, err := s.concepts(r)
	if err != nil {
		s.fail(w, r, v, err)
		return
	}
	for _, row := range rows {
		if row.C.ID == r.PathValue("id") {
			c := row.C
			f := conceptForm{C: c, Terms: strings.Join(c.Terms, "\n"), Topics: formatWeights(c.Topics), Prefer: formatWeights(c.Prefer)}
			if row.Edited {
				f.Base = directory.Fingerprint(&c)
			}
			s.conceptPage(w, r, v, http.StatusOK, f, "")
			return
		}
	}
	s.message(w, r, v, http.StatusNotFound, "Not found", "No such concept in the vocabulary.")
}

func (s *Server) conceptCreate(w http.ResponseWriter, r *http.Request, v *visit) {
	id := strings.TrimSpace(r.PostFormValue("id"))
	rows, err := s.concepts(r)
	if err != nil {
		s.fail(w, r, v, err)
		return
	}
	if slices.ContainsFunc(rows, func(c conceptRow) bool { return c.C.ID == id }) {
		s.saveConceptRefused(w, r, v, id, true, http.StatusConflict, "Id: a concept with id "+id+" already exists; choose another.")
		return
	}
	s.saveConcept(w, r, v, id, true)
}

func (s *Server) conceptSave(w http.ResponseWriter, r *http.Request, v *visit) {
	s.saveConcept(w, r, v, r.PathValue("id"), false)
}

func (s *Server) formConcept(r *http.Request, id string) (directory.Concept, string) {
	c := directory.Concept{ID: id, Label: strings.TrimSpace(r.PostFormValue("label")), Retired: r.PostFormValue("retired") == "on"}
	for _, t := range strings.Split(strings.ReplaceAll(r.PostFormValue("terms"), "\r\n", "\n"), "\n") {
		if t = strings.TrimSpace(t); t != "" {
			c.Terms = append(c.Terms, t)
		}
	}
	var msg string
	if c.Topics, msg = parseWeights("Topics", r.PostFormValue("topics")); msg != "" {
		return c, msg
	}
	if c.Prefer, msg = parseWeights("Prefer", r.PostFormValue("prefer")); msg != "" {
		return c, msg
	}
	if len(c.Prefer) == 0 {
		c.Prefer = nil
	}
	return c, ""
}

func (s *Server) saveConceptRefused(w http.ResponseWriter, r *http.Request, v *visit, id string, isNew bool, status int, msg string) {
	c, _ := s.formConcept(r, id)
	s.conceptPage(w, r, v, status, conceptForm{New: isNew, C: c, Terms: r.PostFormValue("terms"), Topics: r.PostFormValue("topics"),
		Prefer: r.PostFormValue("prefer"), Note: r.PostFormValue("note"), Base: r.PostFormValue("base")}, msg)
}

func (s *Server) saveConcept(w http.ResponseWriter, r *http.Request, v *visit, id string, isNew bool) {
	c, msg := s.formConcept(r, id)
	if msg == "" {
		if err := c.Validate(); err != nil {
			msg = directory.ErrorMessage(err)
		}
	}
	if msg == "" && s.cfg.Knowledge != nil {
		// The navigator must still build with the change: check the whole vocabulary now.
		rows, err := s.concepts(r)
		if err != nil {
			s.fail(w, r, v, err)
			return
		}
		edited := []directory.Concept{c}
		for _, row := range rows {
			if row.Edited && row.C.ID != c.ID {
				edited = append(edited, row.C)
			}
		}
		if _, err := s.cfg.Knowledge.WithConcepts(edited); err != nil {
			msg = err.Error()
		}
	}
	if msg != "" {
		s.saveConceptRefused(w, r, v, id, isNew, http.StatusUnprocessableEntity, msg)
		return
	}
	by := v.saveChange(r, isNew, c.Retired)
	if err := s.cfg.Store.PutConcept(r.Context(), &c, by); directory.ErrorCode(err) == directory.EConflict {
		s.saveConceptRefused(w, r, v, id, isNew, http.StatusConflict, "Someone saved this concept after you opened it, so your change was not saved. Reload the page and make your change again.")
		return
	} else if err != nil {
		s.fail(w, r, v, err)
		return
	}
	s.reload(r)
	http.Redirect(w, r, "/admin/concepts/"+c.ID+"?done=saved", http.StatusSeeOther)
}
