// Package web serves Signpost's public pages: the question, the results, the guided path,
// the directory by audience and by topic, each resource, and the privacy note. Pages are
// server-rendered with html/template and work without JavaScript; one small script adds the
// Escape key to the quick exit. No cookies, no third-party requests, and the concern travels
// only in a POST body: it is never put in a link or a log.
//
// It reads from a [catalog.Live] and imports the domain, the navigator's types and the API's
// request parsing; never a store.
package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"signpost/internal/api"
	"signpost/internal/catalog"
	"signpost/internal/directory"
	"signpost/internal/httperror"
)

//go:embed templates/*.html static/* messages/*.json
var files embed.FS

// Config holds the web settings.
type Config struct {
	// NeutralURL is where "Leave this site" goes: a neutral page that replaces this one.
	NeutralURL string
}

// Server renders the public pages.
type Server struct {
	cfg    Config
	live   *catalog.Live
	logger *slog.Logger
	pages  map[string]*template.Template
	cat    *catalogs
	static http.Handler
	// Now returns the current time; tests replace it.
	Now func() time.Time
}

// pageNames are the page templates; each is parsed with the layout and the shared cards.
var pageNames = []string{"home", "results", "resource", "browse", "guide", "privacy", "error"}

// NewServer parses every template and message catalog once, failing on any error.
func NewServer(cfg Config, live *catalog.Live, logger *slog.Logger) (*Server, error) {
	if cfg.NeutralURL == "" {
		cfg.NeutralURL = "https://www.weather.gov/"
	}
	cat, err := loadCatalogs(files)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, live: live, logger: logger, pages: map[string]*template.Template{}, cat: cat, Now: time.Now}
	for _, name := range pageNames {
		t, err := template.ParseFS(files, "templates/layout.html", "templates/cards.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web templates %s: %w", name, err)
		}
		s.pages[name] = t
	}
	static, err := fs.Sub(files, "static")
	if err != nil {
		return nil, err
	}
	s.static = http.StripPrefix("/static/", http.FileServer(http.FS(static)))
	return s, nil
}

// Register adds the public routes to mux.
func (s *Server) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("POST /{$}", s.results)
	mux.HandleFunc("GET /results", s.shared)
	mux.HandleFunc("GET /guide", s.guide)
	mux.HandleFunc("GET /resources", s.browse)
	mux.HandleFunc("GET /resources/{id}", s.resource)
	mux.HandleFunc("GET /privacy", s.privacy)
	mux.Handle("GET /static/", s.cacheStatic(s.static))
	mux.HandleFunc("/", s.notFound)
}

func (s *Server) cacheStatic(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		h.ServeHTTP(w, r)
	})
}

func (s *Server) newPage(r *http.Request, titleKey string) page {
	lang, explicit := s.cat.pick(r)
	p := page{Lang: lang, NeutralURL: s.cfg.NeutralURL, cat: s.cat}
	if explicit {
		p.LangParam = lang
	}
	p.Title = p.T(titleKey)
	return p
}

// render executes a page into a buffer first, so a template error never sends half a page.
func (s *Server) render(w http.ResponseWriter, status int, name string, view any) {
	var buf bytes.Buffer
	if err := s.pages[name].ExecuteTemplate(&buf, "layout", view); err != nil {
		s.logger.Error("render page", slog.String("page", name), slog.Any("err", err))
		http.Error(w, "Internal error.", http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	if l, ok := view.(interface{ lang() string }); ok {
		h.Set("Content-Language", l.lang())
	}
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

func (p page) lang() string { return p.Lang }

func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	p := s.newPage(r, "error.title")
	msg := directory.ErrorMessage(err)
	if directory.ErrorCode(err) == directory.ENotFound {
		msg = p.T("error.notfound")
	}
	s.render(w, httperror.Status(err), "error", &errorView{page: p, Message: msg})
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, directory.Errorf(directory.ENotFound, "Not found."))
}

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	p := s.newPage(r, "home.title")
	s.render(w, http.StatusOK, "home", &homeView{page: p, Roles: roleOptions(&p, "")})
}

func (s *Server) privacy(w http.ResponseWriter, r *http.Request) {
	s.render(w, http.StatusOK, "privacy", &errorView{page: s.newPage(r, "privacy.title")})
}

// results answers the POSTed concern. A bad concern shows the form again with the message.
func (s *Server) results(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		s.fail(w, r, directory.Errorf(directory.ETooLarge, "The form is too large: please keep the description under 2000 characters."))
		return
	}
	f := r.PostForm
	req, err := api.ParseMatchRequest(f.Get("q"), f.Get("role"), f.Get("confidential"), f.Get("urgent"), "", "", s.Now())
	if err != nil {
		p := s.newPage(r, "home.title")
		s.render(w, httperror.Status(err), "home", &homeView{page: p, Roles: roleOptions(&p, ""), Error: directory.ErrorMessage(err)})
		return
	}
	c := s.live.Current()
	ans, err := c.Match(req)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.newPage(r, "results.title")
	v := resultsView{page: p, Emergency: ans.Emergency, NoGoodMatch: ans.NoGoodMatch, Understood: true,
		Topics: understoodTopics(ans), OpenWhy: true}
	if ans.Understood.Role != "" {
		v.RoleLabel = p.T("role." + string(ans.Understood.Role))
	}
	if ans.Understood.Confidentiality != "" {
		v.ConfLabel = p.T("conf." + ans.Understood.Confidentiality)
	}
	var ids []string
	for _, res := range ans.Results {
		cd := newCard(c, res.Resource, req.At)
		cd.Why = res.Why
		v.Cards = append(v.Cards, cd)
		ids = append(ids, res.Resource.ID)
	}
	v.ShareURL = shareURL(ids, p.LangParam)
	s.render(w, http.StatusOK, "results", &v)
}

// shared shows a results list from resource ids alone (a shared or kept link).
func (s *Server) shared(w http.ResponseWriter, r *http.Request) {
	c := s.live.Current()
	p := s.newPage(r, "results.title")
	v := resultsView{page: p}
	var ids []string
	for _, id := range strings.Split(r.URL.Query().Get("ids"), ",") {
		if res, err := c.Resource(strings.TrimSpace(id)); err == nil && len(ids) < 10 {
			v.Cards = append(v.Cards, newCard(c, res, s.Now()))
			ids = append(ids, res.ID)
		}
	}
	if len(ids) == 0 {
		s.fail(w, r, directory.Errorf(directory.ENotFound, "No such resources."))
		return
	}
	v.ShareURL = shareURL(ids, p.LangParam)
	s.render(w, http.StatusOK, "results", &v)
}

func (s *Server) resource(w http.ResponseWriter, r *http.Request) {
	c := s.live.Current()
	res, err := c.Resource(r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.newPage(r, "resource.description")
	p.Title = res.Name
	now := s.Now()
	v := resourceView{page: p, Resource: res, Card: newCard(c, res, now)}
	st := c.Availability(res, now)
	switch {
	case !st.Known:
		v.NowText = p.T("resource.unknownnow")
	case st.Always:
		v.NowText = p.T("badge.always")
	case st.Open && st.NextChange != nil:
		v.NowText = p.T("resource.opennow") + ", " + p.T("resource.until") + " " + st.NextChange.Format("Mon 3:04 PM") + "."
	case st.Open:
		v.NowText = p.T("resource.opennow") + "."
	case st.NextChange != nil:
		v.NowText = p.T("resource.closednow") + "; " + p.T("resource.opensat") + " " + st.NextChange.Format("Mon Jan 2, 3:04 PM") + "."
	default:
		v.NowText = p.T("resource.closednow") + "."
	}
	s.render(w, http.StatusOK, "resource", &v)
}

// browse lists the directory by the seed's sections, filtered by role, topic and
// confidentiality from a plain GET form.
func (s *Server) browse(w http.ResponseWriter, r *http.Request) {
	c := s.live.Current()
	p := s.newPage(r, "browse.title")
	q := r.URL.Query()
	var query catalog.Query
	var err error
	if v := q.Get("role"); v != "" {
		if query.Role, err = directory.ParseRole(v); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if v := q.Get("confidentiality"); v != "" {
		if query.Confidentiality, err = directory.ParseConfidentiality(v); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	query.Topic, query.At = q.Get("topic"), s.Now()
	found, err := c.Find(query)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := browseView{page: p, Roles: roleOptions(&p, query.Role), Empty: len(found) == 0}
	for _, t := range c.Topics() {
		v.TopicOptions = append(v.TopicOptions, option{Value: t.ID, Label: t.Name, Selected: t.ID == query.Topic})
		link := "/resources?topic=" + t.ID
		if p.LangParam != "" {
			link += "&lang=" + p.LangParam
		}
		v.TopicLinks = append(v.TopicLinks, option{Value: link, Label: t.Name})
	}
	for _, cf := range directory.Confidentialities {
		v.ConfOptions = append(v.ConfOptions, option{Value: string(cf), Label: p.T("conf." + string(cf)), Selected: cf == query.Confidentiality})
	}
	index := map[string]int{}
	for _, res := range found {
		i, ok := index[res.Section]
		if !ok {
			i = len(v.Sections)
			index[res.Section] = i
			v.Sections = append(v.Sections, cardsView{page: &v.page, Title: res.Section, Anchor: fmt.Sprintf("section-%d", i+1)})
		}
		v.Sections[i].Cards = append(v.Sections[i].Cards, newCard(c, res, query.At))
	}
	s.render(w, http.StatusOK, "browse", &v)
}

// guide is the clicking path: who are you → what is it about → confidentiality → results.
func (s *Server) guide(w http.ResponseWriter, r *http.Request) {
	c := s.live.Current()
	p := s.newPage(r, "guide.title")
	q := r.URL.Query()
	role, topic, conf := q.Get("role"), q.Get("topic"), q.Get("confidential")
	if role != "" {
		if _, err := directory.ParseRole(role); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if topic != "" {
		if _, ok := c.Topic(topic); !ok {
			s.fail(w, r, directory.Errorf(directory.EInvalid, "Unknown topic."))
			return
		}
	}
	v := guideView{page: p, Action: "/guide", Submit: p.T("guide.next")}
	switch {
	case role == "":
		v.Step, v.Question, v.Field, v.Options = 1, p.T("guide.who"), "role", roleOptions(&p, "")
	case topic == "":
		v.Step, v.Question, v.Field = 2, p.T("guide.what"), "topic"
		v.Hidden = []option{{Value: role, Label: "role"}}
		for _, t := range c.Topics() {
			if t.ID != "emergency" {
				v.Options = append(v.Options, option{Value: t.ID, Label: t.Name})
			}
		}
	case conf == "":
		v.Step, v.Question, v.Field, v.Submit = 3, p.T("guide.conf"), "confidential", p.T("guide.show")
		v.Hidden = []option{{Value: role, Label: "role"}, {Value: topic, Label: "topic"}}
		v.Options = []option{{Value: "no", Label: p.T("guide.conf.no")}, {Value: "yes", Label: p.T("guide.conf.yes")}}
	default:
		s.guideResults(w, r, c, p, directory.Role(role), topic, conf == "yes")
		return
	}
	s.render(w, http.StatusOK, "guide", &v)
}

func (s *Server) guideResults(w http.ResponseWriter, r *http.Request, c *catalog.Catalog, p page, role directory.Role, topic string, private bool) {
	now := s.Now()
	found, err := c.Find(catalog.Query{Filter: directory.Filter{Role: role, Topic: topic}, At: now})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	v := resultsView{page: p, Understood: true, Topics: nil, RoleLabel: p.T("role." + string(role))}
	if t, ok := c.Topic(topic); ok {
		v.Topics = []string{t.Name}
	}
	if private {
		v.ConfLabel = p.T("conf.confidential")
	}
	var ids []string
	for _, res := range found {
		if private && !res.Confidentiality.Private() {
			continue
		}
		v.Cards = append(v.Cards, newCard(c, res, now))
		ids = append(ids, res.ID)
	}
	v.ShareURL = shareURL(ids, p.LangParam)
	s.render(w, http.StatusOK, "results", &v)
}
