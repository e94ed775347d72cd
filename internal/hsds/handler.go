package hsds

import (
	"encoding/json"
	"net/http"
	"strconv"
	"sync"

	"signpost/internal/directory"
	"signpost/internal/httperror"
)

// DatasetFunc returns the current dataset; the handler asks for it on every request so that
// edits show at once.
type DatasetFunc func() *Dataset

// Handler serves the HSDS 3.0 read API under /hsds/, as the Open Referral OpenAPI
// description defines it.
type Handler struct {
	dataset DatasetFunc
}

// NewHandler returns a handler over dataset.
func NewHandler(dataset DatasetFunc) *Handler { return &Handler{dataset: dataset} }

// Register adds the HSDS routes to mux.
func (h *Handler) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /hsds/{$}", h.root)
	mux.HandleFunc("GET /hsds/services", h.services)
	mux.HandleFunc("GET /hsds/services/{id}", h.service)
	mux.HandleFunc("GET /hsds/organizations", h.organizations)
	mux.HandleFunc("GET /hsds/organizations/{id}", h.organization)
	mux.HandleFunc("GET /hsds/taxonomies", h.taxonomies)
	mux.HandleFunc("GET /hsds/taxonomies/{id}", h.taxonomy)
	mux.HandleFunc("GET /hsds/taxonomy_terms", h.terms)
	mux.HandleFunc("GET /hsds/taxonomy_terms/{id}", h.term)
}

func (h *Handler) root(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"version": Version, "profile": "https://openreferral.org/"})
}

// Page is the HSDS paginated envelope.
type Page[T any] struct {
	TotalItems int  `json:"total_items"`
	TotalPages int  `json:"total_pages"`
	PageNumber int  `json:"page_number"`
	Size       int  `json:"size"`
	FirstPage  bool `json:"first_page"`
	LastPage   bool `json:"last_page"`
	Empty      bool `json:"empty"`
	Contents   []T  `json:"contents"`
}

// paginate cuts items by the page (1-based) and per_page parameters (default 50, at most 500).
func paginate[T any](r *http.Request, items []T) (Page[T], error) {
	page, perPage := 1, 50
	q := r.URL.Query()
	var err error
	if s := q.Get("page"); s != "" {
		if page, err = strconv.Atoi(s); err != nil || page < 1 {
			return Page[T]{}, directory.Errorf(directory.EInvalid, "Parameter page must be a whole number from 1.")
		}
	}
	if s := q.Get("per_page"); s != "" {
		if perPage, err = strconv.Atoi(s); err != nil || perPage < 1 || perPage > 500 {
			return Page[T]{}, directory.Errorf(directory.EInvalid, "Parameter per_page must be a whole number from 1 to 500.")
		}
	}
	total := len(items)
	pages := max(1, (total+perPage-1)/perPage)
	// A page past the end is an empty page; comparing before multiplying keeps a huge page
	// number from overflowing the offset.
	start := total
	if page-1 < (total+perPage-1)/perPage {
		start = (page - 1) * perPage
	}
	end := min(start+perPage, total)
	contents := items[start:end]
	if contents == nil {
		contents = []T{}
	}
	return Page[T]{TotalItems: total, TotalPages: pages, PageNumber: page, Size: len(contents),
		FirstPage: page == 1, LastPage: page >= pages, Empty: len(contents) == 0, Contents: contents}, nil
}

func servePage[T any](w http.ResponseWriter, r *http.Request, items []T) {
	p, err := paginate(r, items)
	if err != nil {
		writeError(w, err)
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (h *Handler) services(w http.ResponseWriter, r *http.Request) {
	ds := h.dataset()
	list := make([]ServiceSummary, len(ds.Services))
	for i, s := range ds.Services {
		list[i] = s.ServiceSummary
	}
	servePage(w, r, list)
}

func (h *Handler) service(w http.ResponseWriter, r *http.Request) {
	ds := h.dataset()
	id := r.PathValue("id")
	for _, s := range ds.Services {
		if s.ID == id {
			for i := range ds.Organizations {
				if ds.Organizations[i].ID == s.OrganizationID {
					s.Organization = &ds.Organizations[i]
				}
			}
			writeJSON(w, http.StatusOK, s)
			return
		}
	}
	writeError(w, directory.Errorf(directory.ENotFound, "Service %q not found.", id))
}

func (h *Handler) organizations(w http.ResponseWriter, r *http.Request) {
	servePage(w, r, h.dataset().Organizations)
}

func (h *Handler) organization(w http.ResponseWriter, r *http.Request) {
	serveOne(w, r, h.dataset().Organizations, func(o Organization) string { return o.ID }, "Organization")
}

func (h *Handler) taxonomies(w http.ResponseWriter, r *http.Request) {
	servePage(w, r, h.dataset().Taxonomies)
}

func (h *Handler) taxonomy(w http.ResponseWriter, r *http.Request) {
	serveOne(w, r, h.dataset().Taxonomies, func(t Taxonomy) string { return t.ID }, "Taxonomy")
}

func (h *Handler) terms(w http.ResponseWriter, r *http.Request) {
	servePage(w, r, h.dataset().Terms)
}

func (h *Handler) term(w http.ResponseWriter, r *http.Request) {
	serveOne(w, r, h.dataset().Terms, func(t TaxonomyTerm) string { return t.ID }, "Taxonomy term")
}

func serveOne[T any](w http.ResponseWriter, r *http.Request, items []T, id func(T) string, what string) {
	want := r.PathValue("id")
	for _, it := range items {
		if id(it) == want {
			writeJSON(w, http.StatusOK, it)
			return
		}
	}
	writeError(w, directory.Errorf(directory.ENotFound, "%s %q not found.", what, want))
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // the client has gone if this fails
}

func writeError(w http.ResponseWriter, err error) {
	writeJSON(w, httperror.Status(err), map[string]any{"error": map[string]string{"code": directory.ErrorCode(err), "message": directory.ErrorMessage(err)}})
}

// Exporter returns a DatasetFunc that exports the directory current returns, once per
// directory snapshot (a new pointer means a new snapshot).
func Exporter(current func() *directory.Directory) DatasetFunc {
	var mu sync.Mutex
	var last *directory.Directory
	var ds *Dataset
	return func() *Dataset {
		d := current()
		mu.Lock()
		defer mu.Unlock()
		if d != last {
			last, ds = d, Export(d)
		}
		return ds
	}
}
