package web

import (
	"html/template"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"signpost/internal/catalog"
	"signpost/internal/directory"
)

// clock formats the time of day of t in the page's language; midnight is a word.
func (p *page) clock(t time.Time) string {
	if t.Hour() == 0 && t.Minute() == 0 {
		return p.T("time.midnight")
	}
	return t.Format(p.T("format.time"))
}

// date formats t's local date in the page's language, with the year when withYear is set.
func (p *page) date(t time.Time, withYear bool) string {
	month := p.T("month." + strconv.Itoa(int(t.Month())))
	if withYear {
		return p.Tf("format.date", month, strconv.Itoa(t.Day()), strconv.Itoa(t.Year()))
	}
	return p.Tf("format.date.short", month, strconv.Itoa(t.Day()))
}

// when places t relative to now, in t's time zone: form is "today", "tomorrow", "day" (within
// the week; day is then the weekday's name) or "date" (day is then the date). A change at
// midnight belongs to the day that ends, so "until midnight" is not "until midnight tomorrow".
func (p *page) when(now, t time.Time) (form, day string) {
	d := t
	if t.Hour() == 0 && t.Minute() == 0 {
		d = t.Add(-time.Minute)
	}
	n := now.In(t.Location())
	// Both dates at noon UTC: their difference is a whole number of days, whatever the DST.
	diff := int(time.Date(d.Year(), d.Month(), d.Day(), 12, 0, 0, 0, time.UTC).
		Sub(time.Date(n.Year(), n.Month(), n.Day(), 12, 0, 0, 0, time.UTC)).Hours()) / 24
	switch {
	case diff <= 0:
		return "today", ""
	case diff == 1:
		return "tomorrow", ""
	case diff < 7:
		return "day", p.T("day." + strconv.Itoa(int(d.Weekday())))
	}
	return "date", p.date(d, false)
}

// opensNext reports whether the change at next is an opening, as opposed to the hours
// becoming unknown (a term-limited service whose term hours are not stated).
func opensNext(c *catalog.Catalog, r *directory.Resource, next *time.Time) bool {
	if next == nil {
		return false
	}
	st := c.Availability(r, *next)
	return st.Known && st.Open
}

// closesNext is opensNext for a closing.
func closesNext(c *catalog.Catalog, r *directory.Resource, next *time.Time) bool {
	if next == nil {
		return false
	}
	st := c.Availability(r, *next)
	return st.Known && !st.Open
}

// status says in plain words whether r is open at now and until when, or when it opens
// ("Open now until 9:00 AM tomorrow", "Closed now; opens today at 5:00 PM", "Hours not
// stated"), with a class for the style: "open", "closed" or "unknown".
func (p *page) status(c *catalog.Catalog, r *directory.Resource, now time.Time) (text, class string) {
	st := c.Availability(r, now)
	switch {
	case !st.Known:
		return p.T("avail.unknown"), "unknown"
	case st.Always:
		return p.T("avail.always"), "open"
	case st.Open:
		if !closesNext(c, r, st.NextChange) {
			return p.T("avail.open"), "open"
		}
		switch form, day := p.when(now, *st.NextChange); form {
		case "today":
			return p.Tf("avail.open.until.today", p.clock(*st.NextChange)), "open"
		case "tomorrow":
			return p.Tf("avail.open.until.tomorrow", p.clock(*st.NextChange)), "open"
		default:
			return p.Tf("avail.open.until.day", day, p.clock(*st.NextChange)), "open"
		}
	}
	if !opensNext(c, r, st.NextChange) {
		return p.T("avail.closed"), "closed"
	}
	switch form, day := p.when(now, *st.NextChange); form {
	case "today":
		return p.Tf("avail.closed.today", p.clock(*st.NextChange)), "closed"
	case "tomorrow":
		return p.Tf("avail.closed.tomorrow", p.clock(*st.NextChange)), "closed"
	case "day":
		return p.Tf("avail.closed.day", day, p.clock(*st.NextChange)), "closed"
	default:
		return p.Tf("avail.closed.date", day), "closed"
	}
}

// opensBadge is the short badge of a resource that is closed now and opens at next.
func (p *page) opensBadge(now, next time.Time) string {
	switch form, day := p.when(now, next); form {
	case "today":
		return p.Tf("badge.opens.today", p.clock(next))
	case "tomorrow":
		return p.Tf("badge.opens.tomorrow", p.clock(next))
	case "day":
		return p.Tf("badge.opens.day", day, p.clock(next))
	default:
		return p.Tf("badge.opens.date", day)
	}
}

// weekOrder is the order a week is read in: Monday first.
var weekOrder = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// weekly turns the weekly windows of h into plain lines, consecutive days with the same hours
// together ("Monday to Friday: midnight to 9:00 AM, 5:00 PM to midnight"). It returns nil
// when h states no weekly windows.
func (p *page) weekly(h *directory.Hours) []hoursLine {
	if h == nil || h.Always || len(h.Weekly) == 0 {
		return nil
	}
	type span struct{ opens, closes int }
	var days [7][]span
	for _, w := range h.Weekly {
		o, ok1 := directory.ParseClock(w.Opens)
		c, ok2 := directory.ParseClock(w.Closes)
		if !ok1 || !ok2 {
			continue
		}
		for _, d := range w.Days {
			if wd, ok := d.Time(); ok {
				days[wd] = append(days[wd], span{o, c})
			}
		}
	}
	text := func(spans []span) string {
		if len(spans) == 0 {
			return p.T("hours.closed")
		}
		slices.SortFunc(spans, func(a, b span) int { return a.opens - b.opens })
		parts := make([]string, 0, len(spans))
		for _, s := range spans {
			switch {
			case s.opens == 0 && s.closes == 24*60:
				parts = append(parts, p.T("hours.allday"))
			case s.closes <= s.opens:
				parts = append(parts, p.Tf("hours.span.overnight", p.clockMinutes(s.opens), p.clockMinutes(s.closes)))
			default:
				parts = append(parts, p.Tf("hours.span", p.clockMinutes(s.opens), p.clockMinutes(s.closes)))
			}
		}
		return capitalize(strings.Join(parts, ", "))
	}
	var lines []hoursLine
	for i := 0; i < len(weekOrder); {
		t := text(days[weekOrder[i]])
		j := i + 1
		for j < len(weekOrder) && text(days[weekOrder[j]]) == t {
			j++
		}
		first, last := p.T("day."+strconv.Itoa(int(weekOrder[i]))), p.T("day."+strconv.Itoa(int(weekOrder[j-1])))
		var label string
		switch j - i {
		case 1:
			label = first
		case 2:
			label = p.Tf("hours.days.pair", first, last)
		default:
			label = p.Tf("hours.days.range", first, last)
		}
		lines = append(lines, hoursLine{Days: capitalize(label), Times: t})
		i = j
	}
	return lines
}

// hoursNotes are the facts of h besides the weekly windows: 24/7, holidays, term.
func (p *page) hoursNotes(h *directory.Hours) []string {
	if h == nil {
		return nil
	}
	var out []string
	if h.Always {
		out = append(out, capitalize(p.T("hours.always")))
	}
	cal := strings.ToUpper(h.Calendar)
	switch h.Holidays {
	case directory.HolidaysOpen:
		out = append(out, p.Tf("hours.holidays.open", cal))
	case directory.HolidaysClosed:
		out = append(out, p.Tf("hours.holidays.closed", cal))
	}
	if h.Term != "" {
		if s, ok := p.msgs["hours.term."+h.Term]; ok {
			out = append(out, s)
		} else {
			out = append(out, p.Tf("hours.term", h.Term))
		}
	}
	return out
}

// clockMinutes formats minutes after midnight (0 to 1440) as a time of day.
func (p *page) clockMinutes(m int) string {
	return p.clock(time.Date(2000, 1, 1, m/60, m%60, 0, 0, time.UTC))
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

var (
	phoneURL = regexp.MustCompile(`^(tel|sms):\+?[0-9][0-9-]{2,20}$`)
	mailURL  = regexp.MustCompile(`^mailto:[^\s"'<>@?&/\\]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$`)
	// webURL is an https address with a host name and no characters that could break out
	// of an attribute.
	webURL = regexp.MustCompile(`^https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(:[0-9]{1,5})?(/[^\s"'<>\\]*)?$`)
)

// contactURL returns the contact's link when it is one a visitor can open: tel:, sms:,
// mailto: or https:, in a strict form. html/template would otherwise replace tel: links
// with "#ZgotmplZ"; the strict check is what makes marking them safe correct. The page makes
// no request to another host: a link is followed only when the visitor chooses to.
func contactURL(u string) (template.URL, string, bool) {
	switch {
	case phoneURL.MatchString(u):
		return template.URL(u), u[:3], true
	case mailURL.MatchString(u):
		return template.URL(u), "mailto", true
	case webURL.MatchString(u):
		return template.URL(u), "https", true
	}
	return "", "", false
}

// hostOf is the host name of an https address, for a link's text.
func hostOf(u string) string {
	rest := strings.TrimPrefix(u, "https://")
	host, _, _ := strings.Cut(rest, "/")
	return strings.TrimPrefix(host, "www.")
}

// contact prepares one contact channel for the page.
func (p *page) contact(c *directory.Contact) contactView {
	v := contactView{Label: c.Label, Note: c.Note, Value: c.Value, Ext: c.Extension, Kind: c.Kind}
	v.Source = p.provenance(c.Source, c.AsOf)
	if c.Value == "" {
		return v
	}
	if u, scheme, ok := contactURL(c.URL); ok {
		v.URL = u
		switch scheme {
		case "tel":
			v.Action = p.Tf("contact.call", c.Value)
		case "sms":
			v.Action = p.Tf("contact.text", c.Value)
		case "https":
			v.Action = p.Tf("contact.web", hostOf(c.URL))
		default:
			v.Action = p.Tf("contact.email", c.Value)
		}
	} else if c.Kind == directory.ContactWalkIn {
		v.Action = p.Tf("contact.place", c.Value)
	}
	return v
}

// handleRank orders the ways to reach a resource for its card: an open phone line first,
// then e-mail, a web page or form, a phone that is closed, and a place to go.
func handleRank(c *directory.Contact, open bool) int {
	switch {
	case c.Kind == directory.ContactPhone && open && c.Purpose != directory.PurposeNonEmergency:
		return 0
	case c.Kind == directory.ContactText:
		return 1
	case c.Kind == directory.ContactEmail:
		return 2
	case c.Kind == directory.ContactWeb || c.Kind == directory.ContactForm:
		return 3
	case c.Kind == directory.ContactPhone:
		return 4
	case c.Kind == directory.ContactWalkIn:
		return 5
	}
	return 6
}

// card prepares r for a list at instant now: badges, availability and its main contact (the
// first one that can be tapped).
func (p *page) card(c *catalog.Catalog, r *directory.Resource, now time.Time) card {
	cd := card{ID: r.ID, Name: r.Name, URL: p.Link("/resources/" + r.ID), Emergency: r.Emergency}
	var translated string
	if cd.Summary, translated = r.SummaryIn(p.Lang); translated == "" && p.Foreign() {
		cd.SummaryLang = "en"
	}
	cd.Badges = make([]badge, 0, 3)
	if r.Emergency {
		cd.Badges = append(cd.Badges, badge{p.T("badge.emergency"), "sos"})
	}
	switch r.Confidentiality {
	case directory.Confidential:
		cd.Badges = append(cd.Badges, badge{p.T("badge.confidential"), "conf"})
	case directory.Anonymous:
		cd.Badges = append(cd.Badges, badge{p.T("badge.anonymous"), "conf"})
	}
	st := c.Availability(r, now)
	switch {
	case !st.Known:
	case st.Always:
		cd.Badges = append(cd.Badges, badge{p.T("badge.always"), "open"})
	case st.Open:
		cd.Badges = append(cd.Badges, badge{p.T("badge.open"), "open"})
	case opensNext(c, r, st.NextChange):
		cd.Badges = append(cd.Badges, badge{p.opensBadge(now, *st.NextChange), "closed"})
	default:
		cd.Badges = append(cd.Badges, badge{p.T("badge.closed"), "closed"})
	}
	// The best way to reach it now: an open line, else mail, a page, a place.
	open := !st.Known || st.Open
	best := -1
	for i := range r.Contacts {
		v := p.contact(&r.Contacts[i])
		if v.URL == "" && v.Kind != directory.ContactWalkIn || v.Value == "" {
			continue
		}
		if rank := handleRank(&r.Contacts[i], open); best < 0 || rank < best {
			best = rank
			cd.Contact = &v
		}
	}
	return cd
}

// emergencyNumbers reads the strip's numbers from the contacts of the emergency resource:
// its campus extension and its first emergency phone that can be dialled. Facts the catalog
// lacks fall back to the ones the issue names (dial 100 from a campus phone, 617-253-1212).
func emergencyNumbers(c *catalog.Catalog, id string) emergency {
	// Without an emergency service in the directory, the public emergency number.
	e := emergency{Phone: "911", Tel: "tel:911", Always: true}
	r, err := c.Resource(id)
	if err != nil || !r.Emergency {
		// Another directory: its first emergency service, police before medical.
		rs := c.Navigator().Responders()
		if len(rs) == 0 || !rs[0].Emergency {
			return e
		}
		r = rs[0]
	}
	e.Name = r.Name
	e.Always = r.Hours != nil && r.Hours.Always
	campus, phone := false, false
	for _, ct := range r.Contacts {
		if ct.Kind != directory.ContactPhone || ct.Value == "" {
			continue
		}
		switch {
		case ct.Purpose == directory.PurposeCampus && !campus:
			e.Campus, campus = ct.Value, true
		case ct.Purpose == directory.PurposeEmergency && !phone:
			if u, scheme, ok := contactURL(ct.URL); ok && scheme == "tel" {
				e.Phone, e.Tel, phone = ct.Value, u, true
			}
		}
	}
	return e
}
