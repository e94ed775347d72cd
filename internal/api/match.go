package api

import (
	"encoding/json"
	"net/http"
	"time"

	"signpost/internal/catalog"
	"signpost/internal/directory"
	"signpost/internal/navigator"
)

// MatchView is the navigator's answer as the API, the CLI and the evaluation print it.
type MatchView struct {
	Emergency   bool                 `json:"emergency"`
	Urgency     string               `json:"urgency"`
	Understood  navigator.Understood `json:"understood"`
	NoGoodMatch bool                 `json:"no_good_match"`
	// LanguageNotCovered says the concern is in a language the navigator has no lexicon
	// for: the results are the general options (and the emergency services if it read a
	// danger), not a reading of the concern.
	LanguageNotCovered bool              `json:"language_not_covered,omitempty"`
	Results            []MatchResultView `json:"results"`
}

// MatchResultView is one recommended resource.
type MatchResultView struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Summary string `json:"summary,omitempty"`
	// SummaryLang is the summary's language when it is a translation ("es"), empty when it
	// is the directory's own text.
	SummaryLang     string           `json:"summary_lang,omitempty"`
	Score           float64          `json:"score"`
	Why             []string         `json:"why"`
	Confidentiality string           `json:"confidentiality"`
	Emergency       bool             `json:"emergency"`
	Serves          []directory.Role `json:"serves"`
	AvailableNow    *bool            `json:"available_now"`
	NextChange      *string          `json:"next_change"`
	Contacts        json.RawMessage  `json:"contacts"`
	Links           ResultLinks      `json:"links"`
}

// ResultLinks are where a result's resource is, as JSON and as a page.
type ResultLinks struct {
	HTML string `json:"html"`
	Self string `json:"self"`
}

// NewMatchView turns an answer over catalog c into its API form.
func NewMatchView(c *catalog.Catalog, a *navigator.Answer) MatchView {
	v := MatchView{Emergency: a.Emergency, Urgency: a.Urgency, Understood: a.Understood, NoGoodMatch: a.NoGoodMatch, LanguageNotCovered: a.LanguageNotCovered, Results: make([]MatchResultView, 0, len(a.Results))}
	if v.Understood.Topics == nil {
		v.Understood.Topics = []navigator.UnderstoodTopic{}
	}
	for _, r := range a.Results {
		res := r.Resource
		summary, summaryLang := res.SummaryIn(a.Lang)
		rv := MatchResultView{
			ID: res.ID, Name: res.Name, Summary: summary, SummaryLang: summaryLang, Score: float64(int(r.Score*1000)) / 1000, Why: r.Why,
			Confidentiality: string(res.Confidentiality), Emergency: res.Emergency, Serves: res.Audience.Roles(),
			AvailableNow: r.AvailableNow, Contacts: c.ContactsJSON(res.ID),
			Links: ResultLinks{Self: "/api/v1/resources/" + res.ID, HTML: "/resources/" + res.ID},
		}
		if rv.Why == nil {
			rv.Why = []string{}
		}
		if r.NextChange != nil {
			s := r.NextChange.Format(time.RFC3339)
			rv.NextChange = &s
		}
		v.Results = append(v.Results, rv)
	}
	return v
}

func (s *Server) match(w http.ResponseWriter, r *http.Request) {
	f, err := readMatchFields(w, r)
	var req navigator.Request
	if err == nil {
		req, err = f.Request(s.Now())
	}
	if err != nil {
		Error(w, r, s.logger, err)
		return
	}
	c := s.live.Current()
	start := time.Now()
	ans, err := c.Match(req)
	if s.ObserveMatch != nil {
		s.ObserveMatch(time.Since(start))
	}
	if err != nil {
		Error(w, r, s.logger, err)
		return
	}
	view := NewMatchView(c, ans)
	if s.encodingJSON {
		writeJSON(w, http.StatusOK, view)
		return
	}
	writeBody(w, http.StatusOK, func(b []byte) ([]byte, error) { return view.AppendJSON(b), nil })
}
