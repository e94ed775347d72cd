package navigator_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"signpost/internal/navigator"
)

// TestPairedTermsOnlyInTheBaseVocabulary: a language pack's paired term would be read as two
// adjacent words, so loading refuses it and says where.
func TestPairedTermsOnlyInTheBaseVocabulary(t *testing.T) {
	dir := t.TempDir()
	pack := `{"lang": "es", "concepts": {"research-misconduct": {"label": "mala conducta", "terms": ["{inventó|falsificó} … {datos|resultados}"]}}}`
	if err := os.WriteFile(filepath.Join(dir, "vocabulary-es.json"), []byte(pack), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := navigator.LoadKnowledgeDir(dir)
	if err == nil || !strings.Contains(err.Error(), "vocabulary-es.json") || !strings.Contains(err.Error(), "paired terms") {
		t.Fatalf("a pack with a paired term loaded: %v", err)
	}
}
