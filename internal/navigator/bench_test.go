package navigator_test

import (
	"bufio"
	"encoding/json"
	"os"
	"runtime"
	"slices"
	"sync"
	"testing"
	"time"

	"signpost/internal/catalog"
	"signpost/internal/mitdusp"
	"signpost/internal/navigator"
	"signpost/internal/synthetic"
	"signpost/internal/testenv"
)

// benchConcerns are the dev set's concerns: realistic length and vocabulary.
func benchConcerns(tb testing.TB) []string {
	tb.Helper()
	f, err := os.Open("../../testdata/eval/concerns-dev.jsonl")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var c struct{ Q string }
		if json.Unmarshal(sc.Bytes(), &c) == nil && c.Q != "" {
			out = append(out, c.Q)
		}
	}
	return out
}

func defaultCatalog(tb testing.TB) *catalog.Catalog {
	tb.Helper()
	return testenv.Catalog(tb, testenv.Directory(tb))
}

// benchMatch runs Match over the concerns round-robin and reports the median and 99th
// percentile latency besides the mean.
func benchMatch(b *testing.B, c *catalog.Catalog, concerns []string) {
	at := time.Date(2026, 11, 24, 12, 0, 0, 0, time.UTC)
	lat := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		start := time.Now()
		if _, err := c.Match(navigator.Request{Text: concerns[i%len(concerns)], At: at}); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	reportPercentiles(b, lat)
}

func reportPercentiles(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Nanoseconds()), "p50-ns")
	b.ReportMetric(float64(lat[len(lat)*99/100].Nanoseconds()), "p99-ns")
}

// BenchmarkMatchDefault: one match over the default directory (target: ≤ 20 µs median).
func BenchmarkMatchDefault(b *testing.B) {
	benchMatch(b, defaultCatalog(b), benchConcerns(b))
}

var (
	bigOnce    sync.Once
	bigCatalog *catalog.Catalog
	bigBuild   time.Duration
	bigHeapMB  float64
)

// syntheticCatalog builds, once, a catalog over 100,000 synthetic resources of 60 words,
// measuring the build time and the heap it holds.
func syntheticCatalog(tb testing.TB) *catalog.Catalog {
	bigOnce.Do(func() {
		base, err := mitdusp.Load()
		if err != nil {
			tb.Fatal(err)
		}
		d := synthetic.Generate(base, 100_000, 60, 1)
		k, err := navigator.DefaultKnowledge()
		if err != nil {
			tb.Fatal(err)
		}
		runtime.GC()
		var before runtime.MemStats
		runtime.ReadMemStats(&before)
		start := time.Now()
		bigCatalog, err = catalog.New(d, k, time.Now())
		bigBuild = time.Since(start)
		if err != nil {
			tb.Fatal(err)
		}
		runtime.GC()
		var after runtime.MemStats
		runtime.ReadMemStats(&after)
		bigHeapMB = float64(after.HeapAlloc) / (1 << 20)
		_ = before
	})
	return bigCatalog
}

// BenchmarkMatch100k: one match over 100,000 synthetic resources (target: < 2 ms median,
// < 10 ms p99 on one core; run with -cpu 1). It also reports the index build time and the
// heap in use with the directory and index loaded (targets: < 20 s, < 500 MB).
func BenchmarkMatch100k(b *testing.B) {
	c := syntheticCatalog(b)
	benchMatch(b, c, benchConcerns(b))
	b.ReportMetric(bigBuild.Seconds(), "build-s")
	b.ReportMetric(bigHeapMB, "heap-MB")
}

// BenchmarkMatchLanguages: a match over the default directory for concerns in the covered
// languages other than English (budget: p50 ≤ 100 µs), written for this benchmark.
func BenchmarkMatchLanguages(b *testing.B) {
	benchMatch(b, defaultCatalog(b), []string{
		"mi asesor me grita delante de todo el laboratorio y ya no sé qué hacer, soy estudiante de doctorado",
		"mi compañera de cuarto no respira, ayuda por favor",
		"我的室友吃了很多安眠药，现在叫不醒",
		"实验室有人晕倒了怎么办",
		"친구가 숨을 안 쉬어요 도와주세요",
		"지도교수님과 갈등이 있어서 상담받고 싶어요",
		"صديقي فقد الوعي ولا يتنفس",
		"मेरा दोस्त बेहोश हो गया है और सांस नहीं ले रहा",
		"meu colega de quarto tomou muitos comprimidos e não acorda",
		"il y a de la fumée dans le couloir du dortoir",
		"mein Mitbewohner hat Tabletten genommen und reagiert nicht",
		"ban cung phong em bat tinh roi, khong tho nua",
	})
}

// BenchmarkNew builds a navigator over the default directory with one knowledge, as a catalog
// reload after an edit does: the concern reader of that knowledge is compiled once and kept,
// the vocabulary, packs and directory every time.
func BenchmarkNew(b *testing.B) {
	d, err := mitdusp.Load()
	if err != nil {
		b.Fatal(err)
	}
	k, err := navigator.DefaultKnowledge()
	if err != nil {
		b.Fatal(err)
	}
	navigator.New(k, d)
	b.ResetTimer()
	for range b.N {
		navigator.New(k, d)
	}
}
