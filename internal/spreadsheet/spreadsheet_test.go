package spreadsheet_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"signpost/internal/directory"
	"signpost/internal/mitdusp"
	"signpost/internal/spreadsheet"
	"signpost/internal/testenv"
)

func write(t testing.TB, d *directory.Directory) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := spreadsheet.Write(&b, d); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// tricky is the default directory with every optional field set and text that needs escaping.
func tricky(t testing.TB) *directory.Directory {
	t.Helper()
	d := testenv.Varied(t)
	d.Resources[3].Keywords = []string{"a | b", `back\slash`, "", "two\nlines", " spaced "}
	d.Resources[4].Contacts = append(d.Resources[4].Contacts, directory.Contact{Kind: directory.ContactWeb, Purpose: directory.PurposeReport,
		Value: "trailing space ", Label: " | label: fake", Note: "note with \\n and\nbreak and |bars| "})
	d.Resources[5].Hours = &directory.Hours{TimeZone: "America/New_York", Always: true, Holidays: directory.HolidaysClosed, Calendar: "mit",
		Term: "academic-year", Description: "line one\nline two: colon | bar",
		Weekly: []directory.Window{{Days: []directory.Weekday{"MO", "TU"}, Opens: "09:00", Closes: "17:00"}, {Days: []directory.Weekday{"SA"}, Opens: "22:00", Closes: "02:00"}}}
	d.Resources[6].Description = "Quotes \" and, commas\nand lines"
	d.Resources[6].Translations = map[string]directory.Translation{"es": {Summary: "Línea | con barra\ny salto: dos puntos"}, "pt": {Summary: "Linha"}}
	return d
}

func TestRoundTripIsByteIdentical(t *testing.T) {
	def, err := mitdusp.Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		d    *directory.Directory
	}{{"defaults", def}, {"every field", tricky(t)}, {"empty", &directory.Directory{}}} {
		t.Run(tc.name, func(t *testing.T) {
			first := write(t, tc.d)
			got, err := spreadsheet.Read(bytes.NewReader(first))
			if err != nil {
				t.Fatalf("Read(Write(d)): %v", err)
			}
			if second := write(t, got); !bytes.Equal(first, second) {
				t.Fatalf("write → read → write differs:\n%s\n---\n%s", first, second)
			}
			// The resources themselves come back, field for field.
			for i := range tc.d.Resources {
				w, _ := json.Marshal(tc.d.Resources[i])
				h, _ := json.Marshal(got.Resources[i])
				if !bytes.Equal(w, h) {
					t.Errorf("resource %d:\n got %s\nwant %s", i, h, w)
				}
			}
			if len(got.Topics) != 0 || len(got.Calendar.Holidays) != 0 {
				t.Error("Read returned topics or a calendar; CSV carries resources only")
			}
		})
	}
}

func TestReadIsReadable(t *testing.T) {
	d := tricky(t)
	out := string(write(t, d))
	for _, want := range []string{
		"id,name,alternate_name,organization,section,status,kind,audience,confidentiality",
		"weekly: MO,TU 09:00-17:00\nweekly: SA 22:00-02:00\nholidays: closed\ncalendar: mit",
		"phone emergency | value: 617-253-1212",
		`a \| b`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("CSV lacks %q", want)
		}
	}
	// Columns in another order, and a byte order mark, read the same.
	in := "\ufeffname,id,description,audience,confidentiality,kind,contacts\nLine,line,Listens.,all,confidential,service,\"phone general | value: 555 | label: Call\"\n"
	got, err := spreadsheet.Read(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if r := got.Resources[0]; r.ID != "line" || r.Contacts[0].Value != "555" || r.Status != directory.StatusPublished {
		t.Errorf("Read reordered columns = %+v", r)
	}
}

func TestReadErrorsNameRowAndColumn(t *testing.T) {
	head := strings.Join(spreadsheet.Columns, ",") + "\n"
	okRow := func(id string) string {
		return id + ",Name,,Org,Sec,published,service,all,confidential,,,,,,Desc,,,src,text,,,,\n"
	}
	tests := []struct{ name, in, want string }{
		{"empty", "", "row 1: the file is empty"},
		{"unknown column", "id,name,colour\n", `row 1, column 3: "colour" is not a known column`},
		{"no id column", "name\n", `no "id" column`},
		{"bad status", head + strings.Replace(okRow("a"), "published", "live", 1), "row 2, column status"},
		{"bad contact", head + okRow("a") + strings.Replace(okRow("b"), "Desc,,", "Desc,phone general | colour: red,", 1), "row 3, column contacts: line 1"},
		{"bad escape", head + strings.Replace(okRow("a"), "Desc,,", `Desc,"phone general | value: \q | label: x",`, 1), `unknown escape \q`},
		{"bad hours", head + strings.Replace(okRow("a"), "Desc,,", "Desc,,open late", 1), "row 2, column hours"},
		{"invalid resource", head + strings.Replace(okRow("a"), "confidential", "secret", 1), `row 2: a: confidentiality "secret"`},
		{"duplicate", head + okRow("a") + okRow("a"), "row 3, column id: \"a\" is already on row 2"},
		{"too many cells", head + strings.TrimSuffix(okRow("a"), "\n") + ",extra,more\n", "row 2: 25 cells"},
		{"bad translation", head + strings.TrimSuffix(okRow("a"), "\n") + ",es Hola\n", "column summary_translations: line 1"},
		{"bare quote", head + "a,\"Na\"me\n", "line 2"},
		{"bad interval", head + strings.Replace(okRow("a"), "text,,,", "text,,weekly,", 1), "column review_interval_days"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := spreadsheet.Read(strings.NewReader(tc.in))
			if err == nil || !strings.Contains(directory.ErrorMessage(err), tc.want) {
				t.Fatalf("Read = %v, want an error containing %q", err, tc.want)
			}
		})
	}
}

// FuzzRead checks that no input makes Read panic, and that what it returns without error is
// valid resources with unique ids that write and read again to the same bytes.
func FuzzRead(f *testing.F) {
	def, err := mitdusp.Load()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(write(f, &directory.Directory{Resources: def.Resources[:4]}))
	f.Add(write(f, &directory.Directory{Resources: tricky(f).Resources[3:7]}))
	f.Add([]byte("id,name\na,b\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := spreadsheet.Read(bytes.NewReader(b))
		if err != nil {
			if directory.ErrorCode(err) != directory.EInvalid {
				t.Fatalf("Read error %v is not an invalid-input error", err)
			}
			return
		}
		ids := map[string]bool{}
		for i := range d.Resources {
			if err := d.Resources[i].Validate(); err != nil {
				t.Fatalf("Read returned an invalid resource: %v", err)
			}
			if ids[d.Resources[i].ID] {
				t.Fatalf("Read returned %s twice", d.Resources[i].ID)
			}
			ids[d.Resources[i].ID] = true
		}
		first := write(t, d)
		again, err := spreadsheet.Read(bytes.NewReader(first))
		if err != nil {
			t.Fatalf("what Read returned does not read again: %v", err)
		}
		if second := write(t, again); !bytes.Equal(first, second) {
			t.Fatalf("write → read → write differs:\n%q\n%q", first, second)
		}
	})
}
