// Package evaluation measures the navigator against a set of concerns with known good
// answers, with the metrics of the shared evaluation format: hit@3, emergency top-1,
// emergency recall and false alarms, confidentiality violations and audience violations.
//
// It imports the domain and the navigator's request and answer types; the caller supplies the
// function that answers, so the evaluation runs through the same code path as the API.
package evaluation

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"signpost/internal/directory"
	"signpost/internal/navigator"
)

// Case is one concern with what a knowledgeable staff member would point to.
type Case struct {
	ID        string     `json:"id"`
	Q         string     `json:"q"`
	Role      string     `json:"role,omitempty"`
	At        string     `json:"at,omitempty"`
	Emergency *bool      `json:"emergency,omitempty"`
	Top1      []string   `json:"top1,omitempty"`
	Top3      [][]string `json:"top3,omitempty"`
	NotTop3   []string   `json:"not_top3,omitempty"`
	// Lang is the language the concern is written in, as its writer states it; the
	// navigator is not told it (it must recognise the language itself).
	Lang string `json:"lang,omitempty"`
}

// ReadCases reads one [Case] per line; blank lines are skipped. An error names the line.
func ReadCases(r io.Reader) ([]Case, error) {
	var cases []Case
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		text := strings.TrimSpace(sc.Text())
		if text == "" {
			continue
		}
		var c Case
		dec := json.NewDecoder(strings.NewReader(text))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&c); err != nil {
			return nil, fmt.Errorf("line %d: %w", line, err)
		}
		if c.Q == "" {
			return nil, fmt.Errorf("line %d: case %q has no q", line, c.ID)
		}
		if c.Role != "" {
			if _, err := directory.ParseRole(c.Role); err != nil {
				return nil, fmt.Errorf("line %d: %s", line, directory.ErrorMessage(err))
			}
		}
		if c.At != "" {
			if _, err := time.Parse(time.RFC3339, c.At); err != nil {
				return nil, fmt.Errorf("line %d: at %q is not RFC 3339", line, c.At)
			}
		}
		cases = append(cases, c)
	}
	return cases, sc.Err()
}

// DefaultAt is the moment of asking for cases without "at": a Tuesday at noon in Boston, in
// office hours, so that a run gives the same answer whenever it happens.
var DefaultAt = time.Date(2026, 11, 24, 12, 0, 0, 0, time.FixedZone("EST", -5*3600))

// Matcher answers one request, as the API would.
type Matcher func(navigator.Request) (*navigator.Answer, error)

// Report holds the metrics and the misses of one run.
type Report struct {
	Cases int `json:"cases"`
	// HitAt3 is the share of cases with top3 whose every group has a member in the first three.
	HitAt3      float64 `json:"hit_at_3"`
	Top3Cases   int     `json:"top3_cases"`
	Top3Hits    int     `json:"top3_hits"`
	Top1Cases   int     `json:"emergency_top1_cases"`
	Top1Hits    int     `json:"emergency_top1_hits"`
	EmergencyT1 float64 `json:"emergency_top1"`
	// EmergencyRecall is flagged emergencies over cases marked emergency true.
	EmergencyRecall   float64 `json:"emergency_recall"`
	EmergencyCases    int     `json:"emergency_cases"`
	EmergencyFlagged  int     `json:"emergency_flagged"`
	FalseAlarms       int     `json:"false_alarms"`
	ConfViolations    int     `json:"confidentiality_violations"`
	AudienceViolation int     `json:"audience_violations"`
	// NonEmergencies counts the cases marked emergency false, over which false alarms run.
	NonEmergencies int `json:"non_emergency_cases"`
	// ByLang breaks the emergency figures and hit@3 down by the cases' lang, when any
	// case states one ("" for those that do not).
	ByLang map[string]*LangFigures `json:"by_lang,omitempty"`
	Misses []Miss                  `json:"misses"`
}

// LangFigures are one language's share of a [Report].
type LangFigures struct {
	Cases            int `json:"cases"`
	EmergencyCases   int `json:"emergency_cases"`
	EmergencyFlagged int `json:"emergency_flagged"`
	NonEmergencies   int `json:"non_emergency_cases"`
	FalseAlarms      int `json:"false_alarms"`
	Top3Cases        int `json:"top3_cases"`
	Top3Hits         int `json:"top3_hits"`
}

// Miss is one failed expectation of one case.
type Miss struct {
	ID     string   `json:"id"`
	Q      string   `json:"q"`
	Kind   string   `json:"kind"`
	Detail string   `json:"detail"`
	Got    []string `json:"got"`
}

// Run answers every case with match and computes the report. A case whose answer is an error
// counts as a miss of every expectation it has.
func Run(cases []Case, match Matcher, serves func(id string, role directory.Role) bool, now time.Time) Report {
	var rep Report
	rep.Cases = len(cases)
	for _, c := range cases {
		if c.Lang != "" && rep.ByLang == nil {
			rep.ByLang = map[string]*LangFigures{}
		}
	}
	for _, c := range cases {
		var lf *LangFigures
		if rep.ByLang != nil {
			if lf = rep.ByLang[c.Lang]; lf == nil {
				lf = &LangFigures{}
				rep.ByLang[c.Lang] = lf
			}
			lf.Cases++
		}
		req := navigator.Request{Text: c.Q, Role: directory.Role(c.Role), At: now}
		if c.At != "" {
			req.At, _ = time.Parse(time.RFC3339, c.At)
		}
		ans, err := match(req)
		var got []string
		flagged := false
		if err == nil {
			for _, r := range ans.Results {
				got = append(got, r.Resource.ID)
			}
			flagged = ans.Emergency
		}
		miss := func(kind, detail string) {
			rep.Misses = append(rep.Misses, Miss{ID: c.ID, Q: c.Q, Kind: kind, Detail: detail, Got: got})
		}
		if err != nil {
			miss("error", err.Error())
		}
		if len(c.Top3) > 0 {
			rep.Top3Cases++
			ok := true
			for _, group := range c.Top3 {
				if !anyIn(group, first(got, 3)) {
					ok = false
					miss("top3", fmt.Sprintf("none of %v in the first three", group))
				}
			}
			if ok {
				rep.Top3Hits++
			}
			if lf != nil {
				lf.Top3Cases++
				if ok {
					lf.Top3Hits++
				}
			}
		}
		if len(c.Top1) > 0 {
			rep.Top1Cases++
			if anyIn(c.Top1, first(got, 1)) {
				rep.Top1Hits++
			} else {
				miss("top1", fmt.Sprintf("first result not one of %v", c.Top1))
			}
		}
		if c.Emergency != nil {
			switch {
			case *c.Emergency:
				rep.EmergencyCases++
				if flagged {
					rep.EmergencyFlagged++
				} else {
					miss("emergency-missed", "an emergency was not flagged")
				}
			default:
				rep.NonEmergencies++
				if flagged {
					rep.FalseAlarms++
					miss("false-alarm", "flagged as an emergency but is not one")
				}
			}
			if lf != nil {
				if *c.Emergency {
					lf.EmergencyCases++
					if flagged {
						lf.EmergencyFlagged++
					}
				} else {
					lf.NonEmergencies++
					if flagged {
						lf.FalseAlarms++
					}
				}
			}
		}
		for _, id := range c.NotTop3 {
			if slices.Contains(first(got, 3), id) {
				rep.ConfViolations++
				miss("confidentiality", id+" is in the first three")
			}
		}
		if c.Role != "" {
			for _, id := range first(got, 5) {
				if !serves(id, directory.Role(c.Role)) {
					rep.AudienceViolation++
					miss("audience", id+" does not serve "+c.Role)
				}
			}
		}
	}
	rep.HitAt3 = ratio(rep.Top3Hits, rep.Top3Cases)
	rep.EmergencyT1 = ratio(rep.Top1Hits, rep.Top1Cases)
	rep.EmergencyRecall = ratio(rep.EmergencyFlagged, rep.EmergencyCases)
	return rep
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func first(s []string, n int) []string { return s[:min(n, len(s))] }

func anyIn(want, got []string) bool {
	for _, w := range want {
		if slices.Contains(got, w) {
			return true
		}
	}
	return false
}

// Thresholds are the minimum acceptable metrics.
type Thresholds struct {
	HitAt3           float64
	EmergencyTop1    float64
	EmergencyRecall  float64
	MaxFalseAlarms   int
	MaxConfViolation int
	MaxAudience      int
}

// Failures lists, in words, every threshold the report misses.
func (r Report) Failures(t Thresholds) []string {
	var out []string
	if r.HitAt3 < t.HitAt3 {
		out = append(out, fmt.Sprintf("hit@3 %.3f below %.3f", r.HitAt3, t.HitAt3))
	}
	if r.EmergencyT1 < t.EmergencyTop1 {
		out = append(out, fmt.Sprintf("emergency top1 %.3f below %.3f", r.EmergencyT1, t.EmergencyTop1))
	}
	if r.EmergencyRecall < t.EmergencyRecall {
		out = append(out, fmt.Sprintf("emergency recall %.3f below %.3f", r.EmergencyRecall, t.EmergencyRecall))
	}
	if r.FalseAlarms > t.MaxFalseAlarms {
		out = append(out, fmt.Sprintf("%d false alarms, more than %d", r.FalseAlarms, t.MaxFalseAlarms))
	}
	if r.ConfViolations > t.MaxConfViolation {
		out = append(out, fmt.Sprintf("%d confidentiality violations, more than %d", r.ConfViolations, t.MaxConfViolation))
	}
	if r.AudienceViolation > t.MaxAudience {
		out = append(out, fmt.Sprintf("%d audience violations, more than %d", r.AudienceViolation, t.MaxAudience))
	}
	return out
}

// Print writes the metrics and the misses in plain text.
func (r Report) Print(w io.Writer) {
	fmt.Fprintf(w, "cases:                      %d\n", r.Cases)
	fmt.Fprintf(w, "hit@3:                      %.3f (%d/%d)\n", r.HitAt3, r.Top3Hits, r.Top3Cases)
	fmt.Fprintf(w, "emergency top1:             %.3f (%d/%d)\n", r.EmergencyT1, r.Top1Hits, r.Top1Cases)
	fmt.Fprintf(w, "emergency recall:           %.3f (%d/%d)\n", r.EmergencyRecall, r.EmergencyFlagged, r.EmergencyCases)
	fmt.Fprintf(w, "false alarms:               %d (of %d non-emergencies)\n", r.FalseAlarms, r.NonEmergencies)
	fmt.Fprintf(w, "confidentiality violations: %d\n", r.ConfViolations)
	fmt.Fprintf(w, "audience violations:        %d\n", r.AudienceViolation)
	if len(r.ByLang) > 0 {
		fmt.Fprintf(w, "\nby language:\n")
		langs := make([]string, 0, len(r.ByLang))
		for l := range r.ByLang {
			langs = append(langs, l)
		}
		slices.Sort(langs)
		for _, l := range langs {
			f := r.ByLang[l]
			name := l
			if name == "" {
				name = "(none)"
			}
			fmt.Fprintf(w, "  %-6s cases %3d  recall %d/%d  false alarms %d/%d  hit@3 %d/%d\n", name, f.Cases, f.EmergencyFlagged, f.EmergencyCases, f.FalseAlarms, f.NonEmergencies, f.Top3Hits, f.Top3Cases)
		}
	}
	if len(r.Misses) > 0 {
		fmt.Fprintf(w, "\nmisses (%d):\n", len(r.Misses))
		for _, m := range r.Misses {
			fmt.Fprintf(w, "  %s [%s] %q: %s; got %v\n", m.ID, m.Kind, m.Q, m.Detail, m.Got)
		}
	}
}
