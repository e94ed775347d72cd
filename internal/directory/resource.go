package directory

import (
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// Resource is one support or complaint-resolution resource: an HSDS service, with who it
// serves, its confidentiality, its topics and its provenance made first-class.
type Resource struct {
	// ID is stable: it appears in URLs and the API. Lower-case letters, digits and hyphens.
	ID string `json:"id"`
	// Name is the resource's name as its source gives it.
	Name string `json:"name"`
	// AlternateName is a short or common name (HSDS service.alternate_name), such as "IDHR".
	AlternateName string `json:"alternate_name,omitempty"`
	// Aliases are the other names people use for it ("MIT Medical", "VPR"): the navigator
	// and the pages know it by them too.
	Aliases []string `json:"aliases,omitempty"`
	// Organization is the body that runs it (HSDS organization).
	Organization string `json:"organization"`
	// Section is the heading of the source page the resource stands under.
	Section string `json:"section"`
	// Description is the source's description, word for word.
	Description string `json:"description"`
	// Summary is one plain line for result cards.
	Summary string `json:"summary,omitempty"`
	// Translations hold the card text in other languages, keyed by primary language subtag
	// ("es"); pages and the API in that language show them instead of Summary.
	Translations map[string]Translation `json:"translations,omitempty"`
	// Audience is the group the resource serves.
	Audience Audience `json:"audience"`
	// Confidentiality is what the resource promises, and ConfidentialityNote what the source
	// says of it for this resource in particular.
	Confidentiality     Confidentiality `json:"confidentiality"`
	ConfidentialityNote string          `json:"confidentiality_note,omitempty"`
	// Kind says whether it is a service a person contacts, a guide to read or a named contact.
	Kind Kind `json:"kind"`
	// Topics are ids of [Topic]s the resource helps with.
	Topics []string `json:"topics"`
	// Keywords are extra search terms a curator adds (acronyms, what people call it).
	Keywords []string `json:"keywords,omitempty"`
	// Contacts are the ways to reach the resource, best first.
	Contacts []Contact `json:"contacts"`
	// Hours is when the resource is available; nil when the source states no hours.
	Hours *Hours `json:"hours,omitempty"`
	// Emergency marks resources that answer an immediate danger (police, ambulance).
	Emergency bool `json:"emergency,omitempty"`
	// Provenance says where the facts come from and when a person last checked them.
	Provenance Provenance `json:"provenance"`
	// Status is empty for a published resource; drafts and retired resources are kept (with
	// their history) but not shown to the public.
	Status Status `json:"status,omitempty"`
}

// Status is where a resource stands in its life.
type Status string

// Resource statuses.
const (
	StatusPublished Status = ""
	StatusDraft     Status = "draft"
	StatusRetired   Status = "retired"
)

// Public reports whether the resource is shown on the public site and in the API.
func (r *Resource) Public() bool { return r.Status == StatusPublished }

// Kind is what sort of thing a resource is.
type Kind string

// Resource kinds.
const (
	KindService Kind = "service" // an office or service people contact
	KindPerson  Kind = "person"  // a named role or person
	KindGuide   Kind = "guide"   // information to read, not a service
	KindSite    Kind = "site"    // a web site or tool
)

// Serves reports whether the resource serves role r.
func (r *Resource) Serves(role Role) bool { return r.Audience.Includes(role) }

// Provenance records where a resource's facts come from.
type Provenance struct {
	// Source names the document the facts were taken from.
	Source string `json:"source"`
	// SourceText is the source's text for this resource, word for word.
	SourceText string `json:"source_text"`
	// LastVerified is the date (YYYY-MM-DD) a person last checked the facts; empty if never.
	LastVerified string `json:"last_verified,omitempty"`
	// Notes are curation notes.
	Notes string `json:"notes,omitempty"`
	// ReviewIntervalDays is how often a person should check the facts again; 0 means the
	// directory's default ([DefaultReviewIntervalDays]).
	ReviewIntervalDays int `json:"review_interval_days,omitempty"`
}

// ContactKind is the channel of a [Contact].
type ContactKind string

// Contact channels.
const (
	ContactPhone  ContactKind = "phone"
	ContactText   ContactKind = "text"
	ContactEmail  ContactKind = "email"
	ContactWeb    ContactKind = "web"
	ContactForm   ContactKind = "form"
	ContactWalkIn ContactKind = "walk-in"
)

var contactKinds = []ContactKind{ContactPhone, ContactText, ContactEmail, ContactWeb, ContactForm, ContactWalkIn}

// ContactPurpose is what a contact is for.
type ContactPurpose string

// Contact purposes.
const (
	PurposeGeneral      ContactPurpose = "general"
	PurposeEmergency    ContactPurpose = "emergency"
	PurposeNonEmergency ContactPurpose = "non-emergency"
	// PurposeCampus is a short number dialled from a campus phone.
	PurposeCampus    ContactPurpose = "campus-extension"
	PurposeQuestions ContactPurpose = "questions"
	PurposeReport    ContactPurpose = "report"
)

var contactPurposes = []ContactPurpose{PurposeGeneral, PurposeEmergency, PurposeNonEmergency, PurposeCampus, PurposeQuestions, PurposeReport}

// Contact is one way to reach a resource. Value is what the source states (a phone number, an
// address, a site name); it is empty when the source names the channel without its details,
// and Note then says so. Nothing here is invented.
type Contact struct {
	Kind    ContactKind    `json:"kind"`
	Purpose ContactPurpose `json:"purpose"`
	// Value is the number, address or site name as the source states it.
	Value string `json:"value,omitempty"`
	// Extension is a phone extension, if any.
	Extension string `json:"extension,omitempty"`
	// URL is a link a browser can open (tel:, mailto:, https:), derived from Value.
	URL string `json:"url,omitempty"`
	// Label says how to use it, in plain words.
	Label string `json:"label"`
	// Note carries a caveat, such as "number not stated in the source".
	Note string `json:"note,omitempty"`
	// Source is where the fact was read: [SourceSeed] for the department's page, else the
	// https address of the page that states it. AsOf is the date (YYYY-MM-DD) that page
	// was read or last changed.
	Source string `json:"source,omitempty"`
	AsOf   string `json:"as_of,omitempty"`
}

// SourceSeed names the department's page as a contact's source.
const SourceSeed = "seed"

// Hours says when a resource is available, in a named time zone.
type Hours struct {
	// TimeZone is an IANA zone name such as "America/New_York".
	TimeZone string `json:"time_zone"`
	// Always is true for services open 24 hours a day, 7 days a week.
	Always bool `json:"always,omitempty"`
	// Weekly lists the regular opening windows. Nil with Always false and no Holidays rule means
	// the hours are unknown.
	Weekly []Window `json:"weekly,omitempty"`
	// Holidays says what happens on the holidays of [Hours.Calendar]: "open" all day, "closed"
	// all day, or "" for the regular weekly hours.
	Holidays HolidayRule `json:"holidays,omitempty"`
	// Calendar names the holiday calendar the rule uses, such as "mit".
	Calendar string `json:"calendar,omitempty"`
	// Term limits the service to the periods of a named term, such as "academic-year"; outside
	// them it is closed.
	Term string `json:"term,omitempty"`
	// Description is the hours in the source's own words.
	Description string `json:"description"`
	// Source and AsOf say where the hours were read and when, as for a [Contact]: the
	// department's page ([SourceSeed]) or the office's own page.
	Source string `json:"source,omitempty"`
	AsOf   string `json:"as_of,omitempty"`
}

// HolidayRule is what a service does on a holiday.
type HolidayRule string

// Holiday rules.
const (
	HolidaysRegular HolidayRule = ""
	HolidaysOpen    HolidayRule = "open"
	HolidaysClosed  HolidayRule = "closed"
)

// Known reports whether the hours say anything about when the service is open at a given
// instant (as opposed to only when it is closed).
func (h *Hours) Known() bool {
	return h != nil && (h.Always || len(h.Weekly) > 0 || h.Holidays == HolidaysOpen)
}

// Window is a weekly opening window: on each of Days, from Opens to Closes (local "HH:MM").
// Closes at or before Opens means the window runs past midnight into the next day; Closes of
// "24:00" means the end of the day.
type Window struct {
	Days   []Weekday `json:"days"`
	Opens  string    `json:"opens"`
	Closes string    `json:"closes"`
}

// Weekday is a day of the week as HSDS byday writes it: MO, TU, WE, TH, FR, SA, SU.
type Weekday string

var weekdays = map[Weekday]time.Weekday{
	"SU": time.Sunday, "MO": time.Monday, "TU": time.Tuesday, "WE": time.Wednesday,
	"TH": time.Thursday, "FR": time.Friday, "SA": time.Saturday,
}

// Time returns the day as a [time.Weekday] and whether it is valid.
func (d Weekday) Time() (time.Weekday, bool) { w, ok := weekdays[d]; return w, ok }

// ParseClock parses "HH:MM" (00:00 to 24:00) into minutes after midnight.
func ParseClock(s string) (int, bool) {
	if len(s) != 5 || s[2] != ':' {
		return 0, false
	}
	h, m := atoi2(s[0:2]), atoi2(s[3:5])
	if h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, false
	}
	return h*60 + m, true
}

func atoi2(s string) int {
	if s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9' {
		return -1
	}
	return int(s[0]-'0')*10 + int(s[1]-'0')
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidID reports whether id is a well-formed resource or topic id.
func ValidID(id string) bool { return len(id) <= 64 && idPattern.MatchString(id) }

// Validate checks the resource and returns an [EInvalid] error naming the first field that is
// wrong and why.
func (r *Resource) Validate() error {
	switch {
	case !ValidID(r.ID):
		return Errorf(EInvalid, "id %q: use lower-case letters, digits and single hyphens (at most 64 characters).", r.ID)
	case strings.TrimSpace(r.Name) == "":
		return Errorf(EInvalid, "%s: name is required.", r.ID)
	case strings.TrimSpace(r.Description) == "":
		return Errorf(EInvalid, "%s: description is required.", r.ID)
	case !r.Audience.Valid():
		return Errorf(EInvalid, "%s: audience %q is not one of all, everyone-on-campus, students, graduate-students, undergraduates, employees, faculty.", r.ID, r.Audience)
	case !r.Confidentiality.Valid():
		return Errorf(EInvalid, "%s: confidentiality %q is not one of confidential, anonymous, not-confidential.", r.ID, r.Confidentiality)
	}
	switch r.Status {
	case StatusPublished, StatusDraft, StatusRetired:
	default:
		return Errorf(EInvalid, "%s: status %q is not one of draft, retired or empty (published).", r.ID, r.Status)
	}
	switch r.Kind {
	case KindService, KindPerson, KindGuide, KindSite:
	default:
		return Errorf(EInvalid, "%s: kind %q is not one of service, person, guide, site.", r.ID, r.Kind)
	}
	if err := r.validateTranslations(); err != nil {
		return err
	}
	for i, a := range r.Aliases {
		if strings.TrimSpace(a) == "" || len(a) > 100 {
			return Errorf(EInvalid, "%s: aliases[%d] must be 1 to 100 characters.", r.ID, i)
		}
	}
	for i, t := range r.Topics {
		if !ValidID(t) {
			return Errorf(EInvalid, "%s: topics[%d] %q is not a valid topic id.", r.ID, i, t)
		}
	}
	for i, c := range r.Contacts {
		if err := c.validate(); err != nil {
			return Errorf(EInvalid, "%s: contacts[%d]: %s", r.ID, i, err.Error())
		}
	}
	if r.Hours != nil {
		if err := r.Hours.validate(); err != nil {
			return Errorf(EInvalid, "%s: hours: %s", r.ID, err.Error())
		}
	}
	if d := r.Provenance.LastVerified; d != "" {
		if _, err := time.Parse(time.DateOnly, d); err != nil {
			return Errorf(EInvalid, "%s: provenance.last_verified %q is not a date (YYYY-MM-DD).", r.ID, d)
		}
	}
	if n := r.Provenance.ReviewIntervalDays; n < 0 || n > maxReviewIntervalDays {
		return Errorf(EInvalid, "%s: provenance.review_interval_days %d must be between 0 (the default) and %d.", r.ID, n, maxReviewIntervalDays)
	}
	return nil
}

func (c *Contact) validate() error {
	if !slices.Contains(contactKinds, c.Kind) {
		return fmt.Errorf("kind %q is not one of phone, text, email, web, form, walk-in", c.Kind)
	}
	if !slices.Contains(contactPurposes, c.Purpose) {
		return fmt.Errorf("purpose %q is not one of general, emergency, non-emergency, campus-extension, questions, report", c.Purpose)
	}
	if c.Value == "" && c.Note == "" {
		return errors.New("a contact without a value needs a note saying what is missing")
	}
	if c.Kind == ContactEmail && c.Value != "" && !strings.Contains(c.Value, "@") {
		return fmt.Errorf("e-mail address %q has no @", c.Value)
	}
	if strings.TrimSpace(c.Label) == "" {
		return errors.New("label is required")
	}
	if err := c.checkURL(); err != nil {
		return err
	}
	return checkProvenance(c.Source, c.AsOf)
}

// checkProvenance holds a fact's source to the department's page or a page's address, and
// its as_of to a date.
func checkProvenance(source, asOf string) error {
	if source != "" && source != SourceSeed && !strings.HasPrefix(source, "https://") && !strings.HasPrefix(source, "http://") {
		return fmt.Errorf("source %q is neither %q nor the address of a page", source, SourceSeed)
	}
	if asOf != "" {
		if _, err := time.Parse(time.DateOnly, asOf); err != nil {
			return fmt.Errorf("as_of %q is not a date (YYYY-MM-DD)", asOf)
		}
	}
	return nil
}

// checkURL allows only the links a phone, a mail client or a browser should open for the
// contact's kind: tel: for phones and texts, mailto: for e-mail, https: for web pages and
// forms. javascript:, data:, http: and scheme-relative //host links are refused.
func (c *Contact) checkURL() error {
	u := strings.ToLower(strings.TrimSpace(c.URL))
	if u == "" {
		// A value is shown, not linked, when there is no URL; still, no script or data
		// address is kept anywhere a page might one day link it.
		v := strings.ToLower(strings.TrimSpace(c.Value))
		for _, bad := range []string{"javascript:", "data:", "vbscript:", "//"} {
			if strings.HasPrefix(v, bad) {
				return fmt.Errorf("value %q is not an address a browser should open", c.Value)
			}
		}
		return nil
	}
	var want string
	switch c.Kind {
	case ContactPhone, ContactText:
		want = "tel:"
		if c.Kind == ContactText && strings.HasPrefix(u, "sms:") {
			want = "sms:"
		}
	case ContactEmail:
		want = "mailto:"
	default:
		want = "https://"
	}
	if !strings.HasPrefix(u, want) {
		return fmt.Errorf("url %q: a %s contact's link must start with %s", c.URL, c.Kind, want)
	}
	return nil
}

func (h *Hours) validate() error {
	if err := checkProvenance(h.Source, h.AsOf); err != nil {
		return err
	}
	if h.TimeZone == "" {
		return errors.New("time_zone is required")
	}
	if _, err := time.LoadLocation(h.TimeZone); err != nil {
		return fmt.Errorf("time_zone %q is not an IANA time zone", h.TimeZone)
	}
	switch h.Holidays {
	case HolidaysRegular, HolidaysOpen, HolidaysClosed:
	default:
		return fmt.Errorf("holidays %q is not one of open, closed or empty", h.Holidays)
	}
	if h.Holidays != HolidaysRegular && h.Calendar == "" {
		return errors.New("a holiday rule needs a calendar")
	}
	for i, w := range h.Weekly {
		if len(w.Days) == 0 {
			return fmt.Errorf("weekly[%d] has no days", i)
		}
		for _, d := range w.Days {
			if _, ok := d.Time(); !ok {
				return fmt.Errorf("weekly[%d]: day %q is not one of MO TU WE TH FR SA SU", i, d)
			}
		}
		o, ok1 := ParseClock(w.Opens)
		_, ok2 := ParseClock(w.Closes)
		if !ok1 || !ok2 || o == 24*60 {
			return fmt.Errorf("weekly[%d]: opens and closes must be HH:MM between 00:00 and 24:00", i)
		}
	}
	return nil
}

// ContactURL derives the link a browser can open for a contact from what it states: tel: for
// a full phone number (with ;ext= for an extension), mailto: for an e-mail address, the
// address itself for a web address with its scheme. Anything else (a campus short number, a
// site named without its address) gets no link: a link is never guessed.
func ContactURL(c Contact) string {
	v := strings.TrimSpace(c.Value)
	switch c.Kind {
	case ContactPhone, ContactText:
		digits := strings.Map(func(r rune) rune {
			if r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, v)
		var tel string
		switch {
		case strings.HasPrefix(v, "+") && len(digits) >= 8 && len(digits) <= 15:
			tel = "tel:+" + digits
		case len(digits) == 10:
			tel = "tel:+1" + digits
		case len(digits) == 11 && digits[0] == '1':
			tel = "tel:+" + digits
		default:
			return ""
		}
		if ext := strings.TrimSpace(c.Extension); ext != "" && strings.Trim(ext, "0123456789") == "" {
			tel += ";ext=" + ext
		}
		return tel
	case ContactEmail:
		if strings.Count(v, "@") == 1 && !strings.ContainsAny(v, " <>\"") {
			return "mailto:" + v
		}
	case ContactWeb, ContactForm:
		// Only https: is linked, and only as written: a bare site name is not guessed into
		// an address.
		if strings.HasPrefix(strings.ToLower(v), "https://") {
			return v
		}
	}
	return ""
}
