package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"sync"
	"time"

	"signpost/internal/catalog"
	"signpost/internal/directory"
	"signpost/internal/httperror"
)

//go:embed templates/*.html static/* messages/*.json
var files embed.FS

// DefaultNeutralURL is where "Leave this site" goes unless [Config.NeutralURL] says otherwise:
// a weather forecast, neutral to anyone looking over a shoulder.
const DefaultNeutralURL = "https://www.weather.gov/"

// DefaultEmergencyResource is the id of the resource whose contacts give the emergency
// numbers on every page, unless [Config.EmergencyResource] says otherwise.
const DefaultEmergencyResource = "mit-police"

const (
	// maxFormBytes bounds the body of the question form; the concern itself is bounded by
	// navigator.MaxConcernBytes.
	maxFormBytes = 16 << 10
	// maxShared is how many resources a shared list shows.
	maxShared = 10
	// maxIDsParam bounds the ids parameter of a shared list, in bytes.
	maxIDsParam = 1024
)

// Config holds the settings of the public pages.
type Config struct {
	// NeutralURL is where "Leave this site" goes: an absolute http or https address of a
	// neutral site. Empty means [DefaultNeutralURL]. Tests point it at a local server.
	NeutralURL string
	// EmergencyResource is the id of the resource whose campus extension and emergency phone
	// the strip on every page shows. Empty means [DefaultEmergencyResource].
	EmergencyResource string
}

// Server renders the public pages. Create it with [NewServer]; it is safe for concurrent use
// once registered.
type Server struct {
	cfg    Config
	live   *catalog.Live
	logger *slog.Logger
	pages  map[string]*template.Template
	msgs   *messages
	assets map[string]asset
	css    string
	js     string
	// Now returns the current time, used for availability; tests replace it.
	Now func() time.Time
}

// asset is one embedded static file.
type asset struct {
	body  []byte
	ctype string
	etag  string
}

// pageNames are the page templates; each is parsed with the layout and the shared parts.
var pageNames = []string{"home", "results", "resource", "browse", "guide", "privacy", "error"}

// NewServer parses every template, message catalog and static file once and returns a
// server reading from live. It fails if any of them is malformed or if cfg.NeutralURL is not
// an absolute http or https address.
func NewServer(cfg Config, live *catalog.Live, logger *slog.Logger) (*Server, error) {
	if cfg.NeutralURL == "" {
		cfg.NeutralURL = DefaultNeutralURL
	}
	if u, err := url.Parse(cfg.NeutralURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("web: the quick exit address %q is not an absolute http or https URL", cfg.NeutralURL)
	}
	if cfg.EmergencyResource == "" {
		cfg.EmergencyResource = DefaultEmergencyResource
	}
	if live == nil || logger == nil {
		return nil, fmt.Errorf("web: NewServer needs a catalog and a logger")
	}
	msgs, err := loadMessages(files)
	if err != nil {
		return nil, err
	}
	s := &Server{cfg: cfg, live: live, logger: logger, pages: map[string]*template.Template{}, msgs: msgs,
		assets: map[string]asset{}, Now: time.Now}
	for _, name := range pageNames {
		t, err := template.ParseFS(files, "templates/layout.html", "templates/parts.html", "templates/"+name+".html")
		if err != nil {
			return nil, fmt.Errorf("web: parse template %s: %w", name, err)
		}
		s.pages[name] = t
	}
	static, err := fs.ReadDir(files, "static")
	if err != nil {
		return nil, fmt.Errorf("web: static files: %w", err)
	}
	for _, e := range static {
		b, err := fs.ReadFile(files, "static/"+e.Name())
		if err != nil {
			return nil, fmt.Errorf("web: static file %s: %w", e.Name(), err)
		}
		sum := sha256.Sum256(b)
		ctype := mime.TypeByExtension(path.Ext(e.Name()))
		if ctype == "" {
			ctype = "application/octet-stream"
		}
		s.assets[e.Name()] = asset{body: b, ctype: ctype, etag: `"` + hex.EncodeToString(sum[:8]) + `"`}
	}
	for name, dst := range map[string]*string{"site.css": &s.css, "exit.js": &s.js} {
		a, ok := s.assets[name]
		if !ok {
			return nil, fmt.Errorf("web: static file %s is missing", name)
		}
		// The content version in the address lets browsers keep the file for a long time.
		*dst = "/static/" + name + "?v=" + a.etag[1:9]
	}
	return s, nil
}

// Register adds the public routes to mux, including a catch-all that answers every other
// address with the HTML "not found" page; register the API's routes on the same mux.
func (s *Server) Register(mux *http.ServeMux) {
	mux.HandleFunc("GET /{$}", s.home)
	mux.HandleFunc("POST /{$}", s.answer)
	mux.HandleFunc("GET /results", s.shared)
	mux.HandleFunc("GET /guide", s.guide)
	mux.HandleFunc("GET /resources", s.browse)
	mux.HandleFunc("GET /resources/{id}", s.resource)
	mux.HandleFunc("GET /privacy", s.privacy)
	mux.HandleFunc("GET /static/{name}", s.static)
	mux.HandleFunc("/", s.notFound)
}

// static serves an embedded file with a validator and, when asked for by its versioned
// address, a long cache lifetime. There is no directory listing.
func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	a, ok := s.assets[r.PathValue("name")]
	if !ok {
		s.notFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Content-Type", a.ctype)
	h.Set("ETag", a.etag)
	if r.URL.Query().Get("v") == a.etag[1:9] {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=300")
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.body))
}

// newPage prepares the layout's part of a page for r: the language, the switch to the other
// language, the quick exit and the emergency numbers from catalog c.
func (s *Server) newPage(r *http.Request, c *catalog.Catalog, nav string) page {
	lang, explicit := s.msgs.pick(r)
	other := s.msgs.other(lang)
	p := page{Lang: lang, Nav: nav, NeutralURL: s.cfg.NeutralURL, CSS: s.css, JS: s.js,
		msgs: s.msgs.byLang[lang], SwitchLang: other, SwitchName: s.msgs.byLang[other]["lang.name"],
		Emergency: emergencyNumbers(c, s.cfg.EmergencyResource)}
	if explicit {
		p.langParam = lang
	}
	// The switch keeps the page and its query (filters, guide answers), with the language
	// replaced. A POSTed page has no query worth keeping; its handler sets its own switch.
	q := r.URL.Query()
	q.Set("lang", other)
	where := r.URL.Path
	if len(where) == 0 || where[0] != '/' || (len(where) > 1 && (where[1] == '/' || where[1] == '\\')) {
		where = "/" // never a link to another host, whatever the request's path
	}
	p.SwitchURL = where + "?" + q.Encode()
	return p
}

// render executes a page into a buffer first, so that a template error never sends half a
// page, then writes it with the headers every page carries.
func (s *Server) render(w http.ResponseWriter, status int, name string, view any, lang string) {
	buf := pageBuffers.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= 1<<20 { // a rare huge page does not pin its buffer
			pageBuffers.Put(buf)
		}
	}()
	buf.Reset()
	if err := s.pages[name].ExecuteTemplate(buf, "layout", view); err != nil {
		s.logger.Error("render page", slog.String("page", name), slog.Any("err", err))
		h := w.Header()
		h.Set("Content-Type", "text/plain; charset=utf-8")
		h.Set("Cache-Control", "no-store")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte("Internal error. In an emergency dial 100 from a campus phone or call 617-253-1212.\n"))
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	// Pages may hold what a person typed (the correction form): never keep them.
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Language", lang)
	h.Set("Vary", "Accept-Language")
	h.Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// pageBuffers holds page buffers for reuse: a page is 10 to 60 KB, and growing a fresh buffer
// for each was a third of what rendering one allocated.
var pageBuffers = sync.Pool{New: func() any { b := new(bytes.Buffer); b.Grow(32 << 10); return b }}

// fail shows the error page for err: the status from [httperror.Status], a heading and
// message in the page's language, and for a 400 the error's own message as a detail. Internal
// errors are logged and their message never shown.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	c := s.live.Current()
	status := httperror.Status(err)
	v := errorView{page: s.newPage(r, c, ""), Status: status}
	switch status {
	case http.StatusNotFound:
		v.Heading, v.Message = v.T("error.title.404"), v.T("error.notfound")
	case http.StatusRequestEntityTooLarge:
		v.Heading, v.Message = v.T("error.title.413"), v.T("error.toolarge")
	case http.StatusBadRequest:
		v.Heading, v.Message, v.Detail = v.T("error.title.400"), v.T("error.badrequest"), directory.ErrorMessage(err)
	default:
		// The error's text may hold internals: it goes to the log, never to the page.
		s.logger.Error("page failed", slog.String("route", r.Pattern), slog.Int("status", status), slog.Any("err", err))
		v.Heading, v.Message = v.T("error.title.500"), v.T("error.internal")
	}
	v.Title = v.Heading
	s.render(w, status, "error", &v, v.Lang)
}

func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	s.fail(w, r, directory.Errorf(directory.ENotFound, "Not found."))
}

// pageLang is the language r's page is shown in.
func (s *Server) pageLang(r *http.Request) string {
	lang, _ := s.msgs.pick(r)
	return lang
}
