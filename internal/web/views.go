package web

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"signpost/internal/directory"
)

// page is what the layout needs; every view embeds it.
type page struct {
	// Lang is the interface language ("en", "es").
	Lang string
	// Title is the document title, before the site name.
	Title string
	// Nav names the current main-navigation item: "home", "guide", "browse", "privacy" or "".
	Nav string
	// SwitchURL is this page in the other language, SwitchLang that language's code and
	// SwitchName its own name for itself ("Español").
	SwitchURL, SwitchLang, SwitchName string
	// NeutralURL is where "Leave this site" goes.
	NeutralURL string
	// Emergency holds the numbers of the strip.
	Emergency emergency
	// CSS and JS are the addresses of the stylesheet and the script, with a content version.
	CSS, JS string
	// Wide gives the page a wider column (the directory).
	Wide bool

	// langParam is the language chosen with ?lang=, carried on in links; "" when the language
	// came from Accept-Language.
	langParam string
	msgs      map[string]string
}

// T returns the interface text for key in the page's language (English when the language
// lacks it; the key itself when English lacks it too, which a test forbids).
func (p *page) T(key string) string {
	if s, ok := p.msgs[key]; ok {
		return s
	}
	return key
}

// Tf is [page.T] with the placeholders {1}, {2}, … replaced by args in order.
func (p *page) Tf(key string, args ...string) string {
	s := p.T(key)
	for i, a := range args {
		s = strings.ReplaceAll(s, "{"+strconv.Itoa(i+1)+"}", a)
	}
	return s
}

// data returns the page language's translation of a text the data owns, or the data's own
// (English) text when there is none.
func (p *page) data(key, own string) string {
	if s, ok := p.msgs[dataPrefix+key]; ok {
		return s
	}
	return own
}

// Foreign reports whether the interface is not in English, so that resource data (which
// stays in English) must be marked lang="en" for screen readers.
func (p *page) Foreign() bool { return p.Lang != "en" }

// LangParam is the language chosen with ?lang=, which forms carry in a hidden field; "" when
// the language came from Accept-Language.
func (p *page) LangParam() string { return p.langParam }

// Link returns path with the page's explicit language added, so that links keep it.
func (p *page) Link(path string) string {
	if p.langParam == "" {
		return path
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	return path + sep + "lang=" + p.langParam
}

// emergency holds the numbers the strip and the emergency banner show.
type emergency struct {
	// Name is the emergency service's name ("MIT Police").
	Name string
	// Campus is the short number dialled from a campus phone ("100").
	Campus string
	// Phone is the number as people read it, and Tel its tel: link.
	Phone string
	Tel   template.URL
	// Always is true when the service answers 24/7.
	Always bool
}

// option is one choice of a select or radio group.
type option struct {
	Value, Label string
	Selected     bool
}

// link is a labelled address.
type link struct {
	URL, Label string
	// Current marks the link to the page being shown.
	Current bool
}

// contactView is one way to reach a resource, ready to print.
type contactView struct {
	// Label says how to use it and Note carries a caveat, both in the data's words.
	Label, Note string
	// Value is the number or address as the source states it, Ext a phone extension.
	Value, Ext string
	// URL is a tel:, sms: or mailto: link, empty when the contact cannot be opened here.
	URL template.URL
	// Action is the link text ("Call 617-253-1212"), in the page's language.
	Action string
	// Kind is the channel; Source says where the fact comes from, in plain words.
	Kind   directory.ContactKind
	Source string
}

// ShowValue reports whether the value must be shown beside the label: not when the label
// already says it ("Dial 100 from any campus phone").
func (c contactView) ShowValue() bool {
	return c.Value != "" && !strings.Contains(c.Label, c.Value)
}

// badge is one short fact on a card: Class is "conf", "open", "closed" or "sos".
type badge struct{ Text, Class string }

// card is one resource in a list: results, browse, guided path.
type card struct {
	ID, Name, Summary string
	// SummaryLang and WhyLang are the lang attribute of the summary and the reasons when
	// they are not in the page's language (an untranslated summary on a Spanish page).
	SummaryLang, WhyLang string
	URL                  string
	Emergency            bool
	// Badges say, in this order: emergency, confidentiality, availability now.
	Badges  []badge
	Contact *contactView
	Why     []string
}

// cardList is a list of cards with what the "cards" template needs from the page.
type cardList struct {
	*page
	Cards []card
	// Level is the heading level of each card's name: 2 or 3.
	Level int
}

// askForm is the question form, empty on the home page and filled in to correct an answer
// or after an error.
type askForm struct {
	*page
	Concern              string
	Roles                []option
	Confidential, Urgent bool
	Error                string
}

// OptionsOpen shows the optional fields when one is set; otherwise they stay folded so that
// the question and its button fit the first screen of a phone.
func (f askForm) OptionsOpen() bool {
	if f.Confidential || f.Urgent {
		return true
	}
	for _, r := range f.Roles {
		if r.Selected {
			return true
		}
	}
	return false
}

type homeView struct {
	page
	Form askForm
}

// understood is what the navigator read, shown so that a person can correct it.
type understood struct {
	Topics   []link
	Role     string
	Inferred bool
	Conf     string
}

// choices are the answers of the guided path.
type choices struct {
	Role, Topic, Conf string
	ChangeURL         string
}

type resultsView struct {
	page
	Heading, Lead string
	// Alarm is set when the answer is an emergency: the banner comes first.
	Alarm       bool
	Urgent      bool
	NoGoodMatch bool
	// NoMatchText explains an honest "nothing fits" above the general navigators.
	NoMatchText string
	Understood  *understood
	Choices     *choices
	List        cardList
	ShareURL    string
	// Refine is the question form filled in with what was sent, for a typed concern.
	Refine *askForm
}

// hoursLine is one line of a weekly schedule in plain words.
type hoursLine struct{ Days, Times string }

type resourceView struct {
	page
	R            *directory.Resource
	Card         card
	Aka          string
	Contacts     []contactView
	Status       string
	StatusClass  string
	Hours        []hoursLine
	HoursNotes   []string
	Serves       string
	ConfLabel    string
	ConfExplain  string
	Topics       []link
	Verified     string
	BackURL      string
	ShowSource   bool
	ShowHoursSrc bool
	// HoursSource says where the hours were read, as each contact does.
	HoursSource string
	// SourceRepeats: the source text says nothing the name and description do not; it is
	// then folded away.
	SourceRepeats bool
}

// group is one heading of the browse page with its resources.
type group struct {
	ID, Title string
	List      cardList
}

type browseView struct {
	page
	Roles, Topics, Confs []option
	Groupings            []link
	ByTopic              bool
	Count                string
	Filtered             bool
	ClearURL             string
	Jump                 []link
	Groups               []group
}

// hidden is a hidden form field.
type hidden struct{ Name, Value string }

type guideView struct {
	page
	Step, Steps int
	Question    string
	Field       string
	Options     []option
	Hidden      []hidden
	Submit      string
	BackURL     string
}

// StepText is "Step 2 of 3" in the page's language.
func (v *guideView) StepText() string {
	return v.Tf("guide.step", strconv.Itoa(v.Step), strconv.Itoa(v.Steps))
}

// Bar is the progress bar: one entry per step, true for the steps reached.
func (v *guideView) Bar() []bool {
	out := make([]bool, v.Steps)
	for i := range out {
		out[i] = i < v.Step
	}
	return out
}

type privacyView struct{ page }

type errorView struct {
	page
	Status  int
	Heading string
	Message string
	Detail  string
}

// roleOptions lists the roles for a select or radio group, selected marking one.
func roleOptions(p *page, selected directory.Role) []option {
	out := make([]option, 0, len(directory.Roles))
	for _, r := range directory.Roles {
		out = append(out, option{Value: string(r), Label: p.T("role." + string(r)), Selected: r == selected})
	}
	return out
}

// shareURL is the address of a results list: resource ids only, never the concern.
func shareURL(ids []string, lang string) string {
	v := url.Values{"ids": {strings.Join(ids, ",")}}
	if lang != "" {
		v.Set("lang", lang)
	}
	return "/results?" + v.Encode()
}
