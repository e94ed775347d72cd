package hsds_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"signpost/internal/hsds"
	"signpost/internal/mitdusp"
)

func compile(t *testing.T, file string) *jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	s, err := c.Compile(filepath.Join("testdata", "schema", file))
	if err != nil {
		t.Fatalf("compile %s: %v", file, err)
	}
	return s
}

func validate(t *testing.T, s *jsonschema.Schema, body []byte, what string) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("%s: not JSON: %v", what, err)
	}
	if err := s.Validate(inst); err != nil {
		t.Errorf("%s is not valid HSDS: %v", what, err)
	}
}

func newServer(t *testing.T) (*httptest.Server, *hsds.Dataset) {
	d, err := mitdusp.Load()
	if err != nil {
		t.Fatal(err)
	}
	ds := hsds.Export(d)
	mux := http.NewServeMux()
	hsds.NewHandler(func() *hsds.Dataset { return ds }).Register(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv, ds
}

func get(t *testing.T, url string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

func TestIDsAreStableUUIDs(t *testing.T) {
	a, b := hsds.ID("service", "ombuds"), hsds.ID("service", "ombuds")
	if a != b || len(a) != 36 || a == hsds.ID("service", "idhr") {
		t.Fatalf("ID: %q, %q; want equal UUIDs per id, different across ids", a, b)
	}
	d, _ := mitdusp.Load()
	x, y := hsds.Export(d), hsds.Export(d)
	bx, _ := json.Marshal(x)
	by, _ := json.Marshal(y)
	if !bytes.Equal(bx, by) {
		t.Fatal("two exports of the same directory differ")
	}
}

// TestEveryServiceIsValidHSDS validates /services/{id} for every resource against the
// official compiled schema, and checks that nothing of the contacts and hours is lost.
func TestEveryServiceIsValidHSDS(t *testing.T) {
	srv, ds := newServer(t)
	schema := compile(t, "compiled/service_with_definitions.json")
	if len(ds.Services) != 35 {
		t.Fatalf("%d services, want 35", len(ds.Services))
	}
	phones := 0
	for _, s := range ds.Services {
		code, body := get(t, srv.URL+"/hsds/services/"+s.ID)
		if code != 200 {
			t.Fatalf("GET service %s = %d", s.Name, code)
		}
		validate(t, schema, body, "service "+s.Name)
		phones += len(s.Phones)
	}
	if phones < 6 {
		t.Errorf("only %d phones exported; the seed states at least 6 phone entries", phones)
	}
	var police hsds.Service
	for _, s := range ds.Services {
		if s.ID == hsds.ID("service", "mit-police") {
			police = s
		}
	}
	if len(police.Phones) != 3 || len(police.Schedules) != 1 || police.Organization != nil {
		t.Errorf("mit-police: %d phones, %d schedules; want 3 and 1 (24/7)", len(police.Phones), len(police.Schedules))
	}
}

func TestListsArePaginatedAndValid(t *testing.T) {
	srv, _ := newServer(t)
	serviceList := compile(t, "compiled/service_list.json")
	orgList := compile(t, "compiled/organization_list.json")
	term := compile(t, "taxonomy_term.json")
	taxonomy := compile(t, "taxonomy.json")
	var page struct {
		TotalItems int               `json:"total_items"`
		TotalPages int               `json:"total_pages"`
		PageNumber int               `json:"page_number"`
		Size       int               `json:"size"`
		LastPage   bool              `json:"last_page"`
		Contents   []json.RawMessage `json:"contents"`
	}
	code, body := get(t, srv.URL+"/hsds/services?page=2&per_page=10")
	if code != 200 || json.Unmarshal(body, &page) != nil {
		t.Fatalf("GET services page 2 = %d %s", code, body)
	}
	if page.TotalItems != 35 || page.TotalPages != 4 || page.PageNumber != 2 || page.Size != 10 || page.LastPage {
		t.Fatalf("page 2 of 10: %+v", page)
	}
	for _, c := range page.Contents {
		validate(t, serviceList, c, "service list item")
	}
	for _, tc := range []struct {
		path   string
		schema *jsonschema.Schema
	}{{"/hsds/organizations", orgList}, {"/hsds/taxonomy_terms?per_page=500", term}, {"/hsds/taxonomies", taxonomy}} {
		code, body := get(t, srv.URL+tc.path)
		if code != 200 || json.Unmarshal(body, &page) != nil || len(page.Contents) == 0 {
			t.Fatalf("GET %s = %d %s", tc.path, code, body)
		}
		for _, c := range page.Contents {
			validate(t, tc.schema, c, tc.path+" item")
		}
	}
	// A page past the end, however far, is an empty page (the offset once overflowed).
	for _, far := range []string{"/hsds/services?page=9223372036854775807", "/hsds/services?page=200000000000000000&per_page=50",
		"/hsds/organizations?page=9223372036854775807", "/hsds/taxonomy_terms?page=9223372036854775807&per_page=500", "/hsds/services?page=5&per_page=10"} {
		code, body := get(t, srv.URL+far)
		if code != 200 || json.Unmarshal(body, &page) != nil || len(page.Contents) != 0 {
			t.Errorf("GET %s = %d %.200s, want an empty page", far, code, body)
		}
	}
	for _, bad := range []string{"/hsds/services?page=0", "/hsds/services?per_page=1000", "/hsds/services?page=x", "/hsds/services?page=99999999999999999999", "/hsds/services?page=-3"} {
		if code, _ := get(t, srv.URL+bad); code != 400 {
			t.Errorf("GET %s = %d, want 400", bad, code)
		}
	}
	if code, _ := get(t, srv.URL+"/hsds/services/not-a-service"); code != 404 {
		t.Errorf("unknown service = %d, want 404", code)
	}
	if code, body := get(t, srv.URL+"/hsds/"); code != 200 || !bytes.Contains(body, []byte(`"version":"3.0"`)) {
		t.Errorf("GET /hsds/ = %d %s", code, body)
	}
}
