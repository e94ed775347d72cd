package hsds_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"signpost/internal/directory"
	"signpost/internal/hsds"
	"signpost/internal/mitdusp"
	"signpost/internal/synthetic"
	"signpost/internal/testenv"
)

// examples is where the official HSDS 3.0 examples are kept (shared/external/hsds).
const examples = "../../../shared/external/hsds/openreferral-specification-3.0/examples"

func encode(t testing.TB, d *directory.Directory) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := hsds.Encode(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// everyField is the default directory with every optional field set somewhere: statuses,
// review intervals, a retired topic, keywords, emergency flags.
func everyField(t testing.TB) *directory.Directory {
	t.Helper()
	d := testenv.Varied(t)
	d.Resources[3].Keywords = append(d.Resources[3].Keywords, `quotes " and <tags> & ampersands`)
	d.Resources[4].ConfidentialityNote = "Line one.\nLine two."
	d.Resources[4].Translations = map[string]directory.Translation{"es": {Summary: "Línea <uno> & \"dos\""}, "vi": {Summary: "Dòng"}}
	return d
}

func TestImportRoundTripIsByteIdentical(t *testing.T) {
	def, err := mitdusp.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		d    *directory.Directory
	}{
		{"defaults", def},
		{"every field", everyField(t)},
		{"synthetic", validUTF8(synthetic.Generate(def, 300, 40, 7))},
		{"empty", &directory.Directory{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			first := encode(t, tc.d)
			got, err := hsds.Import(first)
			if err != nil {
				t.Fatalf("Import(Export(%s)): %v", tc.name, err)
			}
			if second := encode(t, got); !bytes.Equal(first, second) {
				t.Fatalf("export → import → export differs: %d bytes, then %d", len(first), len(second))
			}
			// Beyond the bytes: the directory itself comes back, field for field.
			want, _ := json.Marshal(normalize(tc.d))
			have, _ := json.Marshal(normalize(got))
			if !bytes.Equal(want, have) {
				t.Fatalf("Import(Export(d)) != d:\n got %.400s\nwant %.400s", have, want)
			}
		})
	}
}

// validUTF8 repairs the names synthetic.Generate builds by upper-casing the first byte of a
// word, which splits a multi-byte letter: JSON cannot carry invalid UTF-8, so no JSON format
// round-trips such a name.
func validUTF8(d *directory.Directory) *directory.Directory {
	for i := range d.Resources {
		d.Resources[i].Name = strings.ToValidUTF8(d.Resources[i].Name, "\uFFFD")
	}
	return d
}

// normalize makes absent and empty lists alike, as JSON has it both ways.
func normalize(d *directory.Directory) *directory.Directory {
	c := *d
	c.Resources = append([]directory.Resource{}, d.Resources...)
	for i := range c.Resources {
		r := &c.Resources[i]
		if r.Topics == nil {
			r.Topics = []string{}
		}
		if r.Contacts == nil {
			r.Contacts = []directory.Contact{}
		}
	}
	if c.Topics == nil {
		c.Topics = []directory.Topic{}
	}
	if c.Calendar.Holidays == nil {
		c.Calendar.Holidays = []directory.Holiday{}
	}
	if c.Calendar.Terms == nil {
		c.Calendar.Terms = []directory.Term{}
	}
	return &c
}

func TestImportCarriesStatusAndFreshness(t *testing.T) {
	d := everyField(t)
	b := encode(t, d)
	ds := hsds.Export(d)
	if got := []string{ds.Services[0].Status, ds.Services[1].Status, ds.Services[2].Status}; !reflect.DeepEqual(got, []string{"inactive", "defunct", "active"}) {
		t.Errorf("HSDS statuses = %v, want inactive, defunct, active", got)
	}
	if ds.Services[2].AssuredDate != "2026-03-04" {
		t.Errorf("assured_date = %q, want the last verified date", ds.Services[2].AssuredDate)
	}
	got, err := hsds.Import(b)
	if err != nil {
		t.Fatal(err)
	}
	if got.Resources[0].Status != directory.StatusDraft || got.Resources[1].Status != directory.StatusRetired ||
		got.Resources[2].Provenance.ReviewIntervalDays != 45 || !got.Topics[len(got.Topics)-1].Retired {
		t.Errorf("status, review interval or retired topic lost: %+v %+v", got.Resources[0].Status, got.Resources[2].Provenance)
	}
}

// TestImportOfficialExamples imports every official example that holds services or
// organizations and checks, by walking the example's own JSON, that every organization and
// service name, phone number, e-mail address, URL, schedule and description is in the
// directory: names as resource or organization names, numbers, addresses and URLs as
// contacts, schedules (description, days and times) in the hours description, and every
// description somewhere in the resource's text.
func TestImportOfficialExamples(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(examples, "*.json"))
	if err != nil || len(files) == 0 {
		t.Skipf("no HSDS examples under %s", examples)
	}
	tested := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc any
		if err := json.Unmarshal(b, &doc); err != nil {
			t.Fatal(err)
		}
		if base := filepath.Base(f); base == "base.json" || strings.HasPrefix(base, "taxonomy") {
			continue // they describe no service, organization or location
		}
		w := &wanted{}
		w.walk(doc, "")
		tested++
		t.Logf("%s: %d names, %d phones, %d emails, %d urls, %d descriptions, %d schedule values", filepath.Base(f), len(w.names), len(w.phones), len(w.emails), len(w.urls), len(w.texts), len(w.schedule))
		t.Run(filepath.Base(f), func(t *testing.T) {
			d, err := hsds.Import(b)
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			have := found(d)
			for _, c := range []struct {
				what string
				want []string
				in   map[string]bool
			}{
				{"name", w.names, have.names}, {"phone", w.phones, have.phones}, {"e-mail", w.emails, have.emails},
				{"url", w.urls, have.urls},
			} {
				for _, v := range c.want {
					if !c.in[v] {
						t.Errorf("%s %q is not in the imported directory", c.what, v)
					}
				}
			}
			for _, v := range w.texts {
				if !strings.Contains(have.text, v) {
					t.Errorf("description %q is not in the imported directory", v)
				}
			}
			for _, v := range w.schedule {
				if !strings.Contains(have.hours, v) {
					t.Errorf("schedule value %q is not in the hours", v)
				}
			}
			for _, r := range d.Resources {
				if r.Audience != directory.AudienceAll || r.Confidentiality != directory.NotConfidential || r.Kind != directory.KindService ||
					!strings.HasPrefix(r.Provenance.Notes, hsds.ImportedNote) {
					t.Errorf("%s: %s, %s, %s, notes %.60q; want the conservative defaults and the note saying so", r.ID, r.Audience, r.Confidentiality, r.Kind, r.Provenance.Notes)
				}
			}
		})
	}
	if tested < 8 {
		t.Errorf("only %d examples with services, organizations or locations, want 8", tested)
	}
}

// wanted is what an example states.
type wanted struct {
	names, phones, emails, urls, texts, schedule []string
}

func (w *wanted) walk(v any, key string) {
	switch v := v.(type) {
	case []any:
		for _, it := range v {
			w.walk(it, key)
		}
	case map[string]any:
		switch key {
		case "", "contents", "services", "service", "organization", "organizations", "organizations.csv", "services.csv":
			if n, ok := v["name"].(string); ok {
				w.names = append(w.names, n)
			}
		case "phones", "phones.csv":
			if n, ok := v["number"].(string); ok {
				w.phones = append(w.phones, n)
			}
		case "schedules", "schedules.csv":
			for _, k := range []string{"description", "opens_at", "closes_at", "byday", "notes"} {
				if s, ok := v[k].(string); ok {
					w.schedule = append(w.schedule, s)
				}
			}
		}
		for k, x := range v {
			switch s, _ := x.(string); {
			case k == "email" && s != "":
				w.emails = append(w.emails, s)
			case (k == "url" || k == "website") && s != "":
				w.urls = append(w.urls, s)
			case k == "description" && s != "" && !strings.HasPrefix(key, "taxonom"):
				w.texts = append(w.texts, s)
			}
			w.walk(x, k)
		}
	}
}

type have struct {
	names, phones, emails, urls map[string]bool
	text, hours                 string
}

func found(d *directory.Directory) have {
	h := have{names: map[string]bool{}, phones: map[string]bool{}, emails: map[string]bool{}, urls: map[string]bool{}}
	var text, hours strings.Builder
	for _, r := range d.Resources {
		h.names[r.Name], h.names[r.Organization] = true, true
		for _, c := range r.Contacts {
			switch c.Kind {
			case directory.ContactPhone, directory.ContactText:
				h.phones[c.Value] = true
			case directory.ContactEmail:
				h.emails[c.Value] = true
			case directory.ContactWeb:
				h.urls[c.Value] = true
			}
			text.WriteString(c.Note + "\n")
		}
		text.WriteString(r.Description + "\n" + r.Provenance.Notes + "\n")
		if r.Hours != nil {
			hours.WriteString(r.Hours.Description + "\n")
			text.WriteString(r.Hours.Description + "\n")
		}
	}
	h.text, h.hours = text.String(), hours.String()
	return h
}

func TestImportErrorsNameThePath(t *testing.T) {
	valid := encode(t, everyField(t))
	tests := []struct {
		name, in, want string
	}{
		{"syntax", "{\n\"services\": [\n{,}]}", "line 3"},
		{"truncated", `{"services": [`, "ends too soon"},
		{"trailing", `{"services": []} {}`, "data after the document"},
		{"not an object", `[1, 2]`, "expected an object"},
		{"services not an array", `{"services": {}}`, "services: expected an array"},
		{"phone number an object", `{"services": [{"id": "x", "name": "A", "status": "active"}, {"id": "y", "name": "B", "status": "active", "phones": [{"number": {}}]}]}`, "services[1].phones[0].number: expected a string"},
		{"service without a name", `{"services": [{"id": "x", "status": "active"}]}`, "services[0].name: a name is required"},
		{"unknown shape", `{"hello": "world"}`, "not an HSDS service"},
		{"bad carried contact", strings.Replace(string(valid), `"value": "{\"kind\":\"phone\"`, `"value": "{\"kind\":5`, 1), "attributes"},
		{"bad review interval", strings.Replace(string(valid), `"value": "45"`, `"value": "forty-five"`, 1), "review interval"},
		{"script address", `{"services": [{"id": "x", "name": "A", "status": "active", "url": "javascript:alert(1)"}]}`, `services[0].url: "javascript:alert(1)" is not an address a browser should open`},
		{"invalid result", strings.Replace(string(valid), `"value": "person"`, `"value": "wizard"`, 1), `kind "wizard"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := hsds.Import([]byte(tc.in))
			if tc.want == "" {
				if err != nil {
					t.Fatalf("Import = %v, want no error", err)
				}
				return
			}
			if err == nil || !strings.Contains(directory.ErrorMessage(err), tc.want) || directory.ErrorCode(err) != directory.EInvalid {
				t.Fatalf("Import = %v, %v; want an invalid error containing %q", d, err, tc.want)
			}
		})
	}
}

// FuzzImport checks that no input makes Import panic and that whatever it returns without
// error is a valid directory that exports and imports again.
func FuzzImport(f *testing.F) {
	def, err := mitdusp.Load()
	if err != nil {
		f.Fatal(err)
	}
	small := &directory.Directory{Resources: def.Resources[:3], Topics: def.Topics, Calendar: directory.Calendar{Holidays: def.Calendar.Holidays[:2], Terms: def.Calendar.Terms[:1]}}
	f.Add(encode(f, small))
	files, _ := filepath.Glob(filepath.Join(examples, "*.json"))
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"services": [{"id": "x", "name": "A", "status": "active", "phones": [{"number": 5}]}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := hsds.Import(b)
		if err != nil {
			if directory.ErrorCode(err) != directory.EInvalid {
				t.Fatalf("Import error %v is not an invalid-input error", err)
			}
			return
		}
		if err := d.Validate(); err != nil {
			t.Fatalf("Import returned an invalid directory: %v", err)
		}
		again, err := hsds.Import(encode(t, d))
		if err != nil {
			t.Fatalf("the imported directory does not import again: %v", err)
		}
		if x, y := encode(t, d), encode(t, again); !bytes.Equal(x, y) {
			t.Fatal("export → import → export of an imported directory differs")
		}
	})
}
