package web_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"signpost/internal/directory"
)

func TestResultsNeverCarryTheConcern(t *testing.T) {
	s := newSite(t)
	const secret = "zebracrossing"
	concern := "my advisor takes credit for my work " + secret
	r := s.post(t, "/", url.Values{"q": {concern}, "role": {"graduate"}})
	if r.status != 200 {
		t.Fatalf("POST / = %d, want 200", r.status)
	}
	checkPage(t, s, r, "results")
	for _, want := range []string{"Resources for you", "GradSupport", "Why this", "What we understood", "Graduate student", "Change your answers"} {
		if !strings.Contains(r.body, want) {
			t.Errorf("results lack %q", want)
		}
	}
	if loc := r.header.Get("Location"); loc != "" {
		t.Errorf("results redirect to %q", loc)
	}
	for _, u := range urls(r.body) {
		if strings.Contains(strings.ToLower(u), secret) || strings.Contains(u, "advisor+takes") || strings.Contains(u, "credit") {
			t.Errorf("an address on the results page carries the concern: %q", u)
		}
	}
	// The concern appears once: in the form that lets the person correct it.
	if n := strings.Count(r.body, secret); n != 1 {
		t.Errorf("the concern appears %d times on the results page, want once (in the correction form)", n)
	}
	if i := strings.Index(r.body, secret); i < strings.Index(r.body, "<textarea") {
		t.Errorf("the concern appears outside the correction form")
	}
	share := regexp.MustCompile(`href="(/results\?ids=[^"]+)"`).FindStringSubmatch(r.body)
	if share == nil {
		t.Fatal("the results have no share link")
	}
	kept := s.get(t, strings.ReplaceAll(share[1], "&amp;", "&"))
	if kept.status != 200 || !strings.Contains(kept.body, "GradSupport") || strings.Contains(kept.body, secret) {
		t.Errorf("GET %s = %d; want the same resources without the concern", share[1], kept.status)
	}
	if logs := s.logs.String(); strings.Contains(logs, secret) || strings.Contains(logs, "credit") {
		t.Errorf("the logs hold the concern:\n%s", logs)
	}
}

func TestEmergencyBannerComesFirst(t *testing.T) {
	s := newSite(t)
	r := s.post(t, "/", url.Values{"q": {"my roommate is unconscious and not breathing"}})
	if r.status != 200 {
		t.Fatalf("POST / = %d, want 200", r.status)
	}
	checkPage(t, s, r, "emergency results")
	alarm, list := strings.Index(r.body, `class="alarm"`), strings.Index(r.body, `class="cards"`)
	if alarm < 0 || list < 0 || alarm > list || alarm > strings.Index(r.body, "<h1") {
		t.Errorf("emergency results: banner at %d, list at %d; want the banner, with the h1, above everything", alarm, list)
	}
	if !strings.Contains(r.body, `class="call-big" href="tel:&#43;16172531212">Call 617-253-1212</a>`) {
		t.Error("the emergency banner lacks the number to call")
	}
}

func TestNoGoodMatchIsHonest(t *testing.T) {
	s := newSite(t)
	r := s.post(t, "/", url.Values{"q": {"purple elephants singing opera"}})
	if r.status != 200 {
		t.Fatalf("POST / = %d", r.status)
	}
	if !strings.Contains(r.body, "We could not tell which office fits best") || !strings.Contains(r.body, `class="cards"`) {
		t.Error("a concern nothing fits should say so and still list the general navigators")
	}
}

func TestBadConcernsGetTheFormBack(t *testing.T) {
	s := newSite(t)
	for _, tc := range []struct {
		name   string
		form   url.Values
		status int
		want   string
	}{
		{"empty", url.Values{"q": {""}}, 400, "Please describe what&#39;s going on in a few words"},
		{"blank", url.Values{"q": {"  \n\t "}, "role": {"staff"}}, 400, `<option value="staff" selected>`},
		{"long", url.Values{"q": {strings.Repeat("long words ", 250)}}, 413, "Please shorten it to under 2,000 characters"},
		{"huge body", url.Values{"q": {strings.Repeat("x", 20000)}}, 413, "Please shorten it"},
		{"bad role", url.Values{"q": {"help"}, "role": {"wizard"}}, 400, "Something in the form was not understood"},
		{"bad flag", url.Values{"q": {"help"}, "urgent": {"very"}}, 400, "Something in the form was not understood"},
	} {
		r := s.post(t, "/", tc.form)
		if r.status != tc.status || !strings.Contains(r.body, tc.want) || !strings.Contains(r.body, "<textarea") {
			t.Errorf("%s: POST / = %d, want %d with the form and %q", tc.name, r.status, tc.status, tc.want)
		}
		checkPage(t, s, r, tc.name)
	}
	// The shortened text is given back, so the person does not lose it.
	long := strings.Repeat("long words ", 250)
	if r := s.post(t, "/", url.Values{"q": {long}}); !strings.Contains(r.body, long[:200]) {
		t.Error("a too-long concern is not given back in the form")
	}
}

func TestSpanish(t *testing.T) {
	s := newSite(t)
	for _, tc := range []struct {
		name string
		r    response
	}{
		{"Accept-Language", s.get(t, "/", "Accept-Language", "es-MX,es;q=0.9,en;q=0.5")},
		{"?lang=es", s.get(t, "/?lang=es")},
	} {
		for _, want := range []string{`<html lang="es">`, "¿Qué está pasando?", "Salir de este sitio", "marque 100 desde un teléfono del campus"} {
			if !strings.Contains(tc.r.body, want) {
				t.Errorf("%s: the page lacks %q", tc.name, want)
			}
		}
		if got := tc.r.header.Get("Content-Language"); got != "es" {
			t.Errorf("%s: Content-Language %q, want es", tc.name, got)
		}
		checkPage(t, s, tc.r, tc.name)
	}
	// An explicit choice is carried in the page's own links and forms; one from the browser is not.
	es := s.get(t, "/?lang=es")
	for _, want := range []string{`href="/resources?lang=es"`, `action="/?lang=es"`, `href="/?lang=en" lang="en" hreflang="en">English</a>`} {
		if !strings.Contains(es.body, want) {
			t.Errorf("?lang=es: lacks %q", want)
		}
	}
	if r := s.get(t, "/", "Accept-Language", "es"); strings.Contains(r.body, `href="/resources?lang=es"`) {
		t.Error("a language from Accept-Language should not be put in links")
	}
	// The switch keeps the page and its query.
	if r := s.get(t, "/guide?role=staff&lang=es"); !strings.Contains(r.body, `href="/guide?lang=en&amp;role=staff"`) || !strings.Contains(r.body, "¿De qué se trata?") {
		t.Error("the language switch of a guide step does not keep the step")
	}
	// Resource data stays in English, marked as such for screen readers.
	if r := s.get(t, "/resources/ombuds?lang=es"); !strings.Contains(r.body, `<h1 lang="en">MIT Ombuds Office</h1>`) || !strings.Contains(r.body, "Confidencial: lo que cuente") {
		t.Error("a Spanish resource page should keep the name in English (lang=en) and explain confidentiality in Spanish")
	}
	// Spanish results, and their switch: the same list by ids, never the concern.
	r := s.post(t, "/?lang=es", url.Values{"q": {"my advisor takes credit for my work"}})
	if !strings.Contains(r.body, "Recursos para usted") || !strings.Contains(r.body, `hreflang="en"`) {
		t.Error("POST /?lang=es: no Spanish results")
	}
	if m := regexp.MustCompile(`href="([^"]*)" lang="en" hreflang="en"`).FindStringSubmatch(r.body); m == nil || !strings.HasPrefix(m[1], "/results?ids=") {
		t.Errorf("the language switch of the results should be the list by ids: %v", m)
	}
	if r := s.get(t, "/", "Accept-Language", "fr-FR,de;q=0.8"); !strings.Contains(r.body, `<html lang="en">`) {
		t.Error("an unsupported language should fall back to English")
	}
}

func TestEmergencyNumbersComeFromTheCatalog(t *testing.T) {
	s := newSiteWith(t, siteOptions{edit: func(d *directory.Directory) {
		for i := range d.Resources {
			if d.Resources[i].ID != "mit-police" {
				continue
			}
			for j := range d.Resources[i].Contacts {
				c := &d.Resources[i].Contacts[j]
				switch c.Purpose {
				case directory.PurposeEmergency:
					c.Value, c.URL = "617-555-0100", "tel:+16175550100"
				case directory.PurposeCampus:
					c.Value = "911"
				}
			}
		}
	}})
	r := s.get(t, "/privacy")
	if !strings.Contains(r.body, `href="tel:&#43;16175550100">617-555-0100</a>`) || !strings.Contains(r.body, "dial 911 from a campus phone") {
		t.Error("the strip does not take its numbers from the emergency resource's contacts")
	}
}

// TestGuidedCrisisPutsRespondersFirst: a crisis chosen in the guided path lists the emergency
// services and the options open around the clock before anything else, whatever role and
// confidentiality were chosen.
func TestGuidedCrisisPutsRespondersFirst(t *testing.T) {
	s := newSite(t)
	for _, path := range []string{
		"/guide?role=graduate&topic=crisis&confidential=no",
		"/guide?role=staff&topic=crisis&confidential=yes",
		"/guide?role=any&topic=crisis&confidential=yes",
	} {
		r := s.get(t, path)
		if r.status != 200 {
			t.Fatalf("GET %s = %d", path, r.status)
		}
		// The cards, after the emergency strip every page has.
		cards := r.body[strings.Index(r.body, `<ol class="cards"`):]
		police, ems := strings.Index(cards, ">MIT Police<"), strings.Index(cards, ">MIT Emergency Medical Services<")
		first := len(cards)
		for _, other := range []string{"Dean on Call", "MIT Office of Religious and Spiritual Life", "MIT Ombuds Office", "Let&#39;s Chat"} {
			if i := strings.Index(cards, other); i >= 0 && i < first {
				first = i
			}
		}
		if police < 0 || ems < 0 || police > first || ems > first {
			t.Errorf("GET %s: the emergency services are not listed first (police at %d, EMS at %d, first other at %d)", path, police, ems, first)
		}
	}
}

// TestUncoveredLanguageSaysSo: a concern in a language the navigator has no lexicon for is
// answered with a plain notice and the general options, never a confident guess.
func TestUncoveredLanguageSaysSo(t *testing.T) {
	s := newSite(t)
	r := s.post(t, "/", url.Values{"q": {"Мой научный руководитель постоянно на меня кричит"}})
	if r.status != 200 || !strings.Contains(r.body, "could not read the language") {
		t.Fatalf("status %d; the page does not say the language was not read", r.status)
	}
}

// TestNoMatchSaysItOnce: when nothing fits, the page says so once, plainly, and does not
// call the general options "best match first" or repeat the same reason on every card.
func TestNoMatchSaysItOnce(t *testing.T) {
	s := newSite(t)
	r := s.post(t, "/", url.Values{"q": {"zorblax quibbleflux wemberton"}})
	if r.status != 200 {
		t.Fatalf("status %d", r.status)
	}
	if strings.Count(r.body, "could not tell") != 1 {
		t.Errorf("the page says 'could not tell' %d times, want once", strings.Count(r.body, "could not tell"))
	}
	if strings.Contains(r.body, "Best match first") {
		t.Error("general options are introduced as 'best match first'")
	}
}
