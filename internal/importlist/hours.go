package importlist

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"signpost/internal/directory"
)

const (
	dayName = `(?:[Mm]ondays?|[Tt]uesdays?|[Ww]ednesdays?|[Tt]hursdays?|[Ff]ridays?|[Ss]aturdays?|[Ss]undays?|Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\b\.?`
	daySpec = `(?:` + dayName + `\s*(?:-|–|—|to|through|thru)\s*` + dayName +
		`|` + dayName + `(?:\s*(?:,\s*and|,|&|and|/)\s*` + dayName + `)+` +
		`|` + dayName + `|[Ww]eekdays|[Ww]eekends|[Dd]aily|[Ee]very\s+day|(?:seven|7)\s+days\s+a\s+week)`
	timeTok   = `(?:\b\d{1,2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\b\.?)?|[Nn]oon|[Mm]idnight)`
	timeRange = `(?:from\s+)?(` + timeTok + `)\s*(?:-|–|—|to|until|till)\s*(` + timeTok + `)`
)

var (
	// dayTimeRe is "Monday–Friday, 9am–5pm"; timeDayRe is "9am–5pm on weekdays".
	dayTimeRe = regexp.MustCompile(`(` + daySpec + `)(?:\s*[,:]\s*|\s+)` + timeRange)
	timeDayRe = regexp.MustCompile(timeRange + `(?:\s*,\s*|\s+)(?:on\s+)?(` + daySpec + `)`)
	dayNameRe = regexp.MustCompile(dayName)
	// alwaysRe states round-the-clock availability.
	alwaysRe = regexp.MustCompile(`(?i)\b24\s*/\s*7(?:\s*/\s*365)?\b|\b24\s+hours\s+a\s+day,?\s+(?:seven|7)\s+days\s+a\s+week\b|\b24\s+hours\s+a\s+day,?\s+(?:every\s+day|365\s+days\s+a\s+year)\b|\baround[- ]the[- ]clock\b`)
	// hintRe marks a sentence that says something about hours.
	hintRe = regexp.MustCompile(`(?i:\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)s?\b|\bweekdays?\b|\bweekends?\b|\b\d{1,2}(?::\d{2})?\s*[ap]\.?m\b|\bnoon\b|\bmidnight\b|\b24\s*/\s*7\b|\b24[ -]hours?\b|\baround[- ]the[- ]clock\b|\bacademic\s+year\b|\bholidays?\b|\bdaily\b)` +
		`|\b(?:Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\b|\b\d{1,2}:\d{2}\s*(?:-|–|—|to)\s*\d{1,2}`)
	// vagueRe finds what makes hours ambiguous once the windows read are taken out: another
	// day, time or number, exceptions, holidays, terms.
	vagueRe = regexp.MustCompile(`(?i)\b(?:mon(?:day)?s?|tues?(?:day)?s?|wed(?:nesday)?s?|thu(?:r(?:s(?:day)?)?)?s?|fri(?:day)?s?|sat(?:urday)?s?|sun(?:day)?s?)\b|\bweekends?\b|\bweekdays?\b|\bdaily\b|\bholidays?\b|\bexcept\b|\bexcluding\b|\bclosed\b|\bappointments?\b|\bacademic\s+year\b|\bsemesters?\b|\bterms?\b|\bsummer\b|\bwinter\b|\bbreaks?\b|\bvar(?:y|ies)\b|\bnoon\b|\bmidnight\b|\bevenings?\b|\bmornings?\b|\bafternoons?\b|\bnights?\b|\bovernight\b|\d`)
)

// findHours reads the hours stated in text. It returns nil when no sentence speaks of hours,
// and notes for the reviewer.
func findHours(text string) (*directory.Hours, []string) {
	var hs []string
	for _, s := range sentences(text) {
		c := cleanSentence(text[s[0]:s[1]])
		if c != "" && hintRe.MatchString(c) && !slices.Contains(hs, c) {
			hs = append(hs, c)
		}
	}
	if len(hs) == 0 {
		return nil, nil
	}
	h := &directory.Hours{TimeZone: TimeZone, Description: strings.Join(hs, ". ")}

	var always []string
	clean := true
	for _, s := range hs {
		for _, m := range alwaysRe.FindAllString(s, -1) {
			if !slices.Contains(always, m) {
				always = append(always, m)
			}
		}
		if vagueRe.MatchString(withoutContacts(alwaysRe.ReplaceAllString(s, " "))) {
			clean = false
		}
	}
	if len(always) > 0 {
		if clean {
			h.Always = true
			h.Description = strings.Join(always, "; ")
			return h, []string{fmt.Sprintf("hours: read as open 24/7 from %q; check it", h.Description)}
		}
		return h, []string{"hours: kept in the source's words only (24/7 stated beside other hours): set them by hand"}
	}

	var weekly []directory.Window
	for _, s := range hs {
		ws, ok := windows(s)
		if !ok {
			return h, []string{"hours: kept in the source's words only (not stated as plain days and times): set them by hand"}
		}
		for _, w := range ws {
			if !slices.ContainsFunc(weekly, func(x directory.Window) bool {
				return slices.Equal(x.Days, w.Days) && x.Opens == w.Opens && x.Closes == w.Closes
			}) {
				weekly = append(weekly, w)
			}
		}
	}
	h.Weekly = weekly
	return h, []string{"hours: weekly windows read from the source's words; check them"}
}

// windows reads the weekly windows a sentence states, and whether it states nothing else
// about hours.
func windows(s string) ([]directory.Window, bool) {
	rest := []byte(s)
	var out []directory.Window
	blank := func(a, b int) {
		for i := a; i < b; i++ {
			rest[i] = ' '
		}
	}
	for _, m := range dayTimeRe.FindAllStringSubmatchIndex(s, -1) {
		w, ok := window(s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]])
		if !ok {
			return nil, false
		}
		out = append(out, w)
		blank(m[0], m[1])
	}
	r := string(rest)
	for _, m := range timeDayRe.FindAllStringSubmatchIndex(r, -1) {
		w, ok := window(r[m[6]:m[7]], r[m[2]:m[3]], r[m[4]:m[5]])
		if !ok {
			return nil, false
		}
		out = append(out, w)
		blank(m[0], m[1])
	}
	if len(out) == 0 || vagueRe.MatchString(withoutContacts(string(rest))) {
		return nil, false
	}
	return out, true
}

var dayCodes = []directory.Weekday{"MO", "TU", "WE", "TH", "FR", "SA", "SU"}

// window builds one window from a day phrase and two times.
func window(days, t1, t2 string) (directory.Window, bool) {
	ds, ok := parseDays(days)
	if !ok {
		return directory.Window{}, false
	}
	o, c, ok := parseRange(t1, t2)
	if !ok {
		return directory.Window{}, false
	}
	return directory.Window{Days: ds, Opens: fmt.Sprintf("%02d:%02d", o/60, o%60), Closes: fmt.Sprintf("%02d:%02d", c/60, c%60)}, true
}

func parseDays(s string) ([]directory.Weekday, bool) {
	l := strings.ToLower(s)
	switch {
	case strings.HasPrefix(l, "weekday"):
		return slices.Clone(dayCodes[:5]), true
	case strings.HasPrefix(l, "weekend"):
		return slices.Clone(dayCodes[5:]), true
	case l == "daily" || strings.HasPrefix(l, "every") || strings.HasSuffix(l, "days a week"):
		return slices.Clone(dayCodes), true
	}
	names := dayNameRe.FindAllString(s, -1)
	var idx []int
	for _, n := range names {
		i := slices.Index([]string{"mo", "tu", "we", "th", "fr", "sa", "su"}, strings.ToLower(n[:2]))
		if i < 0 {
			return nil, false
		}
		idx = append(idx, i)
	}
	if len(idx) == 0 {
		return nil, false
	}
	between := s
	if len(names) == 2 {
		a := strings.Index(s, names[0]) + len(names[0])
		b := strings.LastIndex(s, names[1])
		if a <= b {
			between = strings.ToLower(strings.TrimSpace(s[a:b]))
		}
	}
	var out []directory.Weekday
	if len(idx) == 2 && (between == "-" || between == "–" || between == "—" || between == "to" || between == "through" || between == "thru") {
		for i := idx[0]; ; i = (i + 1) % 7 {
			out = append(out, dayCodes[i])
			if i == idx[1] {
				break
			}
		}
		return out, true
	}
	for _, i := range idx {
		if !slices.Contains(out, dayCodes[i]) {
			out = append(out, dayCodes[i])
		}
	}
	return out, true
}

// clock is a time as written: hour, minute, and "am", "pm", "noon", "midnight" or "" when the
// text gives no meridiem.
type clock struct {
	h, m  int
	mer   string
	colon bool
	zero  bool // written with a leading zero, as 24-hour clocks are
}

func parseClockText(s string) (clock, bool) {
	l := strings.ToLower(strings.NewReplacer(" ", "", ".", "").Replace(s))
	switch l {
	case "noon":
		return clock{h: 12, mer: "noon"}, true
	case "midnight":
		return clock{mer: "midnight"}, true
	}
	var c clock
	switch {
	case strings.HasSuffix(l, "am"):
		c.mer, l = "am", strings.TrimSuffix(l, "am")
	case strings.HasSuffix(l, "pm"):
		c.mer, l = "pm", strings.TrimSuffix(l, "pm")
	}
	hs, ms, colon := strings.Cut(l, ":")
	c.colon, c.zero = colon, strings.HasPrefix(hs, "0")
	var err error
	if c.h, err = strconv.Atoi(hs); err != nil {
		return c, false
	}
	if colon {
		if c.m, err = strconv.Atoi(ms); err != nil || len(ms) != 2 || c.m > 59 {
			return c, false
		}
	}
	if c.mer != "" && (c.h < 1 || c.h > 12) {
		return c, false
	}
	return c, c.h <= 24
}

// minutes converts an am/pm clock to minutes after midnight.
func (c clock) minutes(mer string) int {
	h := c.h % 12
	if mer == "pm" {
		h += 12
	}
	return h*60 + c.m
}

// parseRange reads "t1 to t2" into minutes after midnight. It accepts only readings that
// leave no doubt: both times with am/pm (or noon, midnight), the first without when the second
// has one ("9–5pm"), or a 24-hour clock ("09:00–17:00"). "8:30–5" is refused. The closing
// time is 24:00 for midnight.
func parseRange(t1, t2 string) (opens, closes int, ok bool) {
	a, ok1 := parseClockText(t1)
	b, ok2 := parseClockText(t2)
	if !ok1 || !ok2 {
		return 0, 0, false
	}
	explicit := func(c clock) bool { return c.mer != "" }
	abs := func(c clock, closing bool) int {
		switch c.mer {
		case "noon":
			return 12 * 60
		case "midnight":
			if closing {
				return 24 * 60
			}
			return 0
		}
		return c.minutes(c.mer)
	}
	switch {
	case explicit(a) && explicit(b):
		opens, closes = abs(a, false), abs(b, true)
	case !explicit(a) && (b.mer == "am" || b.mer == "pm"):
		if a.h < 1 || a.h > 12 {
			return 0, 0, false
		}
		closes = abs(b, true)
		opens = a.minutes(b.mer)
		if opens >= closes {
			opens = a.minutes(map[string]string{"am": "pm", "pm": "am"}[b.mer])
		}
	case !explicit(a) && !explicit(b) && a.colon && b.colon && (a.zero || b.zero || a.h > 12 || b.h > 12):
		opens, closes = a.h*60+a.m, b.h*60+b.m
	default:
		return 0, 0, false
	}
	if closes == 0 {
		closes = 24 * 60
	}
	if opens >= 24*60 || closes > 24*60 || opens == closes {
		return 0, 0, false
	}
	return opens, closes, true
}

// anyExtRe is an extension anywhere, for [withoutContacts].
var anyExtRe = regexp.MustCompile(`(?i)(?:\bext\.?|\bextension|\bx)\s*(?:\d-\d{4}|\d{1,6})\b`)

// withoutContacts blanks the phone numbers, addresses and sites of s, whose digits say
// nothing about hours.
func withoutContacts(s string) string {
	for _, re := range []*regexp.Regexp{emailRe, urlRe, wwwRe, domainRe, phoneRe, anyExtRe, dialRe, shortRe} {
		s = re.ReplaceAllString(s, " ")
	}
	return s
}
