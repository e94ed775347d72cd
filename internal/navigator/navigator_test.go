package navigator_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"signpost/internal/catalog"
	"signpost/internal/directory"
	"signpost/internal/navigator"
)

func match(t *testing.T, req navigator.Request) *navigator.Answer {
	t.Helper()
	if req.At.IsZero() {
		req.At = time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC) // a Tuesday, 7 AM in Boston
	}
	ans, err := sharedCatalog(t).Match(req)
	if err != nil {
		t.Fatalf("Match(%q): %v", req.Text, err)
	}
	return ans
}

var (
	sharedOnce sync.Once
	shared     *catalog.Catalog
)

// sharedCatalog is one default catalog for the tests that only match against it: building
// one per match made the emergency table most of the package's test time.
func sharedCatalog(t *testing.T) *catalog.Catalog {
	t.Helper()
	sharedOnce.Do(func() { shared = defaultCatalog(t) })
	if shared == nil {
		t.Fatal("the default catalog did not build")
	}
	return shared
}

func ids(a *navigator.Answer) []string {
	var out []string
	for _, r := range a.Results {
		out = append(out, r.Resource.ID)
	}
	return out
}

func TestDefaultKnowledgeHasNoDanglingReferences(t *testing.T) {
	c := defaultCatalog(t)
	if w := c.Navigator().Warnings(); len(w) > 0 {
		t.Fatalf("the default knowledge refers to missing resources or topics: %v", w)
	}
}

// TestFiguresOfSpeechRaiseNoAlarm uses sentences written for this test, not in any set.
func TestFiguresOfSpeechRaiseNoAlarm(t *testing.T) {
	for _, q := range []string{
		"my thesis is dead in the water",
		"I'm drowning in grading this week",
		"the demo crashed and burned in front of the sponsors",
		"this reading list is killing me",
		"my advisor will kill me if I miss the deadline again",
		"I got fired from my campus job",
		"shoot me an email about the TA schedule",
		"sprained my ankle at soccer, not an emergency",
		// One warning sign alone is everyday life; two together raise the alarm (below).
		"giving away my stuff before graduation, tell me if you want the desk",
		"said goodbye to my friends at the airport",
		"I broke my leg last semester and need extensions",
		"I drank too much at the formal and feel awful about what I said",
		"I have asthma and need a dorm room without carpet",
		"a pigeon keeps landing on the ledge outside my window",
		"I'm going to jump on a call with my advisor at noon",
		"I took too many classes this term and I'm behind",
		"she'd kill for a parking spot near building 32",
		"I said goodbye to my old lab and moved to Kendall",
		"heard a loud bang from the construction site across the street",
		"my startup went under and she left the company",
		"I fell in the pool at the party and my phone died",
	} {
		if a := match(t, navigator.Request{Text: q}); a.Emergency {
			t.Errorf("%q raised an emergency (%v)", q, a.Understood.Emergency)
		}
	}
}

// TestEmergenciesPutHelpFirst: every role gets the emergency services first, with a number.
func TestEmergenciesPutHelpFirst(t *testing.T) {
	for _, q := range []string{
		"my labmate collapsed and is not breathing",
		"there's a guy with a gun in the lobby",
		"smoke is pouring out of the lab oven and my labmate can't stand up",
		"I'm going to kill myself tonight",
		"my friend took a whole bottle of pills",
		"someone is stabbing people outside the student center",
		"my roommate gave away all his things this week and has stopped talking to anyone",
		"I think I was roofied at a bar in Central and can't see straight",
		"a construction worker fell from the scaffolding outside building 32",
		"my labmate broke her leg on the stairs and can't get up",
		"she told me she hopes she doesnt wake up tomorrow",
		"there is some unknown powder on the lab bench and my skin is burning",
		"my suitemate is way too drunk, throwing up and not responding to her name",
		"he keeps talking about ending everything and I can't reach him",
		"an unattended backpack has been sitting by the entrance of the library all day",
		"my labmate's sleeve got caught in the machine and his arm is twisted",
		"my son has asthma and his inhaler is not helping, he is gasping",
		"a student is sitting on the ledge of the parking garage roof",
		"fier in the stairwell of building 54",
		"my cousin took to many sleeping pills with wine",
		"she keeps saying shes gonna jump from her window",
		"I smell something burning and the smoke detector is going off",
		"my friend took something at a party and is hallucinating and her heart is racing",
		"a guy is getting beat up outside the bar on mass ave",
		"I think my neighbor's boyfriend is beating her right now, I hear thuds",
		"a guy has been stalking me for weeks and he's outside my building right now",
		"green cloud coming from the chemical storage room",
		"I got a needlestick from a used needle with patient blood at the clinic",
		"she texted me goodbye an hour ago and now her phone is off",
		"my toddler got into the cabinet and swallowed some dishwasher detergent",
		"my coworker is on the ground jerking and there is foam on his lips",
		"he is diabetic, sweaty and confused and his sugar is really low",
		"heard a huge bang in the basement lab and now there is smoke in the corridor",
		"a man fell into the river near the esplanade and can't stay afloat",
		"my roommate snorted something at a party and now his lips look blue",
	} {
		for _, role := range append([]directory.Role{""}, directory.Roles...) {
			a := match(t, navigator.Request{Text: q, Role: role})
			if !a.Emergency || a.Urgency != navigator.UrgencyEmergency || len(a.Results) == 0 {
				t.Fatalf("%q (role %q): emergency=%v urgency=%s", q, role, a.Emergency, a.Urgency)
			}
			first := a.Results[0]
			if first.Resource.ID != "mit-police" && first.Resource.ID != "mit-ems" {
				t.Errorf("%q (role %q): first result %s, want MIT Police or MIT EMS", q, role, first.Resource.ID)
			}
			if !strings.Contains(strings.Join(first.Why, " "), "617-253-1212") {
				t.Errorf("%q: the first result's why does not give the number to call: %v", q, first.Why)
			}
		}
	}
}

func TestRoleIsNeverViolated(t *testing.T) {
	for _, role := range directory.Roles {
		for _, q := range []string{"I feel so anxious I can't sleep", "my manager is harassing me", "where do I even start", "I need someone to talk to confidentially"} {
			for _, r := range match(t, navigator.Request{Text: q, Role: role}).Results {
				if !r.Resource.Serves(role) {
					t.Errorf("%q as %s: %s does not serve %s", q, role, r.Resource.ID, role)
				}
			}
		}
	}
}

func TestRoleReadFromText(t *testing.T) {
	tests := []struct {
		q    string
		want directory.Role
	}{
		{"as a lecturer I am worried about a student", directory.Faculty},
		{"I'm a sophomore and I failed a midterm", directory.Undergraduate},
		{"postdoc here, my PI ignores me", directory.Postdoc},
		{"my TA keeps making comments", ""}, // someone else's role
	}
	for _, tc := range tests {
		if got := match(t, navigator.Request{Text: tc.q}).Understood.Role; got != tc.want {
			t.Errorf("%q: understood role %q, want %q", tc.q, got, tc.want)
		}
	}
}

func TestConfidentialityWishKeepsReportingOfficesBack(t *testing.T) {
	for _, q := range []string{
		"someone in my lab makes racist remarks and I want to talk about it off the record",
		"I was assaulted last year and want to talk to someone confidentially",
	} {
		a := match(t, navigator.Request{Text: q})
		if a.Understood.Confidentiality == "" {
			t.Fatalf("%q: no confidentiality wish read", q)
		}
		for i, r := range a.Results[:min(3, len(a.Results))] {
			if !r.Resource.Confidentiality.Private() {
				t.Errorf("%q: result %d is %s (%s), want confidential or anonymous options first", q, i+1, r.Resource.ID, r.Resource.Confidentiality)
			}
		}
	}
	// The same wish from the form.
	a := match(t, navigator.Request{Text: "my manager keeps undermining me", Role: directory.Staff, Confidential: true})
	if id := a.Results[0].Resource.ID; !a.Results[0].Resource.Confidentiality.Private() {
		t.Errorf("confidential from the form: first result %s is not private", id)
	}
}

func TestAfterHoursUrgentPrefersWhatIsOpen(t *testing.T) {
	weeknight := time.Date(2026, 12, 2, 22, 30, 0, 0, time.FixedZone("EST", -5*3600))
	a := match(t, navigator.Request{Text: "I need to speak to a dean urgently tonight", Role: directory.Undergraduate, At: weeknight})
	if got := ids(a); len(got) == 0 || got[0] != "dean-on-call" {
		t.Fatalf("urgent dean on a weeknight: got %v, want dean-on-call first", got)
	}
	if a.Results[0].AvailableNow == nil || !*a.Results[0].AvailableNow {
		t.Fatal("dean-on-call should be available on a weeknight at 22:30")
	}
}

func TestSeveralConcernsInOneSentenceBothCount(t *testing.T) {
	a := match(t, navigator.Request{Text: "my advisor cut my funding and I also think someone is falsifying data in our lab", Role: directory.Graduate})
	got := strings.Join(ids(a), " ")
	for _, want := range []string{"gradsupport", "vp-research"} {
		if !strings.Contains(got, want) {
			t.Errorf("two concerns: results %v lack %s", got, want)
		}
	}
}

// TestTwoNeedsBothReachTheFirstThree: a loss and an exam are two needs; three answers to the
// loss alone leave the person without the office that speaks to instructors.
func TestTwoNeedsBothReachTheFirstThree(t *testing.T) {
	a := match(t, navigator.Request{Text: "my uncle passed away last week and I have two midterms coming up", Role: directory.Undergraduate})
	for _, topic := range []string{"mental-health", "academic-progress"} {
		found := false
		for _, r := range a.Results[:min(3, len(a.Results))] {
			found = found || slices.Contains(r.Resource.Topics, topic)
		}
		if !found {
			t.Errorf("first three %v: none has topic %s", ids(a)[:min(3, len(a.Results))], topic)
		}
	}
}

// TestPairedTermsReachAcrossWords: a paired term ("faked … images") holds across the words
// people put between its parts, within one sentence only.
func TestPairedTermsReachAcrossWords(t *testing.T) {
	topics := func(q string) []string {
		var out []string
		for _, tp := range match(t, navigator.Request{Text: q}).Understood.Topics {
			out = append(out, tp.ID)
		}
		return out
	}
	if got := topics("I think someone in my group faked half of the microscopy images in our paper"); !slices.Contains(got, "research-misconduct") {
		t.Errorf("faked … images: understood %v, want research-misconduct", got)
	}
	for _, q := range []string{
		"I faked a smile all week. Images from the retreat are online if anyone wants them",
		"faked a smile all week\nimages from the retreat are up",
	} {
		if got := topics(q); slices.Contains(got, "research-misconduct") {
			t.Errorf("%q, parts in two sentences: understood %v, want no research-misconduct", q, got)
		}
	}
}

// TestADangerOutweighsARequestForOrientation: "what should I do if …" asks for a way in, but
// the danger it supposes says which way; written for this test.
func TestADangerOutweighsARequestForOrientation(t *testing.T) {
	a := match(t, navigator.Request{Text: "what should i do if a labmate has a seizure? im a TA and want to be ready"})
	if !firstThreeHave(a, "physical-health") {
		t.Errorf("first three %v: none for physical health", ids(a))
	}
}

func TestTyposAreTolerated(t *testing.T) {
	a := match(t, navigator.Request{Text: "my advsior keeps harrasing me"})
	var topics []string
	for _, tp := range a.Understood.Topics {
		topics = append(topics, tp.ID)
	}
	joined := strings.Join(topics, " ")
	if !strings.Contains(joined, "harassment") || !strings.Contains(joined, "advisor-relationship") {
		t.Fatalf("typos: understood topics %v, want harassment and advisor-relationship", topics)
	}
}

func TestNothingFitsOffersNavigatorsHonestly(t *testing.T) {
	a := match(t, navigator.Request{Text: "purple elephants sing quietly"})
	if !a.NoGoodMatch || a.Emergency {
		t.Fatalf("nonsense: no_good_match=%v emergency=%v", a.NoGoodMatch, a.Emergency)
	}
	got := strings.Join(ids(a), " ")
	for _, want := range []string{"ask-mit", "ombuds"} {
		if !strings.Contains(got, want) {
			t.Errorf("nonsense: results %v lack the general navigator %s", got, want)
		}
	}
	for _, r := range a.Results {
		if len(r.Why) == 0 {
			t.Errorf("%s has no why", r.Resource.ID)
		}
	}
}

func TestEveryResultExplainsItself(t *testing.T) {
	a := match(t, navigator.Request{Text: "my advisor takes credit for my work", Role: directory.Graduate})
	for _, r := range a.Results {
		if len(r.Why) == 0 || strings.TrimSpace(r.Why[0]) == "" {
			t.Errorf("%s has no why", r.Resource.ID)
		}
	}
	if !strings.Contains(strings.Join(a.Results[0].Why, " "), "advisor") {
		t.Errorf("first why %v does not mention what the person said", a.Results[0].Why)
	}
}

func TestBadConcernsAreRefused(t *testing.T) {
	c := defaultCatalog(t)
	tests := []struct {
		q    string
		code string
	}{
		{"", directory.EInvalid},
		{"   \n\t ", directory.EInvalid},
		{"\x00\x01", directory.EInvalid},
		{"\xff\xfe", directory.EInvalid},
		{strings.Repeat("a", navigator.MaxConcernBytes+1), directory.ETooLarge},
	}
	for _, tc := range tests {
		_, err := c.Match(navigator.Request{Text: tc.q})
		if got := directory.ErrorCode(err); got != tc.code {
			t.Errorf("Match(%.20q) code = %q, want %q", tc.q, got, tc.code)
		}
		if err != nil && strings.Contains(err.Error(), tc.q) && tc.q != "" {
			t.Errorf("the error quotes the concern")
		}
	}
}

// TestKnowledgeIsDataOverridableWithoutRebuild writes a vocabulary file to a folder and
// checks that a navigator built from it uses the new term.
func TestKnowledgeIsDataOverridableWithoutRebuild(t *testing.T) {
	dir := t.TempDir()
	vocab := `{"concepts":[{"id":"zorb","label":"zorbing","terms":["zorbing"],"topics":{"faith":1}}]}`
	if err := os.WriteFile(filepath.Join(dir, navigator.VocabularyFile), []byte(vocab), 0o600); err != nil {
		t.Fatal(err)
	}
	k, err := navigator.LoadKnowledgeDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(k.Vocabulary.Concepts) != 1 || k.Concern == nil || len(k.Concern.Lexicons) == 0 {
		t.Fatalf("override: %d concepts, concern knowledge %v; want 1 from the folder and the default lexicons", len(k.Vocabulary.Concepts), k.Concern != nil)
	}
	d := defaultCatalog(t).Directory()
	a, err := navigator.New(k, d).Match(navigator.Request{Text: "questions about zorbing"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Understood.Topics) == 0 || a.Understood.Topics[0].ID != "faith" {
		t.Fatalf("override vocabulary not used: understood %+v", a.Understood.Topics)
	}
	if err := os.WriteFile(filepath.Join(dir, navigator.VocabularyFile), []byte(`{"concepts":[{"id":"x","terms":["y"],"topics":{"faith":1}, "typo_field": 1}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := navigator.LoadKnowledgeDir(dir); err == nil || !strings.Contains(err.Error(), "typo_field") {
		t.Fatalf("a misspelt key loaded without error: %v", err)
	}
}

// TestAliasesAreNames: the names people use ("MIT Medical", "VPR", "S3") lead to the
// resource as its own name does.
func TestAliasesAreNames(t *testing.T) {
	for q, want := range map[string]string{
		"can I see someone at MIT Medical about a rash": "mit-health",
		"how do I reach VPR":                            "violence-prevention-response",
		"should I talk to S3 about this":                "s3",
	} {
		a := match(t, navigator.Request{Text: q, Role: directory.Undergraduate})
		if got := ids(a); len(got) == 0 || !slices.Contains(got[:min(3, len(got))], want) {
			t.Errorf("%q: %v, want %s in the first three", q, got, want)
		}
	}
}

// TestAnonymityIsKeptWhenTheConcernIsNot: a person who asks to report anonymously gets an
// anonymous channel first, even when nothing else in the concern is understood, in English and
// in a pack's language.
func TestAnonymityIsKeptWhenTheConcernIsNot(t *testing.T) {
	for _, q := range []string{
		"I want to report something without it coming back to me: our manager keeps the overtime off the books",
		"unser labor rechnet stunden auf ein projekt ab an dem keiner arbeitet, würde das gern melden, aber anonym",
	} {
		a := match(t, navigator.Request{Text: q})
		if len(a.Results) == 0 || a.Results[0].Resource.Confidentiality != directory.Anonymous {
			var got []string
			for _, r := range a.Results {
				got = append(got, r.Resource.ID+":"+string(r.Resource.Confidentiality))
			}
			t.Errorf("%q: first results %v, want an anonymous channel first", q, got)
		}
	}
}

// TestRespondersAnswerADangerAskedAbout: a danger asked about rather than told ("if someone
// overdosed, who would show up?") raises no alarm, and the service that would respond is
// the answer. Asked for a screenplay, the same danger lifts no responder: a story's need is
// not an ambulance.
func TestRespondersAnswerADangerAskedAbout(t *testing.T) {
	a := match(t, navigator.Request{Text: "hypothetically, if someone overdosed at a party, who would show up?"})
	if a.Emergency || len(a.Results) == 0 || a.Results[0].Resource.ID != "mit-ems" {
		t.Errorf("emergency %v, first %v; want no alarm and the ambulance service first", a.Emergency, ids(a))
	}
	a = match(t, navigator.Request{Text: "for my screenplay: hypothetically, if someone overdosed at a party, who would show up?"})
	if a.Emergency || len(a.Results) > 0 && a.Results[0].Resource.ID == "mit-ems" {
		t.Errorf("in fiction: emergency %v, first %v; want no alarm and no responder lifted", a.Emergency, ids(a))
	}
}

// TestAPastDangerIsANeedToo: a danger told as past ("a guy followed me home last week") raises
// no alarm, but it is a need beside the one asked about (being scared, wanting it on record),
// and one of the first three answers it.
func TestAPastDangerIsANeedToo(t *testing.T) {
	a := match(t, navigator.Request{Text: "semana passada um cara me seguiu do metrô até o dormitório. nao aconteceu nada, ele foi embora, mas fiquei bem assustada e queria registrar isso em algum lugar"})
	if a.Emergency {
		t.Fatalf("a past danger raised an alarm: %v", ids(a))
	}
	if !firstThreeHave(a, "interpersonal-violence") {
		t.Errorf("no office for the violence among the first three: %v", ids(a))
	}
}

// TestViolenceCallsThePoliceFirst: when a person is the danger and someone is also hurt, the
// police come first (medics wait for a safe scene), whatever order the words come in.
func TestViolenceCallsThePoliceFirst(t *testing.T) {
	a := match(t, navigator.Request{Text: "two guys are punching each other in the shop right now, one is bleeding from the nose and I can't pull them apart"})
	if !a.Emergency || len(a.Results) == 0 || a.Results[0].Resource.ID != "mit-police" {
		t.Errorf("emergency %v, results %v; want the police first", a.Emergency, ids(a))
	}
}

// firstThreeHave reports whether one of the answer's first three results has topic.
func firstThreeHave(a *navigator.Answer, topic string) bool {
	for _, r := range a.Results[:min(3, len(a.Results))] {
		if slices.Contains(r.Resource.Topics, topic) {
			return true
		}
	}
	return false
}
