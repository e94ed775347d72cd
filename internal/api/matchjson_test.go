package api

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"
	"time"

	"signpost/internal/navigator"
	"signpost/internal/testenv"
)

// TestAppendJSONMatchesEncodingJSON holds the hand-written encoder to encoding/json's output,
// on views with every optional field set and unset and on strings that need escaping.
func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	yes := true
	next := "2026-11-24T17:00:00-05:00"
	tricky := "a\"b\\c\n\t<script>&amp;\u2028\u2029\x01 é \xff end"
	views := []MatchView{
		{Results: []MatchResultView{}},
		{Emergency: true, Urgency: "emergency", NoGoodMatch: true},
		{Urgency: tricky, Results: []MatchResultView{{
			ID: "x", Name: tricky, Summary: tricky, Score: 0.123, Why: []string{tricky, ""}, Confidentiality: "confidential",
			Emergency: true, Serves: nil, AvailableNow: &yes, NextChange: &next,
			Contacts: json.RawMessage(`[{"kind":"phone","value":"617"}]`), Links: ResultLinks{Self: "/s", HTML: "/h"},
		}, {ID: "y", Score: 1e-7, Links: ResultLinks{Self: "/s2", HTML: "/h2"}}, {ID: "z", Score: 1e22, Why: []string{}}}},
	}
	views[2].Understood.Topics = append(views[2].Understood.Topics, struct {
		ID    string   `json:"id"`
		Name  string   `json:"name"`
		Words []string `json:"words"`
	}{ID: "t", Name: tricky, Words: []string{"w"}})
	views[2].Understood.Role, views[2].Understood.RoleSource, views[2].Understood.Confidentiality = "staff", "inferred", "anonymous"
	views[2].Understood.TimeWords, views[2].Understood.Emergency = []string{"tonight"}, []string{"suicide"}
	for i, v := range views {
		var want bytes.Buffer
		if err := json.NewEncoder(&want).Encode(v); err != nil {
			t.Fatal(err)
		}
		if got := v.AppendJSON(nil); !bytes.Equal(got, want.Bytes()) {
			t.Errorf("view %d:\n got %s\nwant %s", i, got, want.Bytes())
		}
	}
}

// TestAppendJSONMatchesOnRealAnswers compares the two encoders on the answers to every concern
// of the development set and its own test sets.
func TestAppendJSONMatchesOnRealAnswers(t *testing.T) {
	d := testenv.Directory(t)
	c := testenv.Catalog(t, d)
	n := 0
	for _, file := range []string{"concerns-dev.jsonl", "concerns-own.jsonl"} {
		f, err := os.Open(filepath.Join("..", "..", "testdata", "eval", file))
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var line struct{ Q string }
			if json.Unmarshal(sc.Bytes(), &line) != nil || line.Q == "" {
				continue
			}
			ans, err := c.Match(navigator.Request{Text: line.Q, At: time.Date(2026, 11, 24, 17, 0, 0, 0, time.UTC)})
			if err != nil {
				t.Fatal(err)
			}
			v := NewMatchView(c, ans)
			var want bytes.Buffer
			json.NewEncoder(&want).Encode(v)
			if got := v.AppendJSON(nil); !bytes.Equal(got, want.Bytes()) {
				t.Fatalf("%q:\n got %s\nwant %s", line.Q, got, want.Bytes())
			}
			n++
		}
		f.Close()
	}
	if n < 100 {
		t.Fatalf("only %d concerns compared", n)
	}
}

// TestAppendStringEveryByte holds appendString to encoding/json for every byte value, alone
// and inside text, and for the runes it escapes.
func TestAppendStringEveryByte(t *testing.T) {
	var inputs []string
	for c := range 256 {
		inputs = append(inputs, string([]byte{byte(c)}), "ab"+string([]byte{byte(c)})+"cd")
	}
	inputs = append(inputs, "\u2028", "x\u2029y", "é😀", "\xe2\x80", "")
	// Each byte at every position of texts longer than the 8 bytes tested at once, and runs of
	// plain text around multi-byte runes.
	const plain = "The Ombuds Office helps, 24/7."
	for c := range 256 {
		for pos := range 20 {
			inputs = append(inputs, plain[:pos]+string([]byte{byte(c)})+plain[pos:])
		}
	}
	inputs = append(inputs, plain+"“quoted”"+plain, "é"+plain, plain+"\u2028", plain+"\xff"+plain, plain[:16], plain[:8])
	for _, s := range inputs {
		want, err := json.Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := appendString(nil, s); !bytes.Equal(got, want) {
			t.Errorf("appendString(%q) = %s, want %s", s, got, want)
		}
	}
}

// TestAppendFloatMatchesEncodingJSON: the three-decimal fast path writes what strconv writes,
// for every score of three decimals up to 2,000 and around the edges of the fast path.
func TestAppendFloatMatchesEncodingJSON(t *testing.T) {
	var fs []float64
	for k := range 2_000_000 {
		fs = append(fs, float64(k)/1000)
	}
	fs = append(fs, math.Copysign(0, -1), -0.5, 999_999.999, 1e6, 1e6+0.001, 0.0001, 1.0005, 1e-7, 1e21, 123456.789,
		math.Nextafter(0.1, 1), math.Nextafter(2.784, 0), math.SmallestNonzeroFloat64)
	for _, f := range fs {
		want, _ := json.Marshal(f)
		if got := appendFloat(nil, f); !bytes.Equal(got, want) {
			t.Fatalf("appendFloat(%v) = %s, want %s", f, got, want)
		}
	}
}

// FuzzAppendString holds appendString to encoding/json on any input.
func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain text of some length", "“quoted” <b>&amp;</b>\u2028\xff\x01", "é😀\"\\\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("appendString(%q) = %s, want %s", s, got, want)
		}
	})
}
