package navigator_test

import (
	"slices"
	"testing"
	"time"

	"signpost/internal/navigator"
)

// TestSubstringPacksReadWordsWithoutSpaces: a Chinese concern holds its words without spaces
// between them, and the Chinese pack's terms are found inside it.
func TestSubstringPacksReadWordsWithoutSpaces(t *testing.T) {
	c := defaultCatalog(t)
	k := c.Navigator().Knowledge()
	zh, ok := k.Packs["zh"]
	if !ok || !zh.Substring {
		t.Skip("no Chinese substring pack")
	}
	var concept, term string
	for _, id := range []string{"change-advisor", "advisor", "research-misconduct"} {
		if pc, ok := zh.Concepts[id]; ok && len(pc.Terms) > 0 {
			concept, term = id, pc.Terms[0]
			break
		}
	}
	if term == "" {
		t.Fatal("the Chinese pack has none of the concepts this test reads")
	}
	topics := map[string][]string{}
	for _, vc := range k.Vocabulary.Concepts {
		if vc.ID == concept {
			for id := range vc.Topics {
				topics[concept] = append(topics[concept], id)
			}
		}
	}
	at := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	ans, err := c.Match(navigator.Request{Text: "我觉得" + term + "这件事让我很困扰，不知道该怎么办", At: at})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, u := range ans.Understood.Topics {
		found = found || slices.Contains(topics[concept], u.ID)
	}
	if !found {
		t.Errorf("the Chinese term %q (%s) inside a sentence was not read: %+v", term, concept, ans.Understood.Topics)
	}
}
