package web

import (
	"net/url"
	"strings"
	"time"

	"signpost/internal/catalog"
	"signpost/internal/directory"
	"signpost/internal/navigator"
)

// page is what every page's layout needs.
type page struct {
	Lang       string
	LangParam  string // set when the language was chosen with ?lang=, so links keep it
	Title      string
	NeutralURL string
	cat        *catalogs
}

// T returns interface text in the page's language.
func (p *page) T(key string) string { return p.cat.text(p.Lang, key) }

// LangQuery is "?lang=xx" when the language was chosen explicitly, so that links keep it.
func (p *page) LangQuery() string {
	if p.LangParam == "" {
		return ""
	}
	return "?lang=" + p.LangParam
}

// OtherLang is the language the switch offers.
func (p *page) OtherLang() string {
	if p.Lang == "es" {
		return "en"
	}
	return "es"
}

// SwitchURL is the current page in the other language.
func (p *page) SwitchURL() string { return "?lang=" + p.OtherLang() }

type option struct {
	Value, Label string
	Selected     bool
}

// card is one resource as a result or browse card.
type card struct {
	ID, Name, Summary string
	Confidential      bool
	Anonymous         bool
	Always, OpenNow   bool
	Opens             string
	Contact           *directory.Contact
	Why               []string
}

func newCard(c *catalog.Catalog, r *directory.Resource, at time.Time) card {
	st := c.Availability(r, at)
	cd := card{ID: r.ID, Name: r.Name, Summary: r.Summary, Confidential: r.Confidentiality == directory.Confidential,
		Anonymous: r.Confidentiality == directory.Anonymous, Always: st.Always, OpenNow: st.Known && st.Open}
	if st.Known && !st.Open && st.NextChange != nil {
		cd.Opens = st.NextChange.Format("Mon 3:04 PM")
	}
	for i := range r.Contacts {
		if r.Contacts[i].URL != "" && r.Contacts[i].Value != "" {
			cd.Contact = &r.Contacts[i]
			break
		}
	}
	return cd
}

type homeView struct {
	page
	Roles []option
	Error string
}

type resultsView struct {
	page
	Emergency, NoGoodMatch bool
	Understood             bool
	Topics                 []string
	RoleLabel, ConfLabel   string
	Cards                  []card
	OpenWhy                bool
	ShareURL               string
}

type resourceView struct {
	page
	Resource *directory.Resource
	Card     card
	NowText  string
}

type browseView struct {
	page
	Roles, TopicOptions, ConfOptions []option
	// TopicLinks lead to the directory filtered by each topic (Value is the link).
	TopicLinks []option
	Sections   []cardsView
	Empty      bool
}

// cardsView lets the "cards" template run inside a section with the page's helpers.
type cardsView struct {
	*page
	Title, Anchor string
	Cards         []card
	OpenWhy       bool
}

type guideView struct {
	page
	Step     int
	Action   string
	Question string
	Field    string
	Options  []option
	Hidden   []option
	Submit   string
}

type errorView struct {
	page
	Message string
}

func roleOptions(p *page, selected directory.Role) []option {
	var out []option
	for _, r := range directory.Roles {
		out = append(out, option{Value: string(r), Label: p.T("role." + string(r)), Selected: r == selected})
	}
	return out
}

// shareURL links to the results by resource ids only: never the concern.
func shareURL(ids []string, lang string) string {
	v := url.Values{"ids": {strings.Join(ids, ",")}}
	if lang != "" {
		v.Set("lang", lang)
	}
	return "/results?" + v.Encode()
}

func understoodTopics(a *navigator.Answer) []string {
	var out []string
	for _, t := range a.Understood.Topics {
		out = append(out, t.Name)
	}
	return out
}
