package navigator_test

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"signpost/internal/navigator"
	"signpost/internal/testenv"
)

// TestPairedTermsInAPack: a language pack's paired term finds its action and object with
// words between them, in one sentence, through the pack's stemmer ("inventaron" as
// "inventó"'s stem); a pack matched by substring, with no words to count, refuses one.
func TestPairedTermsInAPack(t *testing.T) {
	dir := t.TempDir()
	pack := `{"lang": "es", "concepts": {"research-misconduct": {"label": "mala conducta", "terms": ["{inventar|falsificar} … {datos|resultados}"]}}}`
	if err := os.WriteFile(filepath.Join(dir, "vocabulary-es.json"), []byte(pack), 0o600); err != nil {
		t.Fatal(err)
	}
	k, err := navigator.LoadKnowledgeDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	nav := navigator.New(k, testenv.Directory(t))
	topics := func(q string) []string {
		a, err := nav.Match(navigator.Request{Text: q, Lang: "es"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, tp := range a.Understood.Topics {
			ids = append(ids, tp.ID)
		}
		return ids
	}
	if got := topics("creo que inventaron parte de los resultados del ensayo"); !slices.Contains(got, "research-misconduct") {
		t.Errorf("a pair with words between was not read: topics %v", got)
	}
	if got := topics("nos gusta inventar juegos. Los resultados del examen salieron hoy"); slices.Contains(got, "research-misconduct") {
		t.Errorf("a pair was read across a sentence: topics %v", got)
	}

	zh := `{"lang": "zh", "substring": true, "concepts": {"research-misconduct": {"label": "学术不端", "terms": ["伪造 … 数据"]}}}`
	if err := os.WriteFile(filepath.Join(dir, "vocabulary-zh.json"), []byte(zh), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = navigator.LoadKnowledgeDir(dir)
	if err == nil || !strings.Contains(err.Error(), "vocabulary-zh.json") || !strings.Contains(err.Error(), "paired terms") {
		t.Fatalf("a substring pack with a paired term loaded: %v", err)
	}
}
